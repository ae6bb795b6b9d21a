// The contract every file report keeps (Catch2's reporter contract test): for an empty run, skips, a crash,
// unicode and hostile text (control characters, malformed UTF-8, "]]>", newlines, '#' and ':' in names, a
// 10 MB message), each writer's output is accepted by its real consumer: xmllint with the Jenkins xunit
// schema for JUnit XML, prove for TAP, nlohmann::json for JSON and Gradescope.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/report/gradescope.hpp>
#include <testkit/report/html.hpp>
#include <testkit/report/json.hpp>
#include <testkit/report/junit.hpp>
#include <testkit/report/sandbox_record.hpp>
#include <testkit/report/tap.hpp>
#include <testkit/testkit.hpp>

#include "support/run_process.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::Failure;
using testkit::ReportContext;
using testkit::RunResult;
using testkit::TestInfo;
using testkit::TestResult;
using testkit::Verdict;

const std::string huge_message(std::size_t{10} << 20, 'm');
const std::string hostile = "bell\x01 esc\x1b[31m del\x7f bad\xff\xfe utf8\xc3 cdata]]> amp&<tag> \"q\" cr\r end";

const TestInfo plain{.suite = "Math", .name = "adds", .where = {"/src/math_test.cpp", 3}, .meta = {.points = 2}};
const TestInfo skipped{.suite = "Math", .name = "skips", .where = {"/src/math_test.cpp", 9}, .meta = {.points = 3}};
const TestInfo crashing{.suite = "Crash", .name = "segfaults", .where = {"/src/crash_test.cpp", 4}};
const TestInfo unicode{.suite = "Ünïcødé", .name = "grüße_✓_日本", .where = {"/src/ü_test.cpp", 1}};
const TestInfo nasty{.suite = "Odd: #1\nsuite]]>",
                     .name = "name # not a directive: \n second line\x01\xff",
                     .where = {"/src/odd.cpp", 7},
                     .meta = {.tags = {"t#1", "bad\xff"}, .points = 1.5, .visibility = testkit::Visibility::hidden},
                     .param = "p: #\n]]>"};
const TestInfo xfail{.suite = "Math", .name = "rounds", .where = {"/src/math_test.cpp", 20}};

Failure failure(std::string headline, std::string details = {}, std::string message = {}) {
  return {.where = {"/src/odd.cpp", 8},
          .phase = "test",
          .headline = std::move(headline),
          .details = std::move(details),
          .message = std::move(message)};
}

testkit::CapturedOutput captured(std::string text) {
  const std::size_t size = text.size();
  return {.head = std::move(text), .total_bytes = size};
}

struct Case {
  std::string name;
  RunResult run;
};

