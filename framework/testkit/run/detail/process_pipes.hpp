#pragma once
/// The supervisor's ends of what connects it to a process it watches: pipes it reads without blocking, and black
/// boxes in shared memory.

#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <utility>

#include <testkit/core/black_box.hpp>

namespace testkit::detail {

/// Throws std::system_error for errno, saying what failed (`what`: the system call).
[[noreturn]] void fail_system(const char* what);

/// A pipe whose reading end (first) is non-blocking and whose ends are close-on-exec. Throws std::system_error when
/// no descriptor is left.
[[nodiscard]] std::pair<int, int> make_pipe();

/// A zeroed black box in shared memory: anonymous (a process forked from this one afterwards shares it), or, with
/// `memfd_out`, a memfd's (stored there, for another process to map). Unmap it with munmap. Throws
/// std::system_error when the system has no memory or descriptor for it.
[[nodiscard]] BlackBox* make_black_box(int* memfd_out);

/// Reads what the non-blocking pipe `fd` holds now, handing each chunk to `take`; closes it (and sets it to -1) at
/// its end or on an error. A read that does not fill the buffer emptied the pipe: it stops there rather than read
/// again only to be told that nothing is left (poll tells when more arrives, or the end).
template <typename Take> void read_available(int& fd, Take take) {
  char buffer[64 * 1024];
  while (fd >= 0) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      if (got == 0 || errno != EAGAIN) {
        ::close(fd);
        fd = -1;
      }
      return;
    }
    take(std::string_view(buffer, static_cast<std::size_t>(got)));
    if (static_cast<std::size_t>(got) < sizeof buffer) return;
  }
}

}  // namespace testkit::detail
