#include <testkit/run/filter.hpp>

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

}  // namespace
