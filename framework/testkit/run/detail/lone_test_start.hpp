#pragma once
/// Starting a test's process from the supervisor itself, without a class host: under --sandbox confined (in a PID
/// namespace of its own where the kernel allows it), and through testkit-run exec'ing the test binary as its worker.

#include <testkit/run/detail/supervised_process.hpp>
#include <testkit/run/execution.hpp>

namespace testkit::detail {

/// Forks the process of `test.test` (whose timeout and job slot are set) and fills in what the supervisor watches:
/// its pid and pidfd, the reading ends of its result channel, stdout, stderr (and its PID namespace's status pipe),
/// its black box, its private directory under --sandbox, and its start time. The new process puts itself in a
/// process group of its own, dies with the supervisor, and runs the test (or execs the worker) confined as
/// `execution.sandbox` says; a test that cannot be confined exits 125 with a message instead of running unconfined.
/// Throws std::system_error when the system has no process or descriptor left.
void start_lone_test(SupervisedTest& test, const Execution& execution);

}  // namespace testkit::detail
