#include <testkit/report/tap.hpp>

#include <fmt/format.h>

#include <testkit/report/detail/report_text.hpp>
#include <testkit/report/failure_text.hpp>

namespace testkit {
namespace {

using detail::clean_utf8;
using detail::Controls;

// Escapes `specials` (and the escape character) in the raw text first, then makes the rest valid UTF-8, so
// that "\xNN" escapes of malformed bytes are not escaped twice.
std::string escaped(std::string_view text, std::string_view specials) {
  std::string out;
  for (const char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (specials.find(c) != std::string_view::npos)
      out += {'\\', c};
    else
      out += c;
  }
  return clean_utf8(out, Controls::keep_line_breaks);
}

// Text on a test line: "#" would start a directive and a line break would end the line.
std::string line_text(std::string_view text) { return escaped(text, "#"); }

// A YAML double-quoted scalar: safe for any text, including ": " and "#" that would end a plain one.
std::string quoted(std::string_view text) { return "\"" + escaped(text, "\"") + "\""; }

// "  key: value" in the diagnostics block: a literal block scalar for readable multi-line text, else quoted.
// Every line of a block carries the indent, blank ones too: prove's YAML reader ends a block at a bare line.
std::string yaml_field(std::string_view key, std::string_view text) {
  std::string capped = detail::cap_text(text);
  while (capped.ends_with('\n')) capped.pop_back();
  const bool block = capped.find('\n') != std::string::npos && capped.front() != ' ' && capped.front() != '\t';
  if (!block) return fmt::format("  {}: {}\n", key, quoted(capped));
  std::string out = fmt::format("  {}: |\n", key);
  const std::string clean = clean_utf8(capped, Controls::keep_line_breaks);
  for (std::size_t start = 0; start <= clean.size();) {
    const std::size_t end = std::min(clean.find('\n', start), clean.size());
    out.append("    ").append(clean, start, end - start).append("\n");
    start = end + 1;
  }
  return out;
}

// "  attempt_N: ..." for each earlier attempt of `result` (--retries): its verdict, then what the reports say of it.
std::string attempt_fields(const TestResult& result, const ReportContext& context) {
  std::string out;
  for (std::size_t index = 0; index < result.attempts.size(); ++index) {
    const TestResult& attempt = result.attempts[index];
    out += yaml_field(
        fmt::format("attempt_{}", index + 1),
        fmt::format("{}\n{}", to_string(attempt.verdict), detail::failure_report(attempt, context.deterministic)));
  }
  return out;
}

std::string diagnostics(const TestResult& result, const ReportContext& context) {
  std::string out = "  ---\n";
  out += fmt::format("  verdict: {}\n", to_string(result.verdict));
  if (!result.attempts.empty()) out += fmt::format("  attempts: {}\n", result.attempt_count());
  const Location& where = result.failures.empty() ? result.test->where : result.failures.front().where;
  out += fmt::format("  location: {}\n", quoted(display_location(where, context.deterministic)));
  if (!context.deterministic)
    out += fmt::format("  duration_ms: {:.3f}\n", std::chrono::duration<double, std::milli>(result.duration).count());
  if (result.verdict != Verdict::flaky)
    out += yaml_field("message", detail::failure_report(result, context.deterministic));
  out += attempt_fields(result, context);
  if (!result.out.empty()) out += yaml_field("stdout", result.out.text());
  if (!result.err.empty()) out += yaml_field("stderr", result.err.text());
  return out + "  ...\n";
}

std::string test_line(const TestResult& result, std::size_t number, const ReportContext& context) {
  const std::string name = line_text(result.test->display_name());
  switch (result.verdict) {
    case Verdict::passed: return fmt::format("ok {} - {}\n", number, name);
    // A pass for every TAP consumer: the comment and the diagnostics tell of the attempts that failed first.
    case Verdict::flaky:
      return fmt::format("ok {} - {} # flaky: passed on attempt {} of {}\n{}", number, name, result.attempt_count(),
                         result.retries + 1, diagnostics(result, context));
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
    out +=
        fmt::format("# interrupted by {}: only the tests that finished are listed\n", signal_name(run.interrupted_by));
  return out;
}

}  // namespace testkit
