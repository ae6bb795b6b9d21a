// parse_command_line: the command line of a test binary. Errors print to stderr and help to stdout on purpose.
#include <testkit/run/settings.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <testkit/testkit.hpp>

namespace {

using testkit::ColorMode;
using testkit::ParsedSettings;
namespace exit_code = testkit::exit_code;

/// Parses `arguments` as the command line after the program name.
ParsedSettings parse(std::initializer_list<const char*> arguments) {
  std::vector<const char*> argv{"selftest_run"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return testkit::parse_command_line(static_cast<int>(argv.size()), argv.data());
}

TK_TEST(Options, no_arguments_give_the_defaults) {
  const ParsedSettings parsed = parse({});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::success);
  TK_ASSERT(parsed.settings.has_value());
  const testkit::Settings& options = *parsed.settings;
  TK_EXPECT_FALSE(options.list);
  TK_EXPECT_EQ(options.filter, "");
  TK_EXPECT(options.tags.empty());
  TK_EXPECT(options.exclude_tags.empty());
  TK_EXPECT(options.color == ColorMode::automatic);
  TK_EXPECT_FALSE(options.deterministic);
}

TK_TEST(Options, filter_takes_the_next_argument_or_an_equals_value) {
  const ParsedSettings spaced = parse({"--filter", "Math.*-Math.slow"});
  TK_ASSERT(spaced.settings.has_value());
  TK_EXPECT_EQ(spaced.settings->filter, "Math.*-Math.slow");
  const ParsedSettings joined = parse({"--filter=Strings.upper"});
  TK_ASSERT(joined.settings.has_value());
  TK_EXPECT_EQ(joined.settings->filter, "Strings.upper");
}

TK_TEST(Options, tag_and_exclude_tag_accumulate_when_repeated) {
  const ParsedSettings parsed = parse({"--tag", "fast", "--exclude-tag", "net", "--tag", "db", "--exclude-tag=slow"});
  TK_ASSERT(parsed.settings.has_value());
  const std::vector<std::string> tags{"fast", "db"};
  const std::vector<std::string> excluded{"net", "slow"};
  TK_EXPECT_EQ(parsed.settings->tags, tags);
  TK_EXPECT_EQ(parsed.settings->exclude_tags, excluded);
}

TK_TEST(Options, flags_switch_on_list_and_deterministic) {
  const ParsedSettings parsed = parse({"--list", "--deterministic"});
  TK_ASSERT(parsed.settings.has_value());
  TK_EXPECT(parsed.settings->list);
  TK_EXPECT(parsed.settings->deterministic);
}

TK_TEST(Options, color_accepts_auto_always_never) {
  const std::vector<std::pair<const char*, ColorMode>> cases{{"auto", ColorMode::automatic},
                                                             {"always", ColorMode::always},
                                                             {"never", ColorMode::never},
                                                             {"NEVER", ColorMode::never}};
  for (const auto& [text, mode] : cases) {
    const ParsedSettings parsed = parse({"--color", text});
    TK_ASSERT(parsed.settings.has_value(), "--color {}", text);
    TK_EXPECT(parsed.settings->color == mode, "--color {}", text);
  }
}

TK_TEST(Options, bad_color_is_a_usage_error) {
  const ParsedSettings parsed = parse({"--color", "purple"});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error);
  TK_EXPECT_FALSE(parsed.settings.has_value());
}

TK_TEST(Options, unknown_flag_is_a_usage_error) {
  const ParsedSettings parsed = parse({"--frobnicate"});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error);
  TK_EXPECT_FALSE(parsed.settings.has_value());
}

TK_TEST(Options, stray_argument_is_a_usage_error) {
  const ParsedSettings parsed = parse({"Math.add"});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error);
  TK_EXPECT_FALSE(parsed.settings.has_value());
}

TK_TEST(Options, option_without_its_value_is_a_usage_error) {
  const ParsedSettings parsed = parse({"--filter"});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error);
  TK_EXPECT_FALSE(parsed.settings.has_value());
}

