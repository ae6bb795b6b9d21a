#include <testkit/report/sandbox_record.hpp>

#include <fmt/format.h>

namespace testkit {
namespace {

// Each mechanism's words, written once: the console line and the JUnit properties both arrange these.
struct SandboxWords {
  std::string cpu, memory, network, writes, environment;
};

SandboxWords words_of(const SandboxRecord& record) {
  return {.cpu = fmt::format("timeout + {} s (none without a timeout)", record.cpu_margin_s),
          .memory = record.memory_mib ? fmt::format("{} MiB", *record.memory_mib) : "unlimited (sanitizer build)",
          .network = record.network_blocked ? "loopback only (network namespace)" : "NOT blocked",
          .writes = record.landlock_abi > 0 ? fmt::format("private dir only (Landlock ABI {})", record.landlock_abi)
                                            : "NOT confined",
          .environment = "scrubbed, HOME and TMPDIR private, stdin /dev/null"};
}

}  // namespace

std::string describe_sandbox(const SandboxRecord& record) {
  const SandboxWords words = words_of(record);
  return fmt::format(
      "Sandbox: per test cpu = {}, memory {}, {} processes, files up to {} MiB, {} open files, no core dumps; "
      "network: {}{}; writes: {}{}; {}environment {}",
      words.cpu, words.memory, record.processes, record.file_size_mib, record.open_files, words.network,
      record.network_blocked ? "" : " (no network namespaces here)", words.writes,
      record.landlock_abi > 0 ? "" : " (no Landlock here)", record.runs_as_nobody ? "runs as nobody; " : "",
      words.environment);
}

std::vector<std::pair<std::string, std::string>> sandbox_properties(const SandboxRecord& record) {
  SandboxWords words = words_of(record);
  // The same words as the console line, split so that a CI server shows one limit per row.
  return {
      {"sandbox.cpu", std::move(words.cpu)},
      {"sandbox.memory", std::move(words.memory)},
      {"sandbox.processes", std::to_string(record.processes)},
      {"sandbox.file_size", fmt::format("{} MiB", record.file_size_mib)},
      {"sandbox.open_files", std::to_string(record.open_files)},
      {"sandbox.core_dumps", "none"},
      {"sandbox.network", std::move(words.network)},
      {"sandbox.writes", std::move(words.writes)},
      {"sandbox.user", record.runs_as_nobody ? "nobody" : "the runner's"},
      {"sandbox.environment", std::move(words.environment)},
  };
}

}  // namespace testkit
