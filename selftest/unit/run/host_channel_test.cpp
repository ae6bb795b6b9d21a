// The conversation between the supervisor and a class host: a command carries its test's four descriptors across,
// reports survive the trip, and bytes that are not a report (wrong size, unknown kind) are refused, not trusted.
#include <testkit/run/host_channel.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

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

}  // namespace
