// The file reports as a test binary writes them: the report options and their gtest / Bazel spellings, the
// start-up check of report paths, TAP on stdout, and complete reports from runs that were interrupted or
// died of a crash under --no-fork. JUnit files are linted with xmllint and the Jenkins xunit schema, TAP
// streams are read by prove.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "pid_file.hpp"
#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;
using testkit::selftest::run_process;

TK_TEST(ReportFiles, several_reports_at_once) {
  const std::string dir = temporary_directory(*this, "reports");
  const auto result = run_scenario(scenario_failures, {"--junit-xml", dir + "/r.xml", "--tap", dir + "/r.tap", "--json",
                                                       dir + "/r.json", "--gradescope", dir + "/g.json"});
  TK_EXPECT_EQ(result.exit_code, 1, "stderr: {}", result.err);
  TK_EXPECT_EQ(junit_problems(dir + "/r.xml"), "");
  const auto prove = run_process("/usr/bin/prove", {"--exec", "/bin/cat", dir + "/r.tap"});
  TK_EXPECT_CONTAINS(prove.out, "Failed 11/13 subtests");
  TK_EXPECT_EQ(nlohmann::json::parse(read_file(dir + "/r.json"))["tally"]["failed"], 11);
  TK_EXPECT_EQ(nlohmann::json::parse(read_file(dir + "/g.json"))["tests"].size(), 13u);
  // Only the reports are left: the temporary files they were written to have been renamed.
  TK_EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 4);
}

TK_TEST(ReportFiles, tap_without_a_path_makes_stdout_pure_tap_for_prove) {
  const std::string dir = temporary_directory(*this, "reports");
  const auto result = run_scenario(scenario_pass, {"--tap", "--color", "never"});
  TK_EXPECT_EQ(result.exit_code, 0, "stderr: {}", result.err);
  TK_EXPECT(result.out.starts_with("TAP version 13\n1..9\n"), "stdout:\n{}", result.out);
  TK_EXPECT_CONTAINS(result.err, "Running 9 tests");
  TK_EXPECT_EQ(last_line(result.err), "7 passed, 0 failed, 2 skipped");
  std::ofstream(dir + "/out.tap") << result.out;
  const auto prove = run_process("/usr/bin/prove", {"--exec", "/bin/cat", dir + "/out.tap"});
  TK_EXPECT_EQ(prove.exit_code, 0, "prove:\n{}", prove.out);
  TK_EXPECT_CONTAINS(prove.out, "Result: PASS");
}

TK_TEST(ReportFiles, gtest_output_names_a_file_or_a_directory) {
  const std::string dir = temporary_directory(*this, "reports");
  TK_EXPECT_EQ(run_scenario(scenario_pass, {"--gtest_output=xml:" + dir + "/"}).exit_code, 0);
  TK_EXPECT_EQ(junit_problems(dir + "/scenario_pass.xml"), "");
  TK_EXPECT_EQ(run_scenario(scenario_pass, {"--gtest_output=xml:" + dir + "/named.xml"}).exit_code, 0);
  TK_EXPECT_EQ(junit_problems(dir + "/named.xml"), "");
  const auto wrong = run_scenario(scenario_pass, {"--gtest_output=json:" + dir + "/x.json"});
  TK_EXPECT_EQ(wrong.exit_code, 2);
  TK_EXPECT_CONTAINS(wrong.err, "--gtest_output takes xml or xml:PATH");
}

TK_TEST(ReportFiles, bazel_xml_output_file_unless_another_junit_path_is_given) {
  const std::string dir = temporary_directory(*this, "reports");
  const auto bazel = run_scenario(scenario_pass, {}, {.set_env = {{"XML_OUTPUT_FILE", dir + "/bazel.xml"}}});
  TK_EXPECT_EQ(bazel.exit_code, 0, "stderr: {}", bazel.err);
  TK_EXPECT_EQ(junit_problems(dir + "/bazel.xml"), "");
  const auto both = run_scenario(scenario_pass, {"--junit-xml", dir + "/mine.xml"},
                                 {.set_env = {{"XML_OUTPUT_FILE", dir + "/ignored.xml"}}});
  TK_EXPECT_EQ(both.exit_code, 0);
  TK_EXPECT(std::filesystem::exists(dir + "/mine.xml"));
  TK_EXPECT_FALSE(std::filesystem::exists(dir + "/ignored.xml"));
}

