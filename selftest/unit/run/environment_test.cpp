// read_environment / apply_environment: GoogleTest's and Bazel's variables, and the errors of nonsense values.
#include <testkit/run/environment.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include <testkit/run/options.hpp>
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
  TK_EXPECT_EQ(settings.shard_status_file, "");
  TK_EXPECT_EQ(settings.premature_exit_file, "");
  TK_EXPECT_EQ(settings.temp_dir, "");
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
  const auto bazel = read({{"TEST_SHARD_INDEX", "0"}, {"TEST_TOTAL_SHARDS", "4"}, {"TEST_SHARD_STATUS_FILE", "/s"},
                           {"TESTBRIDGE_TEST_ONLY", "A.*"}, {"TEST_PREMATURE_EXIT_FILE", "/p"},
                           {"TEST_TMPDIR", "/t"}},
                          error);
  TK_EXPECT_EQ(error, "");
  TK_ASSERT(bazel.shard.has_value());
  TK_EXPECT_EQ(bazel.shard->count, 4u);
  TK_EXPECT_EQ(bazel.shard_status_file, "/s");
  TK_EXPECT_EQ(bazel.filter, "A.*");
  TK_EXPECT_EQ(bazel.premature_exit_file, "/p");
  TK_EXPECT_EQ(bazel.temp_dir, "/t");

  const auto both = read({{"TEST_SHARD_INDEX", "0"}, {"TEST_TOTAL_SHARDS", "4"}, {"GTEST_SHARD_INDEX", "1"},
                          {"GTEST_TOTAL_SHARDS", "2"}, {"TEST_SHARD_STATUS_FILE", "/bazel"},
                          {"GTEST_SHARD_STATUS_FILE", "/gtest"}},
                         error);
  TK_ASSERT(both.shard.has_value());
  TK_EXPECT_EQ(both.shard->index, 1u);
  TK_EXPECT_EQ(both.shard->count, 2u);
  TK_EXPECT_EQ(both.shard_status_file, "/gtest");
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

TK_TEST(Environment, apply_sets_shard_filter_and_tmpdir_and_touches_the_status_file) {
  // Each test runs in a process of its own, so changing this process's environment stays here.
  ::unsetenv("TMPDIR");
  const std::string status = (std::filesystem::temp_directory_path() / ("testkit-shard-status-" + std::to_string(::getpid()))).string();
  std::filesystem::remove(status);
  testkit::Options options;
  const std::string error = testkit::apply_environment(
      {.shard = testkit::Shard{.index = 1, .count = 2}, .shard_status_file = status, .filter = "A.*", .temp_dir = "/t"},
      options);
  TK_EXPECT_EQ(error, "");
  TK_EXPECT_EQ(options.shard.index, 1u);
  TK_EXPECT_EQ(options.filter, "A.*");
  TK_EXPECT_EQ(std::string(::getenv("TMPDIR")), "/t");
  TK_EXPECT(std::filesystem::exists(status));
  std::filesystem::remove(status);
}

TK_TEST(Environment, the_command_line_filter_wins_and_a_set_tmpdir_stays) {
  ::setenv("TMPDIR", "/mine", 1);
  testkit::Options options{.filter = "B.*"};
  TK_EXPECT_EQ(testkit::apply_environment({.filter = "A.*", .temp_dir = "/t"}, options), "");
  TK_EXPECT_EQ(options.filter, "B.*");
  TK_EXPECT_EQ(std::string(::getenv("TMPDIR")), "/mine");
}

TK_TEST(Environment, an_uncreatable_status_file_is_an_error) {
  testkit::Options options;
  const std::string error =
      testkit::apply_environment({.shard_status_file = "/nonexistent-dir/testkit/status"}, options);
  TK_EXPECT_CONTAINS(error, "/nonexistent-dir/testkit/status");
}

TK_TEST(Environment, premature_exit_file_exists_only_during_the_scope) {
  const std::string path = (std::filesystem::temp_directory_path() / ("testkit-premature-exit-" + std::to_string(::getpid()))).string();
  std::filesystem::remove(path);
  {
    const testkit::PrematureExitFile premature(path);
    TK_EXPECT(std::filesystem::exists(path));
  }
  TK_EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
