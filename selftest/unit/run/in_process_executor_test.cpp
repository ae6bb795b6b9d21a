// run_in_process: the calling thread with -j 1, a pool with -j N, a fixture class's tests on one thread,
// fail-fast and plan order. (Its timeout ends the process, so the e2e suite covers that.)
#include <testkit/run/in_process_executor.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
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
using Plan = std::vector<const testkit::TestInfo*>;

/// A test Pool.<name> running `body`, of `fixture` class if given.
testkit::TestInfo test_of(std::string name, std::function<void()> body,
                          const testkit::FixtureClass* fixture = nullptr) {
  return {.suite = "Pool", .name = std::move(name), .fixture = fixture, .make = [body = std::move(body)] {
            return std::make_unique<CallsBody>(body);
          }};
}

/// Tests that note which thread ran them, and how many times each ran. Thread-safe.
class Tracker {
 public:
  /// A test named `name` whose body notes its run, then calls `then`.
  testkit::TestInfo test(const std::string& name, std::function<void()> then = {},
                         const testkit::FixtureClass* fixture = nullptr) {
    auto body = [this, name, then = std::move(then)] {
      {
        const std::lock_guard lock(mutex_);
        ++runs_[name];
        threads_[name] = std::this_thread::get_id();
        order_.push_back(name);
      }
      if (then) then();
    };
    return test_of(name, std::move(body), fixture);
  }
  [[nodiscard]] int runs(const std::string& name) const {
    const std::lock_guard lock(mutex_);
    return runs_.count(name) ? runs_.at(name) : 0;
  }
  [[nodiscard]] std::thread::id thread(const std::string& name) const {
    const std::lock_guard lock(mutex_);
    return threads_.at(name);
  }
  [[nodiscard]] std::vector<std::string> order() const {
    const std::lock_guard lock(mutex_);
    return order_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, int> runs_;
  std::map<std::string, std::thread::id> threads_;
  std::vector<std::string> order_;
};

/// Checks that the listener saw each test of `plan` start once and then end once, with at most `jobs` running.
void expect_well_formed(const RecordingListener& recorder, const Plan& plan, std::size_t jobs) {
  std::set<std::string> running, ended;
  std::size_t most_running = 0;
  for (const std::string& event : recorder.events()) {
    if (event.starts_with("test_started ")) {
      const std::string name = event.substr(13);
      TK_EXPECT(!ended.contains(name), "{} started again after it ended", name);
      TK_EXPECT(running.insert(name).second, "{} started twice", name);
      most_running = std::max(most_running, running.size());
    } else if (event.starts_with("test_ended ")) {
      const std::string name = event.substr(11, event.find(' ', 11) - 11);
      TK_EXPECT(running.erase(name) == 1u, "{} ended without starting", name);
      TK_EXPECT(ended.insert(name).second, "{} ended twice", name);
    }
  }
  TK_EXPECT_EQ(ended.size(), plan.size());
  TK_EXPECT(running.empty());
  TK_EXPECT_LE(most_running, jobs);
  TK_EXPECT_EQ(recorder.events().front(), fmt::format("run_started {}", plan.size()));
  TK_EXPECT_EQ(recorder.events().back(), "run_ended");
}

/// Waits until `count` tests have arrived (so that they provably run at once); false after 10 s.
bool meet(std::atomic<int>& arrived, int count) {
  ++arrived;
  for (auto until = std::chrono::steady_clock::now() + 10s; arrived.load() < count;) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

TK_TEST(InProcessExecutor, one_job_runs_every_test_on_the_calling_thread) {
  Tracker tracker;
  const auto a = tracker.test("a"), b = tracker.test("b"), c = tracker.test("c");
  RecordingListener recorder;
  const auto run = testkit::run_in_process(Plan{&a, &b, &c}, {.jobs = 1}, recorder);
  TK_EXPECT_EQ(run.tally().passed, 3u);
  for (const char* name : {"a", "b", "c"}) TK_EXPECT(tracker.thread(name) == std::this_thread::get_id(), "{}", name);
  const std::vector<std::string> expected{"run_started 3",
                                          "test_started Pool.a",
                                          "test_ended Pool.a passed",
                                          "test_started Pool.b",
                                          "test_ended Pool.b passed",
                                          "test_started Pool.c",
                                          "test_ended Pool.c passed",
                                          "run_ended"};
  TK_EXPECT_EQ(recorder.events(), expected);
}

TK_TEST(InProcessExecutor, four_jobs_run_every_test_once_and_at_the_same_time) {
  Tracker tracker;
  std::atomic<int> arrived{0};
  std::deque<testkit::TestInfo> tests;
  Plan plan;
  for (int i = 0; i < 10; ++i) {
    tests.push_back(tracker.test(fmt::format("t{}", i), [&arrived, i] {
      if (i < 2) TK_EXPECT(meet(arrived, 2), "the first two tests never ran at the same time");
      std::this_thread::sleep_for(2ms);
    }));
    plan.push_back(&tests.back());
  }
  RecordingListener recorder;
  const auto run = testkit::run_in_process(plan, {.jobs = 4}, recorder);
  TK_EXPECT_EQ(run.tally().passed, 10u);
  TK_EXPECT_EQ(run.results.size(), 10u);
  for (int i = 0; i < 10; ++i) TK_EXPECT_EQ(tracker.runs(fmt::format("t{}", i)), 1, "t{}", i);
  expect_well_formed(recorder, plan, 4);
  TK_EXPECT_EQ(recorder.run_ended_results(), 10u);
}

TK_TEST(InProcessExecutor, eight_tests_at_once_get_eight_tmp_paths_each_removed_after_its_test) {
  std::atomic<int> arrived{0};
  std::mutex mutex;
  std::map<std::string, std::string> seen;  // test -> what its tmp_path() held when all eight had written theirs
  std::deque<testkit::TestInfo> tests;
  Plan plan;
  for (int i = 0; i < 8; ++i) {
    const std::string name = fmt::format("t{}", i);
    tests.push_back(test_of(name, [&, name] {
      std::ofstream(testkit::tmp_path() / "owner.txt") << name;
      TK_EXPECT(meet(arrived, 8), "the eight tests never ran at the same time");
      std::ifstream in(testkit::tmp_path() / "owner.txt");
      const std::lock_guard lock(mutex);
      std::getline(in, seen[name]);
    }));
    plan.push_back(&tests.back());
  }
  RecordingListener recorder;
  const auto run = testkit::run_in_process(plan, {.jobs = 8}, recorder);
  TK_EXPECT_EQ(run.tally().passed, 8u);
  std::set<std::string> paths;
  for (const testkit::TestResult& result : run.results) {
    const std::string& name = result.test->name;
    TK_EXPECT_EQ(seen[name], name, "another test wrote into {}'s directory", name);
    TK_EXPECT(std::filesystem::path(result.tmp_path).filename().string().starts_with("testkit-Pool." + name + "-"),
              "{}", result.tmp_path);
    TK_EXPECT_FALSE(std::filesystem::exists(result.tmp_path), "{} is left behind", result.tmp_path);
    paths.insert(result.tmp_path);
  }
  TK_EXPECT_EQ(paths.size(), 8u);
}

// Class hooks are plain function pointers, so they count through globals.
std::atomic<int> set_up_class_calls{0};
std::atomic<int> tear_down_class_calls{0};
const testkit::FixtureClass pooled_class{"Pooled", [] { ++set_up_class_calls; }, [] { ++tear_down_class_calls; }};

TK_TEST(InProcessExecutor, a_fixture_class_runs_on_one_thread_in_plan_order) {
  set_up_class_calls = tear_down_class_calls = 0;
  Tracker tracker;
  std::deque<testkit::TestInfo> tests;
  Plan plan;
  for (int i = 0; i < 12; ++i) {
    const bool member = i % 3 == 0;  // members spread over the plan: 0, 3, 6, 9
    const auto name = fmt::format("{}{}", member ? "m" : "t", i);
    tests.push_back(tracker.test(
        name, [] { std::this_thread::sleep_for(2ms); }, member ? &pooled_class : nullptr));
    plan.push_back(&tests.back());
  }
  RecordingListener recorder;
  const auto run = testkit::run_in_process(plan, {.jobs = 4}, recorder);
  TK_EXPECT_EQ(run.tally().passed, 12u);
  TK_EXPECT_EQ(set_up_class_calls.load(), 1);
  TK_EXPECT_EQ(tear_down_class_calls.load(), 1);
  for (const char* member : {"m3", "m6", "m9"}) TK_EXPECT(tracker.thread(member) == tracker.thread("m0"), "{}", member);
  std::vector<std::string> members;
  for (const std::string& name : tracker.order())
    if (name.starts_with("m")) members.push_back(name);
  TK_EXPECT_EQ(members, (std::vector<std::string>{"m0", "m3", "m6", "m9"}));
  expect_well_formed(recorder, plan, 4);
}

TK_TEST(InProcessExecutor, fail_fast_starts_nothing_after_a_failure) {
  Tracker tracker;
  const auto a = tracker.test("a"), b = tracker.test("b", [] { TK_FAIL("broken"); });
  const auto c = tracker.test("c"), d = tracker.test("d");
  testkit::Listener quiet;
  const auto stopped = testkit::run_in_process(Plan{&a, &b, &c, &d}, {.jobs = 1, .fail_fast = true}, quiet);
  TK_EXPECT_EQ(tracker.order(), (std::vector<std::string>{"a", "b"}));
  TK_ASSERT_EQ(stopped.results.size(), 2u);
  TK_EXPECT_EQ(stopped.results[1].verdict, Verdict::failed);
  const auto full = testkit::run_in_process(Plan{&a, &b, &c, &d}, {.jobs = 1}, quiet);
  TK_EXPECT_EQ(full.results.size(), 4u);
}

/// Raises a flag once a failed test has been reported (after the executor has seen the failure).
class FailureFlag final : public testkit::Listener {
 public:
  void on(const testkit::TestEnded& event) override {
    if (is_failure(event.result.verdict)) raised = true;
  }
  std::atomic<bool> raised{false};
};

TK_TEST(InProcessExecutor, fail_fast_on_a_pool_lets_running_tests_finish_and_starts_no_more) {
  Tracker tracker;
  FailureFlag flag;
  std::deque<testkit::TestInfo> tests;
  Plan plan;
  tests.push_back(tracker.test("fails", [] { TK_FAIL("broken"); }));
  plan.push_back(&tests.back());
  for (int i = 0; i < 30; ++i) {
    // Each holds its thread until the failure is reported, so no thread can race through the plan before it.
    tests.push_back(tracker.test(fmt::format("t{}", i), [&flag] {
      for (int waited = 0; !flag.raised && waited < 10'000; ++waited) std::this_thread::sleep_for(1ms);
    }));
    plan.push_back(&tests.back());
  }
  const auto run = testkit::run_in_process(plan, {.jobs = 3, .fail_fast = true}, flag);
  // The failing thread stops at once; the two others finish the test they hold, if any.
  TK_EXPECT_GE(run.results.size(), 1u);
  TK_EXPECT_LE(run.results.size(), 3u);
  TK_EXPECT_EQ(tracker.order().size(), run.results.size());
  TK_EXPECT_EQ(tracker.runs("fails"), 1);
}

TK_TEST(InProcessExecutor, plan_order_holds_fast_tests_behind_a_slow_first_one) {
  for (const bool in_plan_order : {true, false}) {
    Tracker tracker;
    std::deque<testkit::TestInfo> tests;
    Plan plan;
    for (int i = 0; i < 8; ++i) {
      tests.push_back(tracker.test(fmt::format("t{}", i), [i] { std::this_thread::sleep_for(i == 0 ? 300ms : 1ms); }));
      plan.push_back(&tests.back());
    }
    RecordingListener recorder;
    const auto run = testkit::run_in_process(plan, {.jobs = 4, .in_plan_order = in_plan_order}, recorder);
    TK_ASSERT_EQ(run.results.size(), 8u);
    if (in_plan_order) {
      std::vector<std::string> expected{"run_started 8"};
      for (int i = 0; i < 8; ++i) {
        expected.push_back(fmt::format("test_started Pool.t{}", i));
        expected.push_back(fmt::format("test_ended Pool.t{} passed", i));
        TK_EXPECT_EQ(run.results[i].test, plan[i]);
      }
      expected.emplace_back("run_ended");
      TK_EXPECT_EQ(recorder.events(), expected);
    } else {
      TK_EXPECT_EQ(run.results.back().test, plan[0], "the slow first test ends last without plan order");
      expect_well_formed(recorder, plan, 4);
    }
  }
}

TK_TEST(InProcessExecutor, runs_end_even_when_the_watchdog_has_nothing_to_watch) {
  // The end-of-run wake-up could fall between the watchdog's look at its stop flag and its wait; with no
  // deadline to wait for (timeout 0), it then waited for ever and the run never returned. A huge job count
  // widens that gap (the watchdog scans a slot per job), so a few hundred runs of a trivial test show it.
  struct Progress {
    std::atomic<int> runs{0};
    testkit::TestInfo test = test_of("trivial", [] {});
  };
  const auto progress = std::make_shared<Progress>();
  constexpr int runs = 300;
  std::thread runner([progress] {
    testkit::Listener quiet;
    const testkit::TestInfo* const plan[] = {&progress->test};
    for (int run = 0; run < runs; ++run) {
      (void)testkit::run_in_process(plan, {.jobs = 10'000, .timeout = 0ms}, quiet);
      ++progress->runs;
    }
  });
  runner.detach();  // a hung run must not hang this test too
  for (const auto give_up = std::chrono::steady_clock::now() + 20s;
       progress->runs < runs && std::chrono::steady_clock::now() < give_up;)
    std::this_thread::sleep_for(10ms);
  TK_EXPECT_EQ(progress->runs.load(), runs, "a run never returned");
}

/// The number of in-process runs' watchdog threads in this process (named "testkit-watch"; a sanitizer's runtime
/// may have threads of its own).
int watchdog_threads() {
  int count = 0;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    if (std::getline(comm, name) && name == "testkit-watch") ++count;
  }
  return count;
}

/// What `measure` returns, measured in a child process of its own (which no other test's threads share); -1 when
/// the child did not report.
int in_child_process(const std::function<int()>& measure) {
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    const int answer = measure();
    (void)!::write(pipe_ends[1], &answer, sizeof answer);
    ::_exit(0);
  }
  ::close(pipe_ends[1]);
  int answer = -1;
  if (child < 0 || ::read(pipe_ends[0], &answer, sizeof answer) != sizeof answer) answer = -1;
  ::close(pipe_ends[0]);
  if (child > 0) ::waitpid(child, nullptr, 0);
  return answer;
}

// The watchdog is not waited for at the end of a run (that wait cost as much again as starting it), but it must end
// by itself: else every run would leave a thread behind.
TK_TEST(InProcessExecutor, a_runs_watchdog_ends_by_itself_after_the_run) {
  const int left_behind = in_child_process([] {
    testkit::Listener quiet;
    bool watched = true;  // every test saw its run's watchdog (which the count must find, or it proves nothing)
    const testkit::TestInfo test = test_of("trivial", [&watched] {
      int seen = 0;
      for (const auto give_up = std::chrono::steady_clock::now() + 5s;
           (seen = watchdog_threads()) == 0 && std::chrono::steady_clock::now() < give_up;)
        std::this_thread::sleep_for(1ms);
      watched = watched && seen > 0;
    });
    const testkit::TestInfo* const plan[] = {&test};
    for (int run = 0; run < 20; ++run) (void)testkit::run_in_process(plan, {.jobs = 1, .timeout = 60s}, quiet);
    for (const auto give_up = std::chrono::steady_clock::now() + 5s;
         watchdog_threads() > 0 && std::chrono::steady_clock::now() < give_up;)
      std::this_thread::sleep_for(1ms);
    return watched ? watchdog_threads() : -10;
  });
  TK_EXPECT_EQ(left_behind, 0, "watchdog threads still running 5 s after their runs");
}

// A process that can have no more threads (here: no room for a thread's stack) still runs its tests, and says that
// none of them will be stopped should it hang.
TK_TEST(InProcessExecutor, a_run_that_cannot_start_its_watchdog_runs_its_tests_and_says_so) {
  const std::string warning_file =
      (std::filesystem::temp_directory_path() / fmt::format("testkit_watchdog_warning_{}", ::getpid())).string();
  const int passed = in_child_process([&warning_file] {
    const int file = ::open(warning_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (file < 0 || ::dup2(file, STDERR_FILENO) < 0) return -2;
    std::ifstream status("/proc/self/status");
    std::size_t kilobytes = 0;
    for (std::string line; std::getline(status, line);)
      if (line.starts_with("VmSize:")) kilobytes = std::stoul(line.substr(7));
    const rlimit room{.rlim_cur = (kilobytes + 4096) * 1024, .rlim_max = RLIM_INFINITY};  // less than a stack
    if (kilobytes == 0 || ::setrlimit(RLIMIT_AS, &room) != 0) return -3;
    testkit::Listener quiet;
    const testkit::TestInfo a = test_of("a", [] {}), b = test_of("b", [] {});
    return static_cast<int>(testkit::run_in_process(Plan{&a, &b}, {.jobs = 1}, quiet).tally().passed);
  });
  std::ifstream warning(warning_file);
  const std::string said{std::istreambuf_iterator<char>(warning), {}};
  std::filesystem::remove(warning_file);
  TK_EXPECT_EQ(passed, 2);
  TK_EXPECT_CONTAINS(said, "cannot start the thread that ends a hung test");
}

}  // namespace

namespace {

/// The working directory, a variable and the umask as a test sees them.
struct SharedState {
  std::string cwd;
  std::string variable;  ///< TESTKIT_SHARED_STATE, or "(unset)"
  mode_t umask = 0;
  bool operator==(const SharedState&) const = default;
};

SharedState shared_state_now() {
  const mode_t mask = ::umask(022);
  ::umask(mask);
  const char* variable = ::getenv("TESTKIT_SHARED_STATE");
  return {std::filesystem::current_path().string(), variable ? variable : "(unset)", mask};
}

// Forked tests cannot pass on changes of what a process's threads share; in-process ones must not either: a test
// that changes directory, sets a variable or the umask leaves the next test (and the run's reports) the state the
// run started with.
TK_TEST(InProcess, a_tests_changes_of_cwd_environment_and_umask_do_not_reach_the_next_test) {
  const SharedState before = shared_state_now();
  SharedState inside;
  SharedState next;
  const auto changer = test_of("changes", [&] {
    ::chdir("/");
    ::setenv("TESTKIT_SHARED_STATE", "leaked", 1);
    ::unsetenv("HOME");
    ::umask(077);
    inside = shared_state_now();
  });
  const auto reader = test_of("reads", [&] { next = shared_state_now(); });
  const std::string home = ::getenv("HOME") != nullptr ? ::getenv("HOME") : "";
  for (std::size_t jobs : {1u, 2u}) {
    TK_SUBTEST("jobs {}", jobs) {
      const Plan plan{&changer, &reader};
      testkit::Listener quiet;
      (void)testkit::run_in_process(plan, {.jobs = jobs, .in_plan_order = true}, quiet);
      TK_EXPECT_EQ(inside, (SharedState{"/", "leaked", 077}), "the test itself sees its changes");
      if (jobs == 1) TK_EXPECT_EQ(next, before);
      TK_EXPECT_EQ(shared_state_now(), before, "after the run");
      TK_EXPECT_EQ(std::string(::getenv("HOME") != nullptr ? ::getenv("HOME") : ""), home);
    };
  }
}

}  // namespace
