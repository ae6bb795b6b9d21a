#include <testkit/run/process_executor.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <new>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include <testkit/core/process_role.hpp>
#include <testkit/core/stacktrace.hpp>
#include <testkit/core/tmp_path.hpp>
#include <testkit/interpose/real_functions.hpp>
#include <testkit/run/class_host.hpp>
#include <testkit/run/crash_handlers.hpp>
#include <testkit/run/detail/host_child_check.hpp>
#include <testkit/run/detail/process_pipes.hpp>
#include <testkit/run/detail/process_start.hpp>
#include <testkit/run/detail/supervised_process.hpp>
#include <testkit/run/host_link.hpp>
#include <testkit/run/interrupt_guard.hpp>
#include <testkit/run/memory_checks.hpp>
#include <testkit/run/module_fixtures.hpp>
#include <testkit/run/module_host_link.hpp>
#include <testkit/run/output_collector.hpp>
#include <testkit/run/process_verdict.hpp>
#include <testkit/run/result_sink.hpp>
#include <testkit/run/retry.hpp>
#include <testkit/run/sandbox.hpp>
#include <testkit/run/test_process.hpp>
#include <testkit/run/wire.hpp>

namespace testkit {
namespace {

using Clock = detail::SupervisorClock;
using detail::KillReason;
using detail::Lost;
using detail::Stream;
using detail::SupervisedHost;
using detail::SupervisedTest;
using enum detail::Stream;

constexpr std::size_t no_slot = static_cast<std::size_t>(-1);

// How often the loop wakes without events: catches stopped children and escaped pipe holders.
constexpr auto tick = std::chrono::milliseconds(100);

class Supervisor {
 public:
  Supervisor(std::span<const TestInfo* const> plan, const Execution& execution, Listener& listener)
      : plan_(plan),
        execution_(execution),
        sink_(listener, plan, execution.in_plan_order),
        // Through testkit-run a class's host is the test binary, started once for it (confined under --sandbox); under
        // --valgrind each test's binary is started on its own. A sandbox without testkit-run confines each test.
        use_hosts_(execution.workers.empty() ? !execution.sandbox.enabled : !runs_under_valgrind(execution)),
        host_workers_(!execution.workers.empty()) {
    for (std::size_t index = 0; index < plan.size(); ++index) {
      const FixtureClass* fixture = detail::host_class_of(*plan[index]);
      ++remaining_[fixture];
      if (host_workers_) tests_of_class_[fixture].emplace_back(index, plan[index]);
      if (fixture == nullptr) continue;
      first_of_class_.emplace(fixture, index);
    }
  }

  RunResult run() {
    start_ = Clock::now();
    detail::prepare_crash_handlers();
    detail::resolve_real_functions();  // once here, not in every test process
    detail::take_leak_baseline();      // the runner's and static initialisation's leaks are no test's
    // Processes that tests leave behind are re-parented to the supervisor rather than to init, so that it
    // reaps them (see reap_orphans); for this run only, as run_tests may return to a program that runs on.
    int was_subreaper = 0;
    ::prctl(PR_GET_CHILD_SUBREAPER, &was_subreaper);
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (use_hosts_ && !host_workers_) start_module_host();  // a host worker runs the module hooks itself
    while (true) {
      announce_handed_ahead();
      // A failed test's next attempt (--retries) goes first: its result is what holds up the ones after it.
      while (!stopping_ && running_tests() < execution_.jobs &&
             (!retry_queue_.empty() || !moved_.empty() || next_ < plan_.size())) {
        if (!retry_queue_.empty()) {
          spawn(retry_queue_.front(), Hand::again);
          retry_queue_.pop_front();
        } else if (!moved_.empty()) {
          spawn(moved_.front(), Hand::moved);
          moved_.pop_front();
        } else {
          spawn(next_++, Hand::first);
        }
      }
      hand_ahead();
      if (stopping_)
        for (SupervisedHost& host : hosts_) host.link.shut();
      if (children_.empty() && hosts_.empty()) break;
      wait_for_events();
      reap_orphans();
      const auto now = Clock::now();
      kill_stopped_hosts(now);
      for (SupervisedHost& host : hosts_) update_host(host, now);
      for (auto child = children_.begin(); child != children_.end();) {
        update(*child, now);
        if (child->exited) {
          finish(*child, now);
          child = children_.erase(child);
        } else {
          ++child;
        }
      }
      for (auto host = hosts_.begin(); host != hosts_.end();) {
        if (host->link.exited() && host->running == 0) {
          end_host(*host);
          if (host->slot) host_slots_[*host->slot] = false;
          host = hosts_.erase(host);
        } else {
          ++host;
        }
      }
    }
    if (module_) end_module_host();
    reap_orphans();
    ::prctl(PR_SET_CHILD_SUBREAPER, was_subreaper);
    // Tests whose next attempt never ran or never ended (a fail-fast stop, an interruption) end failed as they were.
    for (auto& [plan_index, failed] : retried_) sink_.finished(plan_index, std::move(failed));
    retried_.clear();
    if (interrupted_) sink_.release_held();  // tests that finished behind an interrupted one are results too
    RunResult run = sink_.take();
    run.duration = Clock::now() - start_;
    run.interrupted_by = interrupt_.signal();
    return run;
  }

