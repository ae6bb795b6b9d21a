#pragma once
/// Cutting a process off the network: a network namespace of its own, with only a loopback interface.

#include <sys/types.h>

#include <string>

namespace testkit::detail {

/// In a process that has just entered a new user namespace: maps `uid` and `gid`, its ids outside, to themselves
/// inside, so that it keeps its identity there (and every capability). Returns "" or what failed.
[[nodiscard]] std::string map_own_ids(uid_t uid, gid_t gid);

/// Moves the calling (single-threaded) process into a new network namespace whose only interface is loopback,
/// brought up so that servers a test starts on 127.0.0.1 still work. Uses a user namespace too when the process
/// lacks CAP_SYS_ADMIN, mapping its user and group to themselves. Returns "" or what failed.
[[nodiscard]] std::string enter_private_network();

}  // namespace testkit::detail
