#pragma once
/// What --sandbox applied to each test of a run, as the console and the reports say it (the console's first line,
/// JUnit properties, the JSON report's "sandbox" object, the last line of the Gradescope output).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace testkit {

/// The mechanisms and limits of a sandboxed run; filled by the runner once the machine has been probed.
struct SandboxRecord {
  int cpu_margin_s = 1;  ///< a test's CPU limit is its timeout, rounded up, plus this; none without one
  std::optional<std::size_t> memory_mib{};  ///< address-space limit; empty when not applied (sanitizers, or 0 asked)
  std::size_t processes = 0;                ///< processes and threads of the test's user
  std::size_t file_size_mib = 0;            ///< largest file a test may write
  std::size_t open_files = 0;               ///< descriptors a test may hold
  bool network_blocked = false;             ///< a network namespace with only loopback
  int landlock_abi = 0;                     ///< writes confined to the test's private directory by Landlock; 0: not
  bool pid_namespace = false;               ///< each test in a PID namespace of its own, which ends with it
  std::size_t hidden_paths = 0;             ///< files and directories a test could not read (by Landlock)
  /// The runner was root, so the test in job slot k ran as user (and group) first_uid + k; empty: as the runner's.
  std::optional<std::uint32_t> first_uid{};
};

/// The one line that says which mechanisms are active: "Sandbox: per test cpu = timeout + 1 s (none without a
/// timeout), memory 1024 MiB, ...". A mechanism this machine does not allow reads "NOT ...".
[[nodiscard]] std::string describe_sandbox(const SandboxRecord& record);

/// The same facts as (name, value) pairs of text, e.g. {"sandbox.memory", "1024 MiB"}, in a fixed order: the JUnit
/// report's properties.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> sandbox_properties(const SandboxRecord& record);

}  // namespace testkit
