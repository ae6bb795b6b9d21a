// _SEQ_EQ, _CONTAINS, _IN and their negations: ranges of any types, substrings, and what a failure shows.
#include <array>
#include <list>
#include <set>
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

TK_TEST(SeqEq, compares_ranges_of_different_types_element_by_element) {
  const std::list<int> list{1, 2, 3};
  TK_EXPECT(passes([&] {
    TK_ASSERT_SEQ_EQ(list, std::vector<long>{1, 2, 3});
    TK_ASSERT_SEQ_EQ(list, std::array{1, 2, 3});
    TK_EXPECT_SEQ_EQ(std::vector<std::string>{"a"}, std::array{"a"});
    TK_EXPECT_SEQ_EQ(std::vector<int>{}, std::list<int>{});
  }));
}

TK_TEST(SeqEq, failure_shows_both_ranges_and_the_first_difference) {
  const std::list<int> list{1, 2, 3};
  const Outcome out = single_failure([&] { TK_ASSERT_SEQ_EQ(list, std::vector<int>{1, 9, 3}); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_SEQ_EQ(list, std::vector<int>{1, 9, 3})");
  TK_EXPECT_EQ(out.failure.details, "left:  {1, 2, 3}\nright: {1, 9, 3}\nfirst difference at index 1: 2 vs 9");
  TK_EXPECT(out.aborted);
  TK_EXPECT_FALSE(single_failure([&] { TK_EXPECT_SEQ_EQ(list, std::vector<int>{}); }).aborted);
}

TK_TEST(SeqEq, different_sizes_get_an_indexed_diff) {
  TK_EXPECT_EQ(details_of([] {
                 TK_EXPECT_SEQ_EQ(std::vector<int>{1, 2}, std::list<int>{1, 2, 3});
               }),
               "left:  {1, 2}\nright: {1, 2, 3}\n"
               "sizes differ: left has 2 elements, right has 3\n"
               "diff (-left +right):\n [0] 1\n [1] 2\n+[2] 3");
}

TK_TEST(SeqEq, signed_and_unsigned_elements_compare_by_value) {
  TK_EXPECT(passes([] { TK_EXPECT_SEQ_EQ(std::vector<int>{1, 2}, std::vector<unsigned>{1, 2}); }));
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_SEQ_EQ(std::vector<int>{-1}, std::vector<unsigned>{4294967295u}); }),
               "left:  {-1}\nright: {4294967295}\nfirst difference at index 0: -1 vs 4294967295");
}

TK_TEST(Contains, finds_an_element_of_a_range) {
  const std::set<std::string> names{"ada", "alan"};
  TK_EXPECT(passes([&] {
    TK_ASSERT_CONTAINS(names, "ada");
    TK_ASSERT_CONTAINS(std::vector<int>{1, 2, 3}, 3);
    TK_EXPECT_CONTAINS(std::vector<unsigned>{1, 2}, 2);
  }));
}

TK_TEST(Contains, finds_a_substring_of_a_text) {
  const char* text = "hello world";
  TK_EXPECT(passes([&] {
    TK_ASSERT_CONTAINS(std::string("hello world"), "lo w");
    TK_ASSERT_CONTAINS(text, std::string_view("world"));
    TK_EXPECT_CONTAINS(text, "");
  }));
}

TK_TEST(Contains, failure_shows_element_and_container) {
  const Outcome out = single_failure([] { TK_ASSERT_CONTAINS(std::vector<int>{1, 2}, 5, "looking for {}", 5); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_CONTAINS(std::vector<int>{1, 2}, 5)");
  TK_EXPECT_EQ(out.failure.details, "element:   5\ncontainer: {1, 2}");
  TK_EXPECT_EQ(out.failure.message, "looking for 5");
  TK_EXPECT(out.aborted);
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_CONTAINS(std::string("hello"), "xyz"); }),
               "element:   \"xyz\"\ncontainer: \"hello\"");
}

