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
};

/// Prints to `out`: one line per finished test (failures with their details and captured output), or in
/// live mode a status line (done/total, elapsed, running tests) with lines only for tests that did not
/// pass; then the failed tests again and the closing line "N passed, N failed, N skipped".
class ConsoleReporter final : public Listener {
 public:
  ConsoleReporter(std::FILE* out, ConsoleStyle style);
  using Listener::on;
  void on(const RunStarted& event) override;
  void on(const TestStarted& event) override;
  void on(const TestEnded& event) override;
  void on(const RunEnded& event) override;

  /// Bytes of a failed test's captured stdout or stderr shown (the end of it).
  static constexpr std::size_t max_shown_output = 4000;
  /// Tests that ran this long or longer are marked slow.
  static constexpr std::chrono::milliseconds slow_test{1000};

 private:
  void print_captured(std::string_view stream, const CapturedOutput& output);
  void print_result(const TestResult& result);
  void draw_status();
  void clear_status();

  std::FILE* out_;
  ConsoleStyle style_;
  Palette palette_;
  std::vector<std::string> failed_names_;
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
