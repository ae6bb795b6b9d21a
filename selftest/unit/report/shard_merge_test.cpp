// Reading a JSON report back gives the report again, and the shards of a run merge into one run: every test once, on
// slots side by side; shards that do not make one run are refused with the reason.
#include <csignal>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/report/json.hpp>
#include <testkit/report/json_reader.hpp>
#include <testkit/report/shard_merge.hpp>
#include <testkit/testkit.hpp>

namespace {

using namespace std::chrono_literals;
using testkit::ReadReport;
using testkit::ReportContext;
using testkit::RunResult;
using testkit::ShardReport;
using testkit::TestInfo;
using testkit::Verdict;

const TestInfo adds{.suite = "Math", .name = "adds", .where = {"/src/math_test.cpp", 3}, .meta = {.tags = {"fast"}}};
const TestInfo halves{.suite = "Math", .name = "halves", .where = {"/src/math_test.cpp", 9}, .param = "4"};
const TestInfo crashes{.suite = "Crash",
                       .name = "segfaults",
                       .where = {"/src/crash_test.cpp", 4},
                       .meta = {.points = 2.5, .visibility = testkit::Visibility::hidden}};

RunResult a_run() {
  return {.results = {{.test = &adds,
                       .verdict = Verdict::passed,
                       .duration = 1234567ns,
                       .started = 1ms,
                       .slot = 1,
                       .usage = {.user_cpu = 1500us, .system_cpu = 250us, .max_rss_kib = 4096},
                       .out = {.head = "hello\n", .total_bytes = 6}},
                      {.test = &crashes,
                       .verdict = Verdict::crashed,
                       .failures = {{.where = {"/src/crash_test.cpp", 5},
                                     .phase = "test",
                                     .subtest = "n=1",
                                     .headline = "crashed: SIGSEGV",
                                     .details = "left: 1\nright: 2",
                                     .message = "why",
                                     .stacktrace = "#0 f()"}},
                       .omitted_failures = 2,
                       .duration = 2s,
                       .err = {.head = "start", .tail = "end", .total_bytes = 1000},
                       .tmp_path = "/tmp/testkit-Crash.segfaults-x",
                       .tmp_path_kept = true},
                      {.test = &halves, .verdict = Verdict::skipped, .reason = "not today"}},
          .duration = 3s,
          .interrupted_by = SIGTERM};
}

ReportContext a_context(bool deterministic, std::size_t index = 0, std::size_t count = 1) {
  return {.program = "math_tests",
          .seed = 42,
          .shard_index = index,
          .shard_count = count,
          .deterministic = deterministic,
          .started = std::chrono::system_clock::time_point(1'700'000'000'000ms + index * 1s),
          .hostname = "host" + std::to_string(index),
          .jobs = 2};
}

TK_TEST(JsonReader, reading_a_report_back_gives_the_same_report) {
  for (const bool deterministic : {false, true}) {
    TK_SUBTEST("{}", deterministic ? "deterministic" : "timed") {
      const std::string json = testkit::render_json(a_run(), a_context(deterministic));
      ReadReport read;
      TK_ASSERT_EQ(testkit::read_json_report(json, read), "");
      TK_EXPECT_EQ(testkit::render_json(read.run, read.context), json);
    };
  }
}

TK_TEST(JsonReader, says_what_is_wrong_with_what_is_not_a_report) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"[1, 2]", "not a JSON object"},
      {"{\"schema\": \"testkit-listing\", \"version\": 1}", "not a testkit report"},
      {"{\"schema\": \"testkit-report\", \"version\": 2}", "version other than 1"},
      {"{\"schema\": \"testkit-report\", \"version\": 1}", "malformed report"}};
  for (const auto& [json, problem] : cases) {
    ReadReport read;
    TK_EXPECT_CONTAINS(testkit::read_json_report(json, read), problem);
  }
  std::string json = testkit::render_json(a_run(), a_context(false));
  json.replace(json.find("\"crashed\""), 9, "\"exploded\"");
  ReadReport read;
  TK_EXPECT_CONTAINS(testkit::read_json_report(json, read), "unknown verdict");
}

