#pragma once
/// Whether code has changed what every thread of the process shares: the working directory, the environment, the
/// umask. The interposer counts the calls that change them, so that a runner can tell in two loads whether a test
/// left them changed.

#include <cstdint>

namespace testkit::detail {

/// How many calls to chdir, fchdir, umask, setenv, unsetenv, putenv and clearenv this process has made (a call
/// that a FakeFilesystem answered counts too). Lives in testkit_interpose; any thread.
[[nodiscard]] std::uint64_t process_state_changes() noexcept;

/// Counts one change (the interposed calls above call it).
void note_process_state_change() noexcept;

}  // namespace testkit::detail
