#include <testkit/report/console.hpp>

#include <sys/ioctl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include <testkit/report/detail/report_text.hpp>

namespace testkit {
namespace {

using detail::clean_utf8;
using detail::Controls;

// How the console cuts a long text a test produced; the file reports keep more of it.
detail::TextCap shown_cap(bool one_line) {
  static const std::string note = fmt::format("; the file reports keep up to {} KiB", detail::max_report_field >> 10);
  return {.bytes = ConsoleReporter::max_shown_bytes,
          .lines = one_line ? detail::TextCap{}.lines : ConsoleReporter::max_shown_lines,
          .note = note,
          .one_line = one_line};
}

// Text a test produced, capped and with its control characters visible: printed raw, "\033]0;...\007" would
// retitle the terminal and "\033[2J" clear it. Capped first, so that a 10 MB message is not cleaned only to be cut.
std::string shown(std::string_view text) {
  return clean_utf8(detail::cap_text(text, shown_cap(false)), Controls::terminal);
}

// The same for text that must stay on its line (a test name, a reason): a newline in it could start a line that
// looks like the reporter's own ("PASS  Grading.all").
std::string shown_line(std::string_view text) {
  return clean_utf8(detail::cap_text(text, shown_cap(true)), Controls::terminal_line);
}

// `failure` as the console shows it: every text in it capped and cleaned, before the palette adds its colours.
Failure shown_failure(const Failure& failure) {
  Failure out = detail::capped_failure(failure, shown_cap(false));
  for (std::string* field : {&out.headline, &out.details, &out.message, &out.stacktrace})
    *field = clean_utf8(*field, Controls::terminal);
  for (std::string* field : {&out.where.file, &out.phase, &out.subtest}) *field = shown_line(*field);
  return out;
}

std::string_view label_of(Verdict verdict) {
  switch (verdict) {
    case Verdict::passed: return "PASS ";
    case Verdict::failed: return "FAIL ";
    case Verdict::skipped: return "SKIP ";
    case Verdict::expected_failure: return "XFAIL";
    case Verdict::unexpected_pass: return "XPASS";
    case Verdict::crashed: return "CRASH";
    case Verdict::timed_out: return "TIMEOUT";  // the one label wider than the column: rare, and clearer whole
    case Verdict::exited_early: return "EXIT ";
    case Verdict::output_limit: return "FLOOD";
    case Verdict::flaky: return "FLAKY";
    case Verdict::leaked: return "LEAK ";
    case Verdict::memory_error: return "MEMORY";  // wider than the column, as TIMEOUT
  }
  return "?    ";
}

// Appends `pieces` to `line`: plain appends, as a passing test's line is most of what a fast run does.
template <typename... Pieces> void append(std::string& line, const Pieces&... pieces) { (line.append(pieces), ...); }

// "12.3 ms" below a second, "4.56 s" from one up, rounded half up. Integer arithmetic: formatting a double to a
// precision costs about a thousand instructions.
std::string format_duration(std::chrono::nanoseconds duration) {
  const long long ns = std::max<long long>(duration.count(), 0);
  if (ns < 999'950'000) {
    const long long tenths_of_ms = (ns + 50'000) / 100'000;
    return fmt::format_int(tenths_of_ms / 10).str() + "." + fmt::format_int(tenths_of_ms % 10).str() + " ms";
  }
  const long long hundredths_of_s = (ns + 5'000'000) / 10'000'000;
  const long long fraction = hundredths_of_s % 100;
  return fmt::format_int(hundredths_of_s / 100).str() + (fraction < 10 ? ".0" : ".") + fmt::format_int(fraction).str() +
         " s";
}

}  // namespace

std::string summary_line(const Tally& tally) {
  return fmt::format("{} passed, {} failed, {} skipped", tally.passed, tally.failed, tally.skipped);
}

ConsoleReporter::ConsoleReporter(std::FILE* out, ConsoleStyle style)
    : out_(out), style_(style), palette_(Palette::make(style.color)) {}

void ConsoleReporter::on(const TestStarted& event) {
  running_.push_back(&event.test);
  if (style_.live) draw_status();
}

void ConsoleReporter::draw_status() {
  winsize size{};
  const std::size_t width = ::ioctl(fileno(out_), TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::string line = fmt::format("[{}/{}] {:.1f} s", done_, planned_, seconds);
  for (std::size_t i = 0; i < running_.size(); ++i)
    line += (i == 0 ? " · running: " : ", ") + shown_line(running_[i]->full_name());
  if (line.size() > width - 1) line.resize(width - 1);
  fmt::print(out_, "\r{}{}{}\033[K", palette_.dim, line, palette_.reset);
  std::fflush(out_);
  status_shown_ = true;
}

void ConsoleReporter::clear_status() {
  if (!status_shown_) return;
  fmt::print(out_, "\r\033[K");
  status_shown_ = false;
}

void ConsoleReporter::on(const RunStarted& event) {
  planned_ = event.plan.size();
  started_ = std::chrono::steady_clock::now();
  fmt::print(out_, "{}Running {} test{}{}\n", palette_.bold, event.plan.size(), event.plan.size() == 1 ? "" : "s",
             palette_.reset);
  std::fflush(out_);
}

void ConsoleReporter::on(const TestEnded& event) {
  const TestResult& result = event.result;
  ++done_;
  if (const auto running = std::ranges::find(running_, result.test); running != running_.end()) running_.erase(running);
  if (style_.live) {
    clear_status();
    if (result.verdict != Verdict::passed) print_result(result);
    draw_status();
  } else {
    print_result(result);
  }
  // A flush per test is a write per test; a pipe or a log file gets the lines in batches, at least every 100 ms
  // and at once for a test that did not pass.
  const auto now = std::chrono::steady_clock::now();
  if (style_.live || result.verdict != Verdict::passed || now - last_flush_ >= flush_interval) {
    std::fflush(out_);
    last_flush_ = now;
  }
}

// "s" unless there is one.
std::string_view plural(std::size_t count) { return count == 1 ? "" : "s"; }

void ConsoleReporter::print_result(const TestResult& result) {
  const Verdict verdict = result.verdict;
  const std::string_view color = is_failure(verdict)                                        ? palette_.red
                                 : verdict == Verdict::skipped || verdict == Verdict::flaky ? palette_.yellow
                                                                                            : palette_.green;
  std::string line;
  line.reserve(128);
  const TestInfo& test = *result.test;
  append(line, color, label_of(verdict), palette_.reset, " ", shown_line(test.display_name()));
  if (!result.reason.empty()) append(line, ": ", shown_line(result.reason));
  if (!style_.deterministic) {
    append(line, " ", palette_.dim, "(", format_duration(result.duration), ")", palette_.reset);
    if (result.duration >= slow_test) append(line, " ", palette_.yellow, "SLOW", palette_.reset);
  }
  if (verdict == Verdict::unexpected_pass) append(line, " (passed, but was expected to fail)");
  const std::size_t attempts = result.attempt_count();
  if (attempts > 1)
    append(line, " (", std::string_view(verdict == Verdict::flaky ? "passed" : "ended"), " on attempt ",
           fmt::format_int(attempts).str(), " of ", fmt::format_int(result.retries + 1).str(), ")");
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), out_);

