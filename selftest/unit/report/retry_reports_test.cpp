// What each report says of tests that ran more than once (--retries) and of repeated tests (--repeat): a flaky test
// is a pass with its failed attempts kept (console FLAKY line, JSON "attempts", JUnit <flakyFailure> as Maven
// Surefire writes reruns, TAP "ok" with a comment, Gradescope points), a test that failed every attempt is a failure
// with <rerunFailure>s; the JSON report and the console give pass ratios of repeated tests. The JSON report reads
// back (shard merges) with its attempts.
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/report/console.hpp>
#include <testkit/report/gradescope.hpp>
#include <testkit/report/json.hpp>
#include <testkit/report/json_reader.hpp>
#include <testkit/report/junit.hpp>
#include <testkit/report/tap.hpp>
#include <testkit/testkit.hpp>

#include "memory_file.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::Failure;
using testkit::ReportContext;
using testkit::RunResult;
using testkit::TestInfo;
using testkit::TestResult;
using testkit::Verdict;
using Json = nlohmann::json;

const TestInfo network{.suite = "Net", .name = "reconnects", .where = {"/src/net_test.cpp", 10}, .meta = {.points = 4}};
const TestInfo parser{.suite = "Parse", .name = "reads", .where = {"/src/parse_test.cpp", 20}, .meta = {.points = 1}};
const TestInfo steady{.suite = "Parse", .name = "steady", .where = {"/src/parse_test.cpp", 30}};

Failure failure(std::string headline) {
  return {.where = {"/src/net_test.cpp", 12}, .phase = "test", .headline = std::move(headline)};
}

testkit::CapturedOutput captured(std::string text) {
  const std::size_t size = text.size();
  return {.head = std::move(text), .total_bytes = size};
}

// Net.reconnects failed, crashed, then passed; Parse.reads failed both its attempts; Parse.steady passed once.
RunResult retried_run() {
  TestResult flaky{.test = &network, .verdict = Verdict::flaky, .out = captured("third try\n")};
  flaky.attempts = {{.test = &network,
                     .verdict = Verdict::failed,
                     .failures = {failure("TK_EXPECT(connected) failed")},
                     .out = captured("first try\n"),
                     .err = captured("refused\n")},
                    {.test = &network, .verdict = Verdict::crashed, .failures = {failure("crashed: SIGSEGV")}}};
  flaky.retries = 3;
  TestResult failed{.test = &parser, .verdict = Verdict::failed, .failures = {failure("second failure")}};
  failed.attempts = {{.test = &parser, .verdict = Verdict::failed, .failures = {failure("first failure")}}};
  failed.retries = 1;
  return {.results = {flaky, failed, {.test = &steady, .verdict = Verdict::passed}}};
}

const ReportContext deterministic{.program = "tests", .deterministic = true};

