#include <testkit/run/plan.hpp>

#include <algorithm>

#include <testkit/run/filter.hpp>

namespace testkit {
namespace {

bool has_any_tag(const TestInfo& test, const std::vector<std::string>& tags) {
  return std::ranges::any_of(tags, [&](const std::string& tag) { return std::ranges::find(test.meta.tags, tag) != test.meta.tags.end(); });
}

}  // namespace

std::vector<const TestInfo*> make_plan(const std::deque<TestInfo>& tests, const Options& options) {
  const TestFilter filter(options.filter);
  std::vector<const TestInfo*> plan;
  for (const TestInfo& test : tests) {
    if (!filter.matches(test.full_name())) continue;
    if (!options.tags.empty() && !has_any_tag(test, options.tags)) continue;
    if (has_any_tag(test, options.exclude_tags)) continue;
    plan.push_back(&test);
  }
  return plan;
}

}  // namespace testkit
