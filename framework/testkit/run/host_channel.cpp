#include <testkit/run/host_channel.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <span>

namespace testkit::detail {
namespace {

constexpr std::size_t max_descriptors = 5;

using CommandBytes = std::array<unsigned char, 2 * sizeof(std::uint64_t)>;

// Every field of a report, as fixed-width integers in this machine's byte order (both ends are the same binary).
struct ReportBytes {
  std::uint32_t kind;
  std::uint32_t unused;
  std::uint64_t plan_index;
  std::int64_t pid, wait_status, user_us, system_us, max_rss_kib, at_ns;
};

}  // namespace

namespace {

// Sends `bytes` with `fds` beside them (SCM_RIGHTS), without waiting unless `wait`: false with errno set when the peer
// cannot take them.
bool send_with_descriptors(int socket, std::span<const unsigned char> bytes, std::span<const int> fds,
                           bool wait = false) noexcept {
  iovec data{const_cast<unsigned char*>(bytes.data()), bytes.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * max_descriptors)] = {};
  msghdr message{};
  message.msg_iov = &data;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
  cmsghdr* header = CMSG_FIRSTHDR(&message);
  header->cmsg_level = SOL_SOCKET;
  header->cmsg_type = SCM_RIGHTS;
  header->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
  std::memcpy(CMSG_DATA(header), fds.data(), sizeof(int) * fds.size());
  while (true) {
    const ssize_t sent = ::sendmsg(socket, &message, MSG_NOSIGNAL | (wait ? 0 : MSG_DONTWAIT));
    if (sent == static_cast<ssize_t>(bytes.size())) return true;
    if (sent < 0 && errno == EINTR) continue;
    if (sent >= 0) errno = EMSGSIZE;
    return false;
  }
}

// Waits for a message of exactly `bytes.size()` bytes with exactly `fds.size()` descriptors beside it (close-on-exec),
// filling both. False once the peer has shut its end; exits the process when the message is anything else: only the
// supervisor writes there.
bool receive_with_descriptors(int socket, std::span<unsigned char> bytes, std::span<int> fds) {
  iovec data{bytes.data(), bytes.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * max_descriptors)] = {};
  msghdr message{};
  message.msg_iov = &data;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
  ssize_t got = 0;
  do got = ::recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
  while (got < 0 && errno == EINTR);
  if (got == 0) return false;
  const cmsghdr* header = CMSG_FIRSTHDR(&message);
  if (got != static_cast<ssize_t>(bytes.size()) || (message.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 ||
      header == nullptr || header->cmsg_type != SCM_RIGHTS || header->cmsg_len != CMSG_LEN(sizeof(int) * fds.size()))
    ::_exit(126);
  std::memcpy(fds.data(), CMSG_DATA(header), sizeof(int) * fds.size());
  return true;
}

// A command's bytes: the plan index and a second word (a test's start_after_ends; 0 in a class host request); the
// descriptors travel beside them.
CommandBytes command_bytes(std::size_t plan_index, std::uint64_t second = 0) {
  CommandBytes bytes{};
  const std::uint64_t index = plan_index;
  std::memcpy(bytes.data(), &index, sizeof index);
  std::memcpy(bytes.data() + sizeof index, &second, sizeof second);
  return bytes;
}

std::size_t index_of(const CommandBytes& bytes) {
  std::uint64_t index = 0;
  std::memcpy(&index, bytes.data(), sizeof index);
  return static_cast<std::size_t>(index);
}

std::uint64_t second_word_of(const CommandBytes& bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes.data() + sizeof(std::uint64_t), sizeof word);
  return word;
}

}  // namespace

bool send_host_command(int socket, const HostCommand& command) noexcept {
  const int fds[] = {command.fds.result, command.fds.out, command.fds.err, command.fds.black_box};
  return send_with_descriptors(socket, command_bytes(command.plan_index, command.start_after_ends), fds);
}

std::optional<HostCommand> receive_host_command(int socket) {
  CommandBytes bytes{};
  int fds[4];
  if (!receive_with_descriptors(socket, bytes, fds)) return std::nullopt;
  return HostCommand{.plan_index = index_of(bytes),
                     .fds = {.result = fds[0], .out = fds[1], .err = fds[2], .black_box = fds[3]},
                     .start_after_ends = second_word_of(bytes)};
}

bool send_class_host_request(int socket, const ClassHostRequest& request) noexcept {
  const HostDescriptors& host = request.fds;
  const int fds[] = {host.socket, host.failures, host.out, host.err, host.black_box};
  return send_with_descriptors(socket, command_bytes(request.plan_index), fds);
}

std::optional<ClassHostRequest> receive_class_host_request(int socket) {
  CommandBytes bytes{};
  int fds[5];
  if (!receive_with_descriptors(socket, bytes, fds)) return std::nullopt;
  if (second_word_of(bytes) != 0) ::_exit(126);
  return ClassHostRequest{
      .plan_index = index_of(bytes),
      .fds = {.socket = fds[0], .failures = fds[1], .out = fds[2], .err = fds[3], .black_box = fds[4]}};
}

bool send_host_report(int socket, const HostReport& report, int pidfd) noexcept {
  const ReportBytes bytes{.kind = static_cast<std::uint32_t>(report.kind),
                          .unused = 0,
                          .plan_index = report.plan_index,
                          .pid = report.pid,
                          .wait_status = report.wait_status,
                          .user_us = report.user_us,
                          .system_us = report.system_us,
                          .max_rss_kib = report.max_rss_kib,
                          .at_ns = report.at_ns};
  if (pidfd >= 0) {
    unsigned char raw[sizeof bytes];
    std::memcpy(raw, &bytes, sizeof bytes);
    const int fds[] = {pidfd};
    return send_with_descriptors(socket, raw, fds, /*wait=*/true);
  }
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
