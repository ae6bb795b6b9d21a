// The comparison macros: _EQ _NE _LT _LE _GT _GE, _TRUE _FALSE and _NEAR, with where a failure points.
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/testkit.hpp>

#include "outcome.hpp"

namespace {

using selftest::details_of;
using selftest::Outcome;
using selftest::passes;
using selftest::single_failure;

TK_TEST(Comparisons, pass_when_they_hold) {
  TK_EXPECT(passes([] {
    TK_ASSERT_EQ(2 + 2, 4);
    TK_ASSERT_NE(1, 2);
    TK_ASSERT_LT(1, 2);
    TK_ASSERT_LE(2, 2);
    TK_ASSERT_GT(3, 2);
    TK_ASSERT_GE(3, 3);
    TK_EXPECT_EQ(std::string("ab"), "ab");
  }));
}

TK_TEST(Comparisons, failure_shows_headline_and_both_operands) {
  const int expected = 5;
  const Outcome out = single_failure([&] { TK_EXPECT_EQ(2 + 2, expected); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_EQ(2 + 2, expected)");
  TK_EXPECT_EQ(out.failure.details, "left:  4\nright: 5");
  TK_EXPECT_FALSE(out.aborted);
}

TK_TEST(Comparisons, each_macro_fails_when_its_relation_does_not_hold) {
  TK_EXPECT_EQ(single_failure([] { TK_EXPECT_NE(1, 1); }).failure.details, "left:  1\nright: 1");
  TK_EXPECT_EQ(single_failure([] { TK_EXPECT_LT(2, 1); }).failure.headline, "TK_EXPECT_LT(2, 1)");
  TK_EXPECT_EQ(single_failure([] { TK_EXPECT_LE(2, 1); }).failure.headline, "TK_EXPECT_LE(2, 1)");
  TK_EXPECT_EQ(single_failure([] { TK_EXPECT_GT(1, 1); }).failure.headline, "TK_EXPECT_GT(1, 1)");
  TK_EXPECT_EQ(single_failure([] { TK_EXPECT_GE(1, 2); }).failure.details, "left:  1\nright: 2");
}

TK_TEST(Comparisons, assert_forms_are_fatal_and_expect_forms_are_not) {
  TK_EXPECT(single_failure([] { TK_ASSERT_EQ(1, 2); }).aborted);
  TK_EXPECT(single_failure([] { TK_ASSERT_NE(1, 1); }).aborted);
  TK_EXPECT(single_failure([] { TK_ASSERT_LT(2, 1); }).aborted);
  TK_EXPECT(single_failure([] { TK_ASSERT_LE(2, 1); }).aborted);
  TK_EXPECT(single_failure([] { TK_ASSERT_GT(1, 2); }).aborted);
  TK_EXPECT(single_failure([] { TK_ASSERT_GE(1, 2); }).aborted);
  TK_EXPECT_FALSE(single_failure([] { TK_EXPECT_GE(1, 2); }).aborted);
}

TK_TEST(Comparisons, signed_and_unsigned_compare_by_value) {
  TK_EXPECT(passes([] {
    TK_EXPECT_LT(-1, 1u);
    TK_EXPECT_NE(-1, std::numeric_limits<unsigned>::max());
    TK_EXPECT_EQ(std::size_t{3}, 3);
    TK_EXPECT_GT(0u, -5LL);
  }));
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_EQ(-1, 1u); }), "left:  -1\nright: 1");
}

TK_TEST(Comparisons, c_strings_compare_by_content_not_address) {
  const char buffer[] = "abc";
  const char* pointer = buffer;
  const char* null = nullptr;
  TK_EXPECT(passes([&] {
    TK_EXPECT_EQ(pointer, "abc");
    TK_EXPECT_EQ(buffer, std::string("abc"));
    TK_EXPECT_LT(pointer, "abd");
    TK_EXPECT_EQ(null, static_cast<const char*>(nullptr));
    TK_EXPECT_NE(pointer, null);
  }));
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_NE(pointer, "abc"); }), "left:  \"abc\"\nright: \"abc\"");
}

TK_TEST(Comparisons, unequal_strings_explain_the_first_difference) {
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_EQ(std::string_view("abc"), "abd"); }),
               "left:  \"abc\"\nright: \"abd\"\nfirst difference at offset 2: 'c' vs 'd'");
}

