// The conversation between the supervisor and a class host: a command carries its test's four descriptors across,
// reports survive the trip, and bytes that are not a report (wrong size, unknown kind) are refused, not trusted.
#include <testkit/run/host_channel.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>

#include <testkit/testkit.hpp>

namespace {

using testkit::detail::HostCommand;
using testkit::detail::HostReport;
using testkit::detail::parse_host_report;

/// A connected SOCK_SEQPACKET pair, closed with the test.
struct SocketPair {
  int ends[2] = {-1, -1};
  SocketPair() { TK_ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends), 0); }
  ~SocketPair() {
    for (int end : ends)
      if (end >= 0) ::close(end);
  }
};

/// The bytes one report takes on the socket, as the supervisor receives them.
std::string received(int socket) {
  char buffer[256];
  const ssize_t got = ::recv(socket, buffer, sizeof buffer, 0);
  return got > 0 ? std::string(buffer, static_cast<std::size_t>(got)) : std::string();
}

TK_TEST(HostChannel, a_command_carries_its_plan_index_and_four_working_descriptors) {
  SocketPair sockets;
  int pipes[4][2];
  for (auto& pipe : pipes) TK_ASSERT_EQ(::pipe2(pipe, O_CLOEXEC), 0);
  const HostCommand sent{
      .plan_index = 123456789012,
      .fds = {.result = pipes[0][1], .out = pipes[1][1], .err = pipes[2][1], .black_box = pipes[3][1]}};
  TK_ASSERT(testkit::detail::send_host_command(sockets.ends[0], sent));
  const auto command = testkit::detail::receive_host_command(sockets.ends[1]);
  TK_ASSERT(command.has_value());
  TK_EXPECT_EQ(command->plan_index, sent.plan_index);
  // Each received descriptor is a new one for the same pipe: what is written to it arrives at that pipe's end.
  const int received_fds[] = {command->fds.result, command->fds.out, command->fds.err, command->fds.black_box};
  for (int i = 0; i < 4; ++i) {
    const char byte = static_cast<char>('a' + i);
    TK_EXPECT_EQ(::write(received_fds[i], &byte, 1), 1);
    char read_back = 0;
    TK_EXPECT_EQ(::read(pipes[i][0], &read_back, 1), 1);
    TK_EXPECT_EQ(read_back, byte, "descriptor {}", i);
    ::close(received_fds[i]);
    ::close(pipes[i][0]);
    ::close(pipes[i][1]);
  }
}

TK_TEST(HostChannel, the_host_sees_the_end_when_the_supervisor_shuts_its_side) {
  SocketPair sockets;
  TK_ASSERT_EQ(::shutdown(sockets.ends[0], SHUT_WR), 0);
  TK_EXPECT_FALSE(testkit::detail::receive_host_command(sockets.ends[1]).has_value());
}

TK_TEST(HostChannel, a_report_survives_the_trip) {
  SocketPair sockets;
  const HostReport sent{.kind = HostReport::Kind::ended,
                        .plan_index = 7,
                        .pid = 4242,
                        .wait_status = 0x8b,
                        .user_us = 1'500'000,
                        .system_us = 3,
                        .max_rss_kib = 2048,
                        .at_ns = -5};
  TK_ASSERT(testkit::detail::send_host_report(sockets.ends[1], sent));
  const auto report = parse_host_report(received(sockets.ends[0]));
  TK_ASSERT(report.has_value());
  TK_EXPECT(report->kind == HostReport::Kind::ended);
  TK_EXPECT_EQ(report->plan_index, 7u);
  TK_EXPECT_EQ(report->pid, 4242);
  TK_EXPECT_EQ(report->wait_status, 0x8b);
  TK_EXPECT_EQ(report->user_us, 1'500'000);
  TK_EXPECT_EQ(report->system_us, 3);
  TK_EXPECT_EQ(report->max_rss_kib, 2048);
  TK_EXPECT_EQ(report->at_ns, -5);
}

TK_TEST(HostChannel, bytes_that_are_not_a_report_are_refused) {
  SocketPair sockets;
  TK_ASSERT(testkit::detail::send_host_report(sockets.ends[1], {.kind = HostReport::Kind::started, .pid = 1}));
  const std::string good = received(sockets.ends[0]);
  TK_ASSERT(parse_host_report(good).has_value());
  TK_EXPECT_FALSE(parse_host_report("").has_value());
  TK_EXPECT_FALSE(parse_host_report(good.substr(1)).has_value(), "one byte short");
  TK_EXPECT_FALSE(parse_host_report(good + "x").has_value(), "one byte long");
  for (const std::uint32_t kind : {0u, 5u, 0xffffffffu}) {
    std::string bad = good;
    std::memcpy(bad.data(), &kind, sizeof kind);
    TK_EXPECT_FALSE(parse_host_report(bad).has_value(), "kind {}", kind);
  }
}

TK_TEST(HostChannel, a_command_says_how_many_ended_tests_it_waits_for) {
  SocketPair sockets;
  int pipe[2];
  TK_ASSERT_EQ(::pipe2(pipe, O_CLOEXEC), 0);
  for (const std::uint64_t ends : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{12345678901234}}) {
    const HostCommand sent{.plan_index = 3,
                           .fds = {.result = pipe[1], .out = pipe[1], .err = pipe[1], .black_box = pipe[1]},
                           .start_after_ends = ends};
    TK_ASSERT(testkit::detail::send_host_command(sockets.ends[0], sent));
    const auto command = testkit::detail::receive_host_command(sockets.ends[1]);
    TK_ASSERT(command.has_value());
    TK_EXPECT_EQ(command->plan_index, 3u);
    TK_EXPECT_EQ(command->start_after_ends, ends);
    for (int fd : {command->fds.result, command->fds.out, command->fds.err, command->fds.black_box}) ::close(fd);
  }
  ::close(pipe[0]);
  ::close(pipe[1]);
}

// Only the supervisor writes commands: one of another size (a supervisor of another testkit version) ends the host
// (exit status 126), as any malformed command does.
TK_TEST(HostChannel, a_command_of_another_size_ends_the_host) {
  SocketPair sockets;
  const std::uint64_t words[] = {3};  // a plan index alone
  iovec data{const_cast<std::uint64_t*>(words), sizeof words};
  const int fds[] = {STDIN_FILENO, STDIN_FILENO, STDIN_FILENO, STDIN_FILENO};
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
  TK_ASSERT_EQ(::sendmsg(sockets.ends[0], &message, 0), static_cast<ssize_t>(sizeof words));
  const pid_t host = ::fork();
  TK_ASSERT_GE(host, 0);
  if (host == 0) {
    (void)testkit::detail::receive_host_command(sockets.ends[1]);
    ::_exit(0);
  }
  int status = 0;
  TK_ASSERT_EQ(::waitpid(host, &status, 0), host);
  TK_EXPECT((WIFEXITED(status) && WEXITSTATUS(status) == 126), "wait status {:#x}", status);
}

}  // namespace
