#include <testkit/run/listing.hpp>

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace testkit {

std::string format_listing(std::span<const TestInfo* const> plan) {
  std::string out;
  for (const TestInfo* test : plan) {
    const Metadata& meta = test->meta;
    std::vector<std::string> notes;
    if (!test->param.empty()) notes.push_back("param = " + test->param);
    if (!meta.tags.empty()) notes.push_back(fmt::format("tags: {}", fmt::join(meta.tags, ", ")));
    if (!meta.skip.empty()) notes.push_back("skip: " + meta.skip);
    if (!meta.xfail.empty()) notes.push_back("xfail: " + meta.xfail);
    if (meta.timeout.count() > 0) notes.push_back(fmt::format("timeout: {} ms", meta.timeout.count()));
    if (meta.points != 0) notes.push_back(fmt::format("points: {}", meta.points));
    out += test->full_name();
    if (!notes.empty()) out += fmt::format("  # {}", fmt::join(notes, "; "));
    out += '\n';
  }
  return out;
}

std::string format_gtest_listing(std::span<const TestInfo* const> plan) {
  std::vector<std::string> suites;  // in order of first appearance
  for (const TestInfo* test : plan)
    if (std::ranges::find(suites, test->suite) == suites.end()) suites.push_back(test->suite);
  std::string out;
  for (const std::string& suite : suites) {
    out += suite + ".\n";
    for (const TestInfo* test : plan) {
      if (test->suite != suite) continue;
      out += "  " + test->name;
      // The parameter may hold newlines; gtest_discover_tests reads one test per line.
      std::string param = test->param;
      std::ranges::replace(param, '\n', ' ');
      if (!param.empty()) out += "  # GetParam() = " + param;
      out += '\n';
    }
  }
  return out;
}

std::string format_json_listing(std::span<const TestInfo* const> plan) {
  nlohmann::ordered_json tests = nlohmann::ordered_json::array();
  for (const TestInfo* test : plan) {
    const Metadata& meta = test->meta;
    tests.push_back({{"name", test->full_name()},
                     {"suite", test->suite},
                     {"test", test->name},
                     {"file", test->where.file},
                     {"line", test->where.line},
                     {"tags", meta.tags},
                     {"skip", meta.skip},
                     {"xfail", meta.xfail},
                     {"timeout_ms", meta.timeout.count()},
                     {"points", meta.points},
                     {"param", test->param}});
  }
  const nlohmann::ordered_json listing = {{"schema", "testkit-listing"}, {"version", 1}, {"tests", std::move(tests)}};
  // Replace invalid UTF-8 (a parameter printed as raw bytes) instead of throwing.
  return listing.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

}  // namespace testkit
