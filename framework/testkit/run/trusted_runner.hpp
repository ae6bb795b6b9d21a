#pragma once
/// testkit-run: the runner that links no code under test. It starts the test binary for each test (already confined
/// under --sandbox, so the binary's global constructors and atexit hooks run inside), decides every verdict from what
/// it sees of that process, and writes the console and every report itself.

namespace testkit {

/// The main of testkit-run: `testkit-run [--tests-from LISTING.json] BINARY [OPTIONS...]`, where OPTIONS are the test
/// binary's own (--filter, -j, --sandbox, reports...). The tests are those BINARY lists (asked confined under
/// --sandbox), or, with --tests-from, those of a listing made beforehand from a trusted build (`--list=json` of the
/// instructor's tests with the reference solution): their names, points and visibility then come from there, not
/// from the binary under test. Returns the exit code the binary would (exit_code); --no-fork is a usage error.
/// `testkit-run BINARY BINARY... [OPTIONS...]` (the binaries: the arguments before the first option) runs the tests
/// of them all in one schedule, with one console and one set of reports, each test named "binary:Suite.name" (see
/// test_binaries.hpp); every binary is listed before any test starts, and one that cannot be run is a usage error.
/// `testkit-run --merge SHARD.json... [REPORT OPTIONS]` merges the JSON reports of a run's shards instead (see
/// merge_command.hpp).
/// Example: testkit-run --tests-from reference.json build/grading_tests --sandbox --gradescope results.json
[[nodiscard]] int run_trusted(int argc, const char* const* argv);

}  // namespace testkit
