#pragma once
/// The console report: a line per finished test, failures in full, a summary.

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
};

/// Prints to `out`: one line per finished test (failures with their details and captured text), then the
/// failed tests again and the closing line "N passed, N failed, N skipped".
class ConsoleReporter final : public Listener {
 public:
  ConsoleReporter(std::FILE* out, ConsoleStyle style);
  void on(const RunStarted& event) override;
  void on(const TestEnded& event) override;
  void on(const RunEnded& event) override;

  /// Bytes of a failed test's captured stdout or stderr shown (the end of it).
  static constexpr std::size_t max_shown_output = 4000;

 private:
  void print_captured(std::string_view stream, const CapturedOutput& output);

  std::FILE* out_;
  ConsoleStyle style_;
  Palette palette_;
  std::vector<std::string> failed_names_;
};

/// The closing line of a run: "N passed, N failed, N skipped".
[[nodiscard]] std::string summary_line(const Tally& tally);

}  // namespace testkit
