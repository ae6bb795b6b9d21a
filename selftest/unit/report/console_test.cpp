// ConsoleReporter: the verdict lines, failure blocks, "Failed tests:" section and closing line it prints
// for a sequence of events, in deterministic and timed modes, with and without colour.
#include <testkit/report/console.hpp>

#include <chrono>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <testkit/testkit.hpp>

#include "memory_file.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::ConsoleReporter;
using testkit::ConsoleStyle;
using testkit::Failure;
using testkit::TestInfo;
using testkit::TestResult;
using testkit::Verdict;

TestInfo test_info(std::string suite, std::string name) {
  return {.suite = std::move(suite), .name = std::move(name), .where = {"/src/tests/math_test.cpp", 5}};
}

Failure failure_at(unsigned line, std::string headline, std::string details = {}) {
  return {.where = {"/src/tests/math_test.cpp", line},
          .phase = "test",
          .headline = std::move(headline),
          .details = std::move(details),
          .stacktrace = "#0 Math_divides_Test::test_body() at /src/tests/math_test.cpp:12"};
}

// Everything the reporter prints for a run whose tests ended with `results`, in that order.
std::string render(const std::vector<TestResult>& results, ConsoleStyle style) {
  testkit::report_test::MemoryFile out;
  ConsoleReporter reporter(out.get(), style);
  testkit::Listener& console = reporter;  // the events as a run delivers them, through the base class
  std::vector<const TestInfo*> plan;
  for (const TestResult& result : results) plan.push_back(result.test);
  testkit::RunResult run{.results = results, .duration = 1500us};
  console.on(testkit::RunStarted{plan});
  for (const TestResult& result : results) {
    console.on(testkit::TestStarted{*result.test});
    console.on(testkit::TestEnded{result});
  }
  console.on(testkit::RunEnded{run});
  return out.text();
}

const TestInfo adds = test_info("Math", "adds");
const TestInfo divides = test_info("Math", "divides");
const TestInfo slow = test_info("Math", "slow");
const TestInfo rounding = test_info("Math", "rounding");
const TestInfo fixed = test_info("Math", "fixed");

std::vector<TestResult> one_of_each_verdict() {
  return {
      {.test = &adds, .verdict = Verdict::passed, .duration = 300us},
      {.test = &divides,
       .verdict = Verdict::failed,
       .failures = {failure_at(12, "TK_ASSERT_EQ(a, b)", "left:  1\nright: 2")},
       .duration = 2500ms},
      {.test = &slow, .verdict = Verdict::skipped, .reason = "needs a cluster"},
      {.test = &rounding,
       .verdict = Verdict::expected_failure,
       .failures = {failure_at(30, "TK_EXPECT(x == y)")},
       .reason = "bug 7"},
      {.test = &fixed, .verdict = Verdict::unexpected_pass, .reason = "bug 8"},
  };
}

TK_TEST(ConsoleReporter, deterministic_run_with_every_verdict) {
  TK_EXPECT_EQ(render(one_of_each_verdict(), {.deterministic = true}),
               "Running 5 tests\n"
               "PASS  Math.adds\n"
               "FAIL  Math.divides\n"
               "  math_test.cpp:12: TK_ASSERT_EQ(a, b)\n"
               "    left:  1\n"
               "    right: 2\n"
               "SKIP  Math.slow: needs a cluster\n"
               "XFAIL Math.rounding: bug 7\n"
               "  math_test.cpp:30: TK_EXPECT(x == y)\n"
               "XPASS Math.fixed: bug 8 (passed, but was expected to fail)\n"
               "\n"
               "Failed tests:\n"
               "  Math.divides\n"
               "  Math.fixed\n"
               "\n"
               "(1 expected failure counted as passed)\n"
               "2 passed, 2 failed, 1 skipped\n");
}

