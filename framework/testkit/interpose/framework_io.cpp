#include <testkit/interpose/framework_io.hpp>

#include <cerrno>

#include <testkit/interpose/real_functions.hpp>

namespace testkit::detail {

bool write_all(int fd, std::string_view bytes) noexcept {
  while (!bytes.empty()) {
    const ssize_t written = call_real<Function::write>(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

bool read_to_end(int fd, std::uint64_t offset, std::string& out) {
  char buffer[64 * 1024];
  while (true) {
    const ssize_t got = call_real<Function::pread>(fd, buffer, sizeof buffer, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) return true;
    out.append(buffer, static_cast<std::size_t>(got));
    offset += static_cast<std::uint64_t>(got);
  }
}

}  // namespace testkit::detail
