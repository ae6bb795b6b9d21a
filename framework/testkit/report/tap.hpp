#pragma once
/// The TAP version 13 report (Perl's prove, Meson's protocol: 'tap').

#include <string>

#include <testkit/core/result.hpp>
#include <testkit/report/report_context.hpp>

namespace testkit {

/// The run as TAP version 13 (not 14, which Debian's prove rejects): the plan "1..N" for the N results,
/// then "ok" / "not ok" per result in result order, skips as "# SKIP reason", expected failures as
/// "not ok ... # TODO reason", and a YAML block (verdict, location, duration, message, output) under each
/// result that did not pass. Names escape "\", "#" and line breaks. Pure: depends only on its arguments.
/// Example: std::fputs(render_tap(run, context).c_str(), stdout);
[[nodiscard]] std::string render_tap(const RunResult& run, const ReportContext& context);

}  // namespace testkit
