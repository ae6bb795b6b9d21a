#include <testkit/run/host_link.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <system_error>
#include <tuple>

#include <testkit/run/detail/pid_namespace.hpp>
#include <testkit/run/detail/process_pipes.hpp>

namespace testkit::detail {

HostLink::HostLink(const FixtureClass* fixture, const std::function<pid_t(const HostDescriptors&, BlackBox*)>& start,
                   bool symbolizes)
    : fixture_(fixture), symbolizes_(symbolizes) {
  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0)
    throw std::system_error(errno, std::generic_category(), "socketpair");
  socket_ = sockets[0];
  int ends[stream_count] = {-1, -1, -1};
  int box_fd = -1;
  const auto close_ends = [&] {
    for (int end : ends)
      if (end >= 0) ::close(end);
    if (box_fd >= 0) ::close(box_fd);
    ::close(sockets[1]);
  };
  try {
    for (int stream = 0; stream < stream_count; ++stream) std::tie(fds_[stream], ends[stream]) = make_pipe();
    box_ = make_black_box(&box_fd);  // a memfd, for a host that a module host forks
  } catch (...) {
    close_ends();
    throw;
  }
  pid_ = start({.socket = sockets[1],
                .failures = ends[failures_stream],
                .out = ends[out_stream],
                .err = ends[err_stream],
                .black_box = box_fd},
               box_);
  const int start_error = errno;
  close_ends();
  if (pid_ < 0) throw std::system_error(start_error, std::generic_category(), "starting a host");
  ::setpgid(pid_, pid_);  // also done by the host: whichever runs first closes the race
  ::fcntl(socket_, F_SETFL, O_NONBLOCK);
  // glibc 2.36 declares pidfd_open without C linkage for C++, so call it directly; -1 before Linux 5.3.
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
}

void HostLink::take_status_pipe(int fd) {
  status_fd_ = fd;
  ::fcntl(fd, F_SETFL, O_NONBLOCK);
}

HostLink::~HostLink() {
  for (int fd : fds_)
    if (fd >= 0) ::close(fd);
  if (status_fd_ >= 0) ::close(status_fd_);
  if (socket_ >= 0) ::close(socket_);
  if (pidfd_ >= 0) ::close(pidfd_);
  if (box_ != nullptr) ::munmap(box_, sizeof *box_);
}

bool HostLink::hand(std::size_t plan_index, const TestDescriptors& fds, std::uint64_t start_after_ends) const {
  return send_host_command(socket_, {.plan_index = plan_index, .fds = fds, .start_after_ends = start_after_ends});
}

void HostLink::shut() {
  if (shut_) return;
  shut_ = true;
  ::shutdown(socket_, SHUT_WR);
}

void HostLink::watch(std::vector<pollfd>& polled) const {
  for (int fd : fds_)
    if (fd >= 0) polled.push_back({fd, POLLIN, 0});
  polled.push_back({socket_, POLLIN, 0});
  if (pidfd_ >= 0) polled.push_back({pidfd_, POLLIN, 0});
}

std::vector<std::optional<HostReport>> HostLink::read() {
  return read_where([](int) { return true; });
}

std::vector<std::optional<HostReport>> HostLink::read(std::span<const int> ready) {
  return read_where([ready](int fd) { return std::ranges::binary_search(ready, fd); });
}

std::vector<std::optional<HostReport>> HostLink::read_where(const std::function<bool(int)>& is_ready) {
  std::vector<std::optional<HostReport>> reports;
  char buffer[256];
  while (is_ready(socket_)) {
    // One descriptor may come with a report (a pidfd); the kernel closes any more than fit.
    iovec data{buffer, sizeof buffer};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    // MSG_TRUNC: the size of the whole message, so that a longer one is not taken for a report.
    const ssize_t got = ::recvmsg(socket_, &message, MSG_DONTWAIT | MSG_TRUNC | MSG_CMSG_CLOEXEC);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    int descriptor = -1;
    if (const cmsghdr* header = CMSG_FIRSTHDR(&message); header != nullptr && header->cmsg_level == SOL_SOCKET &&
                                                         header->cmsg_type == SCM_RIGHTS &&
                                                         header->cmsg_len == CMSG_LEN(sizeof(int)))
      std::memcpy(&descriptor, CMSG_DATA(header), sizeof descriptor);
    std::optional<HostReport> report =
        parse_host_report(std::string_view(buffer, std::min(static_cast<std::size_t>(got), sizeof buffer)));
    if (report)
      report->descriptor = descriptor;
    else if (descriptor >= 0)
      ::close(descriptor);
    reports.push_back(report);
  }
  for (int stream = 0; stream < stream_count; ++stream)
    if (fds_[stream] >= 0 && is_ready(fds_[stream]))
      read_available(fds_[stream], [&](std::string_view bytes) {
        if (stream == out_stream)
          out_.append(bytes);
        else if (stream == err_stream)
          err_.append(bytes);
        else
          take_records(outcome_, reader_, bytes, symbolizes_);
      });
  return reports;
}

bool HostLink::stopped() {
  if (exited_) return false;
  if (status_fd_ >= 0) return read_statuses();  // in a PID namespace its init reports a stop
  siginfo_t info{};
  // WSTOPPED without WEXITED takes the stop and leaves an exit for reap.
  return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WSTOPPED | WNOHANG) == 0 && info.si_pid == pid_;
}

bool HostLink::read_statuses() {
  read_available(status_fd_, [&](std::string_view bytes) { statuses_.feed(bytes); });
  bool stopped = false;
  while (const std::optional<TestStatus> status = statuses_.next()) {
    if (status->stopped)
      stopped = true;
    else
      init_status_ = status->wait_status;
  }
  return stopped;
}

bool HostLink::reap(std::span<const int> ready) {
  // Its pidfd becomes readable when it exits: until then there is nothing to wait for.
  if (!exited_ && pidfd_ >= 0 && !std::ranges::binary_search(ready, pidfd_)) return false;
  return reap();
}

bool HostLink::reap() {
  if (exited_) return true;
  if (::waitpid(pid_, &wait_status_, WNOHANG) != pid_) return false;
  exited_ = true;
  // The host ran in a PID namespace: how it ended is what the namespace's init reported (perhaps read already, by
  // stopped()), not its relay's exit.
  if (status_fd_ >= 0) (void)read_statuses();
  if (init_status_) wait_status_ = *init_status_;
  ::killpg(pid_, SIGKILL);  // whatever set_up_class started and left behind in the host's group
  return true;
}

}  // namespace testkit::detail
