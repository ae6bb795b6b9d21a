#pragma once
/// The supervisor's side of the module host (module_host.hpp): started before the first test, asked for each class
/// host, finished after the last test.

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <span>

#include <testkit/core/test_info.hpp>
#include <testkit/run/host_channel.hpp>
#include <testkit/run/host_link.hpp>
#include <testkit/run/process_verdict.hpp>

namespace testkit::detail {

/// One module host and what the supervisor has seen of it. Its waits block the single-threaded supervisor: no test
/// can start before the module set-up has returned, and a class host is forked in a moment.
class ModuleHostLink {
 public:
  using Clock = std::chrono::steady_clock;

  /// Forks the module host of `plan` (the supervisor must be a child subreaper). Throws std::system_error when the
  /// system has no process or descriptor left.
  explicit ModuleHostLink(std::span<const TestInfo* const> plan);

  /// Waits until the module set-up has returned: true. False when the host ended first, when `deadline` passed (it is
  /// then killed, and judged as timed out after `timeout`), or when `interrupt_fd` became readable.
  [[nodiscard]] bool wait_ready(Clock::time_point deadline, std::chrono::milliseconds timeout, int interrupt_fd);

  /// Asks it for a class host for the class of the test at `plan_index`, handing it `fds`: the new host's pid. -1 when
  /// it cannot give one: it has ended, or did not answer as a module host does within ten seconds (it is then killed).
  [[nodiscard]] pid_t start_class_host(std::size_t plan_index, const HostDescriptors& fds);

  /// Tells it that no more class hosts come (each has ended), and waits for its tear-down to end; at `deadline` it is
  /// killed and judged as timed out after `timeout`.
  void finish(Clock::time_point deadline, std::chrono::milliseconds timeout);

  /// Kills it now, without a verdict (an interrupted run).
  void kill();

  /// Once it has ended: what the supervisor saw of it (wait status, kill reason, black box, the failures its
  /// tear-down streamed).
  [[nodiscard]] ProcessOutcome outcome();
  [[nodiscard]] bool ended() const { return link_.exited(); }
  [[nodiscard]] pid_t pid() const { return link_.pid(); }
  /// What the module set-up and tear-down printed.
  [[nodiscard]] OutputCollector& out() { return link_.out(); }
  [[nodiscard]] OutputCollector& err() { return link_.err(); }

 private:
  // Reads what it sent, giving each report to `take` until it returns true (then true); false when it has ended, or
  // at `deadline` or when `interrupt_fd` (if not -1) is readable.
  template <typename Take> bool wait_for(Take take, Clock::time_point deadline, int interrupt_fd);
  void kill_for(KillReason reason, std::chrono::milliseconds timeout);

  HostLink link_;
  KillReason killed_ = KillReason::none;
  std::chrono::milliseconds timeout_{};
};

}  // namespace testkit::detail
