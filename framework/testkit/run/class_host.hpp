#pragma once
/// A class host: one process per fixture class that runs set_up_class once and forks each test of the class from
/// the state it left.

#include <sys/types.h>

#include <span>

#include <testkit/core/black_box.hpp>
#include <testkit/core/lifecycle.hpp>
#include <testkit/core/test_info.hpp>
#include <testkit/run/module_fixtures.hpp>

namespace testkit::detail {

/// What the supervisor hands a class host it forked.
struct HostLaunch {
  int socket = -1;       ///< its end of the SOCK_SEQPACKET socketpair (host_channel.hpp)
  int failures_fd = -1;  ///< where tear_down_class's failures go, as result records (wire.hpp)
  int out_fd = -1;       ///< the host's own stdout and stderr (set_up_class's and tear_down_class's output)
  int err_fd = -1;
  BlackBox* black_box = nullptr;  ///< where a crash of the host itself is recorded
  pid_t supervisor = 0;
  /// The module set-up the host was forked from, when it failed or skipped: the host runs no set_up_class, and each of
  /// its tests is reported with this outcome. Null: none, or it succeeded.
  const HookOutcome* failed_module_set_up = nullptr;
  /// The host is a test binary that testkit-run started (host_worker.hpp): it symbolizes its tests' failures itself
  /// (testkit-run has no copy of its code), and sends a pidfd of each test process with its started report.
  bool started_by_testkit_run = false;
  /// The module hooks the host runs itself (a host worker's: testkit-run has no module host): set up before
  /// set_up_class (a failure there stands for failed_module_set_up), torn down after tear_down_class, their failures
  /// streamed as its are. Null: none to run here.
  ModuleFixtures* module = nullptr;
};

/// The class whose host runs `test`: its fixture when that has set_up_class or tear_down_class of its own (or is a
/// class read from a listing, whose hooks run in its binary), else null: the test runs on the free tests' host.
[[nodiscard]] const FixtureClass* host_class_of(const TestInfo& test);

/// A host's descriptors once become_host has closed what it inherited: stdin (/dev/null), stdout, stderr, then these.
constexpr int host_socket_fd = 3;
constexpr int host_failures_fd = 4;

/// Makes this freshly forked process a host: a process group of its own, only the descriptors of `launch` (at
/// host_socket_fd and host_failures_fd), death with the supervisor (it exits 125 if its parent is not
/// `launch.supervisor`), default signal actions, and the role of a test process whose crash `launch.black_box` records
/// and whose failures are kept, not streamed.
void become_host(const HostLaunch& launch);

/// From now on, failures recorded in this host (a tear-down's) are streamed to host_failures_fd as result records.
void stream_host_failures();

/// Runs this freshly forked, single-threaded process as the host of `fixture`'s tests in `plan` (null: the free
/// tests; an entry of `plan` may be null: a test this host has not got, whose process exits 2 if it is handed over),
/// and ends it. The host puts itself in a process group of its own, keeps only the descriptors of
/// `launch`, runs set_up_class once (when the class has a test the plan does not skip by metadata), reports ready,
/// then forks one test process per command, each from the state set_up_class left (a command handed ahead once the
/// host has reported the end it names: HostCommand::start_after_ends), reporting each start, stop and end with the
/// process's wait status and resource use. Once the supervisor shuts its end of the socket and the last test process
/// has ended, it runs tear_down_class (if set_up_class succeeded), streaming its failures to `failures_fd`, and exits
/// 0. It dies with the supervisor; its test processes die with it.
[[noreturn]] void run_class_host(std::span<const TestInfo* const> plan, const FixtureClass* fixture,
                                 const HostLaunch& launch);

/// Forks a process that runs run_class_host with `launch` (whose supervisor is this process). Returns its pid, or -1
/// with errno set.
[[nodiscard]] pid_t fork_class_host(std::span<const TestInfo* const> plan, const FixtureClass* fixture,
                                    const HostLaunch& launch);

}  // namespace testkit::detail
