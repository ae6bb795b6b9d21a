#pragma once
/// Turning Ctrl-C and SIGTERM into an event of the supervisor's poll loop.

namespace testkit::detail {

/// While alive, SIGINT and SIGTERM do not end the process: each writes a byte to a pipe whose read end
/// fd() is polled, and signal() tells the first one caught. One instance at a time, on the main thread.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  [[nodiscard]] int fd() const { return read_fd_; }
  /// The first signal caught, 0 if none.
  [[nodiscard]] int signal() const;
  /// Reads the pending bytes so that the pipe stops polling readable.
  void drain() const;

 private:
  int read_fd_ = -1;
};

}  // namespace testkit::detail
