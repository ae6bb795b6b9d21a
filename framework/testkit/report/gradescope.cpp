#include <testkit/report/gradescope.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <testkit/report/console.hpp>
#include <testkit/report/detail/json_text.hpp>
#include <testkit/report/detail/report_text.hpp>
#include <testkit/report/failure_text.hpp>
#include <testkit/report/sandbox_record.hpp>

namespace testkit {
namespace {

using Json = nlohmann::ordered_json;
using detail::json_text;

// A flaky test passed on a later attempt (--retries): it earns its points as a pass does.
bool earns_points(Verdict verdict) { return is_pass(verdict); }

// A skipped test never ran: it is worth nothing either way. Its points leave max_score (here and at the top
// level, so that the totals stay the sums of the tests), and it carries no "status": Gradescope then
// compares score with max_score (0 >= 0) and does not show the student a red test. It earns nothing, so
// a submission cannot gain points by making tests skip.
double max_score_of(const TestResult& result) {
  return result.verdict == Verdict::skipped ? 0.0 : result.test->meta.points;
}

// What a student reads under a test: why it did not pass, then what it printed.
std::string test_output(const TestResult& result, const ReportContext& context) {
  std::string out;
  switch (result.verdict) {
    case Verdict::passed: break;
    case Verdict::skipped: out = "skipped (not run, worth no points): " + result.reason; break;
    case Verdict::expected_failure: out = "failed as expected: " + result.reason; break;
    case Verdict::flaky:
      out = fmt::format("passed on attempt {} of {}, scored as passed (flaky: the earlier attempts failed)",
                        result.attempt_count(), result.retries + 1);
      break;
    default: out = detail::failure_report(result, context.deterministic);
  }
  const auto append = [&](std::string_view stream, const CapturedOutput& output) {
    if (output.empty()) return;
    out += fmt::format("{}{}:\n{}", out.empty() ? "" : "\n", stream, detail::cap_text(output.text()));
  };
  append("stdout", result.out);
  append("stderr", result.err);
  for (std::size_t index = 0; index < result.attempts.size(); ++index)
    out += fmt::format("\n\nattempt {} ({}):\n{}", index + 1, to_string(result.attempts[index].verdict),
                       test_output(result.attempts[index], context));
  return out;
}

Json test(const TestResult& result, const ReportContext& context) {
  const TestInfo& info = *result.test;
  Json tags = Json::array();
  for (const std::string& tag : info.meta.tags) tags.push_back(json_text(tag));
  Json out = {{"name", json_text(info.display_name())},
              {"score", earns_points(result.verdict) ? info.meta.points : 0.0},
              {"max_score", max_score_of(result)}};
  if (result.verdict != Verdict::skipped) out["status"] = earns_points(result.verdict) ? "passed" : "failed";
  out["output"] = json_text(test_output(result, context));
  out["visibility"] = to_string(info.meta.visibility);
  if (!context.deterministic) out["execution_time"] = std::chrono::duration<double>(result.duration).count();
  out["tags"] = std::move(tags);
  return out;
}

}  // namespace

std::string render_gradescope(const RunResult& run, const ReportContext& context) {
  double score = 0;
  double max_score = 0;
  Json tests = Json::array();
  for (const TestResult& result : run.results) {
    max_score += max_score_of(result);
    if (earns_points(result.verdict)) score += result.test->meta.points;
    tests.push_back(test(result, context));
  }
  std::string output = summary_line(run.tally());
  if (run.interrupted_by != 0)
    output += fmt::format("\nThe run was interrupted by {}: tests that did not finish are missing.",
                          signal_name(run.interrupted_by));
  if (context.sandbox) output += "\n" + describe_sandbox(*context.sandbox);
  Json report = {{"score", score}, {"max_score", max_score}};
  if (!context.deterministic) report["execution_time"] = std::chrono::duration<double>(run.duration).count();
  report["output"] = json_text(output);
  report["visibility"] = "visible";
  report["tests"] = std::move(tests);
  return report.dump(2) + "\n";
}

}  // namespace testkit
