#pragma once
/// What a file report says about a run besides its results.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <testkit/report/sandbox_record.hpp>

namespace testkit {

/// The facts about a run that RunResult does not hold; filled by the session, read by every report writer.
struct ReportContext {
  std::string program{};                            ///< the test binary's base name
  std::optional<std::uint64_t> seed{};              ///< the shuffle seed, when the order was shuffled or fixed
  std::size_t shard_index = 0;                      ///< this run's shard, counted from 0
  std::size_t shard_count = 1;                      ///< 1 when the tests were not sharded
  bool deterministic = false;                       ///< no times, host or trace: stable bytes for golden files
  std::chrono::system_clock::time_point started{};  ///< when the run started (wall clock)
  std::string hostname{};                           ///< the machine that ran the tests
  std::size_t jobs = 1;                             ///< tests run at once (-j): the slots of the run's timeline
  std::optional<SandboxRecord> sandbox{};           ///< what --sandbox applied to each test; empty without it

  /// The context of a run of `program` (argv[0]) starting now on this host.
  [[nodiscard]] static ReportContext now(std::string_view program, bool deterministic);
};

}  // namespace testkit
