// TK_EXPECT_GOLDEN: a text against golden/<name> next to this file; a missing file says how to create it, a mismatch
// shows a diff. (--update-golden is checked end to end, by selftest/e2e/program_test.cpp.)
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <testkit/fake_fs.hpp>
#include <testkit/program.hpp>

namespace {

testkit::Captured failures_of(const std::function<void()>& code) { return testkit::capture_failures(code); }

const std::string here = std::filesystem::path(__FILE__).parent_path().string();

TK_TEST(Golden, the_file_is_in_golden_next_to_the_test_source) {
  TK_EXPECT_EQ(testkit::golden_path("greeting.txt"), here + "/golden/greeting.txt");
  TK_EXPECT_EQ(testkit::golden_path("report/a.txt"), here + "/golden/report/a.txt");
  TK_EXPECT_EQ(testkit::golden_path("/abs/path.txt"), "/abs/path.txt");
  TK_EXPECT_THROWS((void)testkit::golden_path("../escape.txt"), std::invalid_argument);
  TK_EXPECT_THROWS((void)testkit::golden_path(""), std::invalid_argument);
}

TK_TEST(Golden, a_text_equal_to_its_golden_file_passes) {
  TK_EXPECT_GOLDEN(std::string("Hello, Ada!\nHow are you?\n"), "greeting.txt");
  TK_ASSERT_GOLDEN("hello, ada!\nhow are you?", "greeting.txt",
                   testkit::Text{.ignore_case = true, .ignore_final_newline = true});
}

TK_TEST(Golden, a_mismatch_shows_the_file_and_a_diff) {
  const auto captured =
      failures_of([] { TK_EXPECT_GOLDEN(std::string("Hello, Bob!\nHow are you?\n"), "greeting.txt"); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  const std::string& details = captured.failures[0].details;
  TK_EXPECT_CONTAINS(details, "golden file " + here + "/golden/greeting.txt differs (--update-golden rewrites it)");
  TK_EXPECT_CONTAINS(details, "diff (-golden +actual):\n@@ -1,3 +1,3 @@\n-Hello, Ada!\n+Hello, Bob!\n How are you?");
}

TK_TEST(Golden, a_missing_file_says_how_to_create_it) {
  const auto captured = failures_of([] { TK_EXPECT_GOLDEN("new text", "no_such_file.txt"); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_EQ(captured.failures[0].details,
               "golden file " + here +
                   "/golden/no_such_file.txt does not exist\n"
                   "run the test with --update-golden to write it from this text, then review it and add it to the "
                   "repository\n"
                   "text: \"new text\"");
  TK_EXPECT(!std::filesystem::exists(here + "/golden/no_such_file.txt"), "nothing is written without the option");
}

TK_TEST(Golden, an_absolute_name_is_the_file_itself) {
  const std::string path = (testkit::tmp_path() / "expected.txt").string();
  std::ofstream(path) << "42\n";
  TK_EXPECT_GOLDEN(std::string("42\n"), path);
  const auto captured = failures_of([&] { TK_EXPECT_GOLDEN("43\n", path); });
  TK_EXPECT_EQ(captured.failures.size(), 1u);
}

TK_TEST(Golden, a_name_leaving_golden_fails) {
  const auto captured = failures_of([] { TK_EXPECT_GOLDEN("x", "../output_capture_test.cpp"); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_CONTAINS(captured.failures[0].details, "a golden file's name stays inside golden/");
}

TK_TEST(Golden, the_file_is_read_from_the_disk_whatever_the_test_faked) {
  testkit::FakeFilesystem fs;  // the golden file is not in the fake's tree
  TK_EXPECT_GOLDEN(std::string("Hello, Ada!\nHow are you?\n"), "greeting.txt");
}

}  // namespace
