#pragma once
/// The JUnit XML report (the Jenkins xunit junit-10.xsd shape that GitLab, Jenkins and GitHub actions read).

#include <string>

#include <testkit/core/result.hpp>
#include <testkit/report/report_context.hpp>

namespace testkit {

/// The run as JUnit XML: <testsuites> with a <testsuite> per suite (in order of their first result), a
/// <testcase name classname time> per result with <failure> (failed, unexpected pass, leaked), <error> (crashed,
/// timed out, exited early, output limit, memory error) or <skipped>, and the test's <system-out> / <system-err>.
/// Pure: depends only on its arguments. Example: write_report_file("out.xml", render_junit(run, context));
[[nodiscard]] std::string render_junit(const RunResult& run, const ReportContext& context);

}  // namespace testkit
