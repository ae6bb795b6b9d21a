// TK_EXPECT_TEXT_EQ: exact by default, each testkit::Text option ignoring what it says, and a line diff of the texts
// as written when they differ.
#include <string>

#include <testkit/program.hpp>

namespace {

using testkit::Text;

testkit::Captured failures_of(const std::function<void()>& code) { return testkit::capture_failures(code); }

TK_TEST(Text, is_exact_by_default) {
  TK_EXPECT_TEXT_EQ(std::string("a b\n"), "a b\n");
  TK_EXPECT(!testkit::texts_equal("a b\n", "a b"));
  TK_EXPECT(!testkit::texts_equal("a b", "a  b"));
  TK_EXPECT(!testkit::texts_equal("A", "a"));
  TK_EXPECT(!testkit::texts_equal("a ", "a"));
}

TK_TEST(Text, ignore_trailing_whitespace_ignores_it_on_every_line) {
  const Text options{.ignore_trailing_whitespace = true};
  TK_EXPECT_TEXT_EQ("total: 3  \t\r\nend \n", "total: 3\nend\n", options);
  TK_EXPECT(!testkit::texts_equal(" total", "total", options), "leading whitespace counts");
  TK_EXPECT(!testkit::texts_equal("a\n", "a\n\n", options), "so do empty lines");
}

TK_TEST(Text, collapse_whitespace_makes_runs_of_spaces_and_tabs_one) {
  const Text options{.collapse_whitespace = true};
  TK_EXPECT_TEXT_EQ("1   2\t\t3\n", "1 2 3\n", options);
  TK_EXPECT(!testkit::texts_equal("1 2", "12", options));
  TK_EXPECT(!testkit::texts_equal("1\n2", "1 2", options), "lines stay apart");
}

TK_TEST(Text, ignore_case_ignores_the_case_of_letters) {
  TK_EXPECT_TEXT_EQ("Hello, ADA!", "hello, ada!", Text{.ignore_case = true});
}

TK_TEST(Text, ignore_final_newline_ignores_one_at_the_end) {
  const Text options{.ignore_final_newline = true};
  TK_EXPECT_TEXT_EQ("3\n", "3", options);
  TK_EXPECT_TEXT_EQ("3", "3\n", options);
  TK_EXPECT(!testkit::texts_equal("3\n\n", "3", options), "only one");
}

TK_TEST(Text, options_combine) {
  TK_EXPECT_TEXT_EQ("Words:   3  \n", "words: 3",
                    Text{.ignore_trailing_whitespace = true,
                         .collapse_whitespace = true,
                         .ignore_case = true,
                         .ignore_final_newline = true});
}

TK_TEST(Text, a_failure_shows_both_texts_and_a_line_diff) {
  const auto captured = failures_of([] {
    TK_EXPECT_TEXT_EQ(std::string("lines: 2\nwords: 3\nchars: 12\n"), "lines: 2\nwords: 4\nchars: 12\n", "for {}",
                      "wc");
  });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  const testkit::Failure& failure = captured.failures[0];
  TK_EXPECT_EQ(failure.headline,
               "TK_EXPECT_TEXT_EQ(std::string(\"lines: 2\\nwords: 3\\nchars: 12\\n\"), \"lines: 2\\nwords: 4\\nchars: "
               "12\\n\")");
  TK_EXPECT_EQ(failure.message, "for wc");
  TK_EXPECT_EQ(failure.details,
               "actual:   \"lines: 2\\nwords: 3\\nchars: 12\\n\"\n"
               "expected: \"lines: 2\\nwords: 4\\nchars: 12\\n\"\n"
               "diff (-expected +actual):\n"
               "@@ -1,4 +1,4 @@\n"
               " lines: 2\n"
               "-words: 4\n"
               "+words: 3\n"
               " chars: 12\n"
               " ");
}

TK_TEST(Text, the_diff_shows_the_lines_as_written_and_matches_them_with_the_options) {
  const auto captured = failures_of(
      [] { TK_EXPECT_TEXT_EQ(std::string("HELLO\nworld\n"), "hello\nthere\n", Text{.ignore_case = true}); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_CONTAINS(captured.failures[0].details, "@@ -1,3 +1,3 @@\n HELLO\n-there\n+world\n ");
}

TK_TEST(Text, a_failure_says_which_option_would_make_the_texts_equal) {
  const auto captured = failures_of([] {
    TK_EXPECT_TEXT_EQ(std::string("3 words \n"), "3 words\n");
    TK_EXPECT_TEXT_EQ(std::string("3\n"), "3");
    TK_EXPECT_TEXT_EQ(std::string("THREE  words\n"), "three words");
  });
  TK_ASSERT_EQ(captured.failures.size(), 3u);
  TK_EXPECT_CONTAINS(captured.failures[0].details,
                     "note: they are equal with .ignore_trailing_whitespace = true (testkit::Text)");
  TK_EXPECT_CONTAINS(captured.failures[1].details, "note: they are equal with .ignore_final_newline = true");
  TK_EXPECT_CONTAINS(captured.failures[2].details,
                     "note: they are equal with .ignore_trailing_whitespace = true, .collapse_whitespace = true, "
                     ".ignore_case = true, .ignore_final_newline = true");
}

TK_TEST(Text, the_assert_form_ends_the_test) {
  bool went_on = false;
  const auto captured = failures_of([&] {
    TK_ASSERT_TEXT_EQ("a", "b");
    went_on = true;
  });
  TK_EXPECT(captured.aborted);
  TK_EXPECT(!went_on);
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_EQ(captured.failures[0].headline, "TK_ASSERT_TEXT_EQ(\"a\", \"b\")");
}

TK_TEST(Text, normalize_text_shows_what_a_comparison_sees) {
  TK_EXPECT_EQ(testkit::normalize_text("A  B \nC\n", {true, true, true, true}), "a b\nc");
}

}  // namespace
