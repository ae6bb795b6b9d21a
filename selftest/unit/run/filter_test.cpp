#include <testkit/run/filter.hpp>

#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

using testkit::glob_match;
using testkit::TestFilter;

TK_TEST(GlobMatch, literal_text_matches_only_itself) {
  TK_EXPECT(glob_match("Suite.name", "Suite.name"));
  TK_EXPECT_FALSE(glob_match("Suite.name", "Suite.name2"));
  TK_EXPECT_FALSE(glob_match("Suite.name", "Suite.nam"));
}

TK_TEST(GlobMatch, star_matches_any_text_including_none) {
  TK_EXPECT(glob_match("*", ""));
  TK_EXPECT(glob_match("Suite.*", "Suite."));
  TK_EXPECT(glob_match("*.add*", "TestOperators.add_op"));
  TK_EXPECT(glob_match("a*b*c", "a__b__b__c"));
  TK_EXPECT_FALSE(glob_match("a*b*c", "a__b__b__d"));
}

TK_TEST(GlobMatch, question_mark_matches_one_character) {
  TK_EXPECT(glob_match("S?ite.x", "Suite.x"));
  TK_EXPECT_FALSE(glob_match("S?ite.x", "Site.x"));
}

TK_TEST(TestFilter, empty_filter_selects_everything) {
  TK_EXPECT(TestFilter("").matches("Any.test"));
  TK_EXPECT(TestFilter("*").matches("Any.test"));
}

TK_TEST(TestFilter, colon_separates_alternatives) {
  const TestFilter filter("Math.*:Strings.upper");
  TK_EXPECT(filter.matches("Math.add"));
  TK_EXPECT(filter.matches("Strings.upper"));
  TK_EXPECT_FALSE(filter.matches("Strings.lower"));
}

TK_TEST(TestFilter, dash_starts_the_excluded_patterns) {
  const TestFilter filter("Math.*-Math.slow_*:Math.flaky");
  TK_EXPECT(filter.matches("Math.add"));
  TK_EXPECT_FALSE(filter.matches("Math.slow_sum"));
  TK_EXPECT_FALSE(filter.matches("Math.flaky"));
}

TK_TEST(TestFilter, only_negative_patterns_select_the_rest) {
  const TestFilter filter("-Slow.*");
  TK_EXPECT(filter.matches("Fast.one"));
  TK_EXPECT_FALSE(filter.matches("Slow.one"));
}

TK_TEST(TestFilter, parametrized_names_match_with_their_index) {
  const TestFilter filter("Param.even/1");
  TK_EXPECT(filter.matches("Param.even/1"));
  TK_EXPECT_FALSE(filter.matches("Param.even/10"));
}

TK_TEST(FilterProblem, accepts_what_gtest_syntax_and_test_names_allow) {
  for (const char* filter :
       {"", "*", "-", "-Slow.*", "Fast.*-", "A.*:B.c?-C.*:D.e", "Param.even/1", "Ünï.cødé", "Odd$.name_2"})
    TK_EXPECT_EQ(testkit::filter_problem(filter), "", "{}", filter);
}

TK_TEST(FilterProblem, names_a_character_no_test_name_holds_with_its_pattern_and_column) {
  const std::string bracket = testkit::filter_problem("Foo[");
  TK_EXPECT_CONTAINS(bracket, "malformed filter 'Foo[': '[' at column 4 (in pattern 'Foo[')");
  TK_EXPECT_CONTAINS(bracket, "the only wildcards are '*' and '?'");
  TK_EXPECT_CONTAINS(testkit::filter_problem("("), "'(' at column 1 (in pattern '(')");
  TK_EXPECT_CONTAINS(testkit::filter_problem("Math.*:Bar(1)"), "'(' at column 11 (in pattern 'Bar(1)')");
  TK_EXPECT_CONTAINS(testkit::filter_problem("Math.is_even [2]"), "' ' at column 13");
  TK_EXPECT_CONTAINS(testkit::filter_problem("A.*-B\tC"), "byte 0x09 at column 6 (in pattern 'B\tC')");
}