 private:
  // How a test comes to be handed over.
  enum class Hand {
    first,  // its first attempt, in plan order
    again,  // its next attempt, after one that failed (--retries)
    ahead,  // its first attempt, handed ahead to its class's host while a test of the host runs (hand_ahead)
    moved,  // handed ahead to a host that ended before it started it: to a new host of its class now
  };

  // Starts the test at `plan_index` in a fresh process: forked by its class's host in the default mode, else by the
  // supervisor.
  void spawn(std::size_t plan_index, Hand hand) {
    if (hand == Hand::first || hand == Hand::moved) sink_.started(plan_index);
    if (on_host(*plan_[plan_index]))
      spawn_on_host(plan_index, hand);
    else
      spawn_alone(plan_index);
  }

  // The tests that hold a job slot (started, or handed over to start at once).
  std::size_t running_tests() const {
    return static_cast<std::size_t>(std::ranges::count(children_, false, &SupervisedTest::queued));
  }

  // Hands the next test of the plan ahead to its class's host while a test of that host runs: the host starts it at
  // the next end it reports, instead of waiting for the supervisor to read that report and hand over the next test (at
  // -j 1 that round trip was a tenth of a trivial test's time). At most one test waits on a host.
  // Not under --fail-fast, where no test may start before the end of the one before it has been judged, nor the
  // class's last test: its host is shut after it, and a retry of the running test would then need a new host.
  void hand_ahead() {
    if (stopping_ || execution_.fail_fast || !retry_queue_.empty() || !moved_.empty() || next_ >= plan_.size() ||
        module_broken_ || !on_host(*plan_[next_]))
      return;
    const FixtureClass* const fixture = detail::host_class_of(*plan_[next_]);
    if (remaining_[fixture] <= 1) return;
    SupervisedHost* const host = broken_.contains(fixture) ? nullptr : live_host_of(fixture);
    if (host == nullptr || !host->ready) return;
    bool runs_a_test = false;
    for (const SupervisedTest& child : children_) {
      if (child.host != host) continue;
      if (child.queued) return;
      runs_a_test = runs_a_test || !child.exited;
    }
    if (runs_a_test) spawn(next_++, Hand::ahead);
  }

  // Tests handed ahead that their hosts started, once the ends that started them have been judged: their start goes
  // to the reports after those ends.
  void announce_handed_ahead() {
    for (SupervisedTest& child : children_)
      if (!child.queued) announce(child);
  }

  void announce(SupervisedTest& child) {
    if (child.announced) return;
    child.announced = true;
    sink_.started(child.plan_index);
  }

  // Whether `test` runs in a process its class's host forks. Under --sandbox only the tests of classes with class
  // hooks do: the others (free tests, whose listing names no class) are confined each on its own, as they need no
  // state of their class's and are then kept apart from every other test.
  bool on_host(const TestInfo& test) const {
    const FixtureClass* const fixture = detail::host_class_of(test);
    return use_hosts_ &&
           !(host_workers_ && execution_.sandbox.enabled && (fixture == nullptr || fixture->name.empty()));
  }

