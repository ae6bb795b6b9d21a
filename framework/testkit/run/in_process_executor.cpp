#include <testkit/run/in_process_executor.hpp>

#include <sys/prctl.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <testkit/core/context.hpp>
#include <testkit/core/lifecycle.hpp>
#include <testkit/run/class_fixtures.hpp>
#include <testkit/run/detail/shared_process_state.hpp>
#include <testkit/run/exit_code.hpp>
#include <testkit/run/memory_checks.hpp>
#include <testkit/run/module_fixtures.hpp>
#include <testkit/run/result_sink.hpp>
#include <testkit/run/retry.hpp>

namespace testkit {
namespace {

using Clock = std::chrono::steady_clock;

// Plan indices that one thread runs in order: a lone test, or all the tests of one fixture class.
using WorkItem = std::vector<std::size_t>;

std::vector<WorkItem> group_by_fixture(std::span<const TestInfo* const> plan) {
  std::vector<WorkItem> items;
  std::map<const FixtureClass*, std::size_t> item_of_fixture;
  for (std::size_t index = 0; index < plan.size(); ++index) {
    const FixtureClass* fixture = plan[index]->fixture;
    if (fixture == nullptr) {
      items.push_back({index});
      continue;
    }
    const auto [found, added] = item_of_fixture.try_emplace(fixture, items.size());
    if (added) items.emplace_back();
    items[found->second].push_back(index);
  }
  return items;
}

class InProcessRun {
 public:
  InProcessRun(std::span<const TestInfo* const> plan, const Execution& execution, Listener& listener)
      : plan_(plan),
        execution_(execution),
        listener_(listener),
        sink_(listener, plan, execution.in_plan_order),
        items_(group_by_fixture(plan)),
        jobs_(detail::checks_leaks() ? 1 : std::max<std::size_t>(1, execution.jobs)),
        running_(jobs_),
        module_(plan) {}

  RunResult run() {
    start_ = Clock::now();
    InProcessRun* const outer_run = active_run.exchange(this);
    detail::watch_sanitizer_reports(on_fatal_memory_error);
    module_.set_up();
    detail::take_leak_baseline();  // the runner's, static initialisation's and the module set-up's leaks are no test's
    if (jobs_ <= 1) {
      work(0);
    } else {
      std::vector<std::jthread> workers;
      for (std::size_t slot = 0; slot < std::min(jobs_, items_.size()); ++slot)
        workers.emplace_back([this, slot] { work(slot); });
    }
    {
      // Under the lock: the watchdog then either has yet to look at the flag or is already waiting, so the
      // wake-up cannot fall between the two and leave it waiting for ever. It is not waited for: it ends by itself.
      const std::lock_guard lock(mutex_);
      watch_->ended = true;
    }
    watch_->wake.notify_all();
    if (shared_state_.changed()) shared_state_.restore();  // the reports' relative paths mean what they meant
    if (held_) {
      module_.tear_down(held_->second);
      sink_.finished(held_->first, std::move(held_->second));
    }
    RunResult run = sink_.take();
    run.duration = Clock::now() - start_;
    active_run.store(outer_run);
    return run;
  }

 private:
  // The run whose tests this process is running, for the sanitizers' death callback.
  static inline std::atomic<InProcessRun*> active_run{nullptr};

  static void on_fatal_memory_error() {
    if (InProcessRun* run = active_run.load()) run->report_memory_error_and_exit();
  }

  // What the run shares with its watchdog thread, which may still hold it after the run.
  struct Watch {
    std::mutex mutex;  // the run's mutex_
    std::condition_variable wake;
    Clock::time_point wakes_at = Clock::time_point::min();  // when the waiting watchdog wakes; guarded
    bool ended = false;                                     // the run has ended: the watchdog returns; guarded
  };

  struct Running {
    std::size_t plan_index = 0;
    Clock::time_point start{};
    Clock::time_point deadline = Clock::time_point::max();
    std::optional<TestResult> previous{};  // the attempt before the running one, which failed (--retries)
  };

  void work(std::size_t slot) {
    for (std::size_t item; !stop_.load() && (item = next_item_.fetch_add(1)) < items_.size();) {
      std::vector<const TestInfo*> tests;
      for (std::size_t index : items_[item]) tests.push_back(plan_[index]);
      ClassFixtures fixtures(tests);
      for (std::size_t index : items_[item]) {
        const TestInfo& test = *plan_[index];
        started(slot, index);
        if (std::optional<TestResult> instead = module_.replacement(test)) {
          finished(slot, index, std::move(*instead));
          continue;
        }
        std::optional<TestResult> replaced = fixtures.before(test);
        TestResult result = replaced ? std::move(*replaced) : run_attempts(slot, test);
        fixtures.after(test, result);
        finished(slot, index, std::move(result));
      }
    }
  }

