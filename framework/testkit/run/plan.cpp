#include <testkit/run/plan.hpp>

#include <algorithm>
#include <random>

#include <testkit/run/cached_order.hpp>
#include <testkit/run/filter.hpp>

namespace testkit {
namespace {

bool has_any_tag(const TestInfo& test, const std::vector<std::string>& tags) {
  return std::ranges::any_of(
      tags, [&](const std::string& tag) { return std::ranges::find(test.meta.tags, tag) != test.meta.tags.end(); });
}

}  // namespace

bool follows_durations(const Settings& settings) {
  return !settings.list && !settings.shuffle && !settings.deterministic && settings.execution.jobs > 1;
}

std::vector<const TestInfo*> make_plan(const std::deque<TestInfo>& tests, const Settings& settings,
                                       const ResultCache& cache) {
  return plan_selection(select_tests(tests, settings), settings, cache);
}

std::vector<const TestInfo*> select_tests(const std::deque<TestInfo>& tests, const Settings& settings) {
  const TestFilter filter(settings.filter, settings.binaries);
  std::vector<const TestInfo*> plan;
  for (const TestInfo& test : tests) {
    if (!filter.matches(test.full_name())) continue;
    if (!settings.tags.empty() && !has_any_tag(test, settings.tags)) continue;
    if (has_any_tag(test, settings.exclude_tags)) continue;
    plan.push_back(&test);
  }
  // The shard first, from the selection alone: the shards of one run then partition it whatever each one's cache
  // holds (they may run one after the other, each updating the cache the next one reads).
  keep_shard(plan, settings.shard);
  return plan;
}

std::vector<const TestInfo*> plan_selection(std::vector<const TestInfo*> plan, const Settings& settings,
                                            const ResultCache& cache) {
  if (settings.cache.last_failed) (void)keep_last_failed(plan, cache);
  if (settings.shuffle)
    shuffle_plan(plan, settings.seed.value_or(0));
  else if (follows_durations(settings))
    put_slowest_first(plan, cache);
  if (settings.cache.failed_first) put_failed_first(plan, cache);
  std::vector<const TestInfo*> repeated;
  repeated.reserve(plan.size() * settings.repeat);
  for (std::size_t round = 0; round < settings.repeat; ++round)
    repeated.insert(repeated.end(), plan.begin(), plan.end());
  return repeated;
}

void shuffle_plan(std::vector<const TestInfo*>& plan, std::uint64_t seed) {
  // Fisher-Yates over mt19937_64, whose output the standard fixes (std::shuffle's algorithm it does not).
  std::mt19937_64 random(seed);
  for (std::size_t i = plan.size(); i > 1; --i) std::swap(plan[i - 1], plan[random() % i]);
}

}  // namespace testkit