  void spawn_on_host(std::size_t plan_index, Hand hand) {
    const FixtureClass* fixture = detail::host_class_of(*plan_[plan_index]);
    if (hand == Hand::first || hand == Hand::ahead) --remaining_[fixture];
    const bool last = remaining_[fixture] == 0;  // no other test of the class is still to be handed to a host
    if (const auto broken = broken_.find(fixture); broken != broken_.end()) {
      // The test does not run: another attempt would only charge it with the same set_up_class again.
      report(plan_index, detail::charge_to(*plan_[plan_index], broken->second), /*may_retry=*/false);
      return;
    }
    SupervisedHost* const live = module_broken_ ? nullptr : host_for(fixture, plan_index);
    if (live == nullptr) {
      // The module host is gone: no class host can start from the module set-up's state (nor would another attempt).
      report(plan_index, detail::charge_to(*plan_[plan_index], *module_broken_), /*may_retry=*/false);
      return;
    }
    SupervisedHost& host = *live;
    auto& child = children_.emplace_back();
    child.plan_index = plan_index;
    child.test = plan_[plan_index];
    child.timeout = timeout_of(*child.test, execution_);
    child.queued = hand == Hand::ahead;
    child.announced = !child.queued;
    child.slot = child.queued ? no_slot : take_slot();
    child.host = &host;
    child.started = false;
    detail::TestDescriptors fds;
    std::tie(child.fds[result_stream], fds.result) = detail::make_pipe();
    std::tie(child.fds[out_stream], fds.out) = detail::make_pipe();
    std::tie(child.fds[err_stream], fds.err) = detail::make_pipe();
    child.box = detail::make_black_box(&fds.black_box);
    child.start = child.handed = Clock::now();
    // A host that cannot take the test has died: update_host then reports the test with the host.
    (void)host.link.hand(plan_index, fds, child.queued ? host.ends + 1 : 0);
    for (int fd : {fds.result, fds.out, fds.err, fds.black_box}) ::close(fd);
    ++host.running;
    if (last) {
      host.link.shut();
      host.last_handed = plan_index;
    }
  }

  // The live host of `fixture`'s tests (that of the test at `plan_index`), forked now if there is none (by the module
  // host, when there is one). Null when the module host can fork none: module_broken_ then says why.
  SupervisedHost* host_for(const FixtureClass* fixture, std::size_t plan_index) {
    if (SupervisedHost* const live = live_host_of(fixture)) return live;
    if (host_workers_) return start_host_worker(fixture);
    const pid_t supervisor = ::getpid();
    try {
      return &hosts_.emplace_back(fixture, [&](const detail::HostDescriptors& fds, detail::BlackBox* box) {
        if (module_) return module_->start_class_host(plan_index, fds);
        return detail::fork_class_host(plan_, fixture,
                                       {.socket = fds.socket,
                                        .failures_fd = fds.failures,
                                        .out_fd = fds.out,
                                        .err_fd = fds.err,
                                        .black_box = box,
                                        .supervisor = supervisor});
      });
    } catch (const std::system_error&) {
      if (!module_ || !module_->ended()) throw;
      // The module host has ended: no class host can start from the module set-up's state any more.
      module_broken_ =
          detail::judge_lost_test(*plan_[plan_index], module_->outcome().wait_status, detail::HostKind::module_host);
      return nullptr;
    }
  }

  // The host of `fixture`'s tests that takes more of them, if there is one.
  SupervisedHost* live_host_of(const FixtureClass* fixture) {
    for (SupervisedHost& host : hosts_)
      if (host.link.fixture() == fixture && !host.link.is_shut() && !host.link.exited() &&
          host.killed == KillReason::none)
        return &host;
    return nullptr;
  }

  // Through testkit-run: starts the test binary as the host of `fixture`'s tests (confined under --sandbox, as the
  // user of a host slot of its own when root).
  SupervisedHost* start_host_worker(const FixtureClass* fixture) {
    const std::vector<std::pair<std::size_t, const TestInfo*>>& tests = tests_of_class_.at(fixture);
    // Each of its processes gets the CPU limit of the class's longest time limit (none if a test has none).
    std::chrono::milliseconds cpu_time{};
    for (const auto& [plan_index, test] : tests) {
      const std::chrono::milliseconds timeout = timeout_of(*test, execution_);
      if (timeout.count() == 0) {
        cpu_time = timeout;
        break;
      }
      cpu_time = std::max(cpu_time, timeout);
    }
    const std::size_t slot = take_host_slot();
    detail::StartedHost started;
    try {
      SupervisedHost& host = hosts_.emplace_back(
          fixture,
          [&](const detail::HostDescriptors& fds, detail::BlackBox*) {
            return detail::start_host_worker(fds, execution_,
                                             {.tests = tests,
                                              .slot = execution_.jobs + slot,
                                              .cpu_time = cpu_time,
                                              .concurrent_tests = std::min(execution_.jobs, tests.size())},
                                             started);
          },
          /*symbolizes=*/false);
      host.slot = slot;
      host.sandbox_dir = std::move(started.sandbox_dir);
      if (started.status_fd >= 0) host.link.take_status_pipe(started.status_fd);
      return &host;
    } catch (...) {
      host_slots_[slot] = false;
      if (!started.sandbox_dir.empty()) remove_sandbox_dir(started.sandbox_dir);
      if (started.status_fd >= 0) ::close(started.status_fd);
      throw;
    }
  }

  // The lowest host slot no live host worker holds.
  std::size_t take_host_slot() {
    auto free = std::ranges::find(host_slots_, false);
    if (free == host_slots_.end()) free = host_slots_.insert(free, false);
    *free = true;
    return static_cast<std::size_t>(free - host_slots_.begin());
  }

