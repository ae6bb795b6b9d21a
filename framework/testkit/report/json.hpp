#pragma once
/// The JSON report: every fact the runner knows about a run, in the versioned schema of docs/report-json.md.

#include <string>

#include <testkit/core/result.hpp>
#include <testkit/report/report_context.hpp>

namespace testkit {

/// Version of the "testkit-report" JSON schema; raised when a field changes meaning or goes away (new
/// fields may appear without a change).
inline constexpr int json_report_version = 1;

/// The run as one JSON object ({"schema": "testkit-report", "version": 1, ...}; see docs/report-json.md),
/// pretty-printed with two-space indents and ending in a newline. Strings are valid UTF-8: malformed bytes
/// become the text "\xNN". Pure: depends only on its arguments.
/// Example: write_report_file("report.json", render_json(run, context));
[[nodiscard]] std::string render_json(const RunResult& run, const ReportContext& context);

}  // namespace testkit
