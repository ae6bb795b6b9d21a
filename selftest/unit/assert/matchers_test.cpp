// TK_ASSERT_THAT / TK_EXPECT_THAT: values checked with GoogleMock matchers.
#include <string>
#include <vector>

#include <testkit/matchers.hpp>

#include "outcome.hpp"

namespace {

using selftest::details_of;
using selftest::Outcome;
using selftest::passes;
using selftest::single_failure;
using testing::AllOf;
using testing::ElementsAre;
using testing::Gt;
using testing::HasSubstr;
using testing::Lt;
using testing::StartsWith;

TK_TEST(That, passes_when_the_matcher_matches) {
  const std::vector<int> values{1, 2, 3};
  TK_EXPECT(passes([&] {
    TK_ASSERT_THAT(5, Gt(3));
    TK_ASSERT_THAT(values, ElementsAre(1, 2, 3));
    TK_EXPECT_THAT(std::string("hello"), HasSubstr("ell"));
    TK_EXPECT_THAT(7, AllOf(Gt(1), Lt(10)));
  }));
}

TK_TEST(That, failure_shows_the_value_and_what_was_expected) {
  const Outcome out = single_failure([] { TK_ASSERT_THAT(5, Gt(7)); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_THAT(5, Gt(7))");
  TK_EXPECT_EQ(out.failure.details, "value:    5\nexpected: is > 7");
  TK_EXPECT(out.aborted);
  TK_EXPECT_FALSE(single_failure([] { TK_EXPECT_THAT(5, Gt(7)); }).aborted);
}

TK_TEST(That, failure_adds_the_matcher_explanation) {
  const std::vector<int> values{1, 2};
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_THAT(values, ElementsAre(1, 3)); }),
               "value:    {1, 2}\n"
               "expected: has 2 elements where\nelement #0 is equal to 1,\nelement #1 is equal to 3\n"
               "actual:   whose element #1 doesn't match");
}

TK_TEST(That, string_literal_values_are_matched_as_c_strings) {
  TK_EXPECT(passes([] {
    TK_ASSERT_THAT("hello", StartsWith("he"));
    TK_EXPECT_THAT("hello", HasSubstr("llo"));
  }));
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_THAT("hello", StartsWith("x")); }),
               "value:    \"hello\"\nexpected: starts with \"x\"");
}

TK_TEST(That, message_is_kept_out_of_the_headline) {
  const Outcome out = single_failure([] { TK_EXPECT_THAT(1, Gt(2), "id {}", 9); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_THAT(1, Gt(2))");
  TK_EXPECT_EQ(out.failure.message, "id 9");
}

}  // namespace