  // Whether testkit-run starts the binaries under valgrind (--valgrind).
  static bool runs_under_valgrind(const Execution& execution) {
    return std::ranges::any_of(execution.workers,
                               [](const WorkerLaunch& launch) { return !launch.runs_under.empty(); });
  }

  // In a run with module hooks: forks the module host and waits for the module set-up. When the host dies there (a
  // crash, an exit, its time limit: the run's --timeout), every test is charged with its death.
  void start_module_host() {
    const TestInfo* const first = ModuleFixtures(plan_).first_test();
    if (first == nullptr) return;
    module_.emplace(plan_);
    const std::chrono::milliseconds timeout = execution_.timeout;
    const auto deadline = timeout.count() > 0 ? Clock::now() + timeout : Clock::time_point::max();
    while (!module_->wait_ready(deadline, timeout, interrupt_.fd())) {
      if (module_->ended()) {
        TestResult cause = detail::judge_set_up_death(*first, module_->outcome(), detail::HostKind::module_host);
        cause.out = module_->out().take();
        cause.err = module_->err().take();
        module_broken_ = std::move(cause);
        return;
      }
      on_interrupt();
      if (interrupted_) {
        module_->kill();
        return;
      }
    }
  }

  // After the last test: the module tear-down runs in the module host, and what it did (its failures, its crash, its
  // output, and the set-up's) is added to the run's last result, held until now.
  void end_module_host() {
    const bool tears_down = !interrupted_ && !module_broken_;
    const std::chrono::milliseconds timeout = execution_.timeout;
    if (tears_down)
      module_->finish(timeout.count() > 0 ? Clock::now() + timeout : Clock::time_point::max(), timeout);
    else
      module_->kill();
    if (!held_) return;
    auto [plan_index, result] = std::move(*std::exchange(held_, std::nullopt));
    if (tears_down) {
      detail::add_host_tear_down(result, module_->outcome(), detail::HostKind::module_host);
      add_host_output(result, module_->out(), module_->err());
    }
    sink_.finished(plan_index, std::move(result));
  }

  // Adds what a host printed to `result`'s captured output.
  static void add_host_output(TestResult& result, detail::OutputCollector& out, detail::OutputCollector& err) {
    for (auto [kept, own] : {std::pair{&result.out, &out}, std::pair{&result.err, &err}}) {
      if (own->total() == 0) continue;
      detail::OutputCollector both;
      both.append(kept->text());
      both.append(own->take().text());
      *kept = both.take();
    }
  }

  void spawn_alone(std::size_t plan_index) {
    auto& child = children_.emplace_back();
    child.plan_index = plan_index;
    child.test = plan_[plan_index];
    child.timeout = timeout_of(*child.test, execution_);
    child.slot = take_slot();
    detail::start_lone_test(child, execution_);
  }

  // The lowest job slot no running test holds.
  std::size_t take_slot() {
    if (slots_.size() < execution_.jobs) slots_.resize(execution_.jobs, false);
    const auto free = std::ranges::find(slots_, false);
    if (free == slots_.end()) return slots_.size();  // not reached: no more tests run than there are slots
    *free = true;
    return static_cast<std::size_t>(free - slots_.begin());
  }

  void wait_for_events() {
    std::vector<pollfd> polled{{interrupt_.fd(), POLLIN, 0}};
    auto wake = Clock::now() + tick;
    for (const SupervisedTest& child : children_) {
      for (int fd : child.fds)
        if (fd >= 0) polled.push_back({fd, POLLIN, 0});
      if (child.pidfd >= 0) polled.push_back({child.pidfd, POLLIN, 0});
      wake = std::min(wake, std::min(child.kill_at, deadline_of(child)));
    }
    for (const SupervisedHost& host : hosts_) {
      host.link.watch(polled);
      wake = std::min({wake, host.kill_at, host.deadline});
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake - Clock::now());
    if (::poll(polled.data(), polled.size(), static_cast<int>(std::max<long>(0, wait.count()))) < 0 && errno != EINTR)
      detail::fail_system("poll");
    ready_.clear();
    for (const pollfd& entry : polled)
      if (entry.revents != 0) ready_.push_back(entry.fd);
    std::ranges::sort(ready_);
    if (polled[0].revents != 0) on_interrupt();
  }

  // Reaps exited processes that are not a running test's (grandchildren re-parented here), leaving the
  // tests' own exits to update(), which reads their status and resource use.
  void reap_orphans() {
    while (true) {
      siginfo_t info{};
      if (::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0) return;
      const bool is_test =
          std::ranges::any_of(children_, [&](const SupervisedTest& child) { return child.pid == info.si_pid; });
      const bool is_host =
          std::ranges::any_of(hosts_, [&](const SupervisedHost& host) { return host.pid == info.si_pid; });
      const bool is_module_host = module_ && module_->pid() == info.si_pid;
      if (is_test || is_host || is_module_host) return;
      ::waitpid(info.si_pid, nullptr, 0);
    }
  }

