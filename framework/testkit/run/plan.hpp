#pragma once
/// Which tests a run executes, in which order.

#include <cstdint>
#include <deque>
#include <vector>

#include <testkit/core/test_info.hpp>
#include <testkit/run/result_cache.hpp>
#include <testkit/run/settings.hpp>

namespace testkit {

/// Whether the plan of a run with `settings` starts the slowest tests first (put_slowest_first): when more than one
/// job runs, unless the tests are listed (a listing, which tools shard, must not depend on the cache), shuffled or
/// the output must be deterministic.
[[nodiscard]] bool follows_durations(const Settings& settings);

/// The tests that the filter and tag settings select, in registration order, then the part of them that
/// settings.shard runs, then of those only the ones that failed last time by `cache` under --last-failed (all if
/// none did), ordered: shuffled with settings.seed when settings.shuffle (seed 0 if none is set), else slowest first
/// by `cache` when follows_durations; then under --failed-first those that failed last time moved to the front. The
/// whole is repeated settings.repeat times.
[[nodiscard]] std::vector<const TestInfo*> make_plan(const std::deque<TestInfo>& tests, const Settings& settings,
                                                     const ResultCache& cache = {});

/// The first step of make_plan: the tests that the filter and tag settings select, in registration order, then the
/// part of them that settings.shard runs. The cache changes neither.
[[nodiscard]] std::vector<const TestInfo*> select_tests(const std::deque<TestInfo>& tests, const Settings& settings);

/// The rest of make_plan, on a `selection` of select_tests: --last-failed, the order, the repeats.
[[nodiscard]] std::vector<const TestInfo*> plan_selection(std::vector<const TestInfo*> selection,
                                                          const Settings& settings, const ResultCache& cache = {});

/// Puts `plan` in the order a seed gives: the same seed, the same order on every machine.
void shuffle_plan(std::vector<const TestInfo*>& plan, std::uint64_t seed);

}  // namespace testkit
