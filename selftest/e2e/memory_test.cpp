// Memory errors, undefined behaviour and leaks of a sanitized test binary (scenario_memory, built with
// AddressSanitizer and UndefinedBehaviorSanitizer against the plain testkit), each charged to the test that made it,
// forked and in-process, with its neighbours unaffected.
#include <chrono>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "report_tests.hpp"
#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;

void require_memory_scenario() {
  if (std::string(scenario_memory).empty()) TK_SKIP("this build sanitizes every binary: no plain runner to test");
}

using MemoryRun = ReportedRun;

MemoryRun run_memory(std::vector<std::string> arguments) {
  arguments.insert(arguments.end(), {"--color", "never", "--timeout-scale", "1"});
  return run_with_json_report(scenario_memory, std::move(arguments), {.timeout = 120s});
}

std::string headline_of(const ReportTests& tests, const std::string& name) {
  const std::vector<std::string> failures = failures_of(tests, name);
  return failures.empty() ? "" : failures.front();
}

const nlohmann::json& first_failure(const ReportTests& tests, const std::string& name) {
  static const nlohmann::json none = nlohmann::json::object();
  const auto test = tests.find(name);
  if (test == tests.end() || test->second.at("failures").empty()) return none;
  return test->second.at("failures").front();
}

// Forked, on one job slot and on several, and sandboxed through testkit-run (an unsanitized runner, whose exec'd
// workers check themselves): every bug is charged to its own test.
TK_TEST_P(MemoryErrors, each_bug_is_charged_to_its_test_forked,
          (std::vector<std::vector<std::string>>{{"-j", "1"}, {"-j", "3"}, {"--sandbox", "-j", "2"}})) {
  require_memory_scenario();
  const MemoryRun run = run_memory(param());
  const ReportTests& tests = run.tests;
  TK_EXPECT_EQ(run.process.exit_code, 1, "{}", run.process.out);

  TK_EXPECT_EQ(verdict_of(tests, "Memory.leaks_three_nodes"), "leaked");
  // (How many of the three nodes are unreachable depends on what stale stack slots still point to.)
  TK_EXPECT_CONTAINS(headline_of(tests, "Memory.leaks_three_nodes"), "[test] leaked ");
  TK_EXPECT_CONTAINS(headline_of(tests, "Memory.leaks_three_nodes"), "(LeakSanitizer)");
  const nlohmann::json& leak = first_failure(tests, "Memory.leaks_three_nodes");
  TK_EXPECT_CONTAINS(leak.value("details", ""), "push_front_without_owner");
  TK_EXPECT_CONTAINS(leak.value("location", nlohmann::json::object()).value("file", ""), "scenario_memory.cpp", "{}",
                     leak.dump());

  TK_EXPECT_EQ(verdict_of(tests, "Memory.double_free"), "memory_error");
  TK_EXPECT_CONTAINS(headline_of(tests, "Memory.double_free"), "AddressSanitizer: attempting double-free");
  TK_EXPECT_CONTAINS(first_failure(tests, "Memory.double_free").value("stacktrace", ""), "double_free");

  TK_EXPECT_EQ(verdict_of(tests, "Memory.use_after_free"), "memory_error");
  TK_EXPECT_CONTAINS(headline_of(tests, "Memory.use_after_free"), "AddressSanitizer: heap-use-after-free");
  TK_EXPECT_CONTAINS(first_failure(tests, "Memory.use_after_free").value("details", ""), "freed by thread T0 here");

  TK_EXPECT_EQ(verdict_of(tests, "Memory.overflows_a_heap_buffer"), "memory_error");
  TK_EXPECT_CONTAINS(headline_of(tests, "Memory.overflows_a_heap_buffer"), "AddressSanitizer: heap-buffer-overflow");

  TK_EXPECT_EQ(verdict_of(tests, "Memory.overflows_a_signed_int"), "memory_error");
  TK_EXPECT_CONTAINS(headline_of(tests, "Memory.overflows_a_signed_int"),
                     "UndefinedBehaviorSanitizer: signed-integer-overflow");
  TK_EXPECT_EQ(first_failure(tests, "Memory.overflows_a_signed_int")
                   .value("location", nlohmann::json::object())
                   .value("line", 0u),
               59u, "the line of the overflow, in add_one");

  TK_EXPECT_EQ(verdict_of(tests, "Memory.leaks_and_fails"), "failed", "its failure, not its leak");
  TK_EXPECT_EQ(verdict_of(tests, "Memory.frees_what_it_allocates"), "passed");
  TK_EXPECT_EQ(verdict_of(tests, "LeakyFixture.passes_despite_the_class_set_up_leak"), "passed");
  TK_EXPECT_EQ(verdict_of(tests, "LeakyFixture.passes_too"), "passed");

  TK_EXPECT_CONTAINS(run.process.out, "LEAK  Memory.leaks_three_nodes");
  TK_EXPECT_CONTAINS(run.process.out, "MEMORY Memory.double_free");
}