  // A test queued on its host has no time limit yet: the one it waits behind has.
  static Clock::time_point deadline_of(const SupervisedTest& child) {
    return child.timeout.count() > 0 && child.killed == KillReason::none && !child.queued ? child.start + child.timeout
                                                                                          : Clock::time_point::max();
  }

  void on_interrupt() {
    interrupt_.drain();
    // Only a caught SIGINT or SIGTERM stops the run: a byte in the pipe without one (no test holds its write end,
    // but a program that called run_tests might) must not end it, and no stopped run may look like a finished one.
    if (interrupt_.signal() == 0 || (stopping_ && interrupted_)) return;
    stopping_ = interrupted_ = true;
    for (SupervisedTest& child : children_) terminate(child, KillReason::none, Clock::now());
    for (SupervisedHost& host : hosts_) {
      host.link.shut();
      terminate(host, KillReason::none, Clock::now());
    }
  }

  // SIGTERM to the test's process group now, SIGKILL after the grace period.
  // (A host's test that has not started has no process: its host is what takes too long.)
  template <typename Process> void terminate(Process& process, KillReason reason, Clock::time_point now) {
    if (process.pid <= 0) return;
    if (process.killed == KillReason::none) process.killed = reason;
    ::killpg(process.pid, SIGTERM);
    ::killpg(process.pid, SIGCONT);
    process.kill_at = std::min(process.kill_at, now + execution_.grace);
  }

  template <typename Process> static void kill_now(Process& process, KillReason reason) {
    if (process.pid <= 0) return;
    if (process.killed == KillReason::none) process.killed = reason;
    ::killpg(process.pid, SIGKILL);
  }

  void update(SupervisedTest& child, Clock::time_point now) {
    for (int stream = 0; stream < stream_count; ++stream)
      if (std::ranges::binary_search(ready_, child.fds[stream])) read_available(child, static_cast<Stream>(stream));
    if (!child.started) {
      // Still waiting for its host, which is in set_up_class (or stuck): the test's time limit is the host's.
      if (now >= deadline_of(child)) {
        child.killed = KillReason::timeout;  // its deadline has passed: once is enough
        if (child.host->killed == KillReason::none) child.host->kill_timeout = child.timeout;
        child.host->link.shut();
        terminate(*child.host, KillReason::timeout, now);
      }
      return;
    }
    if (execution_.output_limit > 0 && child.out.total() + child.err.total() > execution_.output_limit)
      kill_now(child, KillReason::output_limit);
    if (now >= deadline_of(child)) terminate(child, KillReason::timeout, now);
    if (now >= child.kill_at) kill_now(child, child.killed);
    if (child.test_stopped) kill_now(child, KillReason::stopped);
    if (child.host != nullptr) return;  // its host reports how it ended

    int status = 0;
    const pid_t reaped = ::wait4(child.pid, &status, WNOHANG | WUNTRACED, &child.usage);
    if (reaped != child.pid) return;
    if (WIFSTOPPED(status)) {
      kill_now(child, KillReason::stopped);
      return;
    }
    child.exited = true;
    child.wait_status = status;
  }

  void read_available(SupervisedTest& child, Stream stream) {
    detail::read_available(child.fds[stream], [&](std::string_view bytes) {
      if (stream == out_stream)
        child.out.append(bytes);
      else if (stream == err_stream)
        child.err.append(bytes);
      else if (stream == status_stream)
        take_status(child, bytes);
      else
        detail::take_records(child.outcome, child.reader, bytes, /*symbolize=*/execution_.workers.empty());
    });
  }

  static void take_status(SupervisedTest& child, std::string_view bytes) {
    child.status.feed(bytes);
    while (const std::optional<detail::TestStatus> status = child.status.next()) {
      if (status->stopped)
        child.test_stopped = true;
      else if (!child.test_status)
        child.test_status = status->wait_status;
    }
  }

