// read_environment / apply_environment / prepare_environment: GoogleTest's, Bazel's, the colour conventions' and the
// sanitizers' variables, and the errors of nonsense values.
#include <testkit/run/environment.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <testkit/run/settings.hpp>
#include <testkit/testkit.hpp>

namespace {

using Variables = std::map<std::string, std::string>;

/// read_environment over `variables` instead of the process environment; `error` receives its message.
testkit::EnvironmentSettings read(const Variables& variables, std::string& error) {
  return testkit::read_environment(
      [&](const char* name) -> const char* {
        const auto found = variables.find(name);
        return found == variables.end() ? nullptr : found->second.c_str();
      },
      error);
}

TK_TEST(Environment, nothing_set_gives_no_settings) {
  std::string error;
  const auto settings = read({}, error);
  TK_EXPECT_EQ(error, "");
  TK_EXPECT_FALSE(settings.shard.has_value());
  TK_EXPECT_EQ(settings.filter, "");
  TK_EXPECT_EQ(settings.run.shard_status_file, "");
  TK_EXPECT_EQ(settings.run.premature_exit_file, "");
  TK_EXPECT_EQ(settings.run.temp_dir, "");
}

TK_TEST(Environment, gtest_shard_variables_name_the_shard) {
  std::string error;
  const auto settings = read({{"GTEST_SHARD_INDEX", "2"}, {"GTEST_TOTAL_SHARDS", "3"}}, error);
  TK_EXPECT_EQ(error, "");
  TK_ASSERT(settings.shard.has_value());
  TK_EXPECT_EQ(settings.shard->index, 2u);
  TK_EXPECT_EQ(settings.shard->count, 3u);
}

TK_TEST(Environment, bazel_variables_are_read_when_gtest_ones_are_absent) {
  std::string error;
  const auto bazel = read({{"TEST_SHARD_INDEX", "0"},
                           {"TEST_TOTAL_SHARDS", "4"},
                           {"TEST_SHARD_STATUS_FILE", "/s"},
                           {"TESTBRIDGE_TEST_ONLY", "A.*"},
                           {"TEST_PREMATURE_EXIT_FILE", "/p"},
                           {"TEST_TMPDIR", "/t"}},
                          error);
  TK_EXPECT_EQ(error, "");
  TK_ASSERT(bazel.shard.has_value());
  TK_EXPECT_EQ(bazel.shard->count, 4u);
  TK_EXPECT_EQ(bazel.run.shard_status_file, "/s");
  TK_EXPECT_EQ(bazel.filter, "A.*");
  TK_EXPECT_EQ(bazel.run.premature_exit_file, "/p");
  TK_EXPECT_EQ(bazel.run.temp_dir, "/t");

  const auto both = read({{"TEST_SHARD_INDEX", "0"},
                          {"TEST_TOTAL_SHARDS", "4"},
                          {"GTEST_SHARD_INDEX", "1"},
                          {"GTEST_TOTAL_SHARDS", "2"},
                          {"TEST_SHARD_STATUS_FILE", "/bazel"},
                          {"GTEST_SHARD_STATUS_FILE", "/gtest"}},
                         error);
  TK_ASSERT(both.shard.has_value());
  TK_EXPECT_EQ(both.shard->index, 1u);
  TK_EXPECT_EQ(both.shard->count, 2u);
  TK_EXPECT_EQ(both.run.shard_status_file, "/gtest");
}

TK_TEST(Environment, nonsense_shards_are_errors_that_name_the_variables) {
  const Variables bad[] = {
      {{"GTEST_SHARD_INDEX", "1"}},
      {{"GTEST_TOTAL_SHARDS", "3"}},
      {{"GTEST_SHARD_INDEX", "3"}, {"GTEST_TOTAL_SHARDS", "3"}},
      {{"GTEST_SHARD_INDEX", "0"}, {"GTEST_TOTAL_SHARDS", "0"}},
      {{"GTEST_SHARD_INDEX", "-1"}, {"GTEST_TOTAL_SHARDS", "3"}},
      {{"GTEST_SHARD_INDEX", "1x"}, {"GTEST_TOTAL_SHARDS", "3"}},
      {{"TEST_SHARD_INDEX", "0"}, {"TEST_TOTAL_SHARDS", "two"}},
  };
  for (const Variables& variables : bad) {
    std::string error;
    const auto settings = read(variables, error);
    TK_EXPECT_FALSE(settings.shard.has_value(), "{}", error);
    TK_EXPECT_CONTAINS(error, variables.begin()->first);
  }
}

TK_TEST(Environment, apply_sets_shard_and_filter_and_prepare_sets_tmpdir_and_touches_the_status_file) {
  // Each test runs in a process of its own, so changing this process's environment stays here.
  ::unsetenv("TMPDIR");
  const std::string status =
      (std::filesystem::temp_directory_path() / ("testkit-shard-status-" + std::to_string(::getpid()))).string();
  std::filesystem::remove(status);
  testkit::Settings settings;
  const std::string error = testkit::apply_environment({.shard = testkit::Shard{.index = 1, .count = 2},
                                                        .filter = "A.*",
                                                        .run = {.shard_status_file = status, .temp_dir = "/t"}},
                                                       "unit_tests", settings);
  TK_EXPECT_EQ(error, "");
  TK_EXPECT_EQ(settings.shard.index, 1u);
  TK_EXPECT_EQ(settings.filter, "A.*");
  TK_EXPECT_EQ(testkit::prepare_environment(settings.run_environment), "");
  TK_EXPECT_EQ(std::string(::getenv("TMPDIR")), "/t");
  TK_EXPECT(std::filesystem::exists(status));
  std::filesystem::remove(status);
}

TK_TEST(Environment, the_command_line_filter_wins_and_a_set_tmpdir_stays) {
  ::setenv("TMPDIR", "/mine", 1);
  testkit::Settings settings{.filter = "B.*"};
  TK_EXPECT_EQ(testkit::apply_environment({.filter = "A.*", .run = {.temp_dir = "/t"}}, "unit_tests", settings), "");
  TK_EXPECT_EQ(settings.filter, "B.*");
  TK_EXPECT_EQ(testkit::prepare_environment(settings.run_environment), "");
  TK_EXPECT_EQ(std::string(::getenv("TMPDIR")), "/mine");
}

TK_TEST(Environment, a_malformed_bazel_filter_is_an_error_unless_the_command_line_gives_one) {
  testkit::Settings settings;
  const std::string error = testkit::apply_environment({.filter = "Foo["}, "unit_tests", settings);
  TK_EXPECT_CONTAINS(error, "TESTBRIDGE_TEST_ONLY: malformed filter 'Foo[': '[' at column 4");
  testkit::Settings given{.filter = "B.*"};
  TK_EXPECT_EQ(testkit::apply_environment({.filter = "Foo["}, "unit_tests", given), "");
}

TK_TEST(Environment, tmp_path_goes_under_tmpdir_else_test_tmpdir_else_tmp_made_absolute) {
  const auto root_of = [](std::string tmpdir, std::string test_tmpdir) {
    testkit::Settings settings;
    const testkit::EnvironmentSettings environment{.run = {.temp_dir = std::move(test_tmpdir)},
                                                   .tmpdir = std::move(tmpdir)};
    TK_EXPECT_EQ(testkit::apply_environment(environment, "unit_tests", settings), "");
    return settings.tmp_root;
  };
  TK_EXPECT_EQ(root_of("", ""), "/tmp");
  TK_EXPECT_EQ(root_of("", "/bazel/tmp"), "/bazel/tmp");
  TK_EXPECT_EQ(root_of("/mine", "/bazel/tmp"), "/mine");
  TK_EXPECT_EQ(root_of("relative", ""), (std::filesystem::current_path() / "relative").string());
  std::string error;
  TK_EXPECT_EQ(read({{"TMPDIR", "/from/env"}}, error).tmpdir, "/from/env");
}

TK_TEST(Environment, an_uncreatable_status_file_is_an_error) {
  const std::string error = testkit::prepare_environment({.shard_status_file = "/nonexistent-dir/testkit/status"});
  TK_EXPECT_CONTAINS(error, "/nonexistent-dir/testkit/status");
}

TK_TEST(Environment, colour_variables_are_read_as_the_conventions_say) {
  std::string error;
  TK_EXPECT_FALSE(read({}, error).color.no_color);
  TK_EXPECT(read({{"NO_COLOR", "1"}}, error).color.no_color);
  TK_EXPECT_FALSE(read({{"NO_COLOR", ""}}, error).color.no_color, "an empty NO_COLOR is not set");
  TK_EXPECT(read({{"FORCE_COLOR", "1"}}, error).color.force);
  TK_EXPECT(read({{"CLICOLOR_FORCE", "yes"}}, error).color.force);
  for (const char* off : {"0", ""}) {
    TK_EXPECT_FALSE(read({{"FORCE_COLOR", off}}, error).color.force, "FORCE_COLOR={}", off);
    TK_EXPECT_FALSE(read({{"CLICOLOR_FORCE", off}}, error).color.force, "CLICOLOR_FORCE={}", off);
  }
  TK_EXPECT(read({{"TERM", "dumb"}}, error).color.dumb_terminal);
  TK_EXPECT_FALSE(read({{"TERM", "xterm-256color"}}, error).color.dumb_terminal);
  TK_EXPECT_EQ(error, "");
}

TK_TEST(Environment, the_sanitizers_options_are_kept_for_the_sandbox) {
  std::string error;
  const auto environment = read({{"ASAN_OPTIONS", "detect_leaks=1"}, {"UBSAN_OPTIONS", ""}, {"SECRET", "x"}}, error);
  const std::vector<std::pair<std::string, std::string>> kept{{"ASAN_OPTIONS", "detect_leaks=1"},
                                                              {"UBSAN_OPTIONS", ""}};
  TK_EXPECT_EQ(environment.sanitizer_options, kept);
  testkit::Settings settings;
  TK_EXPECT_EQ(testkit::apply_environment(environment, "unit_tests", settings), "");
  TK_EXPECT_EQ(settings.execution.sandbox.kept_environment, kept);
}

TK_TEST(Environment, a_malformed_gtest_output_is_an_error_naming_the_variable) {
  std::string error;
  testkit::Settings settings;
  TK_EXPECT_CONTAINS(testkit::apply_environment(read({{"GTEST_OUTPUT", "json:x"}}, error), "unit_tests", settings),
                     "GTEST_OUTPUT");
}

TK_TEST(Environment, premature_exit_file_exists_only_during_the_scope) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("testkit-premature-exit-" + std::to_string(::getpid()))).string();
  std::filesystem::remove(path);
  {
    const testkit::PrematureExitFile premature(path);
    TK_EXPECT(std::filesystem::exists(path));
  }
  TK_EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace

