#include <testkit/report/sandbox_record.hpp>

#include <fmt/format.h>

namespace testkit {

std::vector<std::pair<std::string, std::string>> sandbox_properties(const SandboxRecord& record) {
  // The same words as the console line, split so that a CI server shows one limit per row.
  return {
      {"sandbox.cpu", fmt::format("timeout + {} s (none without a timeout)", record.cpu_margin_s)},
      {"sandbox.memory", record.memory_mib ? fmt::format("{} MiB", *record.memory_mib) : "unlimited (sanitizer build)"},
      {"sandbox.processes", std::to_string(record.processes)},
      {"sandbox.file_size", fmt::format("{} MiB", record.file_size_mib)},
      {"sandbox.open_files", std::to_string(record.open_files)},
      {"sandbox.core_dumps", "none"},
      {"sandbox.network", record.network_blocked ? "loopback only (network namespace)" : "NOT blocked"},
      {"sandbox.writes", record.landlock_abi > 0
                             ? fmt::format("private dir only (Landlock ABI {})", record.landlock_abi)
                             : "NOT confined"},
      {"sandbox.user", record.runs_as_nobody ? "nobody" : "the runner's"},
      {"sandbox.environment", "scrubbed, HOME and TMPDIR private, stdin /dev/null"},
  };
}

}  // namespace testkit
