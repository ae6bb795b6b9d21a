// Module fixtures end to end (scenario_module_fixtures): TK_SET_UP_MODULE and TK_TEAR_DOWN_MODULE run once per run in
// every mode (forked tests start from the set-up's state, in the module host's class hosts); a set-up that fails,
// skips, crashes or hangs is charged to every test, none of which runs; a tear-down's failure or crash to the last
// test.
#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "report_tests.hpp"
#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;
using Json = nlohmann::json;

const std::vector<std::string> all_tests = {"Shelf.first", "Shelf.second", "Shelf.third", "Loose.first",
                                            "Loose.second"};

/// One run of scenario_module_fixtures: its process, its JSON report's tests in the order reported, and the log.
struct ModuleRun {
  testkit::selftest::ProcessResult process;
  ReportTests tests;
  std::vector<std::string> log;  // "<what> <pid>"
};

ModuleRun run_module(testkit::TestCase& test, std::vector<std::string> arguments, const std::string& mode = "") {
  static int runs = 0;
  const std::string tag = std::to_string(++runs);
  const std::string log = temporary_path(test, "module" + tag + ".log");
  const std::string report = temporary_path(test, "module" + tag + ".json");
  arguments.insert(arguments.end(), {"--color", "never", "--json", report});
  ModuleRun run{.process = run_scenario(
                    scenario_module_fixtures, arguments,
                    {.set_env = {{"TK_SCENARIO_MODULE_LOG", log}, {"TK_SCENARIO_MODULE", mode}}, .timeout = 40s}),
                .tests = {},
                .log = lines_of(read_file(log))};
  bool found = false;
  const std::string text = read_file(report, &found);
  TK_ASSERT(found, "no JSON report; stdout: {} stderr: {}", run.process.out, run.process.err);
  run.tests = tests_of_report(text);
  return run;
}

/// How many log lines note `what` ("set_up_module", "test Shelf.first"...): `what`, then a pid.
std::size_t count_of(const ModuleRun& run, const std::string& what) {
  return static_cast<std::size_t>(std::ranges::count_if(run.log, [&](const std::string& line) {
    return line.starts_with(what + " ") && line.find(' ', what.size() + 1) == std::string::npos;
  }));
}

/// The tests whose failures include one in `phase`.
std::vector<std::string> charged_in(const ModuleRun& run, const std::string& phase) {
  std::vector<std::string> charged;
  for (const auto& [name, result] : run.tests)
    for (const Json& failure : result.at("failures"))
      if (failure.at("phase") == phase) {
        charged.push_back(name);
        break;
      }
  return charged;
}

const std::vector<std::vector<std::string>> every_mode = {
    {"-j", "1"}, {"-j", "4"}, {"-j", "3", "--shuffle", "--repeat", "2"}, {"--no-fork"}, {"--no-fork", "-j", "3"}};

TK_TEST_P(ModuleFixture, set_up_and_tear_down_run_once_per_run_and_every_test_starts_from_the_set_up_state,
          every_mode) {
  const ModuleRun run = run_module(*this, param());
  TK_EXPECT_EQ(run.process.exit_code, 0, "stdout:\n{}\nstderr:\n{}", run.process.out, run.process.err);
  TK_ASSERT_GE(run.log.size(), 3u);
  TK_EXPECT(run.log.front().starts_with("set_up_module "), "log:\n{}", fmt::join(run.log, "\n"));
  TK_EXPECT(run.log[1].starts_with("set_up_module second "), "log:\n{}", fmt::join(run.log, "\n"));
  TK_EXPECT(run.log.back().starts_with("tear_down_module "), "log:\n{}", fmt::join(run.log, "\n"));
  TK_EXPECT_EQ(count_of(run, "set_up_module"), 1u);
  TK_EXPECT_EQ(count_of(run, "tear_down_module"), 1u);
  TK_EXPECT_EQ(count_of(run, "set_up_class Shelf"), 1u);
  const std::size_t repeats = std::ranges::count(param(), std::string("--repeat")) != 0 ? 2 : 1;
  for (const std::string& test : all_tests) {
    TK_EXPECT_EQ(count_of(run, "test " + test), repeats, "{}", test);
    TK_EXPECT_EQ(verdict_of(run.tests, test), "passed", "{}: {}", test, fmt::join(failures_of(run.tests, test), "; "));
  }
  TK_EXPECT_EQ(verdict_of(run.tests, "Loose.not_now"), "skipped");
}

