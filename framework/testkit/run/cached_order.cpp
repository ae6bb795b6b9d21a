#include <testkit/run/cached_order.hpp>

#include <algorithm>
#include <chrono>
#include <map>

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
  // A unit is a free test, or every test of one fixture class in plan order (where its first test was): the class's
  // last test, which tear_down_class's failures are charged to, stays the same whatever the durations.
  struct Unit {
    std::vector<const TestInfo*> tests;
    std::chrono::nanoseconds total{};
    bool unknown = false;  // a test of it has no recorded duration
  };
  std::vector<Unit> units;
  std::map<const FixtureClass*, std::size_t> unit_of_class;
  for (const TestInfo* test : plan) {
    std::size_t index = units.size();
    if (test->fixture != nullptr) index = unit_of_class.try_emplace(test->fixture, units.size()).first->second;
    if (index == units.size()) units.emplace_back();
    Unit& unit = units[index];
    unit.tests.push_back(test);
    const CachedResult* cached = find(*test, cache);
    unit.unknown = unit.unknown || cached == nullptr;
    if (cached != nullptr) unit.total += cached->duration;
  }
  std::ranges::stable_sort(units, [](const Unit& a, const Unit& b) {
    if (a.unknown || b.unknown) return a.unknown && !b.unknown;
    return a.total > b.total;
  });
  plan.clear();
  for (const Unit& unit : units) plan.insert(plan.end(), unit.tests.begin(), unit.tests.end());
}

}  // namespace testkit
