// run_forked on hand-made tests: each runs in a process of its own, whose failures, crash, output, timeout
// and usage reach the result. These tests fork (from a selftest that may itself be a forked test process).
#include <testkit/run/process_executor.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <testkit/testkit.hpp>

#include "support/calls_body.hpp"
#include "support/recording_listener.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::Verdict;
using testkit::selftest::CallsBody;
using testkit::selftest::RecordingListener;

/// A test Forked.<name> running `body`.
testkit::TestInfo test_of(std::string name, std::function<void()> body, testkit::Metadata meta = {}) {
  return {.suite = "Forked",
          .name = std::move(name),
          .where = {"forked_scenario.cpp", 5},
          .meta = std::move(meta),
          .make = [body = std::move(body)] { return std::make_unique<CallsBody>(body); }};
}

/// Runs `test` alone in a process of its own and gives its result.
testkit::TestResult run_alone(const testkit::TestInfo& test, const testkit::Execution& execution = {.timeout = 10s}) {
  const testkit::TestInfo* const plan[] = {&test};
  testkit::Listener quiet;
  testkit::RunResult run = testkit::run_forked(plan, execution, quiet);
  TK_ASSERT_EQ(run.results.size(), 1u);
  return std::move(run.results[0]);
}

[[gnu::noinline]] void fails_in_a_helper() { TK_EXPECT_EQ(2 + 2, 5, "arithmetic"); }

[[gnu::noinline]] void crashes_in_a_helper() {
  ::raise(SIGSEGV);
  std::abort();  // not reached; keeps raise() from being a tail call, which would drop this frame from the trace
}

/// The fixture of these tests: they run one after another on one thread, since every run_forked installs
/// process-wide SIGINT / SIGTERM handlers for its duration.
class ForkedRuns : public testkit::TestCase {};

TK_TEST_F(ForkedRuns, passing_test_passes_and_reports_its_usage) {
  const auto result = run_alone(test_of("pass", [] {}));
  TK_EXPECT_EQ(result.verdict, Verdict::passed);
  TK_EXPECT(result.failures.empty());
  TK_EXPECT_GT(result.usage.max_rss_kib, 0);
  TK_EXPECT_GT(result.duration.count(), 0);
  TK_EXPECT(result.out.empty());
  TK_EXPECT(result.err.empty());
}

TK_TEST_F(ForkedRuns, failures_are_streamed_with_a_symbolized_stacktrace) {
  const auto result = run_alone(test_of("fail", [] {
    fails_in_a_helper();
    TK_FAIL("then gave up");
  }));
  TK_EXPECT_EQ(result.verdict, Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 2u);
  const testkit::Failure& first = result.failures[0];
  TK_EXPECT_EQ(first.headline, "TK_EXPECT_EQ(2 + 2, 5)");
  TK_EXPECT_EQ(first.message, "arithmetic");
  TK_EXPECT_EQ(first.phase, "test");
  TK_EXPECT(first.where.file.ends_with("process_executor_test.cpp"), "{}", first.where.file);
  TK_EXPECT(first.frames.empty(), "the supervisor symbolizes the frames it receives");
  TK_EXPECT_CONTAINS(first.stacktrace, "fails_in_a_helper");
  TK_EXPECT_CONTAINS(first.stacktrace, "process_executor_test.cpp");
  TK_EXPECT_EQ(result.failures[1].message, "then gave up");
}

TK_TEST_F(ForkedRuns, a_failure_in_a_process_the_test_forked_reaches_the_supervisor) {
  const auto result = run_alone(test_of("forks", [] {
    const pid_t child = ::fork();
    if (child == 0) {
      fails_in_a_helper();
      ::_exit(0);
    }
    ::waitpid(child, nullptr, 0);
  }));
  TK_EXPECT_EQ(result.verdict, Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "TK_EXPECT_EQ(2 + 2, 5)");
  TK_EXPECT_CONTAINS(result.failures[0].stacktrace, "fails_in_a_helper");
}

TK_TEST_F(ForkedRuns, crash_is_reported_with_the_last_checkpoint) {
  constexpr unsigned checkpoint_line = __LINE__ + 2;
  const auto result = run_alone(test_of("crash", [] {
    TK_CHECKPOINT();
    crashes_in_a_helper();
  }));
  TK_EXPECT_EQ(result.verdict, Verdict::crashed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "crashed: SIGSEGV (signal 11)");
  TK_EXPECT_CONTAINS(result.failures[0].details, fmt::format("process_executor_test.cpp:{}", checkpoint_line));
  TK_EXPECT_CONTAINS(result.failures[0].stacktrace, "crashes_in_a_helper");
}

