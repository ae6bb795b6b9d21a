// What the console shows of a failure outside deterministic mode: the expression, both values, the
// difference, where it happened (relative to the working directory when below it), a stack trace naming
// the test, and how long things took.
#include <string>

#include <fmt/format.h>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;

const std::string failures_source = std::string(source_dir) + "/scenario_failures.cpp";

// The console block of one test: its verdict line and the indented lines after it.
std::string block_of(const std::string& out, std::string_view test) {
  std::string block;
  bool inside = false;
  for (const std::string& line : lines_of(out)) {
    if (inside && !line.starts_with("  ")) break;
    if (!inside && line.starts_with("FAIL  ") && line.substr(6).starts_with(test)) inside = true;
    if (inside) block += line + '\n';
  }
  return block;
}

TK_TEST(FailureOutput, vector_mismatch_shows_values_difference_location_and_trace) {
  const unsigned line = line_number_of(failures_source, "TK_ASSERT_EQ(numbers, expected);");
  TK_ASSERT_GT(line, 0u, "the assertion is no longer in {}", failures_source);
  const auto result = run_scenario(scenario_failures, {"--color", "never"}, {.working_directory = project_dir});
  const std::string block = block_of(result.out, "Failures.vector_mismatch ");
  TK_ASSERT(!block.empty(), "no FAIL block for Failures.vector_mismatch in:\n{}", result.out);

  const std::string where = fmt::format("selftest/e2e/scenario_failures.cpp:{}", line);
  TK_EXPECT_CONTAINS(block, fmt::format("\n  {}: TK_ASSERT_EQ(numbers, expected)\n", where));
  TK_EXPECT_CONTAINS(block, "\n    left:  {1, 2, 3}\n");
  TK_EXPECT_CONTAINS(block, "\n    right: {1, 2, 4}\n");
  TK_EXPECT_CONTAINS(block, "index 2");
  TK_EXPECT_CONTAINS(block, "\n    stack trace:\n");
  // The frame's line is not checked: it is the line of the call's return address, which may be the next one.
  TK_EXPECT_CONTAINS(block, fmt::format("Failures_vector_mismatch_Test::test_body() at {}:", failures_source));
}

// In-process pool threads share one symbolizer: each failing test's trace names its own test body with its file,
// whichever thread symbolized it first.
TK_TEST(FailureOutput, in_process_threads_each_get_their_test_trace) {
  const auto result =
      run_scenario(scenario_failures, {"--color", "never", "--no-fork", "-j", "4"}, {.working_directory = golden_dir});
  for (const char* test : {"vector_mismatch", "decomposed_assert", "multiline_text", "explicit_fail"}) {
    const std::string block = block_of(result.out, fmt::format("Failures.{} ", test));
    TK_ASSERT(!block.empty(), "no FAIL block for Failures.{} in:\n{}", test, result.out);
    TK_EXPECT_CONTAINS(block, "\n    stack trace:\n");
    TK_EXPECT_CONTAINS(block, "\n      #0 ");
    TK_EXPECT_CONTAINS(block, fmt::format("Failures_{}_Test::test_body() at {}:", test, failures_source));
  }
}

TK_TEST(FailureOutput, files_outside_the_working_directory_keep_their_full_path) {
  const unsigned line = line_number_of(failures_source, "TK_ASSERT_EQ(numbers, expected);");
  const auto result = run_scenario(scenario_failures, {"--color", "never"}, {.working_directory = golden_dir});
  TK_EXPECT_CONTAINS(block_of(result.out, "Failures.vector_mismatch "),
                     fmt::format("\n  {}:{}: TK_ASSERT_EQ(numbers, expected)\n", failures_source, line));
}

TK_TEST(FailureOutput, times_are_shown_per_test_and_for_the_run) {
  const auto result = run_scenario(scenario_failures, {"--color", "never"});
  for (const std::string& verdict : lines_starting_with(result.out, "PASS  "))
    TK_EXPECT((verdict.ends_with(" ms)") || verdict.ends_with(" s)")), "no time in: {}", verdict);
  TK_EXPECT_EQ(lines_starting_with(result.out, "Ran 13 tests in ").size(), 1u);
}

TK_TEST(FailureOutput, deterministic_mode_drops_times_traces_and_directories) {
  const unsigned line = line_number_of(failures_source, "TK_ASSERT_EQ(numbers, expected);");
  const auto result =
      run_scenario(scenario_failures, {"--color", "never", "--deterministic"}, {.working_directory = project_dir});
  TK_EXPECT_CONTAINS(result.out, fmt::format("\n  scenario_failures.cpp:{}: TK_ASSERT_EQ(numbers, expected)\n", line));
  TK_EXPECT_EQ(result.out.find("stack trace"), std::string::npos);
  TK_EXPECT_EQ(result.out.find(" ms)"), std::string::npos);
  TK_EXPECT_EQ(result.out.find("selftest/e2e/"), std::string::npos);
  TK_EXPECT_EQ(lines_starting_with(result.out, "Ran ").size(), 0u);
}

}  // namespace