// In one process, tests one after another: a leak is charged to the test that made it, and only to it, against
// the leaks found before; undefined behaviour fails its test and the run goes on.
TK_TEST(MemoryErrors, leaks_and_undefined_behaviour_are_charged_in_process) {
  require_memory_scenario();
  const MemoryRun run =
      run_memory({"--no-fork", "--filter", "Memory.leak*:Memory.frees*:Memory.overflows_a_signed*:LeakyFixture.*"});
  const ReportTests& tests = run.tests;
  TK_EXPECT_EQ(verdict_of(tests, "Memory.leaks_three_nodes"), "leaked");
  TK_EXPECT_EQ(verdict_of(tests, "Memory.leaks_and_fails"), "failed");
  TK_EXPECT_EQ(verdict_of(tests, "Memory.frees_what_it_allocates"), "passed", "the earlier leak is not its own");
  TK_EXPECT_EQ(verdict_of(tests, "Memory.overflows_a_signed_int"), "memory_error");
  TK_EXPECT_EQ(verdict_of(tests, "LeakyFixture.passes_despite_the_class_set_up_leak"), "passed");
  TK_EXPECT_EQ(verdict_of(tests, "LeakyFixture.passes_too"), "passed");
  TK_EXPECT_CONTAINS(run.process.out, "Ran 6 tests");
}

// The leak check of the test that leaks prints LeakSanitizer's report once; LeakSanitizer's own check at exit, which
// would print it again after the run's summary, charged to no test, is off.
TK_TEST(MemoryErrors, no_check_at_exit_repeats_a_tests_leaks_in_process) {
  require_memory_scenario();
  const MemoryRun run = run_memory({"--no-fork", "--filter", "Memory.leaks_three_nodes"});
  TK_EXPECT_EQ(verdict_of(run.tests, "Memory.leaks_three_nodes"), "leaked");
  std::size_t reports = 0;
  for (std::size_t at = 0; (at = run.process.err.find("ERROR: LeakSanitizer", at)) != std::string::npos; ++at)
    ++reports;
  TK_EXPECT_EQ(reports, 1u, "{}", run.process.err);
}

// In one process, an AddressSanitizer error ends the process: the run ends with that test charged, the tests before
// it reported, and the reports written.
TK_TEST(MemoryErrors, an_error_in_process_ends_the_run_naming_its_test) {
  require_memory_scenario();
  const MemoryRun run = run_memory({"--no-fork", "--filter", "Memory.frees*:Memory.use_after_free"});
  TK_EXPECT_EQ(run.process.exit_code, 1);
  TK_EXPECT_EQ(verdict_of(run.tests, "Memory.frees_what_it_allocates"), "passed");
  TK_EXPECT_EQ(verdict_of(run.tests, "Memory.use_after_free"), "memory_error");
  TK_EXPECT_CONTAINS(headline_of(run.tests, "Memory.use_after_free"), "AddressSanitizer: heap-use-after-free");
  TK_EXPECT_CONTAINS(run.process.out, "MEMORY Memory.use_after_free");
}

}  // namespace
