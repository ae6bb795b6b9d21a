// The binaries of a testkit-run run: checked before anything runs, and named so that two never share a name.
#include <testkit/run/test_binaries.hpp>

#include <deque>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;
using testkit::TestBinary;

// An executable file at `path` under tmp_path(), with the directories on the way.
std::string executable(const fs::path& path) {
  const fs::path file = testkit::tmp_path() / path;
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "#!/bin/sh\n";
  fs::permissions(file, fs::perms::owner_all);
  return file.string();
}

std::vector<std::string> names_of(const std::vector<std::string>& paths) {
  std::vector<const char*> given;
  for (const std::string& path : paths) given.push_back(path.c_str());
  std::vector<TestBinary> binaries;
  const std::string problem = testkit::find_test_binaries(given, binaries);
  TK_EXPECT_EQ(problem, "");
  std::vector<std::string> names;
  for (const TestBinary& binary : binaries) names.push_back(binary.name);
  return names;
}

TK_TEST(TestBinaries, are_named_by_their_file_name) {
  TK_EXPECT_EQ(names_of({executable("build/core_tests"), executable("build/io/io_tests")}),
               (std::vector<std::string>{"core_tests", "io_tests"}));
}

TK_TEST(TestBinaries, of_one_file_name_are_named_with_the_directories_that_set_them_apart) {
  TK_EXPECT_EQ(
      names_of({executable("a/x/tests"), executable("b/x/tests"), executable("b/y/tests"), executable("other")}),
      (std::vector<std::string>{"a/x/tests", "b/x/tests", "y/tests", "other"}));
  // One path is the end of the other: the shorter is named whole.
  const std::string inner = executable("x/tests");
  const std::string outer = executable("y/x/tests");
  const std::vector<std::string> names = names_of({inner, outer});
  TK_ASSERT_EQ(names.size(), 2u);
  TK_EXPECT_NE(names[0], names[1]);
  TK_EXPECT_EQ(names[1], "y/x/tests");
  TK_EXPECT(names[0].ends_with("/x/tests"), "{}", names[0]);
}

TK_TEST(TestBinaries, that_cannot_be_run_or_are_given_twice_are_named_in_the_problem) {
  std::vector<TestBinary> binaries;
  const auto problem = [&](const std::vector<const char*>& given) {
    binaries.clear();
    return testkit::find_test_binaries(given, binaries);
  };
  const std::string tests = executable("tests");
  TK_EXPECT_CONTAINS(problem({"/nonexistent/tests"}), "cannot run the test binary /nonexistent/tests");
  TK_EXPECT_CONTAINS(problem({testkit::tmp_path().c_str()}), "not an executable file");
  const std::string plain = (testkit::tmp_path() / "plain").string();
  std::ofstream(plain) << "text";
  TK_EXPECT_CONTAINS(problem({plain.c_str()}), "not an executable file");
  const std::string link = (testkit::tmp_path() / "link").string();
  fs::create_symlink(tests, link);
  TK_EXPECT_EQ(problem({tests.c_str(), link.c_str()}), "the test binary " + link + " is given twice");
}

TK_TEST(TestBinaries, name_their_tests_suites) {
  std::deque<testkit::TestInfo> tests(2);
  tests[0].suite = "Math";
  tests[0].name = "add";
  tests[1].suite = "Text";
  tests[1].name = "upper";
  testkit::name_after_binary({.path = "/build/core_tests", .name = "core_tests"}, tests);
  TK_EXPECT_EQ(tests[0].full_name(), "core_tests:Math.add");
  TK_EXPECT_EQ(tests[1].display_name(), "core_tests:Text.upper");
}

}  // namespace
