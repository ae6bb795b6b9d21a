// Exit codes of a test binary and its closing line: 0 all passed, 1 a test failed, 2 usage error,
// 5 no test selected.
#include <string>
#include <vector>

#include <fmt/format.h>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;

TK_TEST(ExitCode, zero_when_every_test_passes_skips_or_fails_as_expected) {
  const auto result = run_scenario(scenario_pass, {});
  TK_EXPECT_EQ(result.exit_code, 0);
  TK_EXPECT_EQ(last_line(result.out), "7 passed, 0 failed, 2 skipped");
  TK_EXPECT(result.out.ends_with("\n"));
  TK_EXPECT_EQ(result.err, "");
}

TK_TEST(ExitCode, one_when_a_test_fails) {
  const auto result = run_scenario(scenario_failures, {});
  TK_EXPECT_EQ(result.exit_code, 1);
  TK_EXPECT_EQ(last_line(result.out), "1 passed, 11 failed, 1 skipped");
}

TK_TEST(ExitCode, one_when_the_only_selected_test_passes_unexpectedly) {
  const auto result = run_scenario(scenario_failures, {"--filter", "Failures.unexpectedly_passes"});
  TK_EXPECT_EQ(result.exit_code, 1);
  TK_EXPECT_EQ(last_line(result.out), "0 passed, 1 failed, 0 skipped");
}

TK_TEST(ExitCode, follows_the_selected_tests_only) {
  const auto result = run_scenario(scenario_failures, {"--filter", "Mixed.*"});
  TK_EXPECT_EQ(result.exit_code, 0);
  TK_EXPECT_EQ(last_line(result.out), "1 passed, 0 failed, 1 skipped");
}

TK_TEST(ExitCode, five_when_the_filter_selects_nothing) {
  const auto result = run_scenario(scenario_pass, {"--filter", "NoSuchSuite.*"});
  TK_EXPECT_EQ(result.exit_code, 5);
  TK_EXPECT_EQ(last_line(result.out), "0 passed, 0 failed, 0 skipped");
  TK_EXPECT_CONTAINS(result.err, "no test selected");
}

TK_TEST(ExitCode, five_when_the_tags_select_nothing) {
  const auto result = run_scenario(scenario_pass, {"--tag", "no-such-tag"});
  TK_EXPECT_EQ(result.exit_code, 5);
  TK_EXPECT_EQ(last_line(result.out), "0 passed, 0 failed, 0 skipped");
}

TK_TEST(ExitCode, two_for_an_unknown_flag_and_nothing_runs) {
  const auto result = run_scenario(scenario_failures, {"--no-such-flag"});
  TK_EXPECT_EQ(result.exit_code, 2);
  TK_EXPECT_EQ(result.out, "");
  TK_EXPECT_CONTAINS(result.err, "--no-such-flag");
  TK_EXPECT_CONTAINS(result.err, "--help");
}

TK_TEST(ExitCode, two_for_a_bad_color_value) {
  const auto result = run_scenario(scenario_failures, {"--color", "purple"});
  TK_EXPECT_EQ(result.exit_code, 2);
  TK_EXPECT_EQ(result.out, "");
  TK_EXPECT_CONTAINS(result.err, "purple");
}

TK_TEST(ExitCode, two_for_a_stray_argument) {
  const auto result = run_scenario(scenario_pass, {"Arithmetic.adds"});
  TK_EXPECT_EQ(result.exit_code, 2);
  TK_EXPECT_EQ(result.out, "");
}

TK_TEST(ExitCode, two_for_an_option_without_its_value) {
  const auto result = run_scenario(scenario_pass, {"--filter"});
  TK_EXPECT_EQ(result.exit_code, 2);
  TK_EXPECT_EQ(result.out, "");
}

TK_TEST(ExitCode, two_for_a_negative_or_absurd_output_limit_and_nothing_runs) {
  for (const char* mib : {"-1", "99999999999999"}) {
    TK_SUBTEST("--output-limit {}", mib) {
      const auto result = run_scenario(scenario_pass, {"--output-limit", mib});
      TK_EXPECT_EQ(result.exit_code, 2);
      TK_EXPECT_EQ(result.out, "");
      TK_EXPECT_CONTAINS(result.err, fmt::format("error: --output-limit takes a whole number of MiB from 0 (no "
                                                 "limit) to 1048576, not '{}'\n",
                                                 mib));
    };
  }
}

TK_TEST(ExitCode, two_for_a_malformed_filter_which_names_the_pattern_and_column) {
  struct Bad {
    std::vector<std::string> arguments;
    std::string says;
    testkit::selftest::ProcessSetup setup{};
  };
  const std::vector<Bad> cases{
      {{"--filter", "Foo["}, "error: malformed filter 'Foo[': '[' at column 4 (in pattern 'Foo[') is in no test name"},
      {{"--filter", "Arithmetic.*:("}, "error: malformed filter 'Arithmetic.*:(': '(' at column 14 (in pattern '(')"},
      {{"--gtest_filter=a::"}, "error: malformed filter 'a::': empty pattern at column 3"},
      {{"--list", "--filter", "A-B-C"}, "error: malformed filter 'A-B-C': a second '-' at column 4"},
      {{},
       "TESTBRIDGE_TEST_ONLY: malformed filter 'x(': '(' at column 2",
       {.set_env = {{"TESTBRIDGE_TEST_ONLY", "x("}}}},
  };
  for (const Bad& bad : cases) {
    TK_SUBTEST("{}", bad.says) {
      const auto result = run_scenario(scenario_pass, bad.arguments, bad.setup);
      TK_EXPECT_EQ(result.exit_code, 2);
      TK_EXPECT_EQ(result.out, "", "no test may run");
      TK_EXPECT_CONTAINS(result.err, bad.says);
    };
  }
}

TK_TEST(ExitCode, zero_after_help_which_lists_the_options) {
  const auto result = run_scenario(scenario_failures, {"--help"});
  TK_EXPECT_EQ(result.exit_code, 0);
  for (const char* option : {"--list", "--filter", "--tag", "--exclude-tag", "--color", "--deterministic"})
    TK_EXPECT_CONTAINS(result.out, option);
  TK_EXPECT_EQ(lines_starting_with(result.out, "FAIL").size(), 0u, "--help runs no test");
}

TK_TEST(ExitCode, zero_after_listing_even_failing_tests) {
  const auto result = run_scenario(scenario_failures, {"--list"});
  TK_EXPECT_EQ(result.exit_code, 0);
}

}  // namespace
