#pragma once
/// testkit-run --merge: the reports of a suite's shards, put back together into the reports of one run.

namespace testkit {

/// The main of `testkit-run --merge SHARD.json... [--junit-xml PATH] [--json PATH] [--html PATH] [--tap PATH]
/// [--gradescope PATH]`, given the arguments after --merge: reads the JSON reports of every shard of one split of
/// one binary, prints the merged run's summary line and writes the reports asked for (see merge_shard_reports).
/// Returns 0 when no merged test failed, 1 when one did (or a report could not be written), 2 for a usage error or
/// shards that do not make one run (different binaries, a shard missing or given twice, overlapping shards).
/// Example: testkit-run --merge shard-*.json --junit-xml all.xml --html all.html
[[nodiscard]] int run_merge(int argc, const char* const* argv);

}  // namespace testkit
