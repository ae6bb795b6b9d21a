#pragma once
/// Whether a process that a class host started by testkit-run names as its test's is one the host may name. Such a
/// host may be confined in a PID namespace (its process ids mean nothing outside) and runs code of the tests: the
/// supervisor signals a test's process group by its id, so it must never take an id from the host's word.

#include <sys/types.h>

#include <optional>

namespace testkit::detail {

/// The id, in this process's PID namespace, of the process `pidfd` refers to, when that process descends from `host`
/// (the host itself, or its PID namespace's relay: it is a child, grandchild or great-grandchild of it) and is alive;
/// 0 when it has ended and been reaped (a short test, reaped by its host before the supervisor read its start: there
/// is nothing to check, nor to signal); nullopt when it does not descend from `host` or `pidfd` is no pidfd. Does not
/// close `pidfd`.
[[nodiscard]] std::optional<pid_t> hosted_process_id(int pidfd, pid_t host);

}  // namespace testkit::detail
