#pragma once
/// A PID namespace per sandboxed test: its first process is a small init that forks the test and reaps everything,
/// so that when the test ends every process it started ends too (a setsid() daemon included), and kill(-1) from the
/// test reaches only the namespace. The supervisor's child makes the namespace and relays the init's end: the
/// supervisor -> relay (outside) -> init (PID 1) -> the test's process (PID 2).

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace testkit::detail {

/// Whether this machine lets this process make PID namespaces (with a user namespace when `with_user_namespace`):
/// tried in a short-lived process. Call before any thread starts.
[[nodiscard]] bool can_make_pid_namespaces(bool with_user_namespace);

/// Puts the children that this single-threaded process forks from now on into a new PID namespace; the first of them
/// is its init (PID 1). With `with_user_namespace`, the process first enters a new user namespace, in which it keeps
/// its user and group ids (and holds every capability). Returns "" or what failed.
[[nodiscard]] std::string enter_pid_namespace(bool with_user_namespace);

/// In the process that made a test's PID namespace (outside it) and forked its init `init`: keeps no descriptor,
/// ignores SIGTERM, SIGINT and SIGHUP (its test may handle SIGTERM; SIGKILL to the test's process group ends it all),
/// waits for the init, and exits as it did (128 + the signal when a signal ended it). Its wait status, and its
/// resource use, which includes the test's, are the test's supervisor's to read.
[[noreturn]] void relay_pid_namespace(pid_t init);

/// In the init (PID 1) of a test's PID namespace, once it forked the test's process `test`: closes every descriptor
/// but `status_fd`, reaps each process of the namespace that ends, and writes a TestStatus record to `status_fd` when
/// `test` stops and when it ends; then exits, and the kernel ends every process left in the namespace.
[[noreturn]] void run_namespace_init(pid_t test, int status_fd);

/// What the init of a test's PID namespace says of the test's process.
struct TestStatus {
  bool stopped = false;  ///< it was stopped (SIGSTOP...); else it ended
  int wait_status = 0;   ///< as waitpid gave it
};

/// Cuts the bytes read from the init's status pipe into TestStatus records; any bytes are safe to feed.
class TestStatusReader {
 public:
  /// Appends bytes read from the pipe.
  void feed(std::string_view bytes);
  /// The next complete record, if one has arrived.
  [[nodiscard]] std::optional<TestStatus> next();

 private:
  std::string pending_;
};

}  // namespace testkit::detail
