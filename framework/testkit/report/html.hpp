#pragma once
/// The HTML report: one self-contained page (no network, no external script, style or font) that shows the JSON
/// report of a run to a person: the summary, the failures, a timeline of the job slots and a filterable table.

#include <string>
#include <string_view>

#include <testkit/core/result.hpp>
#include <testkit/report/report_context.hpp>

namespace testkit {

/// The page for a JSON report `json_report` (as render_json writes it; any JSON object of that schema): the
/// document is embedded as it is, only with every '<' written "\u003c" so that no text in it (a test's output
/// holding "</script>") can end the element that holds it, and the page's inline script renders it. Pure.
[[nodiscard]] std::string render_html_of_json(std::string_view json_report);

/// The run as an HTML page: render_html_of_json(render_json(run, context)), so that the page and the JSON report
/// never disagree. Pure: depends only on its arguments.
/// Example: write_report_file("report.html", render_html(run, context));
[[nodiscard]] std::string render_html(const RunResult& run, const ReportContext& context);

}  // namespace testkit