TK_TEST_F(ForkedRuns, the_tmp_path_of_a_test_that_crashes_is_named_and_removed_by_the_supervisor) {
  const auto result = run_alone(test_of("crashes_in_tmp", [] {
    std::filesystem::create_directories(testkit::tmp_path() / "sub");
    std::ofstream(testkit::tmp_path() / "sub" / "left.txt") << "x";
    crashes_in_a_helper();
  }));
  TK_EXPECT_EQ(result.verdict, Verdict::crashed);
  TK_ASSERT_NE(result.tmp_path, "", "the supervisor reads the path from the process's black box");
  TK_EXPECT(std::filesystem::path(result.tmp_path).filename().string().starts_with("testkit-Forked.crashes_in_tmp-"),
            "{}", result.tmp_path);
  TK_EXPECT_FALSE(result.tmp_path_kept);
  TK_EXPECT_FALSE(std::filesystem::exists(result.tmp_path), "{} is left behind", result.tmp_path);
}

TK_TEST_F(ForkedRuns, a_passing_test_removes_its_own_tmp_path) {
  const auto result = run_alone(test_of("uses_tmp", [] { std::ofstream(testkit::tmp_path() / "f.txt") << "x"; }));
  TK_EXPECT_EQ(result.verdict, Verdict::passed);
  TK_ASSERT_NE(result.tmp_path, "");
  TK_EXPECT_FALSE(std::filesystem::exists(result.tmp_path), "{} is left behind", result.tmp_path);
}

TK_TEST_F(ForkedRuns, stdout_and_stderr_are_captured_per_test) {
  const auto result = run_alone(test_of("chatty", [] {
    std::printf("printf to stdout\n");
    std::cout << "cout to stdout\n";
    std::fprintf(stderr, "to stderr\n");
  }));
  TK_EXPECT_EQ(result.verdict, Verdict::passed);
  TK_EXPECT_EQ(result.out.text(), "printf to stdout\ncout to stdout\n");
  TK_EXPECT_EQ(result.err.text(), "to stderr\n");
}

TK_TEST_F(ForkedRuns, timeout_kills_the_test) {
  const auto start = std::chrono::steady_clock::now();
  const auto result =
      run_alone(test_of("sleeps", [] { std::this_thread::sleep_for(30s); }), {.timeout = 200ms, .grace = 200ms});
  TK_EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  TK_EXPECT_EQ(result.verdict, Verdict::timed_out);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "timed out after 0.2 s");
}

TK_TEST_F(ForkedRuns, exit_inside_the_test_is_an_early_exit) {
  // _exit, not exit: with --no-fork -j N this process has other threads, and exit handlers (a sanitizer's
  // leak check) may wait in the forked copy for locks that those threads held.
  const auto result = run_alone(test_of("exits", [] { ::_exit(3); }));
  TK_EXPECT_EQ(result.verdict, Verdict::exited_early);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "exited with status 3 before the test ended");
}

TK_TEST_F(ForkedRuns, tests_run_side_by_side_and_report_in_plan_order) {
  const auto slow = test_of("slow", [] { std::this_thread::sleep_for(200ms); });
  const auto fast = test_of("fast", [] {});
  const auto failing = test_of("failing", [] { TK_FAIL("no"); });
  const testkit::TestInfo* const plan[] = {&slow, &fast, &failing};
  RecordingListener recorder;
  const auto run = testkit::run_forked(plan, {.jobs = 3, .in_plan_order = true}, recorder);
  const std::vector<std::string> expected{"run_started 3",
                                          "test_started Forked.slow",
                                          "test_ended Forked.slow passed",
                                          "test_started Forked.fast",
                                          "test_ended Forked.fast passed",
                                          "test_started Forked.failing",
                                          "test_ended Forked.failing failed",
                                          "run_ended"};
  TK_EXPECT_EQ(recorder.events(), expected);
  TK_EXPECT_EQ(run.tally().failed, 1u);
}

// At -j 1 the next test is handed to the host while one runs (unless it is the host's last), and the host starts it
// as that one ends: it waits without a time limit (the running test has one), then has its whole limit from its own
// start, and runs in the job slot of the test before it. The second test's limit is shorter than the first test's run.
TK_TEST_F(ForkedRuns, a_test_handed_ahead_has_its_whole_time_limit_from_its_own_start) {
  const auto first = test_of("first", [] { std::this_thread::sleep_for(600ms); });
  const auto second = test_of("second", [] { std::this_thread::sleep_for(200ms); }, {.timeout = 500ms});
  const auto last = test_of("last", [] {});
  const testkit::TestInfo* const plan[] = {&first, &second, &last};
  testkit::Listener quiet;
  const auto run = testkit::run_forked(plan, {.jobs = 1, .timeout = 5s}, quiet);
  TK_ASSERT_EQ(run.results.size(), 3u);
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    const testkit::TestResult& result = run.results[i];
    TK_EXPECT_EQ(result.verdict, Verdict::passed, "{}", result.test->name);
    TK_EXPECT_EQ(result.slot, 0u, "{}", result.test->name);
    if (i > 0)
      TK_EXPECT_GE(result.started, run.results[i - 1].started + run.results[i - 1].duration, "{}", result.test->name);
  }
}