  void finish(SupervisedTest& child, Clock::time_point now) {
    if (child.pid > 0) ::killpg(child.pid, SIGKILL);  // whatever the test started and left behind in its group
    for (int stream = 0; stream < stream_count; ++stream) read_available(child, static_cast<Stream>(stream));
    if (child.slot < slots_.size() && !child.slot_passed_on) slots_[child.slot] = false;
    if (child.host != nullptr) --child.host->running;
    // In a PID namespace, the child was its init: how the test's process ended is what the init reported.
    const int wait_status = child.test_status.value_or(child.wait_status);
    if (interrupted_) {  // stopped by Ctrl-C / SIGTERM: not a result of the test, but its directory goes all the same
      (void)settle_tmp_path(child, detail::noted_tmp_path(*child.box));
      return;
    }
    if (child.queued) {  // handed ahead to a host that ended before starting it: it runs on a new host
      if (!stopping_) moved_.push_back(child.plan_index);
      return;
    }
    announce(child);
    if (child.lost != Lost::no) {
      TestResult result =
          child.lost == Lost::in_set_up
              ? detail::charge_to(*child.test, broken_.at(detail::host_class_of(*child.test)))
              : detail::judge_lost_test(*child.test, child.host->link.wait_status(), host_kind(), child.host->killed);
      result.duration = now - child.start;
      (void)settle_tmp_path(child, detail::noted_tmp_path(*child.box));
      report(child.plan_index, std::move(result), /*may_retry=*/child.lost == Lost::with_host);
      return;
    }
    detail::ProcessOutcome& outcome = child.outcome;
    // A process that exited with part of a record unsent wrote to its channel itself (or its END was spoilt).
    if (const std::size_t pending = child.reader.pending();
        pending > 0 && outcome.channel_error.empty() && WIFEXITED(wait_status))
      outcome.channel_error = "the channel ended inside a record (" + std::to_string(pending) + " bytes of it)";
    outcome.wait_status = wait_status;
    outcome.killed = child.killed;
    outcome.timeout = child.timeout;
    outcome.output_limit = execution_.output_limit;
    outcome.output_bytes = child.out.total() + child.err.total();
    outcome.black_box = child.box;
    outcome.frames_are_foreign = !execution_.workers.empty();
    TestResult result = detail::judge_process(*child.test, std::move(outcome));
    result.duration = now - child.start;
    result.started = child.start - start_;
    result.slot = child.slot;
    // A host's test: the host timed it, as the supervisor hears of its start late (the two reports may arrive
    // together) and of its end after the host may have started the next test in its slot (one handed ahead). The
    // host's word is bounded by what the supervisor saw: from handing it over to now.
    if (child.host != nullptr && child.host_ended_ns) {
      const auto host_time = [](std::int64_t ns) { return Clock::time_point(std::chrono::nanoseconds(ns)); };
      const Clock::time_point end = std::clamp(host_time(*child.host_ended_ns), child.handed, now);
      const Clock::time_point begin = std::clamp(host_time(child.host_forked_ns), child.handed, end);
      result.duration = end - begin;
      result.started = begin - start_;
    }
    result.usage = {.user_cpu = std::chrono::seconds(child.usage.ru_utime.tv_sec) +
                                std::chrono::microseconds(child.usage.ru_utime.tv_usec),
                    .system_cpu = std::chrono::seconds(child.usage.ru_stime.tv_sec) +
                                  std::chrono::microseconds(child.usage.ru_stime.tv_usec),
                    .max_rss_kib = child.usage.ru_maxrss};
    result.out = child.out.take();
    result.err = child.err.take();
    result.tmp_path_kept = settle_tmp_path(child, result.tmp_path);
    // The last test a class's host ran waits for tear_down_class, whose failures are its own (as in-process runs
    // report them).
    if (child.host != nullptr && child.host->link.fixture() != nullptr && child.host->last_handed == child.plan_index) {
      child.host->held.emplace(child.plan_index, std::move(result));
      return;
    }
    report(child.plan_index, std::move(result));
  }

  // The end of an attempt of the test at `plan_index`: it runs again (when `may_retry` and it has retries left),
  // else its result goes out, with the attempts before it.
  void report(std::size_t plan_index, TestResult result, bool may_retry = true) {
    const std::size_t retries = retries_of(*plan_[plan_index], execution_);
    if (const auto previous = retried_.find(plan_index); previous != retried_.end()) {
      result = detail::after_retry(std::move(previous->second), std::move(result), retries);
      retried_.erase(previous);
    }
    if (may_retry && !stopping_ && detail::runs_again(result, retries)) {
      retried_.emplace(plan_index, std::move(result));
      retry_queue_.push_back(plan_index);
      return;
    }
    if (execution_.fail_fast && is_failure(result.verdict)) stopping_ = true;
    // With a module host, the last test to end (of those that ran: not skipped by metadata) waits for the module
    // tear-down, whose failures are its own: each such result is held until the next one ends.
    if (module_ && !module_broken_ && plan_[plan_index]->meta.skip.empty()) {
      auto previous = std::exchange(held_, std::pair{plan_index, std::move(result)});
      if (!previous) return;
      std::tie(plan_index, result) = std::move(*previous);
    }
    sink_.finished(plan_index, std::move(result));
  }

