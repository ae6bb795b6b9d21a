// testkit-run with several test binaries: one schedule, one console and one set of reports, each test named
// "binary:Suite.name"; filters that name binaries; binaries that cannot be run or listed stop the run before any test.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
namespace fs = std::filesystem;
using Json = nlohmann::json;

// The full names a binary lists, in its order, each after `prefix`.
std::vector<std::string> listed_names(const char* binary, const std::string& prefix) {
  const Json listing = Json::parse(run_scenario(binary, {"--list=json"}).out);
  std::vector<std::string> names;
  for (const Json& test : listing["tests"]) names.push_back(prefix + test["name"].get<std::string>());
  return names;
}

std::set<std::string> as_set(const std::vector<std::string>& names) { return {names.begin(), names.end()}; }

// The full names of a JSON report's tests, in report order.
std::vector<std::string> names_in(const Json& report) {
  std::vector<std::string> names;
  for (const Json& test : report["tests"]) names.push_back(test["full_name"]);
  return names;
}

struct Run {
  testkit::selftest::ProcessResult process{};
  Json report{};  ///< the JSON report (null when there is none or it does not parse)
};

// testkit-run with `arguments` and a JSON report, the console without colour.
Run run_testkit_run(testkit::TestCase& test, std::vector<std::string> arguments,
                    testkit::selftest::ProcessSetup setup = {}) {
  const std::string report = temporary_path(test, "multi.json");
  arguments.insert(arguments.end(), {"--color", "never", "--json", report});
  Run run{.process = run_scenario(testkit_run, arguments, std::move(setup))};
  run.report = Json::parse(read_file(report), nullptr, false);
  return run;
}

TK_TEST(MultiBinary, every_test_of_both_binaries_is_reported_once_under_its_binary) {
  const std::string junit = temporary_path(*this, "multi.xml");
  const Run run =
      run_testkit_run(*this, {scenario_pass, scenario_failures, "-j", "2", "--junit-xml", junit, "--timeout", "30"});
  TK_ASSERT(!run.report.is_discarded(), "stdout: {}\nstderr: {}", run.process.out, run.process.err);
  std::set<std::string> expected = as_set(listed_names(scenario_pass, "scenario_pass:"));
  expected.merge(as_set(listed_names(scenario_failures, "scenario_failures:")));
  TK_ASSERT_EQ(expected.size(), 22u);

  const std::vector<std::string> in_report = names_in(run.report);
  TK_EXPECT_EQ(as_set(in_report), expected);
  TK_EXPECT_EQ(in_report.size(), expected.size(), "each test once");
  std::multiset<std::string> on_console;
  for (const Reported& test : reported_tests(run.process.out)) on_console.insert(test.name);
  TK_EXPECT_EQ(std::set<std::string>(on_console.begin(), on_console.end()), expected, "{}", run.process.out);
  TK_EXPECT_EQ(on_console.size(), expected.size(), "each test once: {}", run.process.out);
  // scenario_pass: 7 passed, 2 skipped; scenario_failures: 1 passed, 11 failed, 1 skipped.
  TK_EXPECT_EQ(last_line(run.process.out), "8 passed, 11 failed, 3 skipped");
  TK_EXPECT_EQ(run.report["tally"]["failed"], 11);
  TK_EXPECT_EQ(run.report["program"], "testkit-run");
  TK_EXPECT_EQ(run.process.exit_code, 1, "a test of one binary failed");

  TK_EXPECT_EQ(junit_problems(junit), "");
  const std::string xml = read_file(junit);
  TK_EXPECT_CONTAINS(xml, R"(<testcase name="adds" classname="scenario_pass:Arithmetic")");
  TK_EXPECT_CONTAINS(xml, R"(<testsuite name="scenario_failures:Failures")");
}

TK_TEST(MultiBinary, all_binaries_passing_is_a_pass) {
  const Run run =
      run_testkit_run(*this, {scenario_pass, scenario_many, "-j", "2", "--filter", "scenario_pass:*:Many.tiny/1?"});
  TK_ASSERT(!run.report.is_discarded(), "stdout: {}\nstderr: {}", run.process.out, run.process.err);
  TK_EXPECT_EQ(run.process.exit_code, 0, "stdout: {}\nstderr: {}", run.process.out, run.process.err);
  TK_EXPECT_EQ(last_line(run.process.out), "17 passed, 0 failed, 2 skipped");
  TK_EXPECT_CONTAINS(run.process.out, "PASS  scenario_many:Many.tiny/17");
}

