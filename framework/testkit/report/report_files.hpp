#pragma once
/// Writing the file reports of a run: where they go, checking those places, and keeping the files current.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/report/listener.hpp>
#include <testkit/report/report_context.hpp>

namespace testkit {

/// Where the file reports of a run go; an empty path writes no such report.
struct ReportPaths {
  std::string junit_xml{};   ///< --junit-xml, --gtest_output=xml:PATH or $XML_OUTPUT_FILE
  std::string tap{};         ///< --tap PATH
  bool tap_stdout = false;   ///< --tap without a path: TAP on stdout (the console report moves to stderr)
  std::string json{};        ///< --json
  std::string gradescope{};  ///< --gradescope
  std::string html{};        ///< --html

  /// True when any report is asked for.
  [[nodiscard]] bool any() const {
    return tap_stdout || !junit_xml.empty() || !tap.empty() || !json.empty() || !gradescope.empty() || !html.empty();
  }
};

/// Checks, before any test runs, that every report can be written: the path is not a directory nor another file
/// that is not a regular one (a device, a pipe), its directory exists and this process can create files in it
/// (it creates and removes the temporary file a write would start with), and no two reports share a path.
/// Returns what is wrong (one line naming the option's format and the path), or empty when all is well.
[[nodiscard]] std::string check_report_paths(const ReportPaths& paths);

/// Replaces `path` with `text` atomically: writes a temporary file in the same directory, then exchanges it with an
/// existing regular file (removing the old one) or renames it, so that a reader (or a crash) never sees half a
/// report. The file gets 0666 minus the umask.
/// Throws std::system_error when it cannot.
void write_report_file(const std::string& path, std::string_view text);

/// Writes the requested reports at the end of the run (RunEnded), and, so that a run that dies (a crash
/// under --no-fork, SIGKILL) still leaves complete reports of the tests that finished, also rewrites them
/// while the run goes on, whenever a test ends and the rewrites fit their time budget (within_rewrite_budget).
/// A small suite is thus rewritten after every test, and a large one (whose reports take longer to render)
/// only as often as the budget allows. Hooks run on the run's listener thread.
class ReportWriter final : public Listener {
 public:
  ReportWriter(ReportPaths paths, ReportContext context);
  using Listener::on;
  void on(const RunStarted& event) override;
  void on(const TestStarted& event) override;
  void on(const TestEnded& event) override;
  void on(const RunEnded& event) override;

  /// What went wrong in the final write, one line per report; empty when every report was written.
  [[nodiscard]] const std::vector<std::string>& errors() const { return errors_; }

  /// Whether a rewrite after `finished` tests fits the budget, the rewrites so far having taken `spent` of a run
  /// that has lasted `elapsed`: always after each of the first 100 tests (unless the rewrites took 250 ms
  /// already), later only while they took at most 5% of the run. So a small suite's reports always hold every
  /// finished test, and a run of 10,000 fast tests pays for its reports little more than the final write.
  [[nodiscard]] static bool within_rewrite_budget(std::size_t finished, std::chrono::nanoseconds spent,
                                                  std::chrono::nanoseconds elapsed);

 private:
  void write_files(const RunResult& run, bool final);
  void write_if_due();

  ReportPaths paths_;
  ReportContext context_;
  RunResult partial_{};  ///< the results so far, for the rewrites during the run
  bool dirty_ = false;
  std::chrono::steady_clock::time_point started_{};
  std::chrono::nanoseconds spent_{};  ///< time taken by the rewrites so far
  std::vector<std::string> errors_;
};

}  // namespace testkit