TK_TEST(Options, help_ends_at_once_with_success) {
  for (const char* flag : {"--help", "-h"}) {
    const ParsedSettings parsed = parse({flag});
    TK_EXPECT_EQ(parsed.exit_code, exit_code::success, "{}", flag);
    TK_EXPECT_FALSE(parsed.settings.has_value(), "{}", flag);
  }
}

TK_TEST(Options, exit_codes_are_the_documented_numbers) {
  TK_EXPECT_EQ(exit_code::success, 0);
  TK_EXPECT_EQ(exit_code::tests_failed, 1);
  TK_EXPECT_EQ(exit_code::usage_error, 2);
  TK_EXPECT_EQ(exit_code::internal_error, 3);
  TK_EXPECT_EQ(exit_code::no_tests, 5);
}

/// Options parsed from `arguments`, which must be valid.
testkit::Settings valid(std::initializer_list<const char*> arguments) {
  ParsedSettings parsed = parse(arguments);
  TK_EXPECT_EQ(parsed.exit_code, exit_code::success);
  TK_ASSERT(parsed.settings.has_value(), "the arguments were refused");
  return *std::move(parsed.settings);
}

/// `flag value` is refused with the usage error.
void expect_usage_error(const char* flag, const char* value) {
  const ParsedSettings parsed = parse({flag, value});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error, "{} '{}'", flag, value);
  TK_EXPECT_FALSE(parsed.settings.has_value(), "{} '{}'", flag, value);
}