TK_TEST(MultiBinary, one_schedule_interleaves_the_binaries_tests) {
  const Run run = run_testkit_run(*this, {scenario_pass, scenario_failures, "-j", "2", "--shuffle", "--seed", "5"});
  TK_ASSERT(!run.report.is_discarded(), "stderr: {}", run.process.err);
  TK_EXPECT_EQ(run.report["jobs"], 2);
  std::size_t changes = 0;
  std::string previous;
  for (const std::string& name : names_in(run.report)) {
    const std::string binary = name.substr(0, name.find(':'));
    changes += !previous.empty() && binary != previous;
    previous = binary;
  }
  TK_EXPECT_GE(changes, 4u, "the tests of the two binaries run in one shuffled order: {}", run.report["tests"].dump());
}

TK_TEST(MultiBinary, filters_name_binaries_or_match_in_every_binary) {
  const auto selected = [&](const std::vector<std::string>& arguments) {
    return as_set(names_in(run_testkit_run(*this, arguments).report));
  };
  TK_EXPECT_EQ(selected({scenario_pass, scenario_failures, "--filter",
                         "scenario_pass:Strings.*:scenario_failures:Failures.explicit_fail"}),
               (std::set<std::string>{"scenario_pass:Strings.concatenates", "scenario_pass:Strings.slow_search",
                                      "scenario_failures:Failures.explicit_fail"}));
  TK_EXPECT_EQ(selected({scenario_pass, scenario_failures, "--filter", "Arithmetic.adds:Failures.explicit_fail"}),
               (std::set<std::string>{"scenario_pass:Arithmetic.adds", "scenario_failures:Failures.explicit_fail"}));
  TK_EXPECT_EQ(selected({scenario_pass, scenario_failures, "--filter", "*-scenario_failures:*"}),
               as_set(listed_names(scenario_pass, "scenario_pass:")));

  // Two binaries of one file name are named with their directories; a '-' in a binary's name excludes nothing.
  // The copies sit two directories below the build tree's root, as the scenario does, so that a RUNPATH relative to
  // $ORIGIN (Meson's) still finds the framework's libraries.
  const fs::path build_root = fs::path(scenario_pass).parent_path().parent_path().parent_path();
  const std::string copies = (build_root / ("multi_binary_copies_" + std::to_string(::getpid()))).string();
  fs::remove_all(copies);
  fs::create_directory(copies);
  add_cleanup([copies] { fs::remove_all(copies); });
  for (const char* directory : {"unit-a", "unit-b"}) {
    fs::create_directory(fs::path(copies) / directory);
    fs::copy_file(scenario_pass, fs::path(copies) / directory / "scenario_pass");
  }
  const std::string first = copies + "/unit-a/scenario_pass";
  const std::string second = copies + "/unit-b/scenario_pass";
  TK_EXPECT_EQ(selected({first, second, "--filter", "Arithmetic.adds"}),
               (std::set<std::string>{"unit-a/scenario_pass:Arithmetic.adds", "unit-b/scenario_pass:Arithmetic.adds"}));
  TK_EXPECT_EQ(selected({first, second, "--filter",
                         "unit-b/scenario_pass:Arithmetic.*-unit-b/scenario_pass:Arithmetic.compares"}),
               (std::set<std::string>{"unit-b/scenario_pass:Arithmetic.adds"}));
}

TK_TEST(MultiBinary, malformed_filters_are_a_usage_error) {
  for (const std::string filter :
       {"scenario_pass:", "scenario_pass::Arithmetic.adds", "scenario_pass:Foo[", "Arithmetic.*-scenario_pass:A-B"}) {
    const Run run = run_testkit_run(*this, {scenario_pass, scenario_failures, "--filter", filter});
    TK_EXPECT_EQ(run.process.exit_code, 2, "{}: {}", filter, run.process.err);
    TK_EXPECT_CONTAINS(run.process.err, "malformed filter");
    TK_EXPECT(run.report.is_discarded(), "{}: no report", filter);
  }
  const Run run = run_testkit_run(*this, {scenario_pass, scenario_failures, "--filter", "scenario_pass:"});
  TK_EXPECT_CONTAINS(run.process.err, "no pattern after 'scenario_pass:' at column 15");
}