TK_TEST(ConsoleReporter, timed_mode_shows_durations_traces_and_the_run_time) {
  const std::string out = render(one_of_each_verdict(), {});
  TK_EXPECT_CONTAINS(out, "\nPASS  Math.adds (0.3 ms)\n");
  TK_EXPECT_CONTAINS(out, "\nFAIL  Math.divides (2.50 s) SLOW\n");  // a second or more is marked slow
  TK_EXPECT_CONTAINS(out, "\nSKIP  Math.slow: needs a cluster (0.0 ms)\n");
  TK_EXPECT_CONTAINS(out, "\n  /src/tests/math_test.cpp:12: TK_ASSERT_EQ(a, b)\n");
  TK_EXPECT_CONTAINS(out,
                     "\n    stack trace:\n      #0 Math_divides_Test::test_body() at /src/tests/math_test.cpp:12\n");
  TK_EXPECT_CONTAINS(out, "\n\nRan 5 tests in 1.5 ms\n");
  TK_EXPECT(out.ends_with("\n2 passed, 2 failed, 1 skipped\n"));
}

TK_TEST(ConsoleReporter, durations_round_half_up_to_a_tenth_of_a_millisecond_or_a_hundredth_of_a_second) {
  using std::chrono::nanoseconds;
  const auto line_of = [](nanoseconds duration) {
    const std::string out = render({{.test = &adds, .duration = duration}}, {});
    const std::size_t start = out.find("PASS  Math.adds ");
    return start == std::string::npos ? out : out.substr(start, out.find('\n', start) - start);
  };
  TK_EXPECT_EQ(line_of(nanoseconds(49'999)), "PASS  Math.adds (0.0 ms)");
  TK_EXPECT_EQ(line_of(nanoseconds(50'000)), "PASS  Math.adds (0.1 ms)");
  TK_EXPECT_EQ(line_of(nanoseconds(12'345'678)), "PASS  Math.adds (12.3 ms)");
  TK_EXPECT_EQ(line_of(nanoseconds(999'949'999)), "PASS  Math.adds (999.9 ms)");
  TK_EXPECT_EQ(line_of(nanoseconds(999'950'000)), "PASS  Math.adds (1.00 s)");
  TK_EXPECT_EQ(line_of(nanoseconds(1'234'999'999)), "PASS  Math.adds (1.23 s) SLOW");
  TK_EXPECT_EQ(line_of(nanoseconds(61'005'000'000)), "PASS  Math.adds (61.01 s) SLOW");
}

TK_TEST(ConsoleReporter, live_status_names_the_tests_still_running) {
  testkit::report_test::MemoryFile out;
  ConsoleReporter reporter(out.get(), {.live = true});
  testkit::Listener& console = reporter;
  const std::vector<const TestInfo*> plan{&adds, &divides};
  console.on(testkit::RunStarted{plan});
  console.on(testkit::TestStarted{adds});
  console.on(testkit::TestStarted{divides});
  TK_EXPECT(out.text().ends_with(" · running: Math.adds, Math.divides\033[K"), out.text());
  const TestResult passed{.test = &adds};
  console.on(testkit::TestEnded{passed});
  const std::string text = out.text();
  TK_EXPECT(text.ends_with(" · running: Math.divides\033[K"), text);
  TK_EXPECT_CONTAINS(text.substr(text.rfind('\r')), "[1/2] ");
}

TK_TEST(ConsoleReporter, deterministic_mode_has_no_durations_or_traces) {
  const std::string out = render(one_of_each_verdict(), {.deterministic = true});
  TK_EXPECT_EQ(out.find(" ms"), std::string::npos);
  TK_EXPECT_EQ(out.find(" s)"), std::string::npos);
  TK_EXPECT_EQ(out.find("stack trace"), std::string::npos);
  TK_EXPECT_EQ(out.find("/src/"), std::string::npos);
  TK_EXPECT_EQ(out.find("Ran "), std::string::npos);
}

TK_TEST(ConsoleReporter, singular_and_plural_counts) {
  const std::vector<TestResult> one{{.test = &adds, .verdict = Verdict::passed}};
  const std::string out = render(one, {});
  TK_EXPECT(out.starts_with("Running 1 test\n"));
  TK_EXPECT_CONTAINS(out, "\nRan 1 test in 1.5 ms\n");
  std::vector<TestResult> two_xfails(2, {.test = &rounding, .verdict = Verdict::expected_failure, .reason = "bug"});
  TK_EXPECT_CONTAINS(render(two_xfails, {.deterministic = true}), "\n(2 expected failures counted as passed)\n");
}

TK_TEST(ConsoleReporter, an_empty_run_still_ends_with_the_closing_line) {
  TK_EXPECT_EQ(render({}, {.deterministic = true}), "Running 0 tests\n\n0 passed, 0 failed, 0 skipped\n");
}

TK_TEST(ConsoleReporter, every_failure_of_a_test_is_shown_then_the_omitted_count) {
  const std::vector<TestResult> results{{.test = &divides,
                                         .verdict = Verdict::failed,
                                         .failures = {failure_at(12, "TK_EXPECT(a)"), failure_at(13, "TK_EXPECT(b)")},
                                         .omitted_failures = 3}};
  const std::string out = render(results, {.deterministic = true});
  TK_EXPECT_CONTAINS(out,
                     "FAIL  Math.divides\n"
                     "  math_test.cpp:12: TK_EXPECT(a)\n"
                     "  math_test.cpp:13: TK_EXPECT(b)\n"
                     "  ... and 3 more failures\n"
                     "\nFailed tests:\n  Math.divides\n");
}

TK_TEST(ConsoleReporter, a_failing_test_names_its_tmp_path_after_its_failures) {
  const std::vector<TestResult> results{{.test = &divides,
                                         .verdict = Verdict::failed,
                                         .failures = {failure_at(12, "TK_EXPECT(a)")},
                                         .tmp_path = "/tmp/testkit-Math.divides-Ab12Cd"},
                                        {.test = &adds, .verdict = Verdict::passed, .tmp_path = "/tmp/testkit-x"},
                                        {.test = &rounding,
                                         .verdict = Verdict::failed,
                                         .failures = {failure_at(14, "TK_EXPECT(c)")},
                                         .tmp_path = "/tmp/testkit-Math.rounding-Ef34Gh",
                                         .tmp_path_kept = true}};
  const std::string out = render(results, {.deterministic = true});
  TK_EXPECT_CONTAINS(out,
                     "FAIL  Math.divides\n"
                     "  math_test.cpp:12: TK_EXPECT(a)\n"
                     "  tmp_path: /tmp/testkit-Math.divides-Ab12Cd (removed after the test; --keep-tmp keeps it)\n"
                     "PASS  Math.adds\n"
                     "FAIL  Math.rounding\n"
                     "  math_test.cpp:14: TK_EXPECT(c)\n"
                     "  tmp_path: /tmp/testkit-Math.rounding-Ef34Gh (kept)\n");
}

TK_TEST(ConsoleReporter, a_parametrized_test_shows_its_value) {
  TestInfo even = test_info("Math", "even/1");
  even.param = std::string("4");  // not = "4": GCC 12 warns of a memcpy overlap there that cannot happen (PR 105651)
  const std::string out = render({{.test = &even, .verdict = Verdict::passed}}, {.deterministic = true});
  TK_EXPECT_CONTAINS(out, "\nPASS  Math.even/1 [4]\n");
}

TK_TEST(ConsoleReporter, color_marks_verdicts_but_not_the_closing_line) {
  const std::string out = render(one_of_each_verdict(), {.color = true, .deterministic = true});
  TK_EXPECT_CONTAINS(out, "\033[32mPASS \033[0m Math.adds\n");
  TK_EXPECT_CONTAINS(out, "\033[31mFAIL \033[0m Math.divides\n");
  TK_EXPECT_CONTAINS(out, "\033[33mSKIP \033[0m Math.slow");
  TK_EXPECT_CONTAINS(out, "\033[31mXPASS\033[0m Math.fixed");
  TK_EXPECT_CONTAINS(out, "\033[1mTK_ASSERT_EQ(a, b)\033[0m");
  TK_EXPECT_CONTAINS(out, "\033[31mFailed tests:\033[0m\n");
  TK_EXPECT(out.ends_with("\n2 passed, 2 failed, 1 skipped\n"));
}

TK_TEST(ConsoleReporter, no_color_means_no_escape_at_all) {
  TK_EXPECT_EQ(render(one_of_each_verdict(), {}).find('\033'), std::string::npos);
  TK_EXPECT_EQ(render(one_of_each_verdict(), {.deterministic = true}).find('\033'), std::string::npos);
}

// Escape sequences a test can put in every text the console prints: an OSC that retitles the terminal, a CSI
// that clears it, and the one-byte C1 CSI (U+009B) that does the same.
const std::string hostile =
    "\033]0;pwned\007\033[2J\xc2\x9b"
    "2J";
const std::string hostile_shown = "\\x1b]0;pwned\\x07\\x1b[2J\\xc2\\x9b2J";

TestResult hostile_failure(const TestInfo& test) {
  Failure failure = failure_at(12, "uncaught exception in test: std::runtime_error: " + hostile, "left:  " + hostile);
  failure.message = hostile + " \xff\xfe";
  failure.subtest = hostile;
  failure.stacktrace = "#0 " + hostile;
  testkit::CapturedOutput out{.head = hostile + "\r\n", .total_bytes = hostile.size() + 2};
  return {.test = &test, .verdict = Verdict::failed, .failures = {failure}, .out = out, .err = out};
}

// Every escape sequence in `text` is one of the palette's colours.
bool only_palette_escapes(std::string_view text) {
  const testkit::Palette palette = testkit::Palette::make(true);
  for (std::size_t at = text.find('\033'); at != std::string_view::npos; at = text.find('\033', at + 1)) {
    const std::string_view rest = text.substr(at);
    bool known = false;
    for (const std::string_view color :
         {palette.red, palette.green, palette.yellow, palette.bold, palette.dim, palette.reset})
      known = known || rest.starts_with(color);
    if (!known) return false;
  }
  return true;
}

TK_TEST(ConsoleReporter, shows_control_characters_in_what_tests_produce_as_escapes) {
  TestInfo evil = test_info("Math", "evil");
  evil.param = hostile;
  const TestResult skipped{.test = &slow, .verdict = Verdict::skipped, .reason = hostile};
  const std::string out = render({hostile_failure(evil), skipped}, {});
  TK_EXPECT_EQ(out.find('\033'), std::string::npos, out);
  TK_EXPECT_EQ(out.find('\007'), std::string::npos, out);
  TK_EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos, out);
  TK_EXPECT_CONTAINS(out, "FAIL  Math.evil [" + hostile_shown + "] (");
  TK_EXPECT_CONTAINS(out, "\n  [subtest " + hostile_shown +
                              "] /src/tests/math_test.cpp:12: uncaught exception in "
                              "test: std::runtime_error: " +
                              hostile_shown + "\n");
  TK_EXPECT_CONTAINS(out, "\n    left:  " + hostile_shown + "\n");
  TK_EXPECT_CONTAINS(out, "\n    message: " + hostile_shown + " \\xff\\xfe\n");
  TK_EXPECT_CONTAINS(out, "\n      #0 " + hostile_shown + "\n");
  TK_EXPECT_CONTAINS(out, "\n  captured stdout (20 bytes):\n  | " + hostile_shown + "\\x0d\n");
  TK_EXPECT_CONTAINS(out, "\n  captured stderr (20 bytes):\n  | " + hostile_shown + "\\x0d\n");
  TK_EXPECT_CONTAINS(out, "\nSKIP  Math.slow: " + hostile_shown + " (");
}

TK_TEST(ConsoleReporter, keeps_its_own_colours_but_none_a_test_sends) {
  const std::string out = render({hostile_failure(divides)}, {.color = true, .deterministic = true});
  TK_EXPECT_CONTAINS(out, "\033[31mFAIL \033[0m Math.divides\n");
  TK_EXPECT_CONTAINS(out, "\033[1muncaught exception in test: std::runtime_error: " + hostile_shown + "\033[0m\n");
  TK_EXPECT(only_palette_escapes(out), out);
}

TK_TEST(ConsoleReporter, a_name_or_reason_cannot_start_a_line_of_its_own) {
  TestInfo forged = test_info("Math", "forged");
  forged.param = "1\nPASS  Grading.everything";
  const std::string out = render({{.test = &forged, .verdict = Verdict::failed},
                                  {.test = &slow, .verdict = Verdict::skipped, .reason = "x\nPASS  Grading.all"}},
                                 {.deterministic = true});
  TK_EXPECT_CONTAINS(out, "\nFAIL  Math.forged [1\\x0aPASS  Grading.everything]\n");
  TK_EXPECT_CONTAINS(out, "\nSKIP  Math.slow: x\\x0aPASS  Grading.all\n");
  TK_EXPECT_EQ(out.find("\nPASS"), std::string::npos, out);
}

TK_TEST(ConsoleReporter, a_huge_message_shows_its_ends_and_says_how_much_is_elided) {
  Failure failure = failure_at(12, "TK_FAIL");
  failure.message = "first " + std::string(10'000'000, 'x') + " last";
  const std::string out =
      render({{.test = &divides, .verdict = Verdict::failed, .failures = {failure}}}, {.deterministic = true});
  TK_EXPECT_LT(out.size(), 2 * ConsoleReporter::max_shown_bytes);
  TK_EXPECT_CONTAINS(out, "\n    message: first xxx");
  const std::size_t elided = failure.message.size() - ConsoleReporter::max_shown_bytes;
  TK_EXPECT_CONTAINS(out, fmt::format("xxx\n    [... {} bytes elided; the file reports keep up to 64 KiB ...]\n    "
                                      "xxx",
                                      elided));
  TK_EXPECT_CONTAINS(out, "xxx last\n");
}

TK_TEST(ConsoleReporter, long_output_shows_its_first_and_last_lines) {
  std::string text;
  for (int line = 1; line <= 1000; ++line) text += fmt::format("line {}\n", line);
  const std::string out = render({{.test = &divides,
                                   .verdict = Verdict::failed,
                                   .out = {.head = text, .total_bytes = text.size()},
                                   .err = {.head = std::string(20'000, 'e'), .total_bytes = 20'000}}},
                                 {.deterministic = true});
  const std::size_t half = ConsoleReporter::max_shown_lines / 2;
  TK_EXPECT_CONTAINS(out, fmt::format("\n  | line {}\n  | [... ", half));
  TK_EXPECT_CONTAINS(out,
                     fmt::format(" bytes ({} lines) elided; the file reports keep up to 64 KiB ...]\n  | line {}\n",
                                 1000 - 2 * half, 1000 - half + 1));
  TK_EXPECT_EQ(out.find(fmt::format("line {}\n", half + 1)), std::string::npos);
  TK_EXPECT_CONTAINS(out, "\n  | line 1000\n  captured stderr (20000 bytes):\n  | eee");
  TK_EXPECT_CONTAINS(out, fmt::format("[... {} bytes elided;", 20'000 - ConsoleReporter::max_shown_bytes));
}

TK_TEST(SummaryLine, counts_expected_failures_as_passed_and_unexpected_passes_as_failed) {
  testkit::Tally tally;
  for (const Verdict verdict : {Verdict::passed, Verdict::expected_failure, Verdict::failed, Verdict::unexpected_pass,
                                Verdict::skipped, Verdict::failed})
    tally.add(verdict);
  TK_EXPECT_EQ(testkit::summary_line(tally), "2 passed, 3 failed, 1 skipped");
  TK_EXPECT_EQ(testkit::summary_line({}), "0 passed, 0 failed, 0 skipped");
}

}  // namespace
