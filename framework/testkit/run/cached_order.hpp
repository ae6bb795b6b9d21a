#pragma once
/// Choosing and ordering a plan by what the result cache remembers: --last-failed, --failed-first and the
/// slowest-first schedule of parallel runs.

#include <vector>

#include <testkit/core/test_info.hpp>
#include <testkit/run/result_cache.hpp>

namespace testkit {

/// Whether `test`'s latest recorded run failed.
[[nodiscard]] bool failed_last_time(const TestInfo& test, const ResultCache& cache);

/// --last-failed: keeps the tests of `plan` whose latest recorded run failed, in their order. When none did (or the
/// cache knows none of them), keeps them all and returns false.
bool keep_last_failed(std::vector<const TestInfo*>& plan, const ResultCache& cache);

/// --failed-first: moves the tests whose latest recorded run failed to the front; each part keeps its order.
void put_failed_first(std::vector<const TestInfo*>& plan, const ResultCache& cache);

/// The schedule of a parallel run, longest processing time first: each fixture class's tests stay together and in
/// their order (its last test is the one tear_down_class's failures are charged to, and the in-process pool runs a
/// class on one thread), weighed by their total recorded duration; a free test by its own. Units with a test the
/// cache has no duration for come first, in plan order (a new test may be a slow one), then the others from the
/// heaviest to the lightest, ties in plan order. Starting the long tests first keeps one from starting last and
/// running alone.
void put_slowest_first(std::vector<const TestInfo*>& plan, const ResultCache& cache);

}  // namespace testkit
