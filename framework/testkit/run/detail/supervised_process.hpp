#pragma once
/// What the supervisor of a forked run keeps about each process it watches: a test's process and a class host.

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include <testkit/core/black_box.hpp>
#include <testkit/core/result.hpp>
#include <testkit/core/test_info.hpp>
#include <testkit/run/detail/pid_namespace.hpp>
#include <testkit/run/host_link.hpp>
#include <testkit/run/output_collector.hpp>
#include <testkit/run/process_verdict.hpp>
#include <testkit/run/wire.hpp>

namespace testkit::detail {

/// The supervisor's clock: deadlines and durations.
using SupervisorClock = std::chrono::steady_clock;

/// The pipes from a test's process: its result channel, stdout, stderr, and (with a PID namespace) the status of the
/// test's process that the namespace's init reports.
enum Stream { result_stream, out_stream, err_stream, status_stream, stream_count };

/// A class host, and what the supervisor keeps about it until it has ended.
struct SupervisedHost {
  SupervisedHost(const FixtureClass* fixture, const std::function<pid_t(const HostDescriptors&, BlackBox*)>& start,
                 bool symbolizes = true)
      : link(fixture, start, symbolizes) {}
  SupervisedHost(const SupervisedHost&) = delete;
  SupervisedHost& operator=(const SupervisedHost&) = delete;
  /// Removes its private directory.
  ~SupervisedHost();
  HostLink link;
  pid_t pid = link.pid();
  bool ready = false;       // set_up_class has returned
  std::size_t running = 0;  // tests handed to it that have not finished
  std::uint64_t ends = 0;   // ended reports taken from it
  KillReason killed = KillReason::none;
  std::chrono::milliseconds kill_timeout{};  // the limit that applied, when it was killed for taking too long
  SupervisorClock::time_point kill_at = SupervisorClock::time_point::max();
  SupervisorClock::time_point deadline =
      SupervisorClock::time_point::max();                    // of tear_down_class, once its last test has ended
  std::optional<std::size_t> last_handed{};                  // the test handed to it last, once it was shut after it
  std::optional<std::pair<std::size_t, TestResult>> held{};  // that test's result, until tear_down_class ran
  // A host worker of testkit-run: its slot among the hosts alive at once (its user under --sandbox as root), and
  // under --sandbox the class's private directory, removed when it ends.
  std::optional<std::size_t> slot{};
  std::string sandbox_dir{};
};

/// Why a test handed to a host has no process of its own to judge.
enum class Lost { no, in_set_up, with_host };

/// One test's process, from its start to its verdict.
struct SupervisedTest {
  std::size_t plan_index = 0;
  const TestInfo* test = nullptr;
  pid_t pid = -1;
  int pidfd = -1;
  int fds[stream_count] = {-1, -1, -1, -1};
  std::size_t slot = 0;  // its job slot, from 0 to jobs - 1: a sandboxed test's user when the runner is root (none
                         // while queued)
  BlackBox* box = nullptr;
  SupervisorClock::time_point start{};
  std::chrono::milliseconds timeout{};
  SupervisorClock::time_point kill_at = SupervisorClock::time_point::max();
  KillReason killed = KillReason::none;
  bool exited = false;
  int wait_status = 0;
  rusage usage{};
  RecordReader reader;
  TestStatusReader status;           // what the init of its PID namespace reports
  std::optional<int> test_status{};  // the test process's wait status, as that init reported it
  bool test_stopped = false;         // that init reported it stopped
  OutputCollector out, err;
  ProcessOutcome outcome;
  std::string sandbox_dir{};       // --sandbox: the test's private directory, removed when it ends
  SupervisedHost* host = nullptr;  // the class host that forks it; null: the supervisor forks it
  bool started = true;             // its process exists (a host's test: once the host said so)
  // A host's test handed ahead (host_channel.hpp): queued on its host until the host's next end after it was handed
  // over, whose job slot it then takes; announced to the reports once the supervisor has judged that end.
  bool queued = false;
  bool announced = true;        // its start went to the reports
  bool slot_passed_on = false;  // its job slot went to the test handed ahead that its end started
  Lost lost = Lost::no;
  SupervisorClock::time_point handed{};  // a host's test: when the supervisor handed it over
  // A host's test: the host's clock readings (steady_clock, which all processes share) at its fork and at its end.
  std::int64_t host_forked_ns = 0;
  std::optional<std::int64_t> host_ended_ns{};

  SupervisedTest() = default;
  SupervisedTest(const SupervisedTest&) = delete;
  SupervisedTest& operator=(const SupervisedTest&) = delete;
  /// Closes its descriptors, unmaps its black box and removes its private directory.
  ~SupervisedTest();
};

}  // namespace testkit::detail
