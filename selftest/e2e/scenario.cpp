#include "scenario.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include <testkit/core/tmp_path.hpp>

namespace testkit::e2e {
namespace {

// What the parent environment (a developer's shell, CI, Bazel) may set that would change a scenario's output.
constexpr std::string_view influential_variables[] = {
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "FORCE_COLOR",
    "TERM",
    "GTEST_FILTER",
    "GTEST_COLOR",
    "GTEST_SHARD_INDEX",
    "GTEST_TOTAL_SHARDS",
    "TEST_SHARD_INDEX",
    "TEST_TOTAL_SHARDS",
    "TESTBRIDGE_TEST_ONLY",
    "XML_OUTPUT_FILE",
    "GTEST_OUTPUT",
    "GTEST_SHARD_STATUS_FILE",
    "TEST_PREMATURE_EXIT_FILE",
    "TK_GOLDEN",
};

}  // namespace

selftest::ProcessResult run_scenario(const char* binary, const std::vector<std::string>& arguments,
                                     selftest::ProcessSetup setup) {
  for (const std::string_view name : influential_variables) {
    const bool set_here =
        std::ranges::any_of(setup.set_env, [&](const auto& variable) { return variable.first == name; });
    if (!set_here) setup.unset_env.emplace_back(name);
  }
  // The timeouts the scenarios set are what the selftests expect, in sanitizer builds too (whose factor would scale
  // them), unless a test asks otherwise.
  if (std::ranges::none_of(setup.set_env,
                           [](const auto& variable) { return variable.first == "TESTKIT_TIMEOUT_SCALE"; }) &&
      std::ranges::none_of(setup.unset_env, [](const auto& name) { return name == "TESTKIT_TIMEOUT_SCALE"; }))
    setup.set_env.emplace_back("TESTKIT_TIMEOUT_SCALE", "1");
  // Each test starts from a result cache of its own, which its runs share (and which goes with its tmp_path()): one
  // test's runs neither select nor reorder another's tests.
  if (std::ranges::none_of(setup.set_env, [](const auto& variable) { return variable.first == "TESTKIT_CACHE_DIR"; }))
    setup.set_env.emplace_back("TESTKIT_CACHE_DIR", cache_dir().string());
  return selftest::run_process(binary, arguments, setup);
}

std::filesystem::path cache_dir() { return testkit::tmp_path() / "testkit-cache"; }

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string last_line(std::string_view text) {
  const std::vector<std::string> lines = lines_of(text);
  return lines.empty() ? std::string() : lines.back();
}

std::vector<std::string> lines_starting_with(std::string_view text, std::string_view prefix) {
  std::vector<std::string> found;
  for (std::string& line : lines_of(text))
    if (line.starts_with(prefix)) found.push_back(std::move(line));
  return found;
}

std::vector<Reported> reported_tests(std::string_view out) {
  static constexpr std::string_view labels[] = {"PASS",  "FAIL",    "SKIP", "XFAIL", "XPASS",
                                                "CRASH", "TIMEOUT", "EXIT", "FLOOD", "FLAKY"};
  std::vector<Reported> found;
  for (const std::string& line : lines_of(out)) {
    const std::string label = line.substr(0, line.find(' '));
    if (std::ranges::find(labels, label) == std::end(labels)) continue;
    const std::size_t name_start = line.find_first_not_of(' ', label.size());
    if (label.size() == line.size() || name_start == std::string::npos) continue;
    // The name ends at a space or at the ": " before a reason; a run of several binaries puts a ':' in it.
    const std::size_t name_end = std::min(line.find(' ', name_start), line.find(": ", name_start));
    found.push_back({label, line.substr(name_start, name_end - name_start)});
  }
  return found;
}

std::vector<std::string> verdicts_of(std::string_view out) {
  std::vector<std::string> verdicts;
  for (const Reported& test : reported_tests(out)) verdicts.push_back(test.label + " " + test.name);
  return verdicts;
}

std::string report_of(std::string_view out, std::string_view name) {
  std::string report;
  for (const std::string& line : lines_of(out)) {
    if (!report.empty()) {
      if (!line.starts_with("  ")) break;
      report += line + '\n';
      continue;
    }
    const std::vector<Reported> verdict = reported_tests(line);
    if (!verdict.empty() && verdict.front().name == name) report = line + '\n';
  }
  return report;
}

std::string temporary_path(testkit::TestCase& test, std::string_view purpose) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / fmt::format("tk_e2e_{}_{}", purpose, ::getpid());
  std::filesystem::remove(path);
  test.add_cleanup([path] { std::filesystem::remove(path); });
  return path.string();
}

std::string temporary_directory(testkit::TestCase& test, std::string_view purpose) {
  const std::string directory = temporary_path(test, purpose);
  std::filesystem::remove_all(directory);
  std::filesystem::create_directory(directory);
  test.add_cleanup([directory] { std::filesystem::remove_all(directory); });
  return directory;
}

bool has_ansi_escape(std::string_view text) { return text.find("\033[") != std::string_view::npos; }

std::string read_file(const std::string& path, bool* found) {
  std::ifstream in(path, std::ios::binary);
  if (found != nullptr) *found = static_cast<bool>(in);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

unsigned line_number_of(const std::string& path, std::string_view needle) {
  const std::vector<std::string> lines = lines_of(read_file(path));
  for (std::size_t index = 0; index < lines.size(); ++index)
    if (lines[index].find(needle) != std::string::npos) return static_cast<unsigned>(index + 1);
  return 0;
}

std::string junit_problems(const std::string& path) {
  const auto lint = selftest::run_process(
      "/usr/bin/xmllint", {"--noout", "--schema", std::string(project_dir) + "/selftest/schemas/junit-10.xsd", path});
  return lint.exit_code == 0 ? std::string() : lint.err + read_file(path).substr(0, 2000);
}

}  // namespace testkit::e2e