std::vector<Case> cases() {
  return {
      {"empty run", {}},
      {"passes and skips",
       {.results = {{.test = &plain, .verdict = Verdict::passed, .duration = 1234567ns},
                    {.test = &skipped, .verdict = Verdict::skipped, .reason = "needs # a: network\nreally"},
                    {.test = &xfail,
                     .verdict = Verdict::expected_failure,
                     .failures = {failure("TK_EXPECT(a)")},
                     .reason = "bug 12"}},
        .duration = 2s}},
      {"crash",
       {.results = {{.test = &crashing,
                     .verdict = Verdict::crashed,
                     .failures = {failure("crashed: SIGSEGV (signal 11)", "last checkpoint: odd.cpp:7")},
                     .err = captured("Segmentation fault\n")}},
        .interrupted_by = 2}},
      {"unicode",
       {.results = {{.test = &unicode,
                     .verdict = Verdict::failed,
                     .failures = {failure("TK_ASSERT(ü == ✓)", "left: \"日本\"", "Grüße")},
                     .out = captured("ünïcødé ✓ 日本\n")}}}},
      {"hostile text",
       {.results = {{.test = &nasty,
                     .verdict = Verdict::failed,
                     .failures = {failure(hostile, hostile, huge_message), failure("second", {}, hostile)},
                     .omitted_failures = 3,
                     .reason = hostile,
                     .out = captured(huge_message),
                     .err = captured(hostile)},
                    {.test = &plain, .verdict = Verdict::unexpected_pass, .reason = "fixed?"},
                    {.test = &crashing, .verdict = Verdict::timed_out, .failures = {failure("timed out after 1 s")}}}}},
      {"retries",
       {.results =
            {{.test = &nasty,
              .verdict = Verdict::flaky,
              .out = captured("third"),
              .attempts = {{.test = &nasty,
                            .verdict = Verdict::failed,
                            .failures = {failure(hostile, hostile, huge_message)},
                            .out = captured(huge_message),
                            .err = captured(hostile)},
                           {.test = &nasty,
                            .verdict = Verdict::crashed,
                            .failures = {failure("crashed: SIGSEGV (signal 11)")}}},
              .retries = 2},
             {.test = &unicode,
              .verdict = Verdict::timed_out,
              .failures = {failure("timed out after 1 s")},
              .attempts = {{.test = &unicode, .verdict = Verdict::failed, .failures = {failure("TK_ASSERT(✓)")}}},
              .retries = 1},
             {.test = &plain, .verdict = Verdict::passed},
             {.test = &plain, .verdict = Verdict::failed, .failures = {failure("TK_EXPECT(a)")}}}}},
  };
}

ReportContext context(bool deterministic) {
  return {.program = "math<&>tests",
          .seed = 7,
          .shard_index = 1,
          .shard_count = 3,
          .deterministic = deterministic,
          .started = std::chrono::system_clock::time_point(1'700'000'000s),
          .hostname = "host\x01\xff"};
}

// `text` in a temporary file, removed when the guard goes away.
struct TemporaryFile {
  explicit TemporaryFile(const std::string& text) {
    path = "/tmp/testkit_report_XXXXXX";
    const int fd = ::mkstemp(path.data());
    TK_ASSERT_GE(fd, 0);
    ::close(fd);
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TemporaryFile() { std::remove(path.c_str()); }
  std::string path;
};

// Shared by every format: a capped size, and the escapes of malformed UTF-8 visible as text.
void check_common(const std::string& text, const Case& test_case) {
  TK_EXPECT_LT(text.size(), std::size_t{2} << 20, "the 10 MB message must be capped");
  if (test_case.name == "hostile text") {
    TK_EXPECT_CONTAINS(text, "bytes elided");
    TK_EXPECT_CONTAINS(text, "\\xff");
  }
  if (test_case.name == "unicode") TK_EXPECT_CONTAINS(text, "grüße_✓_日本");
}

void check_junit(const std::string& text) {
  const TemporaryFile file(text);
  const auto lint = testkit::selftest::run_process(
      "/usr/bin/xmllint", {"--noout", "--schema", std::string(TK_SCHEMA_DIR) + "/junit-10.xsd", file.path});
  TK_EXPECT_EQ(lint.exit_code, 0, "xmllint: {}\n{}", lint.err, text.substr(0, 3000));
  TK_EXPECT(text.find("]]>") == std::string::npos, "a literal ]]> in the XML");
  TK_EXPECT(text.find('\x01') == std::string::npos, "a raw control character in the XML");
}

void check_tap(const std::string& text, const Case& test_case) {
  const TemporaryFile file(text);
  const auto prove = testkit::selftest::run_process("/usr/bin/prove", {"--exec", "/bin/cat", file.path});
  const bool all_pass = test_case.name == "empty run" || test_case.name == "passes and skips";
  TK_EXPECT_EQ(prove.exit_code, all_pass ? 0 : 1, "prove:\n{}{}", prove.out, prove.err);
  TK_EXPECT(prove.out.find("Parse errors") == std::string::npos, "prove:\n{}", prove.out);
  TK_EXPECT(text.starts_with("TAP version 13\n"));
  // Every line is a test point, the plan, a comment or part of an indented YAML block.
  std::size_t points = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("ok ") || line.starts_with("not ok ")) ++points;
    const bool known = line.starts_with("ok ") || line.starts_with("not ok ") || line.starts_with("1..") ||
                       line.starts_with("#") || line.starts_with("  ") || line == "TAP version 13";
    TK_EXPECT(known, "stray TAP line: {:?}", line);
  }
  TK_EXPECT_EQ(points, test_case.run.results.size());
}

