#include <testkit/run/listing.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <testkit/run/class_host.hpp>
#include <testkit/run/execution.hpp>

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
    if (meta.retries) notes.push_back(fmt::format("retries: {}", *meta.retries));
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
    const nlohmann::ordered_json retries = meta.retries ? nlohmann::ordered_json(*meta.retries) : nullptr;
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
                     {"visibility", to_string(meta.visibility)},
                     {"retries", retries},
                     {"param", test->param},
                     {"class", detail::host_class_of(*test) != nullptr ? test->fixture->name : ""}});
  }
  const nlohmann::ordered_json listing = {{"schema", "testkit-listing"}, {"version", 1}, {"tests", std::move(tests)}};
  // Replace invalid UTF-8 (a parameter printed as raw bytes) instead of throwing.
  return listing.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

namespace {

constexpr std::size_t max_listed_tests = 100'000;
constexpr std::size_t max_listed_text = 4096;

// The text at `key` of `object`, checked; "" when absent.
std::string text_at(const nlohmann::json& object, const char* key, std::string& problem) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return {};
  if (!found->is_string() || found->get_ref<const std::string&>().size() > max_listed_text) {
    problem = fmt::format("\"{}\" is not a text of at most {} bytes", key, max_listed_text);
    return {};
  }
  return found->get<std::string>();
}

// The number at `key` of `object`, checked to lie in [0, highest]; 0 when absent.
double number_at(const nlohmann::json& object, const char* key, double highest, std::string& problem) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return 0;
  if (!found->is_number() || !(found->get<double>() >= 0 && found->get<double>() <= highest)) {
    problem = fmt::format("\"{}\" is not a number from 0 to {}", key, highest);
    return 0;
  }
  return found->get<double>();
}

// The classes of the tests read from listings: tests of one class of one listing point to one of these, which live as
// long as the process (as registered classes do).
FixtureClass& listed_class(std::string name) {
  static std::deque<FixtureClass> classes;
  return classes.emplace_back(FixtureClass{.name = std::move(name)});
}

// One entry of the listing as a test, or the problem with it; its class's name in `class_name` (its suite when the
// listing, made before listings named classes, does not say).
std::string read_test(const nlohmann::json& entry, TestInfo& test, std::string& class_name) {
  if (!entry.is_object()) return "an entry is not an object";
  std::string problem;
  test.suite = text_at(entry, "suite", problem);
  test.name = text_at(entry, "test", problem);
  test.where.file = text_at(entry, "file", problem);
  test.where.line = static_cast<unsigned>(number_at(entry, "line", 1e9, problem));
  test.meta.skip = text_at(entry, "skip", problem);
  test.meta.xfail = text_at(entry, "xfail", problem);
  test.meta.timeout = std::chrono::milliseconds(static_cast<long long>(number_at(entry, "timeout_ms", 1e12, problem)));
  test.meta.points = number_at(entry, "points", 1e9, problem);
  test.param = text_at(entry, "param", problem);
  class_name = entry.contains("class") ? text_at(entry, "class", problem) : test.suite;
  if (const auto retries = entry.find("retries"); retries != entry.end() && !retries->is_null())
    test.meta.retries = static_cast<unsigned>(number_at(entry, "retries", max_retries, problem));
  const std::string visibility = text_at(entry, "visibility", problem);
  if (!visibility.empty()) {
    if (const auto named = visibility_named(visibility))
      test.meta.visibility = *named;
    else
      problem = "\"visibility\" names no visibility";
  }
  if (const auto tags = entry.find("tags"); tags != entry.end()) {
    if (!tags->is_array() || tags->size() > 64) return "\"tags\" is not a list of at most 64 texts";
    for (const auto& tag : *tags) {
      if (!tag.is_string() || tag.get_ref<const std::string&>().size() > max_listed_text) return "a tag is not a text";
      test.meta.tags.push_back(tag.get<std::string>());
    }
  }
  if (problem.empty() && (test.suite.empty() || test.name.empty())) problem = "a test has no suite or no name";
  if (problem.empty() && text_at(entry, "name", problem) != test.full_name())
    problem = "\"name\" is not \"suite.test\"";
  return problem;
}

}  // namespace

std::string read_json_listing(std::string_view json, std::deque<TestInfo>& tests) try {
  const nlohmann::json listing = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (listing.is_discarded() || !listing.is_object()) return "the listing is not a JSON object";
  if (listing.value("schema", "") != "testkit-listing" || listing.value("version", 0) != 1)
    return "the listing is not testkit-listing version 1";
  const auto entries = listing.find("tests");
  if (entries == listing.end() || !entries->is_array()) return "the listing has no \"tests\" list";
  if (entries->size() > max_listed_tests) return fmt::format("the listing names more than {} tests", max_listed_tests);
  std::deque<TestInfo> read;
  std::map<std::string, const FixtureClass*> classes;  // this listing's, by name ("": the free tests)
  for (const auto& entry : *entries) {
    TestInfo test;
    std::string class_name;
    if (const std::string problem = read_test(entry, test, class_name); !problem.empty())
      return fmt::format("test {} of the listing: {}", read.size() + 1, problem);
    const FixtureClass*& fixture = classes[class_name];
    if (fixture == nullptr) fixture = &listed_class(std::move(class_name));
    test.fixture = fixture;
    read.push_back(std::move(test));
  }
  for (TestInfo& test : read) tests.push_back(std::move(test));
  return {};
} catch (const nlohmann::json::exception& error) {
  return std::string("malformed listing: ") + error.what();
}

}  // namespace testkit