TK_TEST(ReportFiles, unwritable_paths_end_the_run_before_any_test) {
  const std::string dir = temporary_directory(*this, "reports");
  std::ofstream(dir + "/file") << "x";
  TK_ASSERT_EQ(::mkfifo((dir + "/pipe").c_str(), 0600), 0);
  std::filesystem::create_directory(dir + "/read_only");
  std::filesystem::permissions(dir + "/read_only",
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  struct Bad {
    std::vector<std::string> arguments;
    std::string says;
  };
  std::vector<Bad> cases{
      {{"--junit-xml", dir + "/missing/r.xml"}, "does not exist"},
      {{"--json", dir}, "it is a directory"},
      {{"--tap", dir + "/file.tap/inside.tap"}, "does not exist"},
      {{"--gradescope", dir + "/same.json", "--json", dir + "/same.json"}, "would both be written"},
      // /proc passes access(2) for root, but nothing can be created in it.
      {{"--junit-xml", "/proc/x.xml"},
       "cannot write the JUnit XML report to '/proc/x.xml': cannot create files in '/proc'"},
      {{"--tap", dir + "/file/r.tap"}, "'" + dir + "/file' is not a directory"},
      // Never /dev/null here: a runner that missed it would replace the device with a file when run as root.
      {{"--json", dir + "/pipe"}, "cannot write the JSON report to '" + dir + "/pipe': it is not a regular file"},
  };
  // Root may write into a read-only directory.
  if (::geteuid() != 0) cases.push_back({{"--gradescope", dir + "/read_only/g.json"}, "cannot create files in"});
  for (const Bad& bad : cases) {
    TK_SUBTEST("{}", fmt::join(bad.arguments, " ")) {
      const auto result = run_scenario(scenario_pass, bad.arguments);
      TK_EXPECT_EQ(result.exit_code, 2);
      TK_EXPECT_CONTAINS(result.err, bad.says);
      TK_EXPECT_EQ(result.out, "", "no test may run");
    };
  }
}

TK_TEST(ReportFiles, an_interrupted_run_reports_what_finished) {
  const std::string dir = temporary_directory(*this, "reports");
  const std::string pid_file = dir + "/pids";
  const auto result = run_scenario(
      scenario_sleeps, {"-j", "2", "--junit-xml", dir + "/r.xml", "--json", dir + "/r.json", "--tap", dir + "/r.tap"},
      {.set_env = {{pid_file_variable, pid_file}}, .timeout = 20s, .signals = {{SIGINT, 300ms, [&] {
                                                                                  return pids_in(pid_file).size() == 3;
                                                                                }}}});
  TK_EXPECT_EQ(result.exit_code, 130, "stderr:\n{}", result.err);
  TK_EXPECT_EQ(junit_problems(dir + "/r.xml"), "");
  const std::string xml = read_file(dir + "/r.xml");
  TK_EXPECT_CONTAINS(xml, "tests=\"2\"");
  TK_EXPECT_CONTAINS(xml, "<property name=\"interrupted_by\" value=\"SIGINT\"/>");
  const auto json = nlohmann::json::parse(read_file(dir + "/r.json"));
  TK_EXPECT_EQ(json["interrupted_by"], "SIGINT");
  TK_EXPECT_EQ(json["tally"]["passed"], 2);
  TK_EXPECT_CONTAINS(read_file(dir + "/r.tap"), "1..2\n");
}

// Under --no-fork a segfault ends the whole process: the reports on disk hold every test that finished.
TK_TEST(ReportFiles, a_crash_without_fork_leaves_complete_reports_of_what_finished) {
  const std::string dir = temporary_directory(*this, "reports");
  const auto result =
      run_scenario(scenario_crashes, {"--no-fork", "-j1", "--filter",
                                      "Calm.first:Fault.assertion_failure:Calm.after_assertion_failure:Fault.segfault",
                                      "--junit-xml", dir + "/r.xml", "--json", dir + "/r.json"});
  // A sanitizer reports the segfault itself and exits with its own non-zero status instead.
  if (sanitized)
    TK_EXPECT((!result.exited() || result.exit_code != 0));
  else
    TK_EXPECT_EQ(result.signal, SIGSEGV);
  TK_EXPECT_EQ(junit_problems(dir + "/r.xml"), "");
  const std::string xml = read_file(dir + "/r.xml");
  TK_EXPECT_CONTAINS(xml, "tests=\"3\" failures=\"1\"");
  TK_EXPECT_CONTAINS(xml, "<testcase name=\"after_assertion_failure\"");
  const auto json = nlohmann::json::parse(read_file(dir + "/r.json"));
  TK_EXPECT_EQ(json["tests"].size(), 3u);
  TK_EXPECT_EQ(json["tests"][1]["verdict"], "failed");
}

}  // namespace