  // Runs `test` until an attempt does not fail or its retries are used up (none after a fail-fast stop).
  TestResult run_attempts(std::size_t slot, const TestInfo& test) {
    const std::size_t retries = retries_of(test, execution_);
    TestResult result = run_attempt(test);
    while (!stop_.load() && detail::runs_again(result, retries)) {
      restarted(slot, result);
      result = detail::after_retry(std::move(result), run_attempt(test), retries);
    }
    return result;
  }

  // Runs `test` once, then charges it with what the sanitizers and valgrind found meanwhile (a leak check when it
  // passed).
  static TestResult run_attempt(const TestInfo& test) {
    const detail::MemoryMark memory_before = detail::memory_mark();
    TestResult result = detail::run_test(test);
    detail::judge_memory(result, memory_before);
    return result;
  }

  // The test on `slot` runs again after the attempt `failed`, which is placed on the timeline; the next attempt
  // has the whole timeout again.
  void restarted(std::size_t slot, TestResult& failed) {
    const std::lock_guard lock(mutex_);
    Running& running = *running_[slot];
    place(failed, slot, running.start);
    const auto timeout = timeout_of(*plan_[running.plan_index], execution_);
    running.start = Clock::now();
    running.deadline = timeout.count() > 0 ? running.start + timeout : Clock::time_point::max();
    running.previous = failed;  // should this attempt hang, the run ends with the attempts so far
    if (running.deadline < watch_->wakes_at) watch_->wake.notify_all();
  }

  void started(std::size_t slot, std::size_t index) {
    std::unique_lock lock(mutex_);
    settle_shared_state(lock);
    const auto timeout = timeout_of(*plan_[index], execution_);
    const auto now = Clock::now();
    const auto deadline = timeout.count() > 0 ? now + timeout : Clock::time_point::max();
    running_[slot] = Running{index, now, deadline};
    sink_.started(index);
    if (!watchdog_started_) return start_watchdog();
    // The watchdog sleeps until the earliest deadline it knows; only an earlier one needs to wake it (a later
    // one it finds when it wakes), which spares two context switches per test.
    if (deadline < watch_->wakes_at) watch_->wake.notify_all();
  }

  void finished(std::size_t slot, std::size_t index, TestResult result) {
    const std::lock_guard lock(mutex_);
    place(result, slot, running_[slot]->start);
    running_[slot].reset();
    if (shared_state_.changed()) no_test_running_.notify_all();
    if (execution_.fail_fast && is_failure(result.verdict)) stop_ = true;
    // The last test to end (of those that ran: not skipped by metadata) waits for the module tear-down, whose
    // failures are its own: each such result is held until the next one ends.
    if (module_.tears_down() && plan_[index]->meta.skip.empty()) {
      auto previous = std::exchange(held_, std::pair{index, std::move(result)});
      if (!previous) return;
      std::tie(index, result) = std::move(*previous);
    }
    sink_.finished(index, std::move(result));
  }

  // Where `result` goes on the run's timeline: the worker thread that ran it and when it started.
  void place(TestResult& result, std::size_t slot, Clock::time_point start) const {
    result.slot = slot;
    result.started = start - start_;
  }

  // A test that changed the working directory, the environment or the umask must not pass the change on to the
  // tests after it: before the next test starts, once no test is running, they are put back. (Tests running on
  // other threads at the time shared the change, as threads do.) Called with mutex_ held.
  void settle_shared_state(std::unique_lock<std::mutex>& lock) {
    if (!shared_state_.changed()) return;
    no_test_running_.wait(lock, [this] {
      return !shared_state_.changed() ||
             std::ranges::none_of(running_, [](const auto& running) { return running.has_value(); });
    });
    if (shared_state_.changed()) shared_state_.restore();
  }

  // Started by the first test's start, under mutex_, so that it sleeps until that test's deadline at once (started
  // before, it would have to be woken for it). Never joined: waking it at the end and waiting for it cost an
  // in-process run as much again as starting it. It shares `watch` with the run and reads the run only while it has
  // not ended, so it may outlive the run.
  void start_watchdog() {
    watchdog_started_ = true;
    try {
      std::thread([run = this, watch = watch_] { watch_deadlines(run, *watch); }).detach();
    } catch (const std::system_error& error) {  // no thread to be had (a process limit): the tests run unwatched
      std::fprintf(stderr, "testkit: cannot start the thread that ends a hung test (%s): this run has no timeout\n",
                   error.what());
    }
  }

