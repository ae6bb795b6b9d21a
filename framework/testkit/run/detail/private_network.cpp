#include <testkit/run/detail/private_network.hpp>

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace testkit::detail {
namespace {

bool write_text(const char* path, const std::string& text) {
  const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return written;
}

// A user namespace in which this process keeps its own user and group ids.
std::string enter_user_namespace() {
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (::unshare(CLONE_NEWUSER) != 0) return fmt::format("unshare(CLONE_NEWUSER): {}", std::strerror(errno));
  return map_own_ids(uid, gid);
}

std::string bring_up_loopback() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fmt::format("socket: {}", std::strerror(errno));
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  std::string problem;
  if (::ioctl(fd, SIOCGIFFLAGS, &request) != 0) problem = fmt::format("SIOCGIFFLAGS lo: {}", std::strerror(errno));
  request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP);
  if (problem.empty() && ::ioctl(fd, SIOCSIFFLAGS, &request) != 0)
    problem = fmt::format("SIOCSIFFLAGS lo: {}", std::strerror(errno));
  ::close(fd);
  return problem;
}

}  // namespace

std::string map_own_ids(uid_t uid, gid_t gid) {
  // Writing gid_map unprivileged requires setgroups to be denied first.
  write_text("/proc/self/setgroups", "deny");
  if (!write_text("/proc/self/uid_map", fmt::format("{} {} 1\n", uid, uid)) ||
      !write_text("/proc/self/gid_map", fmt::format("{} {} 1\n", gid, gid)))
    return fmt::format("cannot map user {} in the new user namespace: {}", uid, std::strerror(errno));
  return {};
}

std::string enter_private_network() {
  if (::unshare(CLONE_NEWNET) != 0) {
    if (errno != EPERM) return fmt::format("unshare(CLONE_NEWNET): {}", std::strerror(errno));
    if (std::string problem = enter_user_namespace(); !problem.empty()) return problem;
    if (::unshare(CLONE_NEWNET) != 0) return fmt::format("unshare(CLONE_NEWNET): {}", std::strerror(errno));
  }
  return bring_up_loopback();
}

}  // namespace testkit::detail