TK_TEST(ModuleFixture, a_run_whose_tests_are_all_skipped_by_metadata_sets_nothing_up) {
  const ModuleRun run = run_module(*this, {"--filter", "Loose.not_now"});
  TK_EXPECT_EQ(run.process.exit_code, 0);
  TK_EXPECT(run.log.empty(), "log:\n{}", fmt::join(run.log, "\n"));
}

TK_TEST_P(ModuleFixture, a_failing_set_up_is_reported_for_every_test_and_none_runs,
          (std::vector<std::vector<std::string>>{{"-j", "1"}, {"-j", "4"}, {"--no-fork"}})) {
  const ModuleRun run = run_module(*this, param(), "set_up_fails");
  TK_EXPECT_EQ(run.process.exit_code, 1);
  TK_EXPECT_EQ(count_of(run, "set_up_module"), 1u);
  TK_EXPECT_EQ(count_of(run, "set_up_module second"), 0u, "a set-up after a failed one does not run");
  TK_EXPECT_EQ(count_of(run, "tear_down_module"), 0u, "nor does the tear-down");
  TK_EXPECT_EQ(count_of(run, "set_up_class Shelf"), 0u, "nor any class's set-up");
  for (const std::string& test : all_tests) {
    TK_EXPECT_EQ(count_of(run, "test " + test), 0u, "{} did not run", test);
    TK_EXPECT_EQ(verdict_of(run.tests, test), "failed", "{}", test);
    TK_EXPECT_EQ(failures_of(run.tests, test), std::vector<std::string>{"[set_up_module] TK_FAIL"}, "{}", test);
    TK_EXPECT_CONTAINS(run.tests.at(test).dump(), "the catalog server is down", "{}", test);
  }
  TK_EXPECT_EQ(verdict_of(run.tests, "Loose.not_now"), "skipped");
}

TK_TEST_P(ModuleFixture, a_skipping_set_up_skips_every_test,
          (std::vector<std::vector<std::string>>{{"-j", "2"}, {"--no-fork"}})) {
  const ModuleRun run = run_module(*this, param(), "set_up_skips");
  TK_EXPECT_EQ(run.process.exit_code, 0);
  for (const std::string& test : all_tests) {
    TK_EXPECT_EQ(verdict_of(run.tests, test), "skipped", "{}", test);
    TK_EXPECT_EQ(run.tests.at(test).value("reason", ""), "no catalog on this machine", "{}", test);
  }
}

TK_TEST_P(ModuleFixture, a_crash_in_the_set_up_is_reported_once_for_every_test, (std::vector<std::string>{"1", "4"})) {
  const ModuleRun run = run_module(*this, {"-j", param()}, "set_up_crashes");
  TK_EXPECT_EQ(run.process.exit_code, 1);
  TK_EXPECT_EQ(count_of(run, "set_up_module"), 1u, "the module is not set up again per test");
  TK_EXPECT_EQ(run.tests.size(), all_tests.size() + 1, "each test is reported once");
  for (const std::string& test : all_tests) {
    TK_EXPECT_EQ(count_of(run, "test " + test), 0u, "{} did not run", test);
    TK_EXPECT_EQ(verdict_of(run.tests, test), "crashed", "{}", test);
    TK_EXPECT_EQ(failures_of(run.tests, test), std::vector<std::string>{"[set_up_module] crashed: SIGSEGV (signal 11)"},
                 "{}", test);
  }
}

TK_TEST(ModuleFixture, a_hang_in_the_set_up_times_out_every_test) {
  const ModuleRun run = run_module(*this, {"-j", "2", "--timeout", "0.5"}, "set_up_hangs");
  TK_EXPECT_LT(run.process.elapsed, 20s);
  for (const std::string& test : all_tests) {
    TK_EXPECT_EQ(verdict_of(run.tests, test), "timed_out", "{}", test);
    TK_EXPECT_EQ(failures_of(run.tests, test), std::vector<std::string>{"[set_up_module] timed out after 0.5 s"}, "{}",
                 test);
  }
}