TK_TEST(FilterProblem, an_empty_pattern_between_colons_matches_nothing_and_is_named) {
  TK_EXPECT_CONTAINS(testkit::filter_problem("a::"), "malformed filter 'a::': empty pattern at column 3");
  TK_EXPECT_CONTAINS(testkit::filter_problem(":a"), "empty pattern at column 1");
  TK_EXPECT_CONTAINS(testkit::filter_problem("a:"), "empty pattern at column 3");
  TK_EXPECT_CONTAINS(testkit::filter_problem("A.*-:B"), "empty pattern at column 5");
}

TK_TEST(FilterProblem, a_second_dash_is_named) {
  TK_EXPECT_CONTAINS(testkit::filter_problem("A-B-C"), "a second '-' at column 4 (in pattern 'B-C')");
}

// A run of several binaries (testkit-run) names its tests "binary:Suite.name".
const std::vector<std::string> binaries = {"core", "core-net", "io"};

TK_TEST(TestFilter, a_binary_name_before_a_pattern_selects_in_that_binary_only) {
  const TestFilter filter("core:Math.*:io:Files.read", binaries);
  TK_EXPECT(filter.matches("core:Math.add"));
  TK_EXPECT_FALSE(filter.matches("io:Math.add"));
  TK_EXPECT_FALSE(filter.matches("core-net:Math.add"), "the longest name of a binary is read");
  TK_EXPECT(filter.matches("io:Files.read"));
  TK_EXPECT_FALSE(filter.matches("core:Files.read"));
}

TK_TEST(TestFilter, a_pattern_without_a_binary_matches_in_every_binary) {
  const TestFilter filter("Math.*-core-net:Math.slow", binaries);
  TK_EXPECT(filter.matches("core:Math.slow"));
  TK_EXPECT(filter.matches("io:Math.add"));
  TK_EXPECT(filter.matches("core-net:Math.add"));
  TK_EXPECT_FALSE(filter.matches("core-net:Math.slow"), "a '-' in a binary's name starts no excluded pattern");
  TK_EXPECT_FALSE(filter.matches("io:Text.upper"));
  TK_EXPECT(TestFilter("", binaries).matches("io:Text.upper"));
  TK_EXPECT(TestFilter("-io:*", binaries).matches("core:Text.upper"));
  TK_EXPECT_FALSE(TestFilter("-io:*", binaries).matches("io:Text.upper"));
}

TK_TEST(TestFilter, without_binaries_a_colon_separates_patterns_as_in_gtest) {
  const TestFilter filter("core:Math.*");
  TK_EXPECT(filter.matches("Math.add"));
  TK_EXPECT(filter.matches("core"), "'core' is a pattern of its own");
  TK_EXPECT_FALSE(filter.matches("Text.upper"));
}

TK_TEST(FilterProblem, binary_names_may_hold_what_patterns_may_not) {
  for (const char* filter : {"core-net:Math.*", "io:*-core-net:Math.slow:core:*", "Math.*:core:Math.add"})
    TK_EXPECT_EQ(testkit::filter_problem(filter, binaries), "", "{}", filter);
  TK_EXPECT_CONTAINS(testkit::filter_problem("core-net:Math.*-core-net:A-B", binaries),
                     "a second '-' at column 27 (in pattern 'A-B')");
}

TK_TEST(FilterProblem, a_binary_name_without_a_pattern_is_named) {
  TK_EXPECT_CONTAINS(testkit::filter_problem("io:", binaries),
                     "malformed filter 'io:': no pattern after 'io:' at column 4");
  TK_EXPECT_CONTAINS(testkit::filter_problem("Math.*-io::x", binaries), "no pattern after 'io:' at column 11");
}

}  // namespace
