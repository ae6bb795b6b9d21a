// format_failure, display_location and indent_lines: a failure as the text every report shows.
#include <testkit/report/failure_text.hpp>

#include <filesystem>

#include <testkit/testkit.hpp>

namespace {

using testkit::display_location;
using testkit::Failure;
using testkit::FailureStyle;
using testkit::format_failure;
using testkit::indent_lines;

Failure failure(std::string phase = "test", std::string subtest = {}) {
  return {.where = {"/src/tests/grades_test.cpp", 42},
          .phase = std::move(phase),
          .subtest = std::move(subtest),
          .headline = "TK_ASSERT_EQ(mean(v), 2.5)"};
}

const FailureStyle short_paths{.short_paths = true};

TK_TEST(FormatFailure, headline_only) {
  TK_EXPECT_EQ(format_failure(failure(), short_paths), "grades_test.cpp:42: TK_ASSERT_EQ(mean(v), 2.5)");
}

TK_TEST(FormatFailure, phases_other_than_the_body_are_named) {
  TK_EXPECT_EQ(format_failure(failure("set_up"), short_paths),
               "[set_up] grades_test.cpp:42: TK_ASSERT_EQ(mean(v), 2.5)");
  TK_EXPECT_EQ(format_failure(failure("tear_down_class"), short_paths),
               "[tear_down_class] grades_test.cpp:42: TK_ASSERT_EQ(mean(v), 2.5)");
  TK_EXPECT_EQ(format_failure(failure(""), short_paths), "grades_test.cpp:42: TK_ASSERT_EQ(mean(v), 2.5)");
}

TK_TEST(FormatFailure, subtest_label_follows_the_phase) {
  TK_EXPECT_EQ(format_failure(failure("test", "n=2"), short_paths),
               "[subtest n=2] grades_test.cpp:42: TK_ASSERT_EQ(mean(v), 2.5)");
  TK_EXPECT_EQ(format_failure(failure("cleanup", "a / b"), short_paths),
               "[cleanup] [subtest a / b] grades_test.cpp:42: TK_ASSERT_EQ(mean(v), 2.5)");
}

TK_TEST(FormatFailure, details_message_and_trace_are_indented_continuation_lines) {
  Failure f = failure();
  f.details = "left:  2.4\nright: 2.5";
  f.message = "mean of {1, 2, 4.2}\nsecond line";
  f.stacktrace = "#0 Grades_mean_Test::test_body() at grades_test.cpp:42\n#1 main";
  TK_EXPECT_EQ(format_failure(f, {}),
               "/src/tests/grades_test.cpp:42: TK_ASSERT_EQ(mean(v), 2.5)\n"
               "  left:  2.4\n"
               "  right: 2.5\n"
               "  message: mean of {1, 2, 4.2}\n"
               "  second line\n"
               "  stack trace:\n"
               "    #0 Grades_mean_Test::test_body() at grades_test.cpp:42\n"
               "    #1 main");
}

TK_TEST(FormatFailure, the_trace_is_left_out_when_unwanted_or_empty) {
  Failure f = failure();
  f.stacktrace = "#0 f()";
  TK_EXPECT_EQ(format_failure(f, {.short_paths = true, .stacktrace = false}),
               "grades_test.cpp:42: TK_ASSERT_EQ(mean(v), 2.5)");
  f.stacktrace.clear();
  TK_EXPECT_EQ(format_failure(f, short_paths), "grades_test.cpp:42: TK_ASSERT_EQ(mean(v), 2.5)");
}

TK_TEST(FormatFailure, palette_makes_the_headline_bold_and_the_trace_title_dim) {
  Failure f = failure();
  f.stacktrace = "#0 f()";
  const FailureStyle colored{.short_paths = true, .palette = testkit::Palette::make(true)};
  TK_EXPECT_EQ(format_failure(f, colored),
               "grades_test.cpp:42: \033[1mTK_ASSERT_EQ(mean(v), 2.5)\033[0m\n"
               "  \033[2mstack trace:\033[0m\n"
               "    #0 f()");
}

TK_TEST(DisplayLocation, short_paths_keep_only_the_file_name) {
  TK_EXPECT_EQ(display_location({"/src/tests/grades_test.cpp", 7}, true), "grades_test.cpp:7");
  TK_EXPECT_EQ(display_location({"grades_test.cpp", 7}, true), "grades_test.cpp:7");
}

TK_TEST(DisplayLocation, files_below_the_working_directory_are_relative) {
  const auto cwd = std::filesystem::current_path();
  TK_ASSERT(cwd != cwd.root_path(), "needs a working directory other than /");
  TK_EXPECT_EQ(display_location({(cwd / "tests" / "a_test.cpp").string(), 3}, false), "tests/a_test.cpp:3");
  TK_EXPECT_EQ(display_location({(cwd / "a_test.cpp").string(), 3}, false), "a_test.cpp:3");
}

TK_TEST(DisplayLocation, other_files_keep_the_path_they_have) {
  const auto cwd = std::filesystem::current_path();
  const std::string sibling = (cwd.parent_path() / "elsewhere" / "a_test.cpp").string();
  TK_EXPECT_EQ(display_location({sibling, 3}, false), sibling + ":3");
  TK_EXPECT_EQ(display_location({"relative/a_test.cpp", 3}, false), "relative/a_test.cpp:3");
  TK_EXPECT_EQ(display_location({"", 0}, false), ":0");
}

TK_TEST(IndentLines, prefixes_each_non_empty_line) {
  TK_EXPECT_EQ(indent_lines("a\nb", "  "), "  a\n  b");
  TK_EXPECT_EQ(indent_lines("a\n\nb", "> "), "> a\n\n> b");
  TK_EXPECT_EQ(indent_lines("one", "    "), "    one");
}

TK_TEST(IndentLines, keeps_a_final_newline_and_empty_text) {
  TK_EXPECT_EQ(indent_lines("a\n", "  "), "  a\n");
  TK_EXPECT_EQ(indent_lines("", "  "), "");
  TK_EXPECT_EQ(indent_lines("\n", "  "), "\n");
}

}  // namespace
