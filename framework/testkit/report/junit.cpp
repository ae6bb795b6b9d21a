#include <testkit/report/junit.hpp>

#include <time.h>

#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include <testkit/report/detail/report_text.hpp>
#include <testkit/report/failure_text.hpp>

namespace testkit {
namespace {

using detail::seconds_text;
using detail::xml_escape;

// Attribute values are for one-line summaries; the whole story goes in the element's text.
constexpr std::size_t max_attribute = 4096;

// A failure of the test's own checks (a leak too) is a JUnit failure; a crash, timeout, exit, flood or memory error is
// an error.
bool is_error(Verdict verdict) {
  return verdict == Verdict::crashed || verdict == Verdict::timed_out || verdict == Verdict::exited_early ||
         verdict == Verdict::output_limit || verdict == Verdict::memory_error;
}

// The attempt whose outcome the <testcase> element itself carries, as Maven Surefire writes reruns: the first of a
// test that failed every attempt (the later ones are <rerunFailure>s), else the last.
const TestResult& reported_attempt(const TestResult& result) {
  return is_failure(result.verdict) && !result.attempts.empty() ? result.attempts.front() : result;
}

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  std::chrono::nanoseconds time{};

  void add(const TestResult& result) {
    ++tests;
    time += result.duration;
    const Verdict verdict = reported_attempt(result).verdict;
    if (verdict == Verdict::skipped)
      ++skipped;
    else if (is_error(verdict))
      ++errors;
    else if (is_failure(verdict))
      ++failures;
  }
};

std::string time_attribute(std::chrono::nanoseconds time, const ReportContext& context) {
  return context.deterministic ? std::string() : fmt::format(" time=\"{}\"", seconds_text(time));
}

// ISO 8601 in UTC without a zone suffix, the form the Ant schema asks for.
std::string timestamp_text(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  return std::string(text, length);
}

std::string properties(const RunResult& run, const ReportContext& context) {
  std::string out;
  const auto property = [&](std::string_view name, const std::string& value) {
    out += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, xml_escape(value, true));
  };
  if (context.seed) property("seed", std::to_string(*context.seed));
  if (context.shard_count > 1) property("shard", fmt::format("{}/{}", context.shard_index, context.shard_count));
  if (run.interrupted_by != 0) property("interrupted_by", signal_name(run.interrupted_by));
  if (context.sandbox)
    for (const auto& [name, value] : sandbox_properties(*context.sandbox)) property(name, value);
  return out.empty() ? out : "    <properties>\n" + out + "    </properties>\n";
}

// The one-line summary of `result` as an escaped attribute value.
std::string message_attribute(const TestResult& result, const ReportContext& context) {
  return xml_escape(detail::cap_text(detail::verdict_summary(result, context.deterministic), {.bytes = max_attribute}),
                    true);
}

// The <failure>, <error> or <skipped> element of a result, or nothing for a pass.
std::string outcome_element(const TestResult& result, const ReportContext& context) {
  const std::string summary = message_attribute(result, context);
  const std::string type(to_string(result.verdict));
  if (result.verdict == Verdict::skipped) return fmt::format("      <skipped message=\"{}\"/>\n", summary);
  if (!is_failure(result.verdict)) return {};
  const std::string text = detail::failure_report(result, context.deterministic);
  return fmt::format("      <{0} message=\"{1}\" type=\"{2}\">{3}</{0}>\n",
                     is_error(result.verdict) ? "error" : "failure", summary, type, xml_escape(detail::cap_text(text)));
}

std::string output_element(std::string_view element, const CapturedOutput& output, std::string_view indent = "      ") {
  if (output.empty()) return {};
  return fmt::format("{0}<{1}>{2}</{1}>\n", indent, element, xml_escape(detail::cap_text(output.text())));
}

// Surefire's element for a failed attempt besides the reported one: <flakyFailure> / <flakyError> in a test that
// passed in the end, else <rerunFailure> / <rerunError>; its text in <stackTrace>, its output beside it.
std::string attempt_element(const TestResult& attempt, bool flaky, const ReportContext& context) {
  const std::string element =
      fmt::format("{}{}", flaky ? "flaky" : "rerun", is_error(attempt.verdict) ? "Error" : "Failure");
  return fmt::format(
      "      <{0} message=\"{1}\" type=\"{2}\">\n        <stackTrace>{3}</stackTrace>\n{4}{5}      </{0}>\n", element,
      message_attribute(attempt, context), to_string(attempt.verdict),
      xml_escape(detail::cap_text(detail::failure_report(attempt, context.deterministic))),
      output_element("system-out", attempt.out, "        "), output_element("system-err", attempt.err, "        "));
}

std::string testcase(const TestResult& result, const ReportContext& context) {
  const TestInfo& test = *result.test;
  const TestResult& reported = reported_attempt(result);
  std::string body = outcome_element(reported, context);
  for (const TestResult& attempt : result.attempts)
    if (&attempt != &reported) body += attempt_element(attempt, result.verdict == Verdict::flaky, context);
  if (&reported != &result) body += attempt_element(result, false, context);
  body += output_element("system-out", reported.out) + output_element("system-err", reported.err);
  const std::string open =
      fmt::format("    <testcase name=\"{}\" classname=\"{}\"{}", xml_escape(test.name_with_param(), true),
                  xml_escape(test.suite, true), time_attribute(result.duration, context));
  if (body.empty()) return open + "/>\n";
  return open + ">\n" + body + "    </testcase>\n";
}

}  // namespace

std::string render_junit(const RunResult& run, const ReportContext& context) {
  // Suites in the order of their first result; a suite's cases in result order.
  std::vector<std::string_view> suites;
  std::unordered_map<std::string_view, std::vector<const TestResult*>> results_of;
  for (const TestResult& result : run.results) {
    auto [entry, added] = results_of.try_emplace(result.test->suite);
    if (added) suites.push_back(result.test->suite);
    entry->second.push_back(&result);
  }

  Counts total;
  std::string body;
  const std::string suite_properties = properties(run, context);
  for (const std::string_view suite : suites) {
    Counts counts;
    std::string cases;
    for (const TestResult* result : results_of[suite]) {
      counts.add(*result);
      total.add(*result);
      cases += testcase(*result, context);
    }
    std::string when;
    if (!context.deterministic)
      when = fmt::format(" timestamp=\"{}\" hostname=\"{}\"", timestamp_text(context.started),
                         xml_escape(context.hostname, true));
    body += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\"{}{}>\n{}{}"
        "  </testsuite>\n",
        xml_escape(suite, true), counts.tests, counts.failures, counts.errors, counts.skipped,
        time_attribute(counts.time, context), when, suite_properties, cases);
  }
  const std::string head = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" "
      "errors=\"{}\"{}",
      xml_escape(context.program, true), total.tests, total.failures, total.errors,
      time_attribute(run.duration, context));
  if (body.empty()) return head + "/>\n";
  return head + ">\n" + body + "</testsuites>\n";
}

}  // namespace testkit
