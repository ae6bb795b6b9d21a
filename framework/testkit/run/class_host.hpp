#pragma once
/// A class host: one process per fixture class that runs set_up_class once and forks each test of the class from
/// the state it left.

#include <sys/types.h>

#include <span>

#include <testkit/core/black_box.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit::detail {

/// What the supervisor hands a class host it forked.
struct HostLaunch {
  int socket = -1;       ///< its end of the SOCK_SEQPACKET socketpair (host_channel.hpp)
  int failures_fd = -1;  ///< where tear_down_class's failures go, as result records (wire.hpp)
  int out_fd = -1;       ///< the host's own stdout and stderr (set_up_class's and tear_down_class's output)
  int err_fd = -1;
  BlackBox* black_box = nullptr;  ///< where a crash of the host itself is recorded
  pid_t supervisor = 0;
};

/// Runs this freshly forked, single-threaded process as the host of `fixture`'s tests in `plan` (null: the free
/// tests), and ends it. The host puts itself in a process group of its own, keeps only the descriptors of
/// `launch`, runs set_up_class once (when the class has a test the plan does not skip by metadata), reports ready,
/// then forks one test process per command, each from the state set_up_class left, reporting each start, stop and
/// end with the process's wait status and resource use. Once the supervisor shuts its end of the socket and the
/// last test process has ended, it runs tear_down_class (if set_up_class succeeded), streaming its failures to
/// `failures_fd`, and exits 0. It dies with the supervisor; its test processes die with it.
[[noreturn]] void run_class_host(std::span<const TestInfo* const> plan, const FixtureClass* fixture,
                                 const HostLaunch& launch);

}  // namespace testkit::detail