TK_TEST(Options, execution_defaults) {
  const testkit::Settings options = valid({});
  TK_EXPECT_GE(options.execution.jobs, 1u);
  TK_EXPECT(options.fork);
  TK_EXPECT_EQ(options.execution.timeout.count(), 60'000);
  TK_EXPECT_EQ(options.execution.output_limit, std::size_t{256} << 20);
  TK_EXPECT_FALSE(options.execution.fail_fast);
  TK_EXPECT_FALSE(options.execution.in_plan_order);
  TK_EXPECT_FALSE(options.shuffle);
  TK_EXPECT_FALSE(options.seed.has_value());
  TK_EXPECT_EQ(options.repeat, 1u);
}

TK_TEST(Options, jobs_take_a_number_or_auto) {
  TK_EXPECT_EQ(valid({"-j", "3"}).execution.jobs, 3u);
  TK_EXPECT_EQ(valid({"--jobs=1024"}).execution.jobs, 1024u);
  TK_EXPECT_GE(valid({"-j", "auto"}).execution.jobs, 1u);
  TK_EXPECT_EQ(valid({"-j", "auto"}).execution.jobs, valid({}).execution.jobs);
}

TK_TEST(Options, bad_jobs_are_a_usage_error) {
  for (const char* jobs : {"0", "-1", "abc", "", "1e9", "2000", "3x", "1025"}) expect_usage_error("-j", jobs);
}

TK_TEST(Options, timeout_takes_seconds_with_fractions) {
  TK_EXPECT_EQ(valid({"--timeout", "0.5"}).execution.timeout.count(), 500);
  TK_EXPECT_EQ(valid({"--timeout", "2"}).execution.timeout.count(), 2000);
  TK_EXPECT_EQ(valid({"--timeout", "0"}).execution.timeout.count(), 0);
}

TK_TEST(Options, tiny_timeout_is_not_mistaken_for_none) {
  TK_EXPECT_EQ(valid({"--timeout", "0.0001"}).execution.timeout.count(), 1);
}

TK_TEST(Options, bad_timeouts_are_a_usage_error) {
  for (const char* seconds : {"-1", "abc", "nan", "inf", "1e9", "", "5s"}) expect_usage_error("--timeout", seconds);
}

TK_TEST(Options, no_fork_runs_in_process) { TK_EXPECT_FALSE(valid({"--no-fork"}).fork); }

TK_TEST(Options, keep_tmp_keeps_the_tmp_path_directories) {
  TK_EXPECT_FALSE(valid({}).keep_tmp);
  TK_EXPECT(valid({"--keep-tmp"}).keep_tmp);
}

TK_TEST(Options, update_golden_writes_the_golden_files_but_not_in_a_sandbox) {
  TK_EXPECT_FALSE(valid({}).update_golden);
  TK_EXPECT(valid({"--update-golden"}).update_golden);
  TK_EXPECT_EQ(parse({"--update-golden", "--sandbox"}).exit_code, exit_code::usage_error);
}

TK_TEST(Options, valgrind_runs_each_test_in_a_process_under_it) {
  TK_EXPECT_FALSE(valid({}).valgrind);
  TK_EXPECT(valid({"--valgrind"}).valgrind);
  TK_EXPECT_EQ(parse({"--valgrind", "--no-fork"}).exit_code, exit_code::usage_error);
}

TK_TEST(Options, repeat_takes_a_positive_count) {
  TK_EXPECT_EQ(valid({"--repeat", "3"}).repeat, 3u);
  expect_usage_error("--repeat", "0");
  expect_usage_error("--repeat", "-2");
}

TK_TEST(Options, retries_take_a_count_from_0_and_flaky_fails_is_a_flag) {
  TK_EXPECT_EQ(valid({}).execution.retries, 0u);
  TK_EXPECT_FALSE(valid({}).flaky_fails);
  TK_EXPECT_EQ(valid({"--retries", "3"}).execution.retries, 3u);
  TK_EXPECT_EQ(valid({"--retries=0"}).execution.retries, 0u);
  TK_EXPECT(valid({"--flaky-fails"}).flaky_fails);
  for (const char* count : {"-1", "x", "1.5", "", "1001", "2 "}) expect_usage_error("--retries", count);
}

TK_TEST(Options, seed_and_shuffle) {
  const testkit::Settings options = valid({"--shuffle", "--seed", "18446744073709551615"});
  TK_EXPECT(options.shuffle);
  TK_ASSERT(options.seed.has_value());
  TK_EXPECT_EQ(*options.seed, 18446744073709551615ull);
  expect_usage_error("--seed", "x");
}

TK_TEST(Options, deterministic_keeps_plan_order_and_seed_zero_unless_given) {
  const testkit::Settings plain = valid({"--deterministic"});
  TK_EXPECT(plain.execution.in_plan_order);
  TK_EXPECT_EQ(plain.seed, std::optional<std::uint64_t>(0));
  TK_EXPECT_EQ(valid({"--deterministic", "--seed", "9"}).seed, std::optional<std::uint64_t>(9));
}

TK_TEST(Options, output_limit_is_in_mebibytes) {
  TK_EXPECT_EQ(valid({"--output-limit", "5"}).execution.output_limit, std::size_t{5} << 20);
  TK_EXPECT_EQ(valid({"--output-limit", "0"}).execution.output_limit, 0u);
  expect_usage_error("--output-limit", "lots");
}

TK_TEST(Options, negative_or_absurd_output_limits_are_a_usage_error) {
  TK_EXPECT_EQ(valid({"--output-limit", "1048576"}).execution.output_limit, std::size_t{1} << 40);
  for (const char* mib :
       {"-1", "-0", "+5", " 5", "5 ", "1.5", "", "1048577", "18446744073709551615", "99999999999999999999999"})
    expect_usage_error("--output-limit", mib);
}

TK_TEST(Options, malformed_filters_are_a_usage_error) {
  for (const char* filter : {"Foo[", "a::", "(", ":", "A-B-C", "Math.is_even [2]"}) {
    expect_usage_error("--filter", filter);
    expect_usage_error("--gtest_filter", filter);
  }
  TK_EXPECT_EQ(valid({"--filter", "-Slow.*"}).filter, "-Slow.*");
}

TK_TEST(Options, fail_fast_stops_after_a_failure) { TK_EXPECT(valid({"--fail-fast"}).execution.fail_fast); }

TK_TEST(Options, list_prints_text_unless_json_is_asked_for) {
  TK_EXPECT(valid({"--list"}).list);
  TK_EXPECT(valid({"--list"}).list_format == testkit::ListFormat::text);
  TK_EXPECT(valid({"--list=text"}).list_format == testkit::ListFormat::text);
  TK_EXPECT(valid({"--list=json"}).list_format == testkit::ListFormat::json);
  TK_EXPECT(valid({"--list", "json"}).list_format == testkit::ListFormat::json);
  TK_EXPECT(valid({"--list", "--deterministic"}).deterministic);
  expect_usage_error("--list", "xml");
}

TK_TEST(Options, gtest_flags_drive_their_testkit_twins) {
  const testkit::Settings listing = valid({"--gtest_list_tests"});
  TK_EXPECT(listing.list);
  TK_EXPECT(listing.list_format == testkit::ListFormat::gtest);
  const testkit::Settings run = valid({"--gtest_filter=A.*-A.b", "--gtest_also_run_disabled_tests", "--gtest_repeat=3",
                                       "--gtest_shuffle", "--gtest_random_seed=7"});
  TK_EXPECT_FALSE(run.list);
  TK_EXPECT_EQ(run.filter, "A.*-A.b");
  TK_EXPECT_EQ(run.repeat, 3u);
  TK_EXPECT(run.shuffle);
  TK_EXPECT_EQ(run.seed, std::optional<std::uint64_t>(7));
  expect_usage_error("--gtest_repeat", "-1");
}

TK_TEST(Options, gtest_color_takes_gtest_words) {
  TK_EXPECT(valid({"--gtest_color=yes"}).color == ColorMode::always);
  TK_EXPECT(valid({"--gtest_color=no"}).color == ColorMode::never);
  TK_EXPECT(valid({"--gtest_color=auto"}).color == ColorMode::automatic);
  TK_EXPECT(valid({"--gtest_color=1"}).color == ColorMode::always);
  expect_usage_error("--gtest_color", "purple");
}

}  // namespace

