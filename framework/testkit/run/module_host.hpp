#pragma once
/// The module host: one process per forked run that runs the module set-up (TK_SET_UP_MODULE) once, then forks every
/// class host from the state it left, and runs the module tear-down after the last.

#include <sys/types.h>

#include <span>

#include <testkit/core/test_info.hpp>
#include <testkit/run/class_host.hpp>

namespace testkit::detail {

/// Runs this freshly forked, single-threaded process as the module host of `plan`, and ends it. It becomes a host
/// (become_host), runs the module set-ups (when the plan has a test that metadata does not skip), reports ready, then
/// forks a class host for each ClassHostRequest (host_channel.hpp) and reports its pid. Each class host is forked
/// through a short-lived middle process, so that it is a child of the supervisor, which reaps and watches it as it
/// does the hosts it forks itself; it starts from the module set-up's state, or, when that failed, reports each of its
/// tests with that failure. Once the supervisor shuts its end of the socket (every class host has ended), it runs the
/// module tear-downs, if the set-ups succeeded, streaming their failures to `launch.failures_fd`, and exits 0.
[[noreturn]] void run_module_host(std::span<const TestInfo* const> plan, const HostLaunch& launch);

/// Forks a process that runs run_module_host with `launch` (whose supervisor is this process, a child subreaper).
/// Returns its pid, or -1 with errno set.
[[nodiscard]] pid_t fork_module_host(std::span<const TestInfo* const> plan, const HostLaunch& launch);

}  // namespace testkit::detail