namespace {

TK_TEST(Environment, testkit_timeout_scale_applies_unless_the_command_line_gives_one) {
  std::string error;
  const testkit::EnvironmentSettings environment = read({{"TESTKIT_TIMEOUT_SCALE", "4"}}, error);
  TK_EXPECT_EQ(environment.timeout_scale, "4");
  testkit::Settings settings;
  TK_EXPECT_EQ(testkit::apply_environment(environment, "unit_tests", settings), "");
  TK_EXPECT_EQ(settings.timeout_scale, std::optional<double>(4));
  testkit::Settings given;
  given.timeout_scale = 1.5;
  TK_EXPECT_EQ(testkit::apply_environment(environment, "unit_tests", given), "");
  TK_EXPECT_EQ(given.timeout_scale, std::optional<double>(1.5), "the command line wins");
  testkit::Settings bad;
  TK_EXPECT_CONTAINS(testkit::apply_environment({.timeout_scale = "fast"}, "unit_tests", bad), "TESTKIT_TIMEOUT_SCALE");
}

TK_TEST(Environment, testkit_cache_dir_places_the_result_cache_unless_the_command_line_does) {
  std::string error;
  const testkit::EnvironmentSettings environment = read({{"TESTKIT_CACHE_DIR", "/tmp/env-cache"}}, error);
  TK_EXPECT_EQ(environment.cache_dir, "/tmp/env-cache");
  testkit::Settings settings;
  TK_EXPECT_EQ(testkit::apply_environment(environment, "unit_tests", settings), "");
  TK_EXPECT_EQ(settings.cache.dir, "/tmp/env-cache");
  testkit::Settings given{.cache = {.dir = "/tmp/option-cache"}};
  TK_EXPECT_EQ(testkit::apply_environment(environment, "unit_tests", given), "");
  TK_EXPECT_EQ(given.cache.dir, "/tmp/option-cache");
}

}  // namespace