namespace {

TK_TEST(Options, timeout_scale_takes_a_positive_factor) {
  TK_EXPECT_FALSE(parse({}).settings->timeout_scale.has_value(), "unset: the sanitizers' factor applies");
  const ParsedSettings scaled = parse({"--timeout-scale", "2.5"});
  TK_ASSERT(scaled.settings.has_value());
  TK_EXPECT_EQ(scaled.settings->timeout_scale, std::optional<double>(2.5));
  for (const char* bad : {"0", "-1", "abc", "2x", "1001", ""})
    TK_EXPECT_EQ(parse({"--timeout-scale", bad}).exit_code, exit_code::usage_error, "{}", bad);
}

TK_TEST(Options, sandbox_memory_zero_means_no_limit_and_small_limits_are_refused) {
  const ParsedSettings unlimited = parse({"--sandbox", "--sandbox-memory", "0"});
  TK_ASSERT(unlimited.settings.has_value());
  TK_EXPECT_EQ(unlimited.settings->execution.sandbox.limits.memory_mib, 0u);
  TK_EXPECT_EQ(parse({"--sandbox", "--sandbox-memory", "256"}).settings->execution.sandbox.limits.memory_mib, 256u);
  for (const char* bad : {"8", "-1", "lots", "2000000000"})
    TK_EXPECT_EQ(parse({"--sandbox", "--sandbox-memory", bad}).exit_code, exit_code::usage_error, "{}", bad);
}

TK_TEST(Options, a_metadata_timeout_is_scaled_and_the_run_timeout_is_scaled_once_by_the_run) {
  const testkit::TestInfo own{.suite = "S", .name = "own", .meta = {.timeout = std::chrono::milliseconds(200)}};
  const testkit::TestInfo plain{.suite = "S", .name = "plain"};
  testkit::Execution execution{.timeout = std::chrono::milliseconds(3000), .timeout_scale = 2.5};
  TK_EXPECT_EQ(testkit::timeout_of(own, execution).count(), 500);
  TK_EXPECT_EQ(testkit::timeout_of(plain, execution).count(), 3000);
  TK_EXPECT_EQ(testkit::scale_timeout(std::chrono::milliseconds(0), 3).count(), 0, "no timeout stays none");
  TK_EXPECT_EQ(testkit::scale_timeout(std::chrono::milliseconds(1), 0.1).count(), 1, "a timeout never becomes none");
}

TK_TEST(Options, the_result_cache_is_on_beside_the_binary_unless_told) {
  const testkit::Settings plain = valid({});
  TK_EXPECT(plain.cache.enabled);
  TK_EXPECT_EQ(plain.cache.dir, "");
  TK_EXPECT_FALSE(plain.cache.last_failed);
  TK_EXPECT_FALSE(plain.cache.failed_first);
  TK_EXPECT_EQ(valid({"--cache-dir", "/tmp/c"}).cache.dir, "/tmp/c");
  TK_EXPECT_FALSE(valid({"--no-cache"}).cache.enabled);
}

TK_TEST(Options, last_failed_and_failed_first_have_pytest_short_names) {
  TK_EXPECT(valid({"--lf"}).cache.last_failed);
  TK_EXPECT(valid({"--last-failed"}).cache.last_failed);
  TK_EXPECT(valid({"--ff"}).cache.failed_first);
  TK_EXPECT(valid({"--failed-first"}).cache.failed_first);
  const testkit::Settings both = valid({"--lf", "--ff"});
  TK_EXPECT(both.cache.last_failed);
  TK_EXPECT(both.cache.failed_first);
}

TK_TEST(Options, no_cache_cannot_be_combined_with_what_reads_or_places_the_cache) {
  expect_usage_error("--cache-dir", "");
  for (const char* other : {"--lf", "--ff", "--cache-dir=/tmp/c"}) {
    const ParsedSettings parsed = parse({"--no-cache", other});
    TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error, "--no-cache {}", other);
  }
}