  // A host that a test (or its class's code) stopped with a signal would hold its tests for ever: each tick the
  // supervisor looks for one and kills it. Its running tests are lost with it; its other tests run on a new host.
  void kill_stopped_hosts(Clock::time_point now) {
    if (now < next_stop_check_) return;
    next_stop_check_ = now + tick;
    for (SupervisedHost& host : hosts_)
      if (host.link.stopped()) kill_now(host, KillReason::stopped);
  }

  // Reads what `host` sent, and notices its end: the tests it had not reported ended are then lost (in set_up_class:
  // the class is broken, and every test of it is charged with the host's death).
  void update_host(SupervisedHost& host, Clock::time_point now) {
    detail::HostLink& link = host.link;
    // Once its tests have ended, tear_down_class has the run's time limit.
    if (link.is_shut() && host.running == 0 && host.deadline == Clock::time_point::max() &&
        execution_.timeout.count() > 0)
      host.deadline = now + execution_.timeout;
    if (now >= host.kill_at) kill_now(host, host.killed);
    if (now >= host.deadline) {
      host.deadline = Clock::time_point::max();
      host.kill_timeout = execution_.timeout;
      terminate(host, KillReason::timeout, now);
    }
    const bool had_exited = link.exited();
    const bool exited = link.reap(ready_) && !had_exited;  // reaped before reading: every report it sent is there
    for (const std::optional<detail::HostReport>& report : exited ? link.read() : link.read(ready_))
      take_report(host, report);
    if (!exited) return;
    link.shut();
    const FixtureClass* fixture = link.fixture();
    if (!host.ready && fixture != nullptr && !interrupted_) {
      detail::ProcessOutcome outcome{.wait_status = link.wait_status(),
                                     .killed = host.killed,
                                     .timeout = host.kill_timeout,
                                     .black_box = link.black_box(),
                                     .frames_are_foreign = host_workers_};
      TestResult cause =
          detail::judge_set_up_death(*plan_[first_of_class_.at(fixture)], std::move(outcome), host_kind());
      cause.out = link.out().take();
      cause.err = link.err().take();
      broken_.emplace(fixture, std::move(cause));
    }
    for (SupervisedTest& child : children_)
      if (child.host == &host && !child.exited) {
        child.exited = true;
        child.lost = host.ready || fixture == nullptr ? Lost::with_host : Lost::in_set_up;
        if (child.pid > 0) ::killpg(child.pid, SIGKILL);
      }
  }

  // One message from `host`, checked against the tests it was given; anything else gets the host killed.
  void take_report(SupervisedHost& host, const std::optional<detail::HostReport>& report) {
    using Kind = detail::HostReport::Kind;
    // A host worker's word for a process id counts for nothing: the pidfd beside its started report tells the
    // process, which must be one of the host's own.
    std::optional<pid_t> hosted_pid;  // 0: the process has ended already, nothing to signal
    if (report && report->descriptor >= 0) {
      if (host_workers_ && report->kind == Kind::started)
        hosted_pid = detail::hosted_process_id(report->descriptor, host.pid);
      ::close(report->descriptor);
    }
    SupervisedTest* child = nullptr;
    if (report && report->kind != Kind::ready)
      for (SupervisedTest& candidate : children_)
        if (candidate.host == &host && candidate.plan_index == report->plan_index && !candidate.exited)
          child = &candidate;
    const bool fits =
        report &&
        (report->kind == Kind::ready
             ? !host.ready
             : child != nullptr && !child->queued && (report->kind == Kind::started) != child->started &&
                   (report->kind != Kind::started || (report->pid > 0 && (!host_workers_ || hosted_pid.has_value()))));
    if (!fits) {
      host.link.shut();
      kill_now(host, KillReason::none);  // not what a host says: code of the class wrote to the socket
      return;
    }
    switch (report->kind) {
      case Kind::ready: host.ready = true; break;
      case Kind::started:
        child->started = true;
        child->pid = host_workers_ ? *hosted_pid : static_cast<pid_t>(report->pid);
        child->start = Clock::now();  // its time limit counts from here
        child->host_forked_ns = report->at_ns;
        break;
      case Kind::stopped: child->test_stopped = true; break;
      case Kind::ended:
        child->exited = true;
        ++host.ends;
        start_handed_ahead(host, *child);
        child->wait_status = static_cast<int>(report->wait_status);
        child->usage.ru_utime = {.tv_sec = report->user_us / 1'000'000, .tv_usec = report->user_us % 1'000'000};
        child->usage.ru_stime = {.tv_sec = report->system_us / 1'000'000, .tv_usec = report->system_us % 1'000'000};
        child->usage.ru_maxrss = report->max_rss_kib;
        child->host_ended_ns = report->at_ns;
        break;
    }
  }

