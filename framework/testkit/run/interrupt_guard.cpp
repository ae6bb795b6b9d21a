#include <testkit/run/interrupt_guard.hpp>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

namespace testkit::detail {
namespace {

int write_fd = -1;
volatile sig_atomic_t first_signal = 0;
struct sigaction previous_int, previous_term;

void on_signal(int signal) {
  const int saved = errno;
  if (first_signal == 0) first_signal = signal;
  const char byte = 1;
  [[maybe_unused]] const auto ignored = ::write(write_fd, &byte, 1);
  errno = saved;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return;
  read_fd_ = fds[0];
  write_fd = fds[1];
  first_signal = 0;
  struct sigaction action = {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

InterruptGuard::~InterruptGuard() {
  if (read_fd_ < 0) return;
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
  ::close(read_fd_);
  ::close(write_fd);
  write_fd = -1;
}

int InterruptGuard::signal() const { return first_signal; }

void InterruptGuard::drain() const {
  char bytes[64];
  while (::read(read_fd_, bytes, sizeof bytes) > 0) {
  }
}

}  // namespace testkit::detail