/// What a parse gave, in the fields the shortcut of the commonest command lines sets or depends on.
std::string outcome_of(const ParsedSettings& parsed) {
  if (!parsed.settings) return fmt::format("exit {}", parsed.exit_code);
  const testkit::Settings& s = *parsed.settings;
  return fmt::format("filter '{}' jobs {} fork {} cache {} list {} timeout {} retries {} output {} color {} tags {}",
                     s.filter, s.execution.jobs, s.fork, s.cache.enabled, s.list, s.execution.timeout.count(),
                     s.execution.retries, s.execution.output_limit, static_cast<int>(s.color), s.tags.size());
}

TK_TEST(Options, the_common_command_lines_parse_as_the_full_option_table_parses_them) {
  const std::vector<std::vector<const char*>> command_lines{
      {},
      {"--filter=none"},
      {"--filter", "Math.*-Math.slow"},
      {"--gtest_filter=Suite.name"},
      {"--gtest_filter", "Suite.*"},
      {"--no-fork", "-j", "1"},
      {"--no-fork", "--jobs=4", "--no-cache", "--filter=A.*"},
      {"--jobs", "auto"},
      {"-j", "0"},
      {"-j", "abc"},
      {"--jobs="},
      {"-j"},
      {"-j=2"},
      {"-j2"},
      {"--filter"},
      {"--filter="},
      {"--filter", "-Slow.*"},
      {"--filter=a", "--filter=b"},
      {"--filter=a", "--gtest_filter=b"},
      {"--no-fork", "--no-fork"},
      {"--no-cache", "--no-cache"},
      {"--no-fork=true"},
      {"--filter=[bad"},
      {"stray"},
      {"--no-fork", "stray"},
      {"--no-cache", "--lf"},
      {"--filter=x", "--list"},
  };
  for (const auto& arguments : command_lines) {
    std::vector<const char*> argv{"selftest_run"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const int argc = static_cast<int>(argv.size());
    TK_EXPECT_EQ(outcome_of(testkit::parse_command_line(argc, argv.data())),
                 outcome_of(testkit::parse_command_line_with_table(argc, argv.data())), "{}",
                 fmt::join(arguments, " "));
  }
}

}  // namespace