  // `ended` ended on `host`: the first end the host reported after the test handed ahead to it (if one was) was
  // handed over, so the host then started that test, which takes the slot of `ended`; the host's time limit for
  // starting it counts from now.
  void start_handed_ahead(const SupervisedHost& host, SupervisedTest& ended) {
    for (SupervisedTest& child : children_)
      if (child.host == &host && child.queued) {
        child.queued = false;
        child.slot = ended.slot;
        ended.slot_passed_on = true;
        child.start = Clock::now();
        return;
      }
  }

  detail::HostKind host_kind() const {
    return host_workers_ ? detail::HostKind::host_worker : detail::HostKind::class_host;
  }

  // After `host` ended and its last test finished: reports the class's last test, with what tear_down_class did.
  void end_host(SupervisedHost& host) {
    if (!host.held || interrupted_) return;
    auto& [plan_index, result] = *host.held;
    detail::HostLink& link = host.link;
    detail::add_host_tear_down(result,
                               {.failures = std::move(link.outcome().failures),
                                .wait_status = link.wait_status(),
                                .killed = host.killed,
                                .timeout = host.kill_timeout,
                                .black_box = link.black_box(),
                                .frames_are_foreign = host_workers_,
                                .channel_error = std::move(link.outcome().channel_error)},
                               host_kind());
    add_host_output(result, link.out(), link.err());
    report(plan_index, std::move(result));
  }

  // The test's tmp_path() directory `path` (if it made one), which its process removes at the end of the test: kept
  // with --keep-tmp (under --sandbox with the private directory it lies in), else removed here if a crash, timeout,
  // exit or interruption left it (under --sandbox with the private directory). Returns whether it is kept.
  static bool settle_tmp_path(SupervisedTest& child, const std::string& path) {
    if (path.empty()) return false;
    if (detail::process_role().keep_tmp) {
      child.sandbox_dir.clear();
      if (child.host != nullptr) child.host->sandbox_dir.clear();  // the class's private directory holds it
      return true;
    }
    const bool in_private_dir =
        !child.sandbox_dir.empty() || (child.host != nullptr && !child.host->sandbox_dir.empty());
    return !in_private_dir && !detail::remove_leftover_tmp_path(path);
  }

  std::span<const TestInfo* const> plan_;
  const Execution& execution_;
  detail::ResultSink sink_;
  detail::InterruptGuard interrupt_;
  std::list<SupervisedTest> children_;
  std::list<SupervisedHost> hosts_;
  const bool use_hosts_;
  const bool host_workers_;  // the hosts are test binaries testkit-run starts (host_worker.hpp)
  // Through testkit-run: each class's tests, with their plan indices, which its host worker is told of.
  std::map<const FixtureClass*, std::vector<std::pair<std::size_t, const TestInfo*>>> tests_of_class_;
  std::vector<bool> host_slots_;                               // host slots held by live host workers
  std::map<const FixtureClass*, std::size_t> remaining_;       // tests of each class not yet handed to a host
  std::map<const FixtureClass*, std::size_t> first_of_class_;  // plan index of each class's first test
  std::map<const FixtureClass*, TestResult> broken_;           // classes whose host died in set_up_class
  std::optional<detail::ModuleHostLink> module_;               // the module host of a forked run with module hooks
  std::optional<TestResult> module_broken_;                    // why no more class host can start: the module host died
  std::optional<std::pair<std::size_t, TestResult>> held_;     // the last result that ended, while the module tear-down
                                                               // waits
  std::vector<bool> slots_;                                    // job slots held by running tests
  std::map<std::size_t, TestResult> retried_;  // the failed attempt of each test whose next attempt is due (plan index)
  std::deque<std::size_t> retry_queue_;        // tests due to run again, in the order their attempts failed
  std::deque<std::size_t> moved_;              // tests handed ahead to hosts that ended before starting them
  Clock::time_point start_{};                  // when the run started: the tests' start times count from it
  Clock::time_point next_stop_check_{};        // when kill_stopped_hosts looks again
  std::size_t next_ = 0;
  bool stopping_ = false;
  bool interrupted_ = false;
  std::vector<int> ready_;  // the descriptors the last poll found readable or closed, sorted: the only ones read
};

}  // namespace

RunResult run_forked(std::span<const TestInfo* const> plan, const Execution& execution, Listener& listener) {
  listener.on(RunStarted{plan});
  Supervisor supervisor(plan, execution, listener);
  RunResult run = supervisor.run();
  listener.on(RunEnded{run});
  return run;
}

}  // namespace testkit