TK_TEST_P(ModuleFixture, a_failing_tear_down_is_charged_to_one_test_the_last_that_ran,
          (std::vector<std::vector<std::string>>{{"-j", "1"}, {"-j", "4"}, {"--no-fork"}, {"--no-fork", "-j", "2"}})) {
  const ModuleRun run = run_module(*this, param(), "tear_down_fails");
  TK_EXPECT_EQ(run.process.exit_code, 1);
  TK_EXPECT_EQ(count_of(run, "tear_down_module"), 1u);
  const std::vector<std::string> charged = charged_in(run, "tear_down_module");
  TK_ASSERT_EQ(charged.size(), 1u, "{}", run.process.out);
  TK_EXPECT_EQ(failures_of(run.tests, charged[0]), std::vector<std::string>{"[tear_down_module] TK_FAIL"});
  TK_EXPECT_CONTAINS(run.tests.at(charged[0]).dump(), "the catalog was left locked");
  TK_EXPECT_EQ(verdict_of(run.tests, charged[0]), "failed");
  TK_EXPECT_EQ(verdict_of(run.tests, "Loose.not_now"), "skipped", "a test skipped by its metadata is not charged");
  std::size_t passed = 0;
  for (const std::string& test : all_tests) passed += verdict_of(run.tests, test) == "passed" ? 1 : 0;
  TK_EXPECT_EQ(passed, all_tests.size() - 1, "the others pass");
}

TK_TEST(ModuleFixture, a_crash_in_the_tear_down_is_charged_to_the_last_test) {
  const ModuleRun run = run_module(*this, {"-j", "2"}, "tear_down_crashes");
  TK_EXPECT_EQ(run.process.exit_code, 1);
  const std::vector<std::string> charged = charged_in(run, "tear_down_module");
  TK_ASSERT_EQ(charged.size(), 1u, "{}", run.process.out);
  TK_EXPECT_EQ(verdict_of(run.tests, charged[0]), "crashed");
  TK_EXPECT_EQ(failures_of(run.tests, charged[0]),
               std::vector<std::string>{"[tear_down_module] crashed: SIGSEGV (signal 11)"});
}

TK_TEST(ModuleFixture, a_module_host_killed_by_a_test_loses_only_the_classes_not_started_yet) {
  const ModuleRun run = run_module(*this, {"-j", "1"}, "kills_module_host");
  TK_EXPECT_LT(run.process.elapsed, 20s);
  TK_EXPECT_EQ(run.process.exit_code, 1);
  for (const char* test : {"Shelf.first", "Shelf.second", "Shelf.third"})
    TK_EXPECT_EQ(verdict_of(run.tests, test), "passed", "{}: its class host had started", test);
  for (const char* test : {"Loose.first", "Loose.second"}) {
    TK_EXPECT_EQ(verdict_of(run.tests, test), "crashed", "{}", test);
    TK_EXPECT_EQ(failures_of(run.tests, test),
                 std::vector<std::string>{
                     "[test] lost: the module host, which starts the class hosts, was killed by SIGKILL (signal 9)"},
                 "{}", test);
  }
  TK_EXPECT_EQ(count_of(run, "tear_down_module"), 0u);
}

TK_TEST(ModuleFixture, what_the_set_up_prints_is_in_the_reports) {
  const ModuleRun run = run_module(*this, {"-j", "2"});
  std::size_t found = 0;
  for (const auto& [name, result] : run.tests)
    if (result.dump().find("loading the catalog") != std::string::npos) ++found;
  TK_EXPECT_EQ(found, 1u, "the set-up's output is added to the run's last test");
}

// Under --sandbox (through testkit-run) a class with class hooks runs in a host worker, which runs the module hooks
// once for the class; a free test is confined on its own and runs them around its test.
TK_TEST(ModuleFixture, under_the_sandbox_a_class_host_runs_the_module_hooks_once_and_a_free_test_around_itself) {
  const ModuleRun run = run_module(*this, {"--sandbox", "-j", "2"});
  TK_EXPECT_EQ(run.process.exit_code, 0, "stdout:\n{}\nstderr:\n{}", run.process.out, run.process.err);
  // (The sandbox keeps the log file out of reach: the captured output shows the set-ups that ran.)
  std::size_t class_set_ups = 0;
  for (const std::string& test : all_tests) {
    TK_EXPECT_EQ(verdict_of(run.tests, test), "passed", "{}", test);
    const std::string out = run.tests.at(test).at("stdout").value("text", "");
    if (test.starts_with("Shelf."))
      class_set_ups += out == "loading the catalog\n" ? 1 : 0;
    else
      TK_EXPECT_EQ(out, "loading the catalog\n", "{}", test);
  }
  TK_EXPECT_EQ(class_set_ups, 1u, "the class's host set the module up once; its output is the class's last test's");
}

}  // namespace
