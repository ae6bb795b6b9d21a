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

}  // namespace testkit::detail