TK_TEST(Comparisons, multi_line_strings_get_a_line_diff) {
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_EQ(std::string("a\nb\nc"), "a\nB\nc"); }),
               "left:  \"a\\nb\\nc\"\nright: \"a\\nB\\nc\"\n"
               "diff (-left +right):\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c");
}

TK_TEST(Comparisons, only_equality_explains_the_difference) {
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_LT(std::string("b"), "a"); }), "left:  \"b\"\nright: \"a\"");
}

TK_TEST(Comparisons, failing_vector_equality_reports_everything_needed) {
  // noinline: an optimizer that folds the lambda into std::function's invoker leaves no frame of ours.
  const Outcome out = single_failure([]() __attribute__((noinline)) {
    TK_ASSERT_EQ(std::vector<int>{1, 2, 3}, std::vector<int>{1, 2, 4});
  });
  const unsigned line = __LINE__ - 2;
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_EQ(std::vector<int>{1, 2, 3}, std::vector<int>{1, 2, 4})");
  TK_EXPECT_EQ(out.failure.details, "left:  {1, 2, 3}\nright: {1, 2, 4}\nfirst difference at index 2: 3 vs 4");
  TK_EXPECT_EQ(out.failure.where.line, line);
  TK_EXPECT(out.failure.where.file.ends_with("assertions_test.cpp"), "file: {}", out.failure.where.file);
  TK_EXPECT(out.aborted);
  const std::string_view trace = out.failure.stacktrace;
  TK_ASSERT_FALSE(trace.empty());
  const std::string_view first_frame = trace.substr(0, trace.find('\n'));
  TK_EXPECT_CONTAINS(first_frame, "Comparisons_failing_vector_equality_reports_everything_needed_Test::test_body");
  TK_EXPECT(first_frame.starts_with("#0 "), "trace: {}", trace);
}

TK_TEST(Booleans, pass_when_the_condition_has_the_expected_truth) {
  TK_EXPECT(passes([] {
    TK_ASSERT_TRUE(1 < 2);
    TK_ASSERT_FALSE(2 < 1);
    TK_EXPECT_TRUE(std::optional<int>(0));
    TK_EXPECT_FALSE(std::optional<int>());
  }));
}

TK_TEST(Booleans, a_bool_condition_has_no_details) {
  const Outcome out = single_failure([] { TK_ASSERT_TRUE(2 < 1); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_TRUE(2 < 1)");
  TK_EXPECT_EQ(out.failure.details, "");
  TK_EXPECT(out.aborted);
}

TK_TEST(Booleans, a_non_bool_condition_is_shown) {
  const int* null = nullptr;
  const Outcome out = single_failure([&] { TK_EXPECT_TRUE(null); });
  TK_EXPECT_EQ(out.failure.details, "value: nullptr");
  TK_EXPECT_FALSE(out.aborted);
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_FALSE(std::optional<int>(7)); }), "value: optional(7)");
  TK_EXPECT(single_failure([] { TK_ASSERT_FALSE(true); }).aborted);
}

TK_TEST(Near, passes_within_the_tolerance_inclusive) {
  TK_EXPECT(passes([] {
    TK_ASSERT_NEAR(1.0, 1.05, 0.1);
    TK_ASSERT_NEAR(2.0, 1.5, 0.5);
    TK_EXPECT_NEAR(10, 12, 2);
  }));
}

TK_TEST(Near, failure_shows_values_difference_and_tolerance) {
  const Outcome out = single_failure([] { TK_ASSERT_NEAR(1.0, 1.5, 0.25); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_NEAR(1.0, 1.5, 0.25)");
  TK_EXPECT_EQ(out.failure.details, "left:  1\nright: 1.5\ndifference: 0.5, tolerance: 0.25");
  TK_EXPECT(out.aborted);
  TK_EXPECT_FALSE(single_failure([] { TK_EXPECT_NEAR(1.0, 1.5, 0.25); }).aborted);
}

TK_TEST(Near, nan_never_passes) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_NEAR(nan, 1.0, 1e9); }),
               "left:  nan\nright: 1\ndifference: nan, tolerance: 1000000000");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_NEAR(nan, nan, 1.0); }),
               "left:  nan\nright: nan\ndifference: nan, tolerance: 1");
}

}  // namespace
