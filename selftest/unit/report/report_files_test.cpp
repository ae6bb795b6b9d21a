// Writing report files: atomic replacement with the umask's permissions, and ReportWriter keeping the files on
// disk current while a run goes on, so that a run that dies leaves the tests that finished.
#include <testkit/report/report_files.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

// A fresh directory, removed when `test` ends.
fs::path scratch(testkit::TestCase& test) {
  const fs::path directory = fs::temp_directory_path() / ("tk_report_files_" + std::to_string(::getpid()));
  fs::remove_all(directory);
  fs::create_directories(directory);
  test.add_cleanup([directory] { fs::remove_all(directory); });
  return directory;
}

TK_TEST(WriteReportFile, replaces_the_file_and_leaves_no_temporary_behind) {
  const fs::path dir = scratch(*this);
  const std::string path = (dir / "r.xml").string();
  testkit::write_report_file(path, "first");
  testkit::write_report_file(path, "second");
  TK_EXPECT_EQ(read(path), "second");
  TK_EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  struct stat status {};
  TK_ASSERT_EQ(::stat(path.c_str(), &status), 0);
  const mode_t mask = ::umask(022);
  ::umask(mask);
  TK_EXPECT_EQ(status.st_mode & 0777, 0666 & ~mask);
}

TK_TEST(WriteReportFile, throws_when_the_directory_is_missing) {
  const fs::path dir = scratch(*this);
  TK_EXPECT_THROWS(testkit::write_report_file((dir / "missing" / "r.xml").string(), "x"), std::system_error);
}

TK_TEST(CheckReportPaths, accepts_writable_places_and_names_the_problem_otherwise) {
  const fs::path dir = scratch(*this);
  TK_EXPECT_EQ(testkit::check_report_paths({.junit_xml = (dir / "r.xml").string(), .tap_stdout = true}), "");
  TK_EXPECT_EQ(testkit::check_report_paths({}), "");
  const std::string missing = testkit::check_report_paths({.json = (dir / "no" / "r.json").string()});
  TK_EXPECT_CONTAINS(missing, "cannot write the JSON report to");
  TK_EXPECT_CONTAINS(missing, "does not exist");
  TK_EXPECT_CONTAINS(testkit::check_report_paths({.gradescope = dir.string()}), "it is a directory");
}

TK_TEST(CheckReportPaths, creates_a_file_where_the_report_goes_and_leaves_nothing_behind) {
  // /proc passes access(2) for root, yet no file can be created in it.
  TK_EXPECT_CONTAINS(testkit::check_report_paths({.junit_xml = "/proc/r.xml"}), "cannot create files in '/proc'");
  const fs::path dir = scratch(*this);
  std::ofstream(dir / "file") << "x";
  TK_EXPECT_CONTAINS(testkit::check_report_paths({.json = (dir / "file" / "r.json").string()}), "is not a directory");
  TK_EXPECT_EQ(testkit::check_report_paths({.tap = (dir / "r.tap").string()}), "");
  TK_EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1, "the probe was removed");
}

TK_TEST(CheckReportPaths, refuses_a_device_or_pipe_that_the_report_would_replace) {
  TK_EXPECT_CONTAINS(testkit::check_report_paths({.tap = "/dev/null"}), "it is not a regular file");
  const fs::path dir = scratch(*this);
  TK_ASSERT_EQ(::mkfifo((dir / "pipe").c_str(), 0600), 0);
  TK_EXPECT_CONTAINS(testkit::check_report_paths({.json = (dir / "pipe").string()}), "it is not a regular file");
}

TK_TEST(ReportWriter, rewrites_the_files_as_tests_end_and_once_more_at_the_end) {
  const fs::path dir = scratch(*this);
  const std::string xml = (dir / "r.xml").string();
  const std::string tap = (dir / "r.tap").string();
  testkit::ReportWriter writer({.junit_xml = xml, .tap = tap}, {.program = "unit", .deterministic = true});
  const testkit::TestInfo first{.suite = "S", .name = "first"};
  const testkit::TestInfo second{.suite = "S", .name = "second"};
  const std::vector<const testkit::TestInfo*> plan{&first, &second};
  testkit::Listener& listener = writer;
  listener.on(testkit::RunStarted{plan});
  TK_EXPECT_CONTAINS(read(xml), "tests=\"0\"", "a run that dies at once still leaves a report");
  listener.on(testkit::TestStarted{first});
  const testkit::TestResult passed{.test = &first};
  listener.on(testkit::TestEnded{passed});
  TK_EXPECT_CONTAINS(read(xml), "<testcase name=\"first\" classname=\"S\"/>");
  TK_EXPECT_CONTAINS(read(tap), "1..1\n");
  listener.on(testkit::TestStarted{second});
  const testkit::TestResult failed{.test = &second, .verdict = testkit::Verdict::failed};
  listener.on(testkit::TestEnded{failed});
  const testkit::RunResult run{.results = {passed, failed}, .interrupted_by = 2};
  listener.on(testkit::RunEnded{run});
  TK_EXPECT_CONTAINS(read(xml), "<property name=\"interrupted_by\" value=\"SIGINT\"/>");
  TK_EXPECT_CONTAINS(read(tap), "not ok 2 - S.second\n");
  TK_EXPECT(writer.errors().empty());
}

TK_TEST(ReportWriter, rewrites_after_each_of_the_first_100_tests_then_within_5_percent_of_the_run) {
  using std::chrono::milliseconds;
  using testkit::ReportWriter;
  TK_EXPECT(ReportWriter::within_rewrite_budget(1, milliseconds(0), milliseconds(0)));
  TK_EXPECT(ReportWriter::within_rewrite_budget(100, milliseconds(200), milliseconds(0)));
  TK_EXPECT_FALSE(ReportWriter::within_rewrite_budget(3, milliseconds(251), milliseconds(1000)),
                  "reports too large to rewrite after every test");
  TK_EXPECT_FALSE(ReportWriter::within_rewrite_budget(101, milliseconds(11), milliseconds(200)),
                  "a fast run of many tests must not spend a fixed quarter second on rewrites");
  TK_EXPECT(ReportWriter::within_rewrite_budget(5'000, milliseconds(50), milliseconds(1000)));
  TK_EXPECT_FALSE(ReportWriter::within_rewrite_budget(5'000, milliseconds(51), milliseconds(1000)));
}

TK_TEST(ReportWriter, reports_a_final_write_that_fails) {
  const fs::path dir = scratch(*this);
  testkit::ReportWriter writer({.json = (dir / "gone" / "r.json").string()}, {.deterministic = true});
  writer.on(testkit::RunEnded{testkit::RunResult{}});
  TK_ASSERT_EQ(writer.errors().size(), 1u);
  TK_EXPECT_CONTAINS(writer.errors()[0], "cannot write the JSON report");
}

}  // namespace