void check_json(const std::string& text, const Case& test_case) {
  const auto json = nlohmann::json::parse(text);
  TK_EXPECT_EQ(json["schema"], "testkit-report");
  TK_EXPECT_EQ(json["version"], 1);
  TK_EXPECT_EQ(json["tests"].size(), test_case.run.results.size());
  TK_EXPECT_EQ(json["tally"]["total"], test_case.run.results.size());
  if (test_case.name == "hostile text") {
    const std::string headline = json["tests"][0]["failures"][0]["headline"];
    TK_EXPECT_CONTAINS(headline, "bell\x01 esc");  // JSON escapes controls itself: they survive the round trip
    TK_EXPECT_CONTAINS(headline, "bad\\xff\\xfe");
    TK_EXPECT_EQ(json["tests"][0]["omitted_failures"], 3);
    TK_EXPECT_EQ(json["tests"][0]["visibility"], "hidden");
  }
}

// Gradescope's rules: a test without "status" is passed when score >= max_score; the totals are the sums.
void check_gradescope(const std::string& text, const Case& test_case) {
  const auto json = nlohmann::json::parse(text);
  TK_ASSERT_EQ(json["tests"].size(), test_case.run.results.size());
  double score = 0;
  double max_score = 0;
  for (std::size_t i = 0; i < json["tests"].size(); ++i) {
    const auto& test = json["tests"][i];
    if (test_case.run.results[i].verdict == Verdict::skipped) {
      TK_EXPECT(!test.contains("status"), "a skipped test must not read as failed: {}", test.dump());
      TK_EXPECT_EQ(test["score"].get<double>(), 0.0);
      TK_EXPECT_EQ(test["max_score"].get<double>(), 0.0, "a test that never ran counts against no one");
    } else {
      TK_EXPECT((test["status"] == "passed" || test["status"] == "failed"), "{}", test.dump());
    }
    score += test["score"].get<double>();
    max_score += test["max_score"].get<double>();
  }
  TK_EXPECT_EQ(json["score"].get<double>(), score);
  TK_EXPECT_EQ(json["max_score"].get<double>(), max_score);
  if (test_case.name == "passes and skips") {
    TK_EXPECT_EQ(json["score"].get<double>(), 2.0);
    TK_EXPECT_EQ(json["max_score"].get<double>(), 2.0, "the skipped test's 3 points are not at stake");
    TK_EXPECT_EQ(json["tests"][1]["output"], "skipped (not run, worth no points): needs # a: network\nreally");
  }
  if (test_case.name == "hostile text") {
    TK_EXPECT_EQ(json["tests"][0]["visibility"], "hidden");
    TK_EXPECT_EQ(json["max_score"].get<double>(), 3.5);
  }
}

TK_TEST(ReportWriters, every_output_parses_in_its_consumer) {
  for (const Case& test_case : cases()) {
    for (const bool deterministic : {false, true}) {
      TK_SUBTEST("{}{}", test_case.name, deterministic ? " (deterministic)" : "") {
        const ReportContext ctx = context(deterministic);
        const std::string junit = testkit::render_junit(test_case.run, ctx);
        check_common(junit, test_case);
        check_junit(junit);
        const std::string tap = testkit::render_tap(test_case.run, ctx);
        check_common(tap, test_case);
        check_tap(tap, test_case);
        const std::string json = testkit::render_json(test_case.run, ctx);
        check_common(json, test_case);
        check_json(json, test_case);
        const std::string gradescope = testkit::render_gradescope(test_case.run, ctx);
        check_common(gradescope, test_case);
        check_gradescope(gradescope, test_case);
        const std::string html = testkit::render_html(test_case.run, ctx);  // see html_test.cpp
        check_common(html, test_case);
        TK_EXPECT(html.starts_with("<!DOCTYPE html>"));
      };
    }
  }
}

