// What each report says of a test that leaked (LEAK) and of one a sanitizer found a memory error in (MEMORY): failures
// of the run everywhere, a JUnit <failure> and <error>, named in JSON so that the report reads back, not a pass for
// TAP or Gradescope.
#include <string>

#include <nlohmann/json.hpp>

#include <testkit/report/gradescope.hpp>
#include <testkit/report/json.hpp>
#include <testkit/report/json_reader.hpp>
#include <testkit/report/junit.hpp>
#include <testkit/report/tap.hpp>
#include <testkit/testkit.hpp>

namespace {

using testkit::ReportContext;
using testkit::RunResult;
using testkit::TestInfo;
using testkit::Verdict;
using Json = nlohmann::json;

const TestInfo list_test{.suite = "List", .name = "pops", .where = {"/src/list_test.cpp", 10}, .meta = {.points = 2}};
const TestInfo array_test{
    .suite = "Array", .name = "copies", .where = {"/src/array_test.cpp", 20}, .meta = {.points = 3}};

RunResult memory_run() {
  return {.results = {{.test = &list_test,
                       .verdict = Verdict::leaked,
                       .failures = {{.where = {"/src/list.hpp", 40},
                                     .phase = "test",
                                     .headline = "leaked 16 bytes in 1 allocation (LeakSanitizer)"}}},
                      {.test = &array_test,
                       .verdict = Verdict::memory_error,
                       .failures = {{.where = {"/src/array.hpp", 31},
                                     .phase = "test",
                                     .headline = "AddressSanitizer: attempting double-free on 0x602000000010"}}}}};
}

const ReportContext deterministic{.program = "tests", .deterministic = true};

TK_TEST(MemoryReports, every_verdict_has_a_name_that_reads_back) {
  for (const Verdict verdict : testkit::all_verdicts)
    TK_EXPECT_EQ(testkit::verdict_named(to_string(verdict)), verdict, "{}", to_string(verdict));
  TK_EXPECT_EQ(to_string(Verdict::leaked), "leaked");
  TK_EXPECT_EQ(to_string(Verdict::memory_error), "memory_error");
  TK_EXPECT(is_failure(Verdict::leaked));
  TK_EXPECT(is_failure(Verdict::memory_error));
  TK_EXPECT_EQ(memory_run().tally().failed, 2u);
}

TK_TEST(MemoryReports, junit_makes_a_leak_a_failure_and_a_memory_error_an_error) {
  const std::string junit = testkit::render_junit(memory_run(), deterministic);
  TK_EXPECT_CONTAINS(junit,
                     "<failure message=\"list.hpp:40: leaked 16 bytes in 1 allocation (LeakSanitizer)\" "
                     "type=\"leaked\">");
  TK_EXPECT_CONTAINS(junit,
                     "<error message=\"array.hpp:31: AddressSanitizer: attempting double-free on "
                     "0x602000000010\" type=\"memory_error\">");
}

TK_TEST(MemoryReports, json_names_the_verdicts_and_reads_back) {
  const std::string text = testkit::render_json(memory_run(), deterministic);
  const Json json = Json::parse(text);
  TK_EXPECT_EQ(json["tests"][0]["verdict"], "leaked");
  TK_EXPECT_EQ(json["tests"][1]["verdict"], "memory_error");
  TK_EXPECT_EQ(json["tally"]["failed"], 2);
  testkit::ReadReport read;
  TK_ASSERT_EQ(testkit::read_json_report(text, read), "");
  TK_EXPECT_EQ(read.run.results[0].verdict, Verdict::leaked);
  TK_EXPECT_EQ(read.run.results[1].verdict, Verdict::memory_error);
}

TK_TEST(MemoryReports, tap_and_gradescope_give_no_pass) {
  const std::string tap = testkit::render_tap(memory_run(), deterministic);
  TK_EXPECT_CONTAINS(tap, "not ok 1 - List.pops\n  ---\n  verdict: leaked\n");
  TK_EXPECT_CONTAINS(tap, "not ok 2 - Array.copies\n  ---\n  verdict: memory_error\n");
  const Json gradescope = Json::parse(testkit::render_gradescope(memory_run(), deterministic));
  TK_EXPECT_EQ(gradescope["score"], 0.0);
  TK_EXPECT_EQ(gradescope["tests"][0]["status"], "failed");
  TK_EXPECT_CONTAINS(gradescope["tests"][1]["output"].get<std::string>(), "attempting double-free");
}

}  // namespace