  static void watch_deadlines(InProcessRun* run, Watch& watch) {
    ::prctl(PR_SET_NAME, "testkit-watch");  // as ps, top and gdb show it
    std::unique_lock lock(watch.mutex);
    while (!watch.ended) {
      auto wake = Clock::time_point::max();
      for (const auto& running : run->running_)
        if (running) wake = std::min(wake, running->deadline);
      if (Clock::now() >= wake) return run->report_timeout_and_exit();
      watch.wakes_at = wake;
      if (wake == Clock::time_point::max())
        watch.wake.wait(lock);
      else
        watch.wake.wait_until(lock, wake);
      watch.wakes_at = Clock::time_point::min();  // awake: it looks at every deadline before sleeping again
    }
  }

  // Called with mutex_ held; never returns.
  [[noreturn]] void report_timeout_and_exit() {
    for (const auto& running : running_) {
      if (!running || Clock::now() < running->deadline) continue;
      const TestInfo& test = *plan_[running->plan_index];
      TestResult result{.test = &test, .verdict = Verdict::timed_out};
      place(result, static_cast<std::size_t>(&running - running_.data()), running->start);
      result.duration = Clock::now() - running->start;
      result.failures.push_back(
          {.where = test.where,
           .phase = "test",
           .headline = fmt::format("timed out after {} s", timeout_of(test, execution_).count() / 1000.0),
           .details = "in-process tests cannot be stopped, so the run ends here (run without --no-fork to go on)"});
      if (running->previous)
        result = detail::after_retry(*running->previous, std::move(result), retries_of(test, execution_));
      sink_.finished(running->plan_index, std::move(result));
    }
    end_run_here();
  }

  // A sanitizer found an error (its failure recorded in the test of this thread) and is about to end the process:
  // on the thread of the error, which is the test's when the test made it, else every running test is charged.
  [[noreturn]] void report_memory_error_and_exit() {
    const std::lock_guard lock(mutex_);
    detail::Context* const context = detail::current_context();
    const TestInfo* const culprit = context != nullptr ? context->test() : nullptr;
    for (const auto& running : running_) {
      if (!running || (culprit != nullptr && plan_[running->plan_index] != culprit)) continue;
      const TestInfo& test = *plan_[running->plan_index];
      TestResult result{.test = &test, .verdict = Verdict::memory_error};
      place(result, static_cast<std::size_t>(&running - running_.data()), running->start);
      result.duration = Clock::now() - running->start;
      if (culprit != nullptr) result.failures = context->take_failures(result.omitted_failures);
      result.failures.push_back({.where = test.where,
                                 .phase = "test",
                                 .headline = "a sanitizer ended the process after its report",
                                 .details = "in-process tests share the process, so the run ends here (run without "
                                            "--no-fork to go on); the whole report is on stderr"});
      sink_.finished(running->plan_index, std::move(result));
    }
    end_run_here();
  }

  // Reports what finished, and ends the process: called with mutex_ held.
  [[noreturn]] void end_run_here() {
    if (held_) sink_.finished(held_->first, std::move(held_->second));  // no tear-down: the run ends here
    sink_.release_held();  // tests that finished on other threads, behind the one that hangs
    RunResult run = sink_.take();
    run.duration = Clock::now() - start_;
    listener_.on(RunEnded{run});
    std::fflush(nullptr);
    std::_Exit(exit_code::tests_failed);
  }

  std::span<const TestInfo* const> plan_;
  const Execution& execution_;
  Listener& listener_;
  std::shared_ptr<Watch> watch_ = std::make_shared<Watch>();
  std::mutex& mutex_ = watch_->mutex;  // guards sink_, running_, every listener call and watchdog_started_
  bool watchdog_started_ = false;
  std::condition_variable no_test_running_;  // a test ended while the shared state is changed
  detail::SharedProcessState shared_state_;  // guarded
  detail::ResultSink sink_;
  std::vector<WorkItem> items_;
  // Threads that run tests. One where LeakSanitizer checks each test's leaks when it ends: a leak check between
  // tests running at once could not tell whose leak it found.
  std::size_t jobs_;
  std::vector<std::optional<Running>> running_;
  ModuleFixtures module_;
  std::optional<std::pair<std::size_t, TestResult>> held_;  // the last result that ended, while tear-downs wait
  std::atomic<std::size_t> next_item_{0};
  std::atomic<bool> stop_{false};
  Clock::time_point start_{};  // when the run started: the tests' start times count from it
};

}  // namespace

RunResult run_in_process(std::span<const TestInfo* const> plan, const Execution& execution, Listener& listener) {
  listener.on(RunStarted{plan});
  RunResult run = InProcessRun(plan, execution, listener).run();
  listener.on(RunEnded{run});
  return run;
}

}  // namespace testkit
