#pragma once
/// Putting the reports of a suite's shards (GTEST_TOTAL_SHARDS / GTEST_SHARD_INDEX, Bazel's TEST_SHARD_*) back
/// together into the report of one run.

#include <span>
#include <string>

#include <testkit/report/json_reader.hpp>

namespace testkit {

/// One shard's report and the file it came from (for messages).
struct ShardReport {
  std::string path{};
  ReadReport report{};
};

/// A run made of the shards' reports; its results point to the tests of those reports.
struct MergedRun {
  RunResult run{};
  ReportContext context{};
};

/// The run that `shards` (every shard of one split of one binary, in any order) make together, as one unsharded
/// run: every test once, in shard order; the verdicts, times and failures as the shards recorded them; the seed
/// when the shards share it; each shard's job slots after the previous shard's (so the timeline shows the shards
/// side by side) and its start times moved by when it started after the first shard; the run as long as the
/// longest shard. `merged` then points into `shards`, which must outlive it. Returns, instead, what is wrong: no
/// report, reports of different binaries or of different splits, a shard given twice or missing, a test in two
/// shards.
[[nodiscard]] std::string merge_shard_reports(std::span<const ShardReport> shards, MergedRun& merged);

}  // namespace testkit
