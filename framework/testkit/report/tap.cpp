#include <testkit/report/tap.hpp>

#include <fmt/format.h>

#include <testkit/report/detail/report_text.hpp>
#include <testkit/report/failure_text.hpp>

namespace testkit {
namespace {

using detail::clean_utf8;
using detail::Controls;

// Text on a test line: "#" would start a directive and a line break would end the line, so both are escaped,
// and so is the escape character itself.
std::string line_text(std::string_view text) {
  std::string out;
  for (const char c : clean_utf8(text, Controls::keep_line_breaks)) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '#': out += "\\#"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out;
}

// A YAML double-quoted scalar: safe for any text, including ": " and "#" that would end a plain one.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : clean_utf8(text, Controls::keep_line_breaks)) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// "  key: value" in the diagnostics block: a literal block scalar for readable multi-line text, else quoted.
std::string yaml_field(std::string_view key, std::string_view text) {
  const std::string capped = detail::cap_text(text);
  const bool block = capped.find('\n') != std::string::npos && !capped.empty() && capped.front() != ' ' &&
                     capped.front() != '\t';
  if (!block) return fmt::format("  {}: {}\n", key, quoted(capped));
  return fmt::format("  {}: |\n{}\n", key, indent_lines(clean_utf8(capped, Controls::keep_line_breaks),
                                                                  "    "));
}

std::string diagnostics(const TestResult& result, const ReportContext& context) {
  std::string out = "  ---\n";
  out += fmt::format("  verdict: {}\n", to_string(result.verdict));
  const Location& where = result.failures.empty() ? result.test->where : result.failures.front().where;
  out += fmt::format("  location: {}\n", quoted(display_location(where, context.deterministic)));
  if (!context.deterministic)
    out += fmt::format("  duration_ms: {:.3f}\n", std::chrono::duration<double, std::milli>(result.duration).count());
  std::string message = detail::failures_text(result, context.deterministic);
  if (message.empty()) message = detail::verdict_summary(result, context.deterministic);
  out += yaml_field("message", message);
  if (!result.out.empty()) out += yaml_field("stdout", result.out.text());
  if (!result.err.empty()) out += yaml_field("stderr", result.err.text());
  return out + "  ...\n";
}

std::string test_line(const TestResult& result, std::size_t number, const ReportContext& context) {
  const std::string name = line_text(result.test->full_name() +
                                     (result.test->param.empty() ? "" : " [" + result.test->param + "]"));
  switch (result.verdict) {
    case Verdict::passed: return fmt::format("ok {} - {}\n", number, name);
    case Verdict::skipped: return fmt::format("ok {} - {} # SKIP {}\n", number, name, line_text(result.reason));
    case Verdict::expected_failure:
      return fmt::format("not ok {} - {} # TODO {}\n{}", number, name, line_text(result.reason),
                         diagnostics(result, context));
    default: return fmt::format("not ok {} - {}\n{}", number, name, diagnostics(result, context));
  }
}

}  // namespace

std::string render_tap(const RunResult& run, const ReportContext& context) {
  std::string out = "TAP version 13\n";
  if (run.results.empty()) return out + "1..0 # SKIP no tests ran\n";
  out += fmt::format("1..{}\n", run.results.size());
  if (context.seed) out += fmt::format("# seed {}\n", *context.seed);
  std::size_t number = 0;
  for (const TestResult& result : run.results) out += test_line(result, ++number, context);
  if (run.interrupted_by != 0)
    out += fmt::format("# interrupted by {}: only the tests that finished are listed\n",
                       detail::signal_name(run.interrupted_by));
  return out;
}

}  // namespace testkit