// Shard i of n holds the i-th, (i + n)-th... tests of the combined list: the binaries in command-line order, each
// binary's tests in its listing order.
TK_TEST(MultiBinary, shards_split_the_combined_tests) {
  std::vector<std::string> combined = listed_names(scenario_pass, "scenario_pass:");
  for (std::string& name : listed_names(scenario_failures, "scenario_failures:")) combined.push_back(std::move(name));
  for (std::size_t index = 0; index < 3; ++index) {
    std::set<std::string> expected;
    for (std::size_t i = index; i < combined.size(); i += 3) expected.insert(combined[i]);
    testkit::selftest::ProcessSetup setup{
        .set_env = {{"GTEST_TOTAL_SHARDS", "3"}, {"GTEST_SHARD_INDEX", std::to_string(index)}}};
    for (int run_number = 0; run_number < 2; ++run_number) {
      const Run run = run_testkit_run(*this, {scenario_pass, scenario_failures, "-j", "2"}, setup);
      TK_EXPECT_EQ(as_set(names_in(run.report)), expected, "shard {}: {}", index, run.process.err);
      TK_EXPECT_EQ(run.process.exit_code, 1, "every shard holds a failing test");
    }
  }
}

TK_TEST(MultiBinary, each_binary_runs_its_own_tests_under_the_sandbox) {
  const Run run = run_testkit_run(*this, {scenario_pass, scenario_failures, "--sandbox", "--timeout", "10", "-j", "2"});
  TK_ASSERT(!run.report.is_discarded(), "stdout: {}\nstderr: {}", run.process.out, run.process.err);
  TK_EXPECT(run.report.contains("sandbox"));
  TK_EXPECT_EQ(last_line(run.process.out), "8 passed, 11 failed, 3 skipped");
  TK_EXPECT_EQ(run.process.exit_code, 1);
}

// A binary that cannot be run, or that does not list its tests, stops the run before any test: no verdict on the
// console, no report file.
TK_TEST(MultiBinary, a_binary_that_cannot_be_run_or_listed_stops_the_run_before_any_test) {
  const std::string dir = temporary_directory(*this, "broken");
  const std::string not_executable = dir + "/not_executable";
  std::ofstream(not_executable) << "#!/bin/sh\n";
  const std::string crashes = dir + "/crashes";
  std::ofstream(crashes) << "#!/bin/sh\nkill -SEGV $$\n";
  fs::permissions(crashes, fs::perms::owner_all);
  const std::string not_testkit = dir + "/not_testkit";
  std::ofstream(not_testkit) << "#!/bin/sh\necho hello\n";
  fs::permissions(not_testkit, fs::perms::owner_all);

  const std::map<std::string, std::pair<int, std::string>> expected = {
      {"/nonexistent/tests", {2, "cannot run the test binary /nonexistent/tests"}},
      {dir, {2, "not an executable file"}},
      {not_executable, {2, "not an executable file"}},
      {scenario_pass, {2, "is given twice"}},
      {crashes, {1, "--list=json was killed by SIGSEGV"}},
      {not_testkit, {1, "the tests of " + not_testkit + " are unknown: the listing is not a JSON object"}},
      {"/bin/true", {1, "the listing is not a JSON object"}},  // its status, not the SIGKILL for what it left
  };
  for (const auto& [binary, outcome] : expected) {
    const Run run = run_testkit_run(*this, {scenario_pass, binary, scenario_failures, "-j", "2"});
    TK_EXPECT_EQ(run.process.exit_code, outcome.first, "{}: {}", binary, run.process.err);
    TK_EXPECT_CONTAINS(run.process.err, outcome.second);
    TK_EXPECT_EQ(reported_tests(run.process.out).size(), 0u, "{}: nothing ran: {}", binary, run.process.out);
    TK_EXPECT(run.report.is_discarded(), "{}: no report is written", binary);
  }
}

TK_TEST(MultiBinary, tests_from_takes_one_binary) {
  const Run run = run_testkit_run(*this, {"--tests-from", "listing.json", scenario_pass, scenario_failures});
  TK_EXPECT_EQ(run.process.exit_code, 2);
  TK_EXPECT_CONTAINS(run.process.err, "--tests-from is the listing of one binary");
}

// With one binary the names are the binary's own: the console is the binary's golden file.
TK_TEST(MultiBinary, one_binary_keeps_its_own_names) {
  const Run run = run_testkit_run(*this, {scenario_pass, "--deterministic"});
  TK_EXPECT_EQ(run.process.out, read_file(std::string(golden_dir) + "/scenario_pass.console.txt"));
  TK_EXPECT_EQ(run.report["program"], "scenario_pass");
  TK_EXPECT_EQ(names_in(run.report).front(), "Arithmetic.adds");
}

}  // namespace
