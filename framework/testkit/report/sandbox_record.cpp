#include <testkit/report/sandbox_record.hpp>

#include <fmt/format.h>

namespace testkit {
namespace {

// Each mechanism's words, written once: the console line and the JUnit properties both arrange these.
struct SandboxWords {
  std::string cpu, memory, network, pids, writes, reads, user, environment;
};

SandboxWords words_of(const SandboxRecord& record) {
  return {.cpu = fmt::format("timeout + {} s (none without a timeout)", record.cpu_margin_s),
          .memory = record.memory_mib ? fmt::format("{} MiB", *record.memory_mib) : "unlimited",
          .network = record.network_blocked ? "loopback only (network namespace)" : "NOT blocked",
          .pids = record.pid_namespace ? "a PID namespace per class (what a test starts ends with its class)"
                                       : "NOT isolated",
          .writes = record.landlock_abi > 0 ? fmt::format("private dir only (Landlock ABI {})", record.landlock_abi)
                                            : "NOT confined",
          .reads = fmt::format("all but {} hidden path{}", record.hidden_paths, record.hidden_paths == 1 ? "" : "s"),
          .user = record.first_uid ? fmt::format("uid {} and up, one per class running", *record.first_uid)
                                   : "the runner's",
          .environment = "scrubbed, HOME and TMPDIR private, stdin /dev/null"};
}

}  // namespace

std::string describe_sandbox(const SandboxRecord& record) {
  const SandboxWords words = words_of(record);
  return fmt::format(
      "Sandbox: per test cpu = {}, memory {}, {} processes, files up to {} MiB, {} open files, no core dumps; "
      "network: {}{}; processes: {}{}; writes: {}{}; {}{}environment {}",
      words.cpu, words.memory, record.processes, record.file_size_mib, record.open_files, words.network,
      record.network_blocked ? "" : " (no network namespaces here)", words.pids,
      record.pid_namespace ? "" : " (no PID namespaces here)", words.writes,
      record.landlock_abi > 0 ? "" : " (no Landlock here)",
      record.hidden_paths > 0 ? "reads: " + words.reads + "; " : "",
      record.first_uid ? "user: " + words.user + "; " : "", words.environment);
}

std::vector<std::pair<std::string, std::string>> sandbox_properties(const SandboxRecord& record) {
  SandboxWords words = words_of(record);
  // The same words as the console line, split so that a CI server shows one limit per row.
  std::vector<std::pair<std::string, std::string>> properties{
      {"sandbox.cpu", std::move(words.cpu)},
      {"sandbox.memory", std::move(words.memory)},
      {"sandbox.processes", std::to_string(record.processes)},
      {"sandbox.file_size", fmt::format("{} MiB", record.file_size_mib)},
      {"sandbox.open_files", std::to_string(record.open_files)},
      {"sandbox.core_dumps", "none"},
      {"sandbox.network", std::move(words.network)},
      {"sandbox.pids", std::move(words.pids)},
      {"sandbox.writes", std::move(words.writes)},
      {"sandbox.user", std::move(words.user)},
      {"sandbox.environment", std::move(words.environment)},
  };
  if (record.hidden_paths > 0) properties.emplace_back("sandbox.reads", std::move(words.reads));
  return properties;
}

}  // namespace testkit
