#pragma once
/// The command-line options and environment variables that ask for file reports.

#include <string>
#include <string_view>

#include <testkit/report/report_files.hpp>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace testkit {

/// The report options as typed, before they are resolved into ReportPaths.
struct ReportArguments {
  std::string junit_xml{};
  std::string tap{};
  CLI::Option* tap_option = nullptr;  ///< tells "--tap" (stdout) from no --tap at all
  std::string json{};
  std::string gradescope{};
  std::string html{};
  std::string gtest_output{};  ///< "xml" or "xml:PATH" (a PATH ending in '/' is a directory)
};

/// Adds --junit-xml, --tap [PATH], --json, --gradescope, --html and --gtest_output to `app`, storing into `arguments`
/// (which must outlive the parse).
void add_report_options(CLI::App& app, ReportArguments& arguments);

/// The report paths that `arguments` ask for: --gtest_output=xml:PATH gives the JUnit path when --junit-xml does
/// not. `program` is argv[0], whose base name names the file when --gtest_output gives a directory. Returns an
/// error message, or empty.
[[nodiscard]] std::string resolve_report_paths(const ReportArguments& arguments, std::string_view program,
                                               ReportPaths& paths);

/// Sets `junit_xml` to the file that a GoogleTest output request (--gtest_output's or GTEST_OUTPUT's value: "xml",
/// "xml:FILE" or "xml:DIR/") names; `program` names the file in a directory. Returns what is wrong with `value`
/// ("takes xml or xml:PATH, not ..."), or empty.
[[nodiscard]] std::string junit_path_of_gtest_output(std::string_view value, std::string_view program,
                                                     std::string& junit_xml);

}  // namespace testkit
