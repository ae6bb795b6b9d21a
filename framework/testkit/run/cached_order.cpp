#include <testkit/run/cached_order.hpp>

#include <algorithm>
#include <optional>

namespace testkit {
namespace {

const CachedResult* find(const TestInfo& test, const ResultCache& cache) {
  const auto found = cache.find(test.full_name());
  return found == cache.end() ? nullptr : &found->second;
}

}  // namespace

bool failed_last_time(const TestInfo& test, const ResultCache& cache) {
  const CachedResult* cached = find(test, cache);
  return cached != nullptr && cached->failed();
}

bool keep_last_failed(std::vector<const TestInfo*>& plan, const ResultCache& cache) {
  const auto passed = [&](const TestInfo* test) { return !failed_last_time(*test, cache); };
  if (std::ranges::all_of(plan, passed)) return false;
  std::erase_if(plan, passed);
  return true;
}

void put_failed_first(std::vector<const TestInfo*>& plan, const ResultCache& cache) {
  std::ranges::stable_partition(plan, [&](const TestInfo* test) { return failed_last_time(*test, cache); });
}

void put_slowest_first(std::vector<const TestInfo*>& plan, const ResultCache& cache) {
  // Looked up once per test, not once per comparison.
  std::vector<std::pair<std::optional<std::chrono::nanoseconds>, const TestInfo*>> keyed;
  keyed.reserve(plan.size());
  for (const TestInfo* test : plan) {
    const CachedResult* cached = find(*test, cache);
    keyed.emplace_back(cached == nullptr ? std::nullopt : std::optional(cached->duration), test);
  }
  std::ranges::stable_sort(keyed, [](const auto& a, const auto& b) {
    if (!a.first || !b.first) return !a.first && b.first;  // unknown before known
    return *a.first > *b.first;
  });
  for (std::size_t i = 0; i < plan.size(); ++i) plan[i] = keyed[i].second;
}

}  // namespace testkit