  // Each earlier attempt under a heading of its own; then the last one's, when it did not pass.
  for (std::size_t attempt = 0; attempt < result.attempts.size(); ++attempt) {
    print_attempt_heading(attempt + 1, result.attempts[attempt]);
    print_details(result.attempts[attempt], "    ");
  }
  if (is_failure(verdict) || verdict == Verdict::expected_failure) {
    if (attempts > 1) print_attempt_heading(attempts, result);
    print_details(result, attempts > 1 ? "    " : "  ");
  }
  if (is_failure(verdict)) failed_names_.push_back(shown_line(result.test->full_name()));
  if (verdict == Verdict::flaky) flaky_names_.push_back(shown_line(result.test->full_name()));
}

void ConsoleReporter::print_attempt_heading(std::size_t number, const TestResult& attempt) {
  std::string_view label = label_of(attempt.verdict);
  while (label.ends_with(' ')) label.remove_suffix(1);
  std::string heading;
  append(heading, "  ", is_failure(attempt.verdict) ? palette_.red : palette_.green, "attempt ",
         fmt::format_int(number).str(), ": ", label, palette_.reset);
  if (!style_.deterministic)
    append(heading, " ", palette_.dim, "(", format_duration(attempt.duration), ")", palette_.reset);
  heading += '\n';
  std::fwrite(heading.data(), 1, heading.size(), out_);
}

void ConsoleReporter::print_details(const TestResult& result, std::string_view indent) {
  const FailureStyle failure_style{
      .short_paths = style_.deterministic, .stacktrace = !style_.deterministic, .palette = palette_};
  for (const Failure& failure : result.failures)
    fmt::print(out_, "{}\n", indent_lines(format_failure(shown_failure(failure), failure_style), indent));
  if (result.omitted_failures > 0) fmt::print(out_, "{}... and {} more failures\n", indent, result.omitted_failures);
  if (const std::string tmp_path = detail::tmp_path_line(result); !tmp_path.empty())
    fmt::print(out_, "{}{}\n", indent, tmp_path);
  print_captured("stdout", result.out, indent);
  print_captured("stderr", result.err, indent);
}

void ConsoleReporter::print_captured(std::string_view stream, const CapturedOutput& output, std::string_view indent) {
  if (output.empty()) return;
  std::string text = shown(output.text());
  if (text.ends_with('\n')) text.pop_back();
  fmt::print(out_, "{}{}captured {} ({} bytes):{}\n{}\n", indent, palette_.dim, stream, output.total_bytes,
             palette_.reset, indent_lines(text, std::string(indent) + "| "));
}

void ConsoleReporter::print_pass_ratios(const RunResult& run) {
  bool first = true;
  for (const PassRatio& ratio : pass_ratios(run)) {
    if (ratio.passed == ratio.runs) continue;
    if (first) fmt::print(out_, "\n{}Tests that did not pass every run:{}\n", palette_.yellow, palette_.reset);
    first = false;
    fmt::print(out_, "  {}: passed {} of {} runs\n", shown_line(ratio.first->test->display_name()), ratio.passed,
               ratio.runs);
  }
}

void ConsoleReporter::on(const RunEnded& event) {
  clear_status();
  if (!failed_names_.empty()) {
    fmt::print(out_, "\n{}Failed tests:{}\n", palette_.red, palette_.reset);
    for (const auto& name : failed_names_) fmt::print(out_, "  {}\n", name);
  }
  if (!flaky_names_.empty()) {
    fmt::print(out_, "\n{}Flaky tests (failed, then passed when run again):{}\n", palette_.yellow, palette_.reset);
    for (const auto& name : flaky_names_) fmt::print(out_, "  {}\n", name);
  }
  print_pass_ratios(event.run);
  const Tally tally = event.run.tally();
  if (!style_.deterministic)
    fmt::print(out_, "\n{}Ran {} test{} in {}{}\n", palette_.dim, event.run.results.size(),
               event.run.results.size() == 1 ? "" : "s", format_duration(event.run.duration), palette_.reset);
  else
    fmt::print(out_, "\n");
  if (tally.expected_failures > 0)
    fmt::print(out_, "({} expected failure{} counted as passed)\n", tally.expected_failures,
               plural(tally.expected_failures));
  if (tally.flaky > 0)
    fmt::print(out_, "({} flaky test{} counted as passed{})\n", tally.flaky, plural(tally.flaky),
               style_.flaky_fails ? "; --flaky-fails fails the run" : "");
  fmt::print(out_, "{}\n", summary_line(tally));
  std::fflush(out_);
}

}  // namespace testkit