TK_TEST(ReportWriters, deterministic_reports_have_no_times_hosts_or_directories) {
  const RunResult run = cases()[1].run;
  for (const std::string& text :
       {testkit::render_junit(run, context(true)), testkit::render_tap(run, context(true)),
        testkit::render_json(run, context(true)), testkit::render_gradescope(run, context(true))}) {
    TK_EXPECT((text.find("time") == std::string::npos || text.find("\"duration_s\": null") != std::string::npos), "{}",
              text);
    TK_EXPECT((text.find("host") == std::string::npos || text.find("\"hostname\": null") != std::string::npos));
    TK_EXPECT(text.find("/src/") == std::string::npos, "{}", text);
  }
}

// The timeline of the HTML report: each test's start, counted from the run's, its job slot, and the run's jobs; none
// of them under --deterministic (they depend on timing and on -j).
TK_TEST(ReportWriters, json_places_each_test_on_the_run_s_timeline) {
  const RunResult run{.results = {{.test = &plain, .duration = 2ms, .started = 500us, .slot = 3},
                                  {.test = &skipped, .verdict = Verdict::skipped, .started = 1s}},
                      .duration = 2s};
  ReportContext ctx = context(false);
  ctx.jobs = 4;
  const auto json = nlohmann::json::parse(testkit::render_json(run, ctx));
  TK_EXPECT_EQ(json["jobs"], 4);
  TK_EXPECT_EQ(json["tests"][0]["started_s"].get<double>(), 0.0005);
  TK_EXPECT_EQ(json["tests"][0]["slot"], 3);
  TK_EXPECT_EQ(json["tests"][1]["started_s"].get<double>(), 1.0);
  TK_EXPECT_EQ(json["tests"][1]["slot"], 0);
  const auto stable = nlohmann::json::parse(testkit::render_json(run, context(true)));
  TK_EXPECT(stable["jobs"].is_null());
  TK_EXPECT(stable["tests"][0]["started_s"].is_null());
  TK_EXPECT(stable["tests"][0]["slot"].is_null());
}

// A test that made a tmp_path() directory: every report of its failure names it, and the JSON report has it for any
// verdict; a result without one adds nothing (so that golden files keep their bytes).
TK_TEST(ReportWriters, the_tmp_path_of_a_test_is_named_with_its_failure) {
  const RunResult run{
      .results = {
          {.test = &plain,
           .verdict = Verdict::failed,
           .failures = {failure("TK_FAIL(\"no\")")},
           .tmp_path = "/tmp/testkit-Math.adds-Ab12Cd"},
          {.test = &xfail, .verdict = Verdict::passed, .tmp_path = "/tmp/testkit-Math.rounds-x", .tmp_path_kept = true},
          {.test = &crashing, .verdict = Verdict::passed}}};
  const std::string line = "tmp_path: /tmp/testkit-Math.adds-Ab12Cd (removed after the test; --keep-tmp keeps it)";
  for (const bool deterministic : {false, true}) {
    const ReportContext ctx = context(deterministic);
    TK_EXPECT_CONTAINS(testkit::render_junit(run, ctx), line);
    TK_EXPECT_CONTAINS(testkit::render_tap(run, ctx), line);
    const auto gradescope = nlohmann::json::parse(testkit::render_gradescope(run, ctx));
    TK_EXPECT_CONTAINS(gradescope["tests"][0]["output"].get<std::string>(), line);
    const auto json = nlohmann::json::parse(testkit::render_json(run, ctx));
    TK_EXPECT_EQ(json["tests"][0]["tmp_path"]["path"], "/tmp/testkit-Math.adds-Ab12Cd");
    TK_EXPECT_EQ(json["tests"][0]["tmp_path"]["kept"], false);
    TK_EXPECT_EQ(json["tests"][1]["tmp_path"]["kept"], true);
    TK_EXPECT_FALSE(json["tests"][2].contains("tmp_path"));
    TK_EXPECT_EQ(testkit::render_junit(run, ctx).find("testkit-Math.rounds"), std::string::npos, "a pass says nothing");
  }
}

