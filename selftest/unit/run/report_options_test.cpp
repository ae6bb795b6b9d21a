// The report options of read_settings: --junit-xml, --tap with and without a path, --json, --gradescope, and
// the gtest and Bazel spellings of a JUnit path.
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include <testkit/run/settings.hpp>
#include <testkit/testkit.hpp>

namespace {

using testkit::ParsedSettings;

using Variables = std::map<std::string, std::string>;

// The report paths that read_settings gives for `arguments` (after the program name "/bin/dir/unit_tests") and
// the environment `variables`.
testkit::ReportPaths reports(std::initializer_list<const char*> arguments, const Variables& variables = {}) {
  std::vector<const char*> argv{"/bin/dir/unit_tests"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  const ParsedSettings parsed =
      testkit::read_settings(static_cast<int>(argv.size()), argv.data(), [&](const char* name) -> const char* {
        const auto found = variables.find(name);
        return found == variables.end() ? nullptr : found->second.c_str();
      });
  TK_ASSERT(parsed.settings.has_value(), "exit code {}", parsed.exit_code);
  return parsed.settings->reports;
}

TK_TEST(ReportOptions, none_by_default) { TK_EXPECT_FALSE(reports({}).any()); }

TK_TEST(ReportOptions, each_format_takes_a_path_and_several_combine) {
  const auto paths = reports({"--junit-xml", "a.xml", "--tap", "b.tap", "--json=c.json", "--gradescope", "d.json"});
  TK_EXPECT_EQ(paths.junit_xml, "a.xml");
  TK_EXPECT_EQ(paths.tap, "b.tap");
  TK_EXPECT_FALSE(paths.tap_stdout);
  TK_EXPECT_EQ(paths.json, "c.json");
  TK_EXPECT_EQ(paths.gradescope, "d.json");
}

TK_TEST(ReportOptions, tap_without_a_path_or_with_a_dash_goes_to_stdout) {
  for (const auto& arguments : {std::vector<const char*>{"--tap"}, std::vector<const char*>{"--tap", "--json", "x"},
                                std::vector<const char*>{"--tap", "-"}}) {
    TK_SUBTEST("{}", fmt::join(arguments, " ")) {
      std::vector<const char*> argv{"unit_tests"};
      argv.insert(argv.end(), arguments.begin(), arguments.end());
      const ParsedSettings parsed = testkit::parse_command_line(static_cast<int>(argv.size()), argv.data());
      TK_ASSERT(parsed.settings.has_value());
      TK_EXPECT(parsed.settings->reports.tap_stdout);
      TK_EXPECT_EQ(parsed.settings->reports.tap, "");
    };
  }
}

TK_TEST(ReportOptions, gtest_output_gives_a_file_or_a_directory_named_after_the_program) {
  TK_EXPECT_EQ(reports({"--gtest_output=xml:out/r.xml"}).junit_xml, "out/r.xml");
  TK_EXPECT_EQ(reports({"--gtest_output=xml:out/"}).junit_xml, "out/unit_tests.xml");
  TK_EXPECT_EQ(reports({"--gtest_output=xml"}).junit_xml, "test_detail.xml");
  TK_EXPECT_EQ(reports({"--junit-xml", "mine.xml", "--gtest_output=xml:theirs.xml"}).junit_xml, "mine.xml");
  const char* argv[] = {"unit_tests", "--gtest_output=json:x.json"};
  TK_EXPECT_EQ(testkit::parse_command_line(2, argv).exit_code, testkit::exit_code::usage_error);
}

TK_TEST(ReportOptions, gtest_output_variable_is_read_like_the_option) {
  const Variables gtest_output{{"GTEST_OUTPUT", "xml:from_env.xml"}};
  TK_EXPECT_EQ(reports({}, gtest_output).junit_xml, "from_env.xml");
  TK_EXPECT_EQ(reports({"--gtest_output=xml:option.xml"}, gtest_output).junit_xml, "option.xml");
}

TK_TEST(ReportOptions, bazel_xml_output_file_is_the_fallback_junit_path) {
  const Variables bazel{{"XML_OUTPUT_FILE", "/bazel/test.xml"}};
  TK_EXPECT_EQ(reports({}, bazel).junit_xml, "/bazel/test.xml");
  TK_EXPECT_EQ(reports({"--junit-xml", "mine.xml"}, bazel).junit_xml, "mine.xml");
  TK_EXPECT_FALSE(reports({}, {{"XML_OUTPUT_FILE", ""}}).any());
}

}  // namespace
