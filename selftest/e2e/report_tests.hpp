#pragma once
/// The tests of a scenario's JSON report, by full name, and what the end-to-end selftests ask of each.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace testkit::e2e {

/// Each test of a JSON report's "tests" array, by its "full_name".
using ReportTests = std::map<std::string, nlohmann::json>;

/// The tests of the JSON report `text`.
[[nodiscard]] inline ReportTests tests_of_report(const std::string& text) {
  ReportTests tests;
  const nlohmann::json report = nlohmann::json::parse(text);
  for (const nlohmann::json& result : report.at("tests")) tests[result.at("full_name").get<std::string>()] = result;
  return tests;
}

/// The verdict of test `name` ("passed", "crashed"...), or "not reported".
[[nodiscard]] inline std::string verdict_of(const ReportTests& tests, const std::string& name) {
  const auto test = tests.find(name);
  return test == tests.end() ? "not reported" : test->second.at("verdict").get<std::string>();
}

/// The failures of test `name` as "[phase] headline" lines.
[[nodiscard]] inline std::vector<std::string> failures_of(const ReportTests& tests, const std::string& name) {
  std::vector<std::string> failures;
  if (const auto test = tests.find(name); test != tests.end())
    for (const nlohmann::json& failure : test->second.at("failures"))
      failures.push_back("[" + failure.at("phase").get<std::string>() + "] " +
                         failure.at("headline").get<std::string>());
  return failures;
}

/// A scenario's run with a JSON report: how its process ended, and the report's tests.
struct ReportedRun {
  selftest::ProcessResult process;
  ReportTests tests;
};

/// Runs `program` with `arguments` and `--json` to a report in the calling test's tmp_path(), and reads the report;
/// ends the test, failed, when the run times out or writes no report.
[[nodiscard]] inline ReportedRun run_with_json_report(const char* program, std::vector<std::string> arguments,
                                                      selftest::ProcessSetup setup) {
  const std::string report = (testkit::tmp_path() / "report.json").string();
  arguments.insert(arguments.end(), {"--json", report});
  ReportedRun run{.process = run_scenario(program, arguments, std::move(setup)), .tests = {}};
  TK_ASSERT_FALSE(run.process.timed_out, "{}", run.process.out);
  bool found = false;
  const std::string text = read_file(report, &found);
  TK_ASSERT_TRUE(found, "no JSON report: {}\n{}", run.process.out, run.process.err);
  run.tests = tests_of_report(text);
  return run;
}

}  // namespace testkit::e2e
