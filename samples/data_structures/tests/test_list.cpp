// The instructor's tests of List<T> (list.hpp), 14 of the assignment's 40 points. testkit-grade builds them with each
// submission's headers, sanitized (grading.toml): a test that leaks a node or frees one twice scores 0.
#include <string>
#include <utility>
#include <vector>

#include <testkit/testkit.hpp>

#include "list.hpp"

namespace {

using testkit::Visibility;

/// The values of list, first to last, through its iterators.
template <typename T> std::vector<T> values_of(const ds::List<T>& list) { return {list.begin(), list.end()}; }

/// A list holding 1, 2, 3, 4, 5, built with push_back.
class FilledList : public testkit::TestCase {
 protected:
  void set_up() override {
    for (int value : {1, 2, 3, 4, 5}) list_.push_back(value);
  }

  ds::List<int> list_;
};

TK_TEST(List, starts_empty, .points = 1) {
  const ds::List<int> list;
  TK_EXPECT_EQ(list.size(), 0u);
  TK_EXPECT(list.empty());
  TK_EXPECT(list.begin() == list.end());
}

TK_TEST(List, push_front_puts_values_first, .points = 1) {
  ds::List<std::string> list;
  for (const char* word : {"c", "b", "a"}) list.push_front(word);
  TK_EXPECT_EQ(values_of(list), (std::vector<std::string>{"a", "b", "c"}));
  TK_EXPECT_EQ(list.size(), 3u);
}

TK_TEST(List, push_back_puts_values_last, .points = 1) {
  ds::List<std::string> list;
  list.push_back("b");
  list.push_front("a");
  list.push_back("c");
  TK_EXPECT_EQ(values_of(list), (std::vector<std::string>{"a", "b", "c"}));
  TK_EXPECT_EQ(list.size(), 3u);
}

TK_TEST_F(FilledList, pop_front_returns_the_values_in_order, .points = 2) {
  for (int expected : {1, 2, 3, 4, 5}) TK_EXPECT_EQ(list_.pop_front(), expected);
  TK_EXPECT(list_.empty());
}

TK_TEST(List, pop_front_of_an_emptied_list_throws, .points = 1) {
  ds::List<int> list;
  list.push_back(7);
  TK_EXPECT_EQ(list.pop_front(), 7);
  TK_EXPECT_THROWS((void)list.pop_front(), std::out_of_range);
}

TK_TEST_F(FilledList, find_returns_an_iterator_to_the_value, .points = 1) {
  auto found = list_.find(3);
  TK_ASSERT(found != list_.end());
  TK_EXPECT_EQ(*found, 3);
  TK_EXPECT_EQ(*++found, 4);
}

TK_TEST_F(FilledList, find_of_a_missing_value_returns_end, .points = 1) { TK_EXPECT(list_.find(9) == list_.end()); }

TK_TEST(List, remove_deletes_every_match, .points = 2) {
  ds::List<int> list;
  for (int value : {2, 1, 2, 3, 2}) list.push_back(value);
  TK_EXPECT_EQ(list.remove(2), 3u);
  TK_EXPECT_EQ(values_of(list), (std::vector<int>{1, 3}));
  TK_EXPECT_EQ(list.size(), 2u);
  TK_EXPECT_EQ(list.remove(9), 0u);
}

TK_TEST(List, push_back_after_removing_the_last_value, .points = 1, .visibility = Visibility::hidden) {
  ds::List<int> list;
  list.push_back(1);
  list.push_back(2);
  list.remove(2);
  list.push_back(3);
  TK_EXPECT_EQ(values_of(list), (std::vector<int>{1, 3}));
  list.remove(1);
  list.remove(3);
  list.push_back(4);
  TK_EXPECT_EQ(values_of(list), (std::vector<int>{4}));
}

TK_TEST_F(FilledList, copies_are_deep, .points = 2) {
  ds::List<int> copy(list_);
  ds::List<int> assigned;
  assigned.push_back(9);
  assigned = list_;
  list_.remove(3);
  list_.push_front(0);
  TK_EXPECT_EQ(values_of(copy), (std::vector<int>{1, 2, 3, 4, 5}));
  TK_EXPECT_EQ(values_of(assigned), (std::vector<int>{1, 2, 3, 4, 5}));
  TK_EXPECT_EQ(values_of(list_), (std::vector<int>{0, 1, 2, 4, 5}));
}

TK_TEST_F(FilledList, move_leaves_the_source_empty, .points = 1) {
  ds::List<int> moved(std::move(list_));
  TK_EXPECT_EQ(values_of(moved), (std::vector<int>{1, 2, 3, 4, 5}));
  TK_EXPECT(list_.empty());  // NOLINT(bugprone-use-after-move): the contract says so
  ds::List<int> assigned;
  assigned.push_back(9);
  assigned = std::move(moved);
  TK_EXPECT_EQ(values_of(assigned), (std::vector<int>{1, 2, 3, 4, 5}));
  TK_EXPECT(moved.empty());  // NOLINT(bugprone-use-after-move)
  list_.push_back(6);        // a moved-from list is an empty list, ready for use
  TK_EXPECT_EQ(values_of(list_), (std::vector<int>{6}));
}

}  // namespace