// A host that dies loses the test it was running; the test handed ahead to it, which it had not started, runs on a
// new host as if it had never been handed over.
TK_TEST_F(ForkedRuns, a_test_handed_ahead_to_a_host_that_dies_runs_on_a_new_host) {
  const auto kills = test_of("kills_its_host", [] {
    std::this_thread::sleep_for(300ms);  // by then the next test is handed ahead
    ::kill(::getppid(), SIGKILL);
    std::this_thread::sleep_for(30s);
  });
  const auto next = test_of("next", [] {});
  const auto last = test_of("last", [] {});
  const testkit::TestInfo* const plan[] = {&kills, &next, &last};
  RecordingListener recorder;
  const auto run = testkit::run_forked(plan, {.jobs = 1, .timeout = 10s}, recorder);
  TK_ASSERT_EQ(run.results.size(), 3u);
  TK_EXPECT_NE(run.results[0].verdict, Verdict::passed);
  TK_EXPECT_EQ(run.results[1].verdict, Verdict::passed);
  TK_EXPECT_EQ(run.results[2].verdict, Verdict::passed);
  // Each test started once, after the one before it ended.
  const std::vector<std::string> expected{
      "run_started 3",
      "test_started Forked.kills_its_host",
      "test_ended Forked.kills_its_host " + std::string(testkit::to_string(run.results[0].verdict)),
      "test_started Forked.next",
      "test_ended Forked.next passed",
      "test_started Forked.last",
      "test_ended Forked.last passed",
      "run_ended"};
  TK_EXPECT_EQ(recorder.events(), expected);
}

// Under --fail-fast no test is handed ahead: the test after the first failure does not start at all.
TK_TEST_F(ForkedRuns, under_fail_fast_no_test_starts_after_the_first_failure) {
  const std::string marker = (testkit::tmp_path() / "ran").string();
  const auto fails = test_of("fails", [] {
    std::this_thread::sleep_for(200ms);
    TK_FAIL("no");
  });
  const auto next = test_of("next", [marker] { std::ofstream(marker) << "ran"; });
  const auto last = test_of("last", [] {});
  const testkit::TestInfo* const plan[] = {&fails, &next, &last};
  testkit::Listener quiet;
  const auto run = testkit::run_forked(plan, {.jobs = 1, .timeout = 10s, .fail_fast = true}, quiet);
  TK_ASSERT_EQ(run.results.size(), 1u);
  TK_EXPECT_EQ(run.results[0].verdict, Verdict::failed);
  TK_EXPECT_FALSE(std::filesystem::exists(marker), "the test after the failure ran");
}

// A test that stops its host (SIGSTOP) would leave the host's tests waiting for ever: the supervisor kills the stopped
// host within a tick, charges the test it was running, and runs the others on a new host, long before any timeout.
TK_TEST_F(ForkedRuns, a_test_that_stops_its_host_is_charged_and_the_run_goes_on) {
  const auto stops = test_of("stops_its_host", [] {
    std::this_thread::sleep_for(200ms);  // by then the next test is handed ahead
    ::kill(::getppid(), SIGSTOP);
  });
  const auto next = test_of("next", [] {});
  const auto last = test_of("last", [] {});
  const testkit::TestInfo* const plan[] = {&stops, &next, &last};
  testkit::Listener quiet;
  const auto start = std::chrono::steady_clock::now();
  const auto run = testkit::run_forked(plan, {.jobs = 1, .timeout = 30s}, quiet);
  TK_EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  TK_ASSERT_EQ(run.results.size(), 3u);
  TK_EXPECT_EQ(run.results[0].verdict, Verdict::crashed);
  TK_ASSERT_EQ(run.results[0].failures.size(), 1u);
  TK_EXPECT_EQ(run.results[0].failures[0].headline,
               "lost: the class host running the test was stopped by a signal (SIGSTOP or similar) and killed");
  TK_EXPECT_EQ(run.results[1].verdict, Verdict::passed);
  TK_EXPECT_EQ(run.results[2].verdict, Verdict::passed);
}

}  // namespace