TK_TEST(RetryReports, junit_writes_reruns_as_surefire_does) {
  const std::string junit = testkit::render_junit(retried_run(), deterministic);
  // The flaky test passes, with one element per failed attempt: a failure, then an error (the crash).
  TK_EXPECT_CONTAINS(junit,
                     "    <testcase name=\"reconnects\" classname=\"Net\">\n"
                     "      <flakyFailure message=\"net_test.cpp:12: TK_EXPECT(connected) failed\" type=\"failed\">\n"
                     "        <stackTrace>net_test.cpp:12: TK_EXPECT(connected) failed</stackTrace>\n"
                     "        <system-out>first try\n</system-out>\n"
                     "        <system-err>refused\n</system-err>\n"
                     "      </flakyFailure>\n"
                     "      <flakyError message=\"net_test.cpp:12: crashed: SIGSEGV\" type=\"crashed\">\n"
                     "        <stackTrace>net_test.cpp:12: crashed: SIGSEGV</stackTrace>\n"
                     "      </flakyError>\n"
                     "      <system-out>third try\n</system-out>\n"
                     "    </testcase>\n");
  // The test that failed every attempt: a <failure> of the first, a <rerunFailure> for the rerun.
  TK_EXPECT_CONTAINS(junit,
                     "      <failure message=\"net_test.cpp:12: first failure\" type=\"failed\">"
                     "net_test.cpp:12: first failure</failure>\n"
                     "      <rerunFailure message=\"net_test.cpp:12: second failure\" type=\"failed\">\n");
  TK_EXPECT_CONTAINS(junit, "<testsuite name=\"Net\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">");
  TK_EXPECT_CONTAINS(junit, "<testsuite name=\"Parse\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">");
}

TK_TEST(RetryReports, tap_reads_a_flaky_test_as_ok) {
  const std::string tap = testkit::render_tap(retried_run(), deterministic);
  TK_EXPECT_CONTAINS(tap,
                     "ok 1 - Net.reconnects # flaky: passed on attempt 3 of 4\n  ---\n  verdict: flaky\n"
                     "  attempts: 3\n");
  TK_EXPECT_CONTAINS(tap, "  attempt_1: |\n    failed\n    net_test.cpp:12: TK_EXPECT(connected) failed\n");
  TK_EXPECT_CONTAINS(tap, "  attempt_2: |\n    crashed\n");
  TK_EXPECT_CONTAINS(tap, "not ok 2 - Parse.reads\n");
  TK_EXPECT_CONTAINS(tap, "  attempt_1: |\n    failed\n    net_test.cpp:12: first failure\n");
}

TK_TEST(RetryReports, json_keeps_every_attempt_and_reads_back) {
  const std::string text = testkit::render_json(retried_run(), deterministic);
  const Json json = Json::parse(text);
  TK_EXPECT_EQ(json["tally"]["passed"], 2);
  TK_EXPECT_EQ(json["tally"]["failed"], 1);
  TK_EXPECT_EQ(json["tally"]["flaky"], 1);
  const Json& flaky = json["tests"][0];
  TK_EXPECT_EQ(flaky["verdict"], "flaky");
  TK_EXPECT_EQ(flaky["retries"], 3);
  TK_ASSERT_EQ(flaky["attempts"].size(), 2u);
  TK_EXPECT_EQ(flaky["attempts"][0]["attempt"], 1);
  TK_EXPECT_EQ(flaky["attempts"][0]["verdict"], "failed");
  TK_EXPECT_EQ(flaky["attempts"][0]["stdout"]["text"], "first try\n");
  TK_EXPECT_EQ(flaky["attempts"][1]["verdict"], "crashed");
  TK_EXPECT(!json["tests"][2].contains("attempts"), "a test that ran once has no attempts");
  TK_EXPECT(!json.contains("pass_ratios"), "no test was repeated");

  testkit::ReadReport read;
  TK_ASSERT_EQ(testkit::read_json_report(text, read), "");
  const TestResult& back = read.run.results[0];
  TK_EXPECT_EQ(back.verdict, Verdict::flaky);
  TK_EXPECT_EQ(back.retries, 3u);
  TK_ASSERT_EQ(back.attempts.size(), 2u);
  TK_EXPECT_EQ(back.attempts[1].verdict, Verdict::crashed);
  TK_EXPECT_EQ(back.attempts[0].err.text(), "refused\n");
  TK_EXPECT_EQ(testkit::render_json(read.run, read.context), text, "the report survives a round trip");
}

TK_TEST(RetryReports, json_and_console_give_pass_ratios_of_repeated_tests) {
  RunResult run;
  for (const Verdict verdict : {Verdict::passed, Verdict::failed, Verdict::flaky, Verdict::skipped})
    run.results.push_back({.test = &network, .verdict = verdict});
  run.results.push_back({.test = &steady, .verdict = Verdict::passed});
  run.results.push_back({.test = &steady, .verdict = Verdict::passed});
  run.results.push_back({.test = &parser, .verdict = Verdict::failed});
  const Json json = Json::parse(testkit::render_json(run, deterministic));
  TK_ASSERT_EQ(json["pass_ratios"].size(), 2u, "Parse.reads ran once");
  TK_EXPECT_EQ(json["pass_ratios"][0]["full_name"], "Net.reconnects");
  TK_EXPECT_EQ(json["pass_ratios"][0]["pass_ratio"], Json({{"passed", 2}, {"runs", 3}}), "skipped runs do not count");
  TK_EXPECT_EQ(json["pass_ratios"][1]["pass_ratio"], Json({{"passed", 2}, {"runs", 2}}));

  testkit::report_test::MemoryFile out;
  testkit::ConsoleReporter console(out.get(), {.deterministic = true});
  console.on(testkit::RunEnded{run});
  TK_EXPECT_CONTAINS(out.text(), "Tests that did not pass every run:\n  Net.reconnects: passed 2 of 3 runs\n\n");
}

// Results read back from reports (--merge) each have a TestInfo of their own: a test is told apart by its display
// name, parameter included, not by its TestInfo.
TK_TEST(RetryReports, pass_ratios_tell_tests_apart_by_display_name) {
  const TestInfo first_read{.suite = "Net", .name = "reconnects"}, second_read{.suite = "Net", .name = "reconnects"};
  const TestInfo small{.suite = "Sort", .name = "sorts/0", .param = "3"},
      large{.suite = "Sort", .name = "sorts/0", .param = "1000"};
  const TestInfo small_again = small;
  RunResult run;
  run.results.push_back({.test = &first_read, .verdict = Verdict::passed});
  run.results.push_back({.test = &small, .verdict = Verdict::passed});
  run.results.push_back({.test = &large, .verdict = Verdict::failed});
  run.results.push_back({.test = &second_read, .verdict = Verdict::failed});
  run.results.push_back({.test = &small_again, .verdict = Verdict::passed});
  const std::vector<testkit::PassRatio> ratios = testkit::pass_ratios(run);
  TK_ASSERT_EQ(ratios.size(), 2u, "Sort.sorts/0 [1000] ran once");
  TK_EXPECT_EQ(ratios[0].first, &run.results[0]);
  TK_EXPECT_EQ(ratios[0].passed, 1u);
  TK_EXPECT_EQ(ratios[0].runs, 2u);
  TK_EXPECT_EQ(ratios[1].first, &run.results[1]);
  TK_EXPECT_EQ(ratios[1].passed, 2u);
  TK_EXPECT_EQ(ratios[1].runs, 2u);
}

TK_TEST(RetryReports, console_shows_each_attempt) {
  const RunResult run = retried_run();
  testkit::report_test::MemoryFile out;
  testkit::ConsoleReporter console(out.get(), {.deterministic = true, .flaky_fails = true});
  for (const TestResult& result : run.results) console.on(testkit::TestEnded{result});
  console.on(testkit::RunEnded{run});
  const std::string text = out.text();
  TK_EXPECT_CONTAINS(text,
                     "FLAKY Net.reconnects (passed on attempt 3 of 4)\n"
                     "  attempt 1: FAIL\n"
                     "    net_test.cpp:12: TK_EXPECT(connected) failed\n"
                     "    captured stdout (10 bytes):\n"
                     "    | first try\n"
                     "    captured stderr (8 bytes):\n"
                     "    | refused\n"
                     "  attempt 2: CRASH\n"
                     "    net_test.cpp:12: crashed: SIGSEGV\n"
                     "FAIL  Parse.reads");
  TK_EXPECT_CONTAINS(text,
                     "FAIL  Parse.reads (ended on attempt 2 of 2)\n  attempt 1: FAIL\n"
                     "    net_test.cpp:12: first failure\n  attempt 2: FAIL\n    net_test.cpp:12: second failure\n");
  TK_EXPECT_CONTAINS(text, "Flaky tests (failed, then passed when run again):\n  Net.reconnects\n");
  TK_EXPECT_CONTAINS(text,
                     "(1 flaky test counted as passed; --flaky-fails fails the run)\n2 passed, 1 failed, 0 skipped\n");
}

TK_TEST(RetryReports, gradescope_scores_a_flaky_test_as_passed) {
  const Json json = Json::parse(testkit::render_gradescope(retried_run(), deterministic));
  const Json& flaky = json["tests"][0];
  TK_EXPECT_EQ(flaky["status"], "passed");
  TK_EXPECT_EQ(flaky["score"].get<double>(), 4.0);
  TK_EXPECT_CONTAINS(flaky["output"].get<std::string>(), "passed on attempt 3 of 4, scored as passed");
  TK_EXPECT_CONTAINS(flaky["output"].get<std::string>(), "attempt 1 (failed):\nnet_test.cpp:12: TK_EXPECT(connected)");
  TK_EXPECT_EQ(json["tests"][1]["status"], "failed");
  TK_EXPECT_EQ(json["score"].get<double>(), 4.0);
}

}  // namespace
