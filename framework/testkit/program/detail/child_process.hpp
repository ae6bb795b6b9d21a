#pragma once
/// Starting a child process for run_program, run_main and the death tests, and waiting for it: its pipes, its
/// timeout, its output limit, and what is left of its process group when it ends.

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/program/run_program.hpp>

namespace testkit::detail {

/// Closes `fd`, one of testkit's own, past the test's patches but where a sanitizer sees it (ThreadSanitizer takes a
/// descriptor closed behind its back and reused by another thread for a data race).
void close_descriptor(int fd) noexcept;

/// The three pipes between a test and a child: the child's stdin, stdout and stderr. Every end is close-on-exec;
/// the parent closes the child's ends once the child has them.
class ChildPipes {
 public:
  /// Makes the pipes. Throws std::system_error when the process is out of descriptors.
  ChildPipes();
  ~ChildPipes();
  ChildPipes(const ChildPipes&) = delete;
  ChildPipes& operator=(const ChildPipes&) = delete;

  /// In the child (async-signal-safe): puts its ends on descriptors 0, 1 and 2, and closes every other end of these
  /// pipes and of the other children's pipes in the process.
  void adopt_in_child() const noexcept;
  /// In the parent, after the child started: closes the child's ends.
  void close_child_ends() noexcept;

  int in_read = -1, in_write = -1;    ///< the child's stdin
  int out_read = -1, out_write = -1;  ///< its stdout
  int err_read = -1, err_write = -1;  ///< its stderr
};

/// The timeout of a child whose options give none: the time the calling thread's test has left (its .timeout, else the
/// run's --timeout, counted from its start) less a quarter of it (at least 0.1 s, at most 5 s), so that the test can
/// still report; at least 10 ms. 60 s without a test or a timeout.
[[nodiscard]] std::chrono::milliseconds default_child_timeout();

/// Waits for `pid`, the leader of its own process group whose pipes are `pipes`: writes `input` to its stdin (then
/// closes it), reads its stdout and stderr as they come, kills its group at `timeout` or when it wrote more than
/// `output_limit` bytes (0: no limit), kills what is left of the group when it ends, and reaps it.
[[nodiscard]] ProgramResult supervise_child(pid_t pid, ChildPipes& pipes, std::string_view input,
                                            std::chrono::milliseconds timeout, std::size_t output_limit);

/// "signal 11 (SIGSEGV)".
[[nodiscard]] std::string describe_signal(int signal);

/// What went wrong when a program could not be started: what failed ("cannot run ./wc") and why (strerror).
struct StartFailure {
  std::string what;
  int error = 0;
};

/// Starts `argv` (argv[0] a path, or a name to look up in the PATH of its environment) with `options`' environment and
/// working directory in a process group of its own, its standard streams on `pipes`; returns its pid, or -1 with
/// `failure` filled. Never runs code of this process in the child (clone with CLONE_VM|CLONE_VFORK, then exec).
[[nodiscard]] pid_t start_program(const std::vector<std::string>& argv, const ProgramOptions& options,
                                  const ChildPipes& pipes, StartFailure& failure);

/// Forks a child in a process group of its own, its standard streams on `pipes` and the options' environment and
/// working directory, which runs `body` and exits with its result (see run_main). `note` receives what the body wrote
/// to the descriptor it is given, closed-on-exec (the death tests say there how the statement ended). Returns the
/// child's pid, or -1 with `failure` filled.
[[nodiscard]] pid_t fork_function(const std::function<int(int note_fd)>& body, const ProgramOptions& options,
                                  const ChildPipes& pipes, int note_fd, StartFailure& failure);

}  // namespace testkit::detail
