#include <testkit/run/report_options.hpp>

#include <filesystem>

#include <CLI/CLI.hpp>

namespace testkit {

void add_report_options(CLI::App& app, ReportArguments& arguments) {
  app.add_option("--junit-xml", arguments.junit_xml, "Write a JUnit XML report to this file")->type_name("PATH");
  arguments.tap_option =
      app.add_option("--tap", arguments.tap,
                     "Write a TAP version 13 report to this file; without a file, to stdout (the console report "
                     "then goes to stderr)")
          ->expected(0, 1)
          ->type_name("[PATH]");
  app.add_option("--json", arguments.json, "Write a JSON report (schema testkit-report, version 1) to this file")
      ->type_name("PATH");
  app.add_option("--gradescope", arguments.gradescope, "Write a Gradescope results.json to this file")
      ->type_name("PATH");
  app.add_option("--html", arguments.html,
                 "Write an HTML report to this file: one self-contained page with the failures, a timeline of the "
                 "job slots and a searchable table of the tests")
      ->type_name("PATH");
  app.add_option("--gtest_output", arguments.gtest_output,
                 "googletest's spelling of --junit-xml: xml:PATH, where a PATH ending in / is a directory that "
                 "gets <program>.xml")
      ->type_name("xml:PATH");
}

std::string junit_path_of_gtest_output(std::string_view value, std::string_view program, std::string& junit_xml) {
  if (value == "xml") {
    junit_xml = "test_detail.xml";  // googletest's default name
  } else if (value.starts_with("xml:") && value.size() > 4) {
    junit_xml = value.substr(4);
    if (junit_xml.ends_with('/')) junit_xml += std::filesystem::path(program).filename().string() + ".xml";
  } else {
    return "takes xml or xml:PATH, not '" + std::string(value) + "'";
  }
  return {};
}

std::string resolve_report_paths(const ReportArguments& arguments, std::string_view program, ReportPaths& paths) {
  paths.junit_xml = arguments.junit_xml;
  paths.json = arguments.json;
  paths.gradescope = arguments.gradescope;
  paths.html = arguments.html;
  if (arguments.tap_option != nullptr && arguments.tap_option->count() > 0) {
    paths.tap = arguments.tap;
    paths.tap_stdout = arguments.tap.empty() || arguments.tap == "-";
    if (paths.tap_stdout) paths.tap.clear();
  }
  if (paths.junit_xml.empty() && !arguments.gtest_output.empty()) {
    if (std::string problem = junit_path_of_gtest_output(arguments.gtest_output, program, paths.junit_xml);
        !problem.empty())
      return "--gtest_output " + problem;
  }
  return {};
}

}  // namespace testkit
