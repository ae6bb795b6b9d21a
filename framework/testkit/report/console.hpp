#pragma once
/// The console report: a line per finished test, failures in full, a summary.

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <testkit/report/failure_text.hpp>
#include <testkit/report/listener.hpp>

namespace testkit {

/// How the console report looks.
struct ConsoleStyle {
  bool color = false;
  bool deterministic = false;  ///< no times, short file names, no stack traces: stable for golden files
  bool live = false;           ///< a terminal: one status line rewritten in place, lines only for non-passes
  bool flaky_fails = false;    ///< --flaky-fails: the closing lines say that flaky tests fail the run
};

/// Prints to `out`: one line per finished test (failures with their details and captured output), or in
/// live mode a status line (done/total, elapsed, running tests) with lines only for tests that did not
/// pass; then the failed and the flaky tests again, the tests that did not pass every run (--repeat), and the
/// closing line "N passed, N failed, N skipped". A test that ran more than once (--retries) shows each attempt.
/// Text that tests produce (names, parameters, reasons, failures, captured output) is hostile input: control
/// characters other than tab and newline, and malformed UTF-8, are printed as visible "\xNN" escapes (so a test
/// cannot clear, retitle or otherwise drive the terminal), one-line fields keep newlines escaped too, and each
/// text is capped at max_shown_bytes and max_shown_lines. The reporter's own colours are added afterwards.
class ConsoleReporter final : public Listener {
 public:
  ConsoleReporter(std::FILE* out, ConsoleStyle style);
  using Listener::on;
  void on(const RunStarted& event) override;
  void on(const TestStarted& event) override;
  void on(const TestEnded& event) override;
  void on(const RunEnded& event) override;

  /// Most bytes of one text a test produced that are shown: a failure's headline, details, message or stack
  /// trace, a captured stream, a name or reason. A longer text shows its first and last halves, with a line
  /// saying how much was elided and that the file reports keep more (max_report_field, 64 KiB).
  static constexpr std::size_t max_shown_bytes = 8192;
  /// Most lines of one such text that are shown; a text of more lines shows its first and last halves.
  static constexpr std::size_t max_shown_lines = 100;
  /// Tests that ran this long or longer are marked slow.
  static constexpr std::chrono::milliseconds slow_test{1000};

 private:
  void print_captured(std::string_view stream, const CapturedOutput& output, std::string_view indent);
  void print_result(const TestResult& result);
  void print_details(const TestResult& result, std::string_view indent);
  void print_attempt_heading(std::size_t number, const TestResult& attempt);
  void print_pass_ratios(const RunResult& run);
  void draw_status();
  void clear_status();

  std::FILE* out_;
  ConsoleStyle style_;
  Palette palette_;
  std::vector<std::string> failed_names_;
  std::vector<std::string> flaky_names_;
  std::vector<const TestInfo*> running_;  ///< started and not ended, in start order
  std::size_t planned_ = 0;
  std::size_t done_ = 0;
  std::chrono::steady_clock::time_point started_{};
  std::chrono::steady_clock::time_point last_flush_{};
  static constexpr std::chrono::milliseconds flush_interval{100};
  bool status_shown_ = false;
};

/// The closing line of a run: "N passed, N failed, N skipped".
[[nodiscard]] std::string summary_line(const Tally& tally);

}  // namespace testkit