TK_TEST(ReportWriters, junit_sorts_verdicts_into_failure_error_and_skipped) {
  const std::string xml = testkit::render_junit(cases()[4].run, context(false));
  TK_EXPECT_CONTAINS(xml, "<testsuites name=\"math&lt;&amp;&gt;tests\" tests=\"3\" failures=\"2\" errors=\"1\"");
  TK_EXPECT_CONTAINS(xml, "type=\"unexpected_pass\"");
  TK_EXPECT_CONTAINS(xml, "<error message=\"/src/odd.cpp:8: timed out after 1 s\" type=\"timed_out\">");
  TK_EXPECT_CONTAINS(xml, "<property name=\"shard\" value=\"1/3\"/>");
  const std::string skips = testkit::render_junit(cases()[1].run, context(false));
  TK_EXPECT_CONTAINS(skips, "<testcase name=\"adds\" classname=\"Math\" time=\"0.001\"/>");  // 1234567 ns
  TK_EXPECT_CONTAINS(skips, "<skipped message=\"needs # a: network&#10;really\"/>");
}

// What --sandbox applied goes into the JUnit properties, the JSON "sandbox" object and the Gradescope output; a run
// without it has none of them, so that its reports keep their bytes.
TK_TEST(ReportWriters, sandboxed_runs_record_the_mechanisms_and_limits) {
  const RunResult run = cases()[1].run;
  ReportContext sandboxed = context(false);
  sandboxed.sandbox = testkit::SandboxRecord{.cpu_margin_s = 1,
                                             .processes = 16,
                                             .file_size_mib = 2,
                                             .open_files = 99,
                                             .network_blocked = true,
                                             .landlock_abi = 4,
                                             .pid_namespace = true};
  const std::string xml = testkit::render_junit(run, sandboxed);
  check_junit(xml);
  TK_EXPECT_CONTAINS(xml, "<property name=\"sandbox.memory\" value=\"unlimited\"/>");
  TK_EXPECT_CONTAINS(xml, "<property name=\"sandbox.open_files\" value=\"99\"/>");
  TK_EXPECT_CONTAINS(xml, "<property name=\"sandbox.writes\" value=\"private dir only (Landlock ABI 4)\"/>");
  TK_EXPECT_CONTAINS(xml, "<property name=\"sandbox.user\" value=\"the runner's\"/>");
  TK_EXPECT_CONTAINS(xml,
                     "<property name=\"sandbox.pids\" value=\"a PID namespace per class (what a test starts "
                     "ends with its class)\"/>");

  const auto json = nlohmann::json::parse(testkit::render_json(run, sandboxed));
  const auto& record = json["sandbox"];
  TK_EXPECT_EQ(record["description"].get<std::string>(), testkit::describe_sandbox(*sandboxed.sandbox));
  TK_EXPECT(record["memory_mib"].is_null());
  TK_EXPECT_EQ(record["processes"], 16);
  TK_EXPECT_EQ(record["file_size_mib"], 2);
  TK_EXPECT_EQ(record["writes_confined"], true);
  TK_EXPECT_EQ(record["landlock_abi"], 4);
  TK_EXPECT_EQ(record["network_blocked"], true);
  TK_EXPECT_EQ(record["pid_namespace"], true);
  TK_EXPECT(record["first_uid"].is_null());
  TK_EXPECT_EQ(record["runs_as_nobody"], false);

  sandboxed.sandbox->memory_mib = 512;
  sandboxed.sandbox->landlock_abi = 0;
  TK_EXPECT_EQ(nlohmann::json::parse(testkit::render_json(run, sandboxed))["sandbox"]["memory_mib"], 512);
  TK_EXPECT_EQ(nlohmann::json::parse(testkit::render_json(run, sandboxed))["sandbox"]["writes_confined"], false);
  TK_EXPECT_CONTAINS(testkit::render_junit(run, sandboxed),
                     "<property name=\"sandbox.writes\" value=\"NOT confined\"/>");
  sandboxed.sandbox->first_uid = 1'900'000'000;
  TK_EXPECT_EQ(nlohmann::json::parse(testkit::render_json(run, sandboxed))["sandbox"]["first_uid"], 1'900'000'000);
  TK_EXPECT_CONTAINS(testkit::render_junit(run, sandboxed),
                     "<property name=\"sandbox.user\" value=\"uid 1900000000 and up, one per class running\"/>");

  const auto gradescope = nlohmann::json::parse(testkit::render_gradescope(run, sandboxed));
  TK_EXPECT_EQ(gradescope["output"].get<std::string>(),
               "2 passed, 0 failed, 1 skipped\n" + testkit::describe_sandbox(*sandboxed.sandbox));

  for (const std::string& text : {testkit::render_junit(run, context(false)), testkit::render_json(run, context(false)),
                                  testkit::render_gradescope(run, context(false))})
    TK_EXPECT(text.find("andbox") == std::string::npos, "{}", text);
}

// The console's first line under --sandbox: every mechanism, and which of them this machine does not allow.
TK_TEST(ReportWriters, the_sandbox_line_names_every_mechanism) {
  testkit::SandboxRecord record{.cpu_margin_s = 1,
                                .memory_mib = 1024,
                                .processes = 64,
                                .file_size_mib = 64,
                                .open_files = 256,
                                .network_blocked = true,
                                .landlock_abi = 3,
                                .pid_namespace = true,
                                .first_uid = 1'900'000'000};
  TK_EXPECT_EQ(testkit::describe_sandbox(record),
               "Sandbox: per test cpu = timeout + 1 s (none without a timeout), memory 1024 MiB, 64 processes, files "
               "up to 64 MiB, 256 open files, no core dumps; network: loopback only (network namespace); processes: a "
               "PID namespace per class (what a test starts ends with its class); writes: private dir only (Landlock "
               "ABI 3); user: uid 1900000000 and up, one per class running; environment scrubbed, HOME and TMPDIR "
               "private, stdin /dev/null");
  record = {.cpu_margin_s = 2, .processes = 8, .file_size_mib = 1, .open_files = 16};
  TK_EXPECT_EQ(testkit::describe_sandbox(record),
               "Sandbox: per test cpu = timeout + 2 s (none without a timeout), memory unlimited, 8 "
               "processes, files up to 1 MiB, 16 open files, no core dumps; network: NOT blocked (no network "
               "namespaces here); processes: NOT isolated (no PID namespaces here); writes: NOT confined (no Landlock "
               "here); environment scrubbed, HOME and TMPDIR private, stdin /dev/null");
}

TK_TEST(ReportWriters, tap_escapes_directives_and_line_breaks_in_names) {
  const std::string tap = testkit::render_tap(cases()[4].run, context(true));
  TK_EXPECT_CONTAINS(
      tap, "not ok 1 - Odd: \\#1\\nsuite]]>.name \\# not a directive: \\n second line\\x01\\xff [p: \\#\\n]]>]\n");
  const std::string skips = testkit::render_tap(cases()[1].run, context(true));
  TK_EXPECT_CONTAINS(skips, "ok 2 - Math.skips # SKIP needs \\# a: network\\nreally\n");
  TK_EXPECT_CONTAINS(skips, "not ok 3 - Math.rounds # TODO bug 12\n");
  TK_EXPECT_EQ(testkit::render_tap({}, context(true)), "TAP version 13\n1..0 # SKIP no tests ran\n");
}

}  // namespace
