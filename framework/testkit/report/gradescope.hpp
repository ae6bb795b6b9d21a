#pragma once
/// The Gradescope autograder report (results.json).

#include <string>

#include <testkit/core/result.hpp>
#include <testkit/report/report_context.hpp>

namespace testkit {

/// The run as Gradescope's results.json: score (the points of the tests that passed, expected failures
/// included), max_score (the points of the tests that ran), execution_time, output (the summary line),
/// visibility, and tests[] with name, score, max_score (Metadata::points), status "passed"/"failed",
/// output (the failures as the console words them, then the test's captured output), visibility
/// (Metadata::visibility), execution_time and tags. A skipped test has score 0, max_score 0 and no status
/// (Gradescope does not show it failed), and its output says why it was skipped. Pure: depends only on its
/// arguments.
/// Example: write_report_file("/autograder/results/results.json", render_gradescope(run, context));
[[nodiscard]] std::string render_gradescope(const RunResult& run, const ReportContext& context);

}  // namespace testkit
