// TK_ASSERT / TK_EXPECT: the expression is split into its operands so that a failure shows both values.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "outcome.hpp"

namespace {

using selftest::details_of;
using selftest::Outcome;
using selftest::passes;
using selftest::single_failure;

TK_TEST(Expression, every_comparison_passes_when_it_holds) {
  const int one = 1, two = 2;
  TK_EXPECT(passes([&] {
    TK_ASSERT(one == 1);
    TK_ASSERT(one != two);
    TK_ASSERT(one < two);
    TK_ASSERT(one <= 1);
    TK_ASSERT(two > one);
    TK_ASSERT(two >= 2);
    TK_EXPECT(one + 1 == two);
    TK_EXPECT(true);
  }));
}

TK_TEST(Expression, failed_equality_shows_both_values_expanded) {
  const int one = 1, two = 2;
  const Outcome out = single_failure([&] { TK_EXPECT(one == two); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT(one == two)");
  TK_EXPECT_EQ(out.failure.details, "expanded: 1 == 2");
  TK_EXPECT_EQ(out.failure.message, "");
  TK_EXPECT_FALSE(out.aborted);
}

TK_TEST(Expression, each_operator_is_named_in_the_expansion) {
  const int one = 1, two = 2;
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(one != 1); }), "expanded: 1 != 1");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(two < one); }), "expanded: 2 < 1");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(two <= one); }), "expanded: 2 <= 1");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(one > two); }), "expanded: 1 > 2");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(one >= two); }), "expanded: 1 >= 2");
}

TK_TEST(Expression, arithmetic_binds_before_the_split) {
  const int one = 1;
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(one + 1 == 3 - 2); }), "expanded: 2 == 1");
}

TK_TEST(Expression, fatal_form_ends_the_code_and_the_rest_does_not_run) {
  bool after = false;
  const Outcome out = single_failure([&] {
    TK_ASSERT(1 > 2);
    after = true;
  });
  TK_EXPECT(out.aborted);
  TK_EXPECT_FALSE(after);
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT(1 > 2)");
}

TK_TEST(Expression, non_fatal_form_lets_the_code_go_on) {
  bool after = false;
  const testkit::Captured captured = testkit::capture_failures([&] {
    TK_EXPECT(1 > 2);
    TK_EXPECT(3 > 4);
    after = true;
  });
  TK_EXPECT(after);
  TK_EXPECT_FALSE(captured.aborted);
  TK_ASSERT_EQ(captured.failures.size(), 2u);
  TK_EXPECT_EQ(captured.failures[1].details, "expanded: 3 > 4");
}

TK_TEST(Expression, false_bool_has_no_details) {
  const bool ready = false;
  const Outcome out = single_failure([&] { TK_EXPECT(ready); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT(ready)");
  TK_EXPECT_EQ(out.failure.details, "");
}

TK_TEST(Expression, unary_non_bool_shows_its_value) {
  const int count = 0;
  const std::unique_ptr<int> missing;
  const int* null = nullptr;
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(count); }), "value: 0");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(null); }), "value: nullptr");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(std::optional<int>()); }), "value: nullopt");
  TK_EXPECT(passes([] { TK_EXPECT(std::optional<int>(0)); }));
}

TK_TEST(Expression, negation_is_a_unary_bool) {
  const bool done = true;
  const Outcome out = single_failure([&] { TK_EXPECT(!done); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT(!done)");
  TK_EXPECT_EQ(out.failure.details, "");
}

TK_TEST(Expression, strings_that_differ_get_the_difference_below) {
  const std::string word = "abc";
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(word == "abd"); }),
               "expanded: \"abc\" == \"abd\"\nfirst difference at offset 2: 'c' vs 'd'");
}

TK_TEST(Expression, long_operands_go_on_their_own_lines) {
  const std::string long_text(70, 'a');
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(long_text != long_text); }),
               fmt::format("left:  \"{0}\"\nright: \"{0}\"", long_text));
}

TK_TEST(Expression, vectors_that_differ_show_the_index) {
  const std::vector<int> left{1, 2, 3}, right{1, 5, 3};
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(left == right); }),
               "expanded: {1, 2, 3} == {1, 5, 3}\nfirst difference at index 1: 2 vs 5");
}

TK_TEST(Expression, ordering_of_unequal_values_has_no_difference_lines) {
  const std::string small = "a";
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(small > "b"); }), "expanded: \"a\" > \"b\"");
}

TK_TEST(Expression, signed_and_unsigned_compare_by_value) {
  const int minus_one = -1;
  const unsigned one = 1;
  TK_EXPECT(passes([&] {
    TK_EXPECT(minus_one < one);
    TK_EXPECT(minus_one != 4294967295u);
  }));
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(minus_one > one); }), "expanded: -1 > 1");
}

TK_TEST(Expression, c_strings_compare_by_content) {
  const char text[] = "abc";
  const char* pointer = text;
  TK_EXPECT(passes([&] {
    TK_EXPECT(pointer == "abc");
    TK_EXPECT(pointer < "abd");
  }));
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT(pointer == "xyz"); }),
               "expanded: \"abc\" == \"xyz\"\nfirst difference at offset 0: 'a' vs 'x'");
}

TK_TEST(Expression, message_is_formatted_and_kept_out_of_the_headline) {
  const int one = 1, two = 2;
  const Outcome out = single_failure([&] { TK_ASSERT(one == two, "when adding {} and {}", 3, "x"); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT(one == two)");
  TK_EXPECT_EQ(out.failure.details, "expanded: 1 == 2");
  TK_EXPECT_EQ(out.failure.message, "when adding 3 and x");
  TK_EXPECT(out.aborted);
}

}  // namespace
