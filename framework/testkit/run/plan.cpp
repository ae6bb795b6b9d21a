#include <testkit/run/plan.hpp>

#include <algorithm>
#include <random>

#include <testkit/run/filter.hpp>

namespace testkit {
namespace {

bool has_any_tag(const TestInfo& test, const std::vector<std::string>& tags) {
  return std::ranges::any_of(
      tags, [&](const std::string& tag) { return std::ranges::find(test.meta.tags, tag) != test.meta.tags.end(); });
}

}  // namespace

std::vector<const TestInfo*> make_plan(const std::deque<TestInfo>& tests, const Settings& settings) {
  const TestFilter filter(settings.filter, settings.binaries);
  std::vector<const TestInfo*> plan;
  for (const TestInfo& test : tests) {
    if (!filter.matches(test.full_name())) continue;
    if (!settings.tags.empty() && !has_any_tag(test, settings.tags)) continue;
    if (has_any_tag(test, settings.exclude_tags)) continue;
    plan.push_back(&test);
  }
  keep_shard(plan, settings.shard);
  if (settings.shuffle) shuffle_plan(plan, settings.seed.value_or(0));
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
