#pragma once
/// The conversation between the supervisor and a class host: which test to run next (with the descriptors of that
/// test's process), and what became of each test process the host forked; and between the supervisor and a module
/// host: which class host to fork next (with its descriptors), and its process id.

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace testkit::detail {

/// The descriptors a test's process is handed, in the order they travel: its result channel, stdout, stderr (the
/// writing ends of the supervisor's pipes) and its black box's memfd.
struct TestDescriptors {
  int result = -1;
  int out = -1;
  int err = -1;
  int black_box = -1;
};

/// A test the supervisor hands to a class host.
struct HostCommand {
  std::size_t plan_index = 0;
  TestDescriptors fds{};
  /// 0: the host starts it at once. Else it was handed ahead, and the host starts it as soon as it has reported this
  /// many ended test processes (counting from its start), so that no round trip to the supervisor lies between that
  /// end and this start: the supervisor, which has seen one end fewer when it hands the test over, knows which end
  /// started it.
  std::uint64_t start_after_ends = 0;
};

/// The descriptors a class host is handed, in the order they travel: its end of the supervisor's socket, where
/// tear_down_class's failures go, its stdout and stderr, and its black box's memfd.
struct HostDescriptors {
  int socket = -1;
  int failures = -1;
  int out = -1;
  int err = -1;
  int black_box = -1;
};

/// A class host the supervisor asks a module host to fork: the host of the class of the test at `plan_index` (of
/// the free tests, when that test has no class).
struct ClassHostRequest {
  std::size_t plan_index = 0;
  HostDescriptors fds{};
};

/// What a class host (or a module host) tells its supervisor, one fixed-size message at a time. The host runs code of
/// the tests, so the supervisor checks every message against what it asked for (parse_host_report only bounds the
/// bytes).
struct HostReport {
  enum class Kind : std::uint32_t {
    ready = 1,  ///< set_up_class (a module host: the module set-up) has returned (or there was none to run): a death
                ///< from now on is not set-up's
    started,    ///< the test at `plan_index` runs in process `pid` (its own process group), forked at `at_ns` (a module
                ///< host: the class host asked for with `plan_index` is process `pid`, 0 when it could not be forked)
    stopped,    ///< that process was stopped by a signal
    ended,      ///< that process ended at `at_ns` with `wait_status`, having used `user_us`, `system_us`, `max_rss_kib`
  };
  Kind kind = Kind::ready;
  std::uint64_t plan_index = 0;
  std::int64_t pid = 0;
  std::int64_t wait_status = 0;
  std::int64_t user_us = 0;
  std::int64_t system_us = 0;
  std::int64_t max_rss_kib = 0;
  std::int64_t at_ns = 0;  ///< when it happened, on the monotonic clock (std::chrono::steady_clock) all processes share
  /// Supervisor: the descriptor that came with the message (a pidfd, see send_host_report), which the receiver owns
  /// and closes; -1: none.
  int descriptor = -1;
};

/// Supervisor: sends `command` over the host's socket (a SOCK_SEQPACKET socketpair), passing its descriptors, which
/// the caller still owns and closes. Returns false with errno set when the host cannot take it (it died).
[[nodiscard]] bool send_host_command(int socket, const HostCommand& command) noexcept;

/// Host: waits for the next command; nullopt once the supervisor has shut its end (no more tests for this host).
/// Exits the process when the socket fails or a command is malformed: only the supervisor writes there.
[[nodiscard]] std::optional<HostCommand> receive_host_command(int socket);

/// Supervisor: asks a module host for a class host, passing its descriptors, which the caller still owns and closes.
/// Returns false with errno set when the module host cannot take it (it died).
[[nodiscard]] bool send_class_host_request(int socket, const ClassHostRequest& request) noexcept;

/// Module host: waits for the next request; nullopt once the supervisor has shut its end. Exits the process when the
/// socket fails or a request is malformed.
[[nodiscard]] std::optional<ClassHostRequest> receive_class_host_request(int socket);

/// Host: sends `report`, with `pidfd` beside it when not -1 (a started report of a host that testkit-run started: the
/// supervisor cannot take the host's word for the process id, see host_child_check.hpp); false with errno set when the
/// supervisor is gone.
bool send_host_report(int socket, const HostReport& report, int pidfd = -1) noexcept;

/// Supervisor: the report in one message of `bytes` (as received), or nullopt when it is not one (wrong size or an
/// unknown kind). Any byte pattern of the right size with a known kind is a report; its numbers are unchecked.
[[nodiscard]] std::optional<HostReport> parse_host_report(std::string_view bytes) noexcept;

}  // namespace testkit::detail
