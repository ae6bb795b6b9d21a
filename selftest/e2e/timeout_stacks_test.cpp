// Timeouts end to end (scenario_stuck): a timed-out test's report shows where each of its threads was when it was
// stopped, whether it spun, slept or blocked, in a class host or in set_up_class, on 1 and 4 jobs; a test that keeps
// SIGTERM out is killed at its deadline plus the grace period all the same, without stacks; testkit-run's workers say
// why their frames are not named. Recording the stacks must not make a run wait for the grace period.
#include <chrono>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;

constexpr auto timeout = 400ms;
constexpr auto grace = 1s;               // the supervisor's, between SIGTERM and SIGKILL
constexpr auto start_up_and_load = 10s;  // the run's own time, on a busy machine

const std::string main_thread = "thread 1 (the test's main thread):\n";

/// What the report of one stuck test must say, in this order.
struct Expected {
  std::string test;
  std::vector<std::string> in_order;
};

// ThreadSanitizer delivers a signal to a thread only in a blocking call or at its next interceptor, which a bare loop
// or a thread waiting for a mutex never reaches: the supervisor then kills them after the grace period.
#if defined(__SANITIZE_THREAD__)
constexpr bool signals_wait_for_interceptors = true;
#else
constexpr bool signals_wait_for_interceptors = false;
#endif

std::vector<Expected> expected_stacks() {
  std::vector<Expected> expected = {
      {"Stuck.sleeps",
       {"stack trace:", main_thread, "#0 stuck::sleep_for_a_minute()", "Stuck_sleeps_Test::test_body()"}},
      {"StuckInClass.sleeps", {main_thread, "#0 stuck::sleep_for_a_minute()", "StuckInClass_sleeps_Test::test_body()"}},
  };
  if (!signals_wait_for_interceptors) {
    expected.push_back(
        {"Stuck.on_two_threads",
         {main_thread, "#0 stuck::read_a_silent_pipe()", "thread 2 (tid ", "#0 stuck::wait_for_the_held_mutex()"}});
    expected.push_back({"Stuck.spins", {main_thread, "#0 stuck::spin_forever()", "Stuck_spins_Test::test_body()"}});
    expected.push_back(
        {"StuckInClass.spins", {main_thread, "#0 stuck::spin_forever()", "StuckInClass_spins_Test::test_body()"}});
  }
  return expected;
}

std::string filter_of(const std::vector<Expected>& expected) {
  std::string filter;
  for (const Expected& test : expected) filter += (filter.empty() ? "" : ":") + test.test;
  return filter;
}

/// Checks that `report` holds each of `words`, in order.
void expect_in_order(const std::string& report, const std::vector<std::string>& words, const std::string& test) {
  std::size_t at = 0;
  for (const std::string& word : words) {
    const std::size_t found = report.find(word, at);
    TK_EXPECT_NE(found, std::string::npos, "{}: no '{}' after offset {} in\n{}", test, word, at, report);
    if (found != std::string::npos) at = found + word.size();
  }
}

std::vector<std::string> arguments(std::string jobs, std::string filter) {
  return {"--timeout", "0.4", "-j", std::move(jobs), "--color", "never", "--filter", std::move(filter)};
}

TK_TEST_P(TimeoutStacks, name_where_each_thread_of_the_test_was, (std::vector<std::string>{"1", "4"})) {
  const std::vector<Expected> expected = expected_stacks();
  const auto run = run_scenario(scenario_stuck, arguments(param(), filter_of(expected)), {.timeout = 60s});
  TK_EXPECT_EQ(run.exit_code, 1);
  for (const Expected& test : expected) {
    const std::string report = report_of(run.out, test.test);
    TK_EXPECT(report.starts_with("TIMEOUT " + test.test), "{}", report);
    expect_in_order(report, test.in_order, test.test);
  }
  // Each process dies of its SIGTERM once its threads have recorded: none waits for the grace period.
  TK_EXPECT_LT(run.elapsed, static_cast<long>(expected.size()) * (timeout + grace / 2) + start_up_and_load);
}

TK_TEST(TimeoutStacks, a_class_host_stuck_in_set_up_class_shows_where) {
  const auto run = run_scenario(scenario_stuck, arguments("2", "StuckInSetUp.*"), {.timeout = 60s});
  const std::string report = report_of(run.out, "StuckInSetUp.first");
  TK_EXPECT(report.starts_with("TIMEOUT StuckInSetUp.first"), "{}", report);
  expect_in_order(report,
                  {"[set_up_class]", "timed out after 0.4 s", main_thread, "#0 stuck::sleep_for_a_minute()",
                   "StuckInSetUp::set_up_class()"},
                  "StuckInSetUp.first");
}

TK_TEST_P(TimeoutStacks, a_test_that_keeps_sigterm_out_is_killed_after_the_grace_period_without_stacks,
          (std::vector<std::string>{"1", "4"})) {
  const std::vector<std::string> tests = {"Unrecorded.ignores_sigterm", "Unrecorded.blocks_sigterm",
                                          "Unrecorded.replaces_the_handler"};
  const auto run = run_scenario(scenario_stuck, arguments(param(), "Unrecorded.*"), {.timeout = 60s});
  TK_EXPECT_EQ(run.exit_code, 1);
  for (const std::string& test : tests) {
    const std::string report = report_of(run.out, test);
    TK_EXPECT(report.starts_with("TIMEOUT " + test), "{}", report);
    TK_EXPECT_CONTAINS(report, "timed out after 0.4 s");
    TK_EXPECT_NOT_CONTAINS(report, "stack trace:");
  }
  TK_EXPECT_LT(run.elapsed, static_cast<long>(tests.size()) * (timeout + grace) + start_up_and_load);
}

TK_TEST(TimeoutStacks, a_worker_of_testkit_run_says_why_its_frames_are_not_named) {
  const auto run = run_scenario(
      testkit_run, {scenario_stuck, "--timeout", "0.4", "--color", "never", "--filter", "*Stuck.on_two_threads"},
      {.timeout = 60s});
  const std::vector<std::string> lines = lines_starting_with(run.out, "TIMEOUT ");
  TK_ASSERT_EQ(lines.size(), 1u, "{}", run.out);
  const std::string report = report_of(run.out, lines[0].substr(8, lines[0].find(' ', 8) - 8));
  TK_EXPECT_CONTAINS(report, "were recorded, but testkit-run cannot name another binary's frames");
}

}  // namespace