TK_TEST(In, is_contains_with_the_operands_swapped) {
  TK_EXPECT(passes([] {
    TK_ASSERT_IN(2, std::vector<int>{1, 2});
    TK_EXPECT_IN("ell", std::string("hello"));
  }));
  const Outcome out = single_failure([] { TK_EXPECT_IN(3, std::vector<int>{1, 2}); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_IN(3, std::vector<int>{1, 2})");
  TK_EXPECT_EQ(out.failure.details, "element:   3\ncontainer: {1, 2}");
  TK_EXPECT_FALSE(out.aborted);
  TK_EXPECT(single_failure([] { TK_ASSERT_IN(3, std::vector<int>{1, 2}); }).aborted);
}

TK_TEST(NotContains, passes_when_the_element_or_substring_is_absent) {
  const std::set<std::string> names{"ada", "alan"};
  TK_EXPECT(passes([&] {
    TK_ASSERT_NOT_CONTAINS(names, "grace");
    TK_ASSERT_NOT_CONTAINS(std::vector<int>{1, 2, 3}, 4);
    TK_EXPECT_NOT_CONTAINS(std::string("hello world"), "low");
    TK_EXPECT_NOT_CONTAINS("hello", std::string_view("H"));
    TK_EXPECT_NOT_CONTAINS(std::vector<int>{}, 0);
  }));
}

TK_TEST(NotContains, failure_shows_element_container_and_the_index_of_the_first_match) {
  const Outcome out = single_failure([] {
    TK_ASSERT_NOT_CONTAINS(std::vector<int>{1, 5, 2, 5}, 5, "after {}", "dedup");
  });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_NOT_CONTAINS(std::vector<int>{1, 5, 2, 5}, 5)");
  TK_EXPECT_EQ(out.failure.details, "element:   5\ncontainer: {1, 5, 2, 5}\nfound at index 1");
  TK_EXPECT_EQ(out.failure.message, "after dedup");
  TK_EXPECT(out.aborted);
  const std::list<std::string> names{"ada", "alan", "grace"};
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_NOT_CONTAINS(names, "grace"); }),
               "element:   \"grace\"\ncontainer: {\"ada\", \"alan\", \"grace\"}\nfound at index 2");
}

TK_TEST(NotContains, a_substring_failure_gives_its_offset) {
  const Outcome out = single_failure([] { TK_EXPECT_NOT_CONTAINS(std::string("hello world"), "o w"); });
  TK_EXPECT_EQ(out.failure.details, "element:   \"o w\"\ncontainer: \"hello world\"\nfound at index 4");
  TK_EXPECT_FALSE(out.aborted);
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_NOT_CONTAINS("abc", ""); }),
               "element:   \"\"\ncontainer: \"abc\"\nfound at index 0", "the empty text is in every text");
}

TK_TEST(NotContains, elements_compare_by_value_as_in_contains) {
  TK_EXPECT(passes([] { TK_EXPECT_NOT_CONTAINS(std::vector<unsigned>{4294967295u}, -1); }));
  TK_EXPECT_EQ(details_of([] {
                 TK_EXPECT_NOT_CONTAINS(std::vector<long>{7, 8}, 8u);
               }),
               "element:   8\ncontainer: {7, 8}\nfound at index 1");
}

TK_TEST(NotIn, is_not_contains_with_the_operands_swapped) {
  TK_EXPECT(passes([] {
    TK_ASSERT_NOT_IN(3, std::vector<int>{1, 2});
    TK_EXPECT_NOT_IN("xyz", std::string("hello"));
  }));
  const Outcome out = single_failure([] { TK_EXPECT_NOT_IN(2, std::vector<int>{1, 2}, "n = {}", 2); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_NOT_IN(2, std::vector<int>{1, 2})");
  TK_EXPECT_EQ(out.failure.details, "element:   2\ncontainer: {1, 2}\nfound at index 1");
  TK_EXPECT_EQ(out.failure.message, "n = 2");
  TK_EXPECT_FALSE(out.aborted);
  TK_EXPECT(single_failure([] { TK_ASSERT_NOT_IN("ell", "hello"); }).aborted);
}

}  // namespace
