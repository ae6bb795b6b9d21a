#pragma once
/// --sandbox: the grading profile of the process executor, for untrusted code such as student submissions.
/// Each test's process gets resource limits, no network, a private writable directory (HOME and TMPDIR) outside of
/// which it can change nothing, a scrubbed environment, and an unprivileged user when the runner is root.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <testkit/report/sandbox_record.hpp>
#include <testkit/run/sanitizers.hpp>

namespace testkit {

/// When the runner is root, a test confined on its own in job slot k (k from 0 to jobs - 1) runs as user and group
/// sandbox_uid_base + k, and the class host in host slot h (the lowest no live host holds), with its tests, as
/// sandbox_uid_base + jobs + h, so that tests running at once (of different classes) neither share RLIMIT_NPROC nor
/// may signal each other. The range belongs to no account on common systems (systemd leaves 1879048192-2147352575
/// unassigned); two sandboxed runs as root at once share it.
inline constexpr std::uint32_t sandbox_uid_base = 1'900'000'000;

/// The per-test limits of the grading profile (set from the command line).
struct SandboxLimits {
  std::size_t memory_mib = 1024;   ///< address space (RLIMIT_AS); 0: none
  std::size_t processes = 64;      ///< processes and threads of the test's user (RLIMIT_NPROC)
  std::size_t file_size_mib = 64;  ///< largest file the test may write (RLIMIT_FSIZE)
  std::size_t open_files = 256;    ///< descriptors (RLIMIT_NOFILE)
};

/// What this machine lets the sandbox do; probed once, before the first test.
struct SandboxSupport {
  int landlock_abi = 0;          ///< 0: writes cannot be confined
  bool private_network = false;  ///< network namespaces can be made
  bool pid_namespace = false;    ///< PID namespaces can be made (with a user namespace when not root)
  bool drops_root = false;       ///< the runner is root: tests run as users of their own (sandbox_uid_base + slot)
  bool limits_memory = true;     ///< see limits_memory(): set by the run for the binary it runs, not by probe_sandbox
  bool probed = false;           ///< filled by probe_sandbox (testkit-run probes before it lists the tests)
};

/// Whether tests run sandboxed, and how.
struct SandboxSettings {
  bool enabled = false;
  SandboxLimits limits{};
  /// Files and directories no sandboxed process may read (--sandbox-hide, and the sources of the hidden tests of a
  /// trusted listing), as absolute paths; the directories on the way to them cannot be listed. Needs Landlock.
  std::vector<std::string> hidden_paths{};
  /// Variables the scrubbed environment keeps, as (name, value): the sanitizers' options.
  std::vector<std::pair<std::string, std::string>> kept_environment{};
  SandboxSupport support{};  ///< filled by probe_sandbox() before the run
};

/// Whether sandboxed tests of a binary that runs with `sanitizers` get an address-space limit: not with
/// --sandbox-memory 0, nor when a sanitizer runtime maps shadow memory (terabytes of address space).
[[nodiscard]] inline bool limits_memory(const SandboxLimits& limits, const Sanitizers& sanitizers) {
  return limits.memory_mib > 0 && !sanitizers.needs_address_space();
}

/// Probes the machine (forks short-lived processes to try a network and a PID namespace). Call before any thread
/// starts.
[[nodiscard]] SandboxSupport probe_sandbox();

/// What the console and the reports say of the sandbox `settings` describes (describe_sandbox gives its line).
[[nodiscard]] SandboxRecord record_sandbox(const SandboxSettings& settings);

/// A fresh private directory for one test in job slot `slot` (mode 0700, owned by the user the test will run as).
/// Throws std::system_error when it cannot be made.
[[nodiscard]] std::string make_sandbox_dir(const SandboxSupport& support, std::size_t slot = 0);

/// Removes a directory made by make_sandbox_dir with everything the test left in it; never throws.
void remove_sandbox_dir(const std::string& dir) noexcept;

/// In a test binary that testkit-run exec'd confined (its worker or class host), before any test runs: no other
/// process of its user (a program a test runs, another test of its class) may then trace it, read or write its
/// memory, or open its descriptors through /proc, as ptrace would let one rewrite a verdict. exec made the process
/// traceable again (PR_SET_DUMPABLE); the processes it forks inherit the denial, the programs they exec do not.
/// Returns "" or what failed; the caller must then not run tests.
[[nodiscard]] std::string deny_tracing();

/// In a freshly forked test process (or the init of its PID namespace), for the test in job slot `slot`: applies
/// `settings` as its support allows, with `dir` as the only writable place, the CPU limit derived from `timeout`
/// (none for 0). Returns "" or what failed; the caller must then not run the test.
[[nodiscard]] std::string enter_sandbox(const SandboxSettings& settings, const std::string& dir,
                                        std::chrono::milliseconds timeout, std::size_t slot = 0);

}  // namespace testkit
