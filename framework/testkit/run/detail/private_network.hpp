#pragma once
/// Cutting a process off the network: a network namespace of its own, with only a loopback interface.

#include <string>

namespace testkit::detail {

/// Moves the calling (single-threaded) process into a new network namespace whose only interface is loopback,
/// brought up so that servers a test starts on 127.0.0.1 still work. Uses a user namespace too when the process
/// lacks CAP_SYS_ADMIN, mapping its user and group to themselves. Returns "" or what failed.
[[nodiscard]] std::string enter_private_network();

}  // namespace testkit::detail