// Shard k of `count` of a_run(): the tests whose index is k modulo count, as GTEST_SHARD_INDEX selects them.
ShardReport shard(std::size_t index, std::size_t count, std::string program = "math_tests") {
  RunResult run = a_run();
  RunResult part{.duration = 1s, .interrupted_by = index == 1 ? SIGTERM : 0};  // the merged run was interrupted too
  for (std::size_t i = 0; i < run.results.size(); ++i)
    if (i % count == index) part.results.push_back(run.results[i]);
  ReportContext context = a_context(false, index, count);
  context.program = std::move(program);
  ShardReport report{.path = "shard-" + std::to_string(index) + ".json"};
  TK_ASSERT_EQ(testkit::read_json_report(testkit::render_json(part, context), report.report), "");
  return report;
}

// The shards, moved into a list (a ShardReport cannot be copied, as initializer lists would).
template <typename... Shards> std::vector<ShardReport> shards_of(Shards... shards) {
  std::vector<ShardReport> list;
  (list.push_back(std::move(shards)), ...);
  return list;
}

TK_TEST(ShardMerge, puts_every_test_of_every_shard_in_one_run) {
  const std::vector<ShardReport> shards = shards_of(shard(1, 2), shard(0, 2));  // in any order
  testkit::MergedRun merged;
  TK_ASSERT_EQ(testkit::merge_shard_reports(shards, merged), "");
  const auto json = nlohmann::json::parse(testkit::render_json(merged.run, merged.context));
  TK_ASSERT_EQ(json["tests"].size(), 3u);
  TK_EXPECT_EQ(json["tests"][0]["full_name"], "Math.adds");  // shard 0 first
  TK_EXPECT_EQ(json["tests"][1]["full_name"], "Math.halves");
  TK_EXPECT_EQ(json["tests"][2]["full_name"], "Crash.segfaults");
  TK_EXPECT_EQ(json["tally"]["failed"], 1);
  TK_EXPECT_EQ(json["shard"]["count"], 1);
  TK_EXPECT_EQ(json["seed"], 42);
  TK_EXPECT_EQ(json["jobs"], 4, "each shard's two slots");
  TK_EXPECT_EQ(json["hostname"], "host0, host1");
  TK_EXPECT_EQ(json["tests"][0]["slot"], 1);
  TK_EXPECT_EQ(json["tests"][2]["slot"], 2, "shard 1's slot 0 comes after shard 0's two");
  TK_EXPECT_EQ(json["tests"][2]["started_s"].get<double>(), 1.0, "shard 1 started a second after shard 0");
  TK_EXPECT_EQ(json["duration_s"].get<double>(), 2.0, "shard 1 ended last, 1 s after the start of its 1 s run");
  TK_EXPECT_EQ(json["interrupted_by"], "SIGTERM");
}

TK_TEST(ShardMerge, refuses_shards_that_do_not_make_one_run) {
  const auto problem = [](const std::vector<ShardReport>& shards) {
    testkit::MergedRun merged;
    return testkit::merge_shard_reports(shards, merged);
  };
  TK_EXPECT_EQ(problem({}), "no report to merge");
  TK_EXPECT_EQ(problem(shards_of(shard(0, 3), shard(2, 3))), "shard 1 of 3 is missing (shards count from 0)");
  TK_EXPECT_EQ(problem(shards_of(shard(0, 4))), "shards 1, 2, 3 of 4 are missing (shards count from 0)");
  TK_EXPECT_EQ(problem(shards_of(shard(0, 2), shard(0, 2), shard(1, 2))),
               "shard 0 of 2 is given twice: shard-0.json and shard-0.json");
  TK_EXPECT_EQ(problem(shards_of(shard(0, 2), shard(1, 2, "other_tests"))),
               "shard-0.json is a report of math_tests and shard-1.json of other_tests: shards of different binaries");
  TK_EXPECT_EQ(problem(shards_of(shard(0, 2), shard(1, 3))),
               "shard-0.json is one of 2 shards and shard-1.json one of 3: shards of different splits");
  ShardReport overlapping = shard(0, 2);
  overlapping.report.context.shard_index = 1;
  overlapping.path = "forged.json";
  TK_EXPECT_EQ(problem(shards_of(shard(0, 2), std::move(overlapping))),
               "Math.adds is in both shard-0.json and forged.json: the shards overlap");
}

}  // namespace
