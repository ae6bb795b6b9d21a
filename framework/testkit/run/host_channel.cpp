#include <testkit/run/host_channel.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace testkit::detail {
namespace {

constexpr std::size_t descriptor_count = 4;

// A command's bytes: the plan index only; the descriptors travel beside it (SCM_RIGHTS).
using CommandBytes = std::array<unsigned char, sizeof(std::uint64_t)>;

// Every field of a report, as fixed-width integers in this machine's byte order (both ends are the same binary).
struct ReportBytes {
  std::uint32_t kind;
  std::uint32_t unused;
  std::uint64_t plan_index;
  std::int64_t pid, wait_status, user_us, system_us, max_rss_kib, at_ns;
};

}  // namespace

bool send_host_command(int socket, const HostCommand& command) noexcept {
  CommandBytes bytes{};
  const std::uint64_t index = command.plan_index;
  std::memcpy(bytes.data(), &index, sizeof index);
  iovec data{bytes.data(), bytes.size()};
  const int fds[descriptor_count] = {command.fds.result, command.fds.out, command.fds.err, command.fds.black_box};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof fds)] = {};
  msghdr message{};
  message.msg_iov = &data;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  cmsghdr* header = CMSG_FIRSTHDR(&message);
  header->cmsg_level = SOL_SOCKET;
  header->cmsg_type = SCM_RIGHTS;
  header->cmsg_len = CMSG_LEN(sizeof fds);
  std::memcpy(CMSG_DATA(header), fds, sizeof fds);
  while (true) {
    const ssize_t sent = ::sendmsg(socket, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent == static_cast<ssize_t>(bytes.size())) return true;
    if (sent < 0 && errno == EINTR) continue;
    if (sent >= 0) errno = EMSGSIZE;
    return false;
  }
}

std::optional<HostCommand> receive_host_command(int socket) {
  CommandBytes bytes{};
  iovec data{bytes.data(), bytes.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * descriptor_count)] = {};
  msghdr message{};
  message.msg_iov = &data;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  ssize_t got = 0;
  do got = ::recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
  while (got < 0 && errno == EINTR);
  if (got == 0) return std::nullopt;
  const cmsghdr* header = CMSG_FIRSTHDR(&message);
  if (got != static_cast<ssize_t>(bytes.size()) || (message.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 ||
      header == nullptr || header->cmsg_type != SCM_RIGHTS ||
      header->cmsg_len != CMSG_LEN(sizeof(int) * descriptor_count))
    ::_exit(126);
  int fds[descriptor_count];
  std::memcpy(fds, CMSG_DATA(header), sizeof fds);
  HostCommand command;
  std::uint64_t index = 0;
  std::memcpy(&index, bytes.data(), sizeof index);
  command.plan_index = static_cast<std::size_t>(index);
  command.fds = {.result = fds[0], .out = fds[1], .err = fds[2], .black_box = fds[3]};
  return command;
}

bool send_host_report(int socket, const HostReport& report) noexcept {
  const ReportBytes bytes{.kind = static_cast<std::uint32_t>(report.kind),
                          .unused = 0,
                          .plan_index = report.plan_index,
                          .pid = report.pid,
                          .wait_status = report.wait_status,
                          .user_us = report.user_us,
                          .system_us = report.system_us,
                          .max_rss_kib = report.max_rss_kib,
                          .at_ns = report.at_ns};
  while (true) {
    if (::send(socket, &bytes, sizeof bytes, MSG_NOSIGNAL) == static_cast<ssize_t>(sizeof bytes)) return true;
    if (errno != EINTR) return false;
  }
}

std::optional<HostReport> parse_host_report(std::string_view bytes) noexcept {
  ReportBytes fields{};
  if (bytes.size() != sizeof fields) return std::nullopt;
  std::memcpy(&fields, bytes.data(), sizeof fields);
  if (fields.kind < static_cast<std::uint32_t>(HostReport::Kind::ready) ||
      fields.kind > static_cast<std::uint32_t>(HostReport::Kind::ended))
    return std::nullopt;
  return HostReport{.kind = static_cast<HostReport::Kind>(fields.kind),
                    .plan_index = fields.plan_index,
                    .pid = fields.pid,
                    .wait_status = fields.wait_status,
                    .user_us = fields.user_us,
                    .system_us = fields.system_us,
                    .max_rss_kib = fields.max_rss_kib,
                    .at_ns = fields.at_ns};
}

}  // namespace testkit::detail
