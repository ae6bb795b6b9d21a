// The instructor's tests of Bst<T> (bst.hpp), 13 of the assignment's 40 points. testkit-grade builds them with each
// submission's headers, sanitized (grading.toml): a test that leaks a node or frees one twice scores 0.
#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "bst.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::Visibility;

/// A tree of three full levels: 50; 30 and 70; 20, 40, 60 and 80.
class SampleTree : public testkit::TestCase {
 protected:
  void set_up() override {
    for (int value : {50, 30, 70, 20, 40, 60, 80}) TK_ASSERT(tree_.insert(value), "insert({})", value);
  }

  ds::Bst<int> tree_;
};

TK_TEST(Bst, starts_empty, .points = 1) {
  const ds::Bst<int> tree;
  TK_EXPECT_EQ(tree.size(), 0u);
  TK_EXPECT_EQ(tree.height(), 0);
  TK_EXPECT(!tree.contains(1));
  TK_EXPECT(tree.in_order().empty());
}

TK_TEST_F(SampleTree, contains_what_was_inserted, .points = 1) {
  for (int value : {20, 30, 40, 50, 60, 70, 80}) TK_EXPECT(tree_.contains(value), "contains({})", value);
  for (int value : {10, 45, 90}) TK_EXPECT(!tree_.contains(value), "contains({})", value);
  TK_EXPECT_EQ(tree_.size(), 7u);
}

TK_TEST_F(SampleTree, ignores_duplicates, .points = 1) {
  TK_EXPECT(!tree_.insert(40));
  TK_EXPECT_EQ(tree_.size(), 7u);
  TK_EXPECT(tree_.insert(45));
  TK_EXPECT_EQ(tree_.size(), 8u);
}

TK_TEST_F(SampleTree, in_order_visits_the_values_sorted, .points = 2) {
  TK_EXPECT_EQ(tree_.in_order(), (std::vector<int>{20, 30, 40, 50, 60, 70, 80}));
  ds::Bst<std::string> words;
  for (const char* word : {"pear", "apple", "fig", "kiwi", "banana"}) words.insert(word);
  TK_EXPECT_EQ(words.in_order(), (std::vector<std::string>{"apple", "banana", "fig", "kiwi", "pear"}));
}

TK_TEST(Bst, height_counts_levels, .points = 1) {
  ds::Bst<int> tree;
  tree.insert(50);
  TK_EXPECT_EQ(tree.height(), 1);
  tree.insert(30);
  tree.insert(70);
  TK_EXPECT_EQ(tree.height(), 2);
  tree.insert(20);
  TK_EXPECT_EQ(tree.height(), 3);
}

TK_TEST_F(SampleTree, erase_a_leaf, .points = 1) {
  TK_EXPECT(tree_.erase(20));
  TK_EXPECT(!tree_.contains(20));
  TK_EXPECT(!tree_.erase(20), "erasing a value the tree does not hold changes nothing");
  TK_EXPECT_EQ(tree_.in_order(), (std::vector<int>{30, 40, 50, 60, 70, 80}));
  TK_EXPECT_EQ(tree_.size(), 6u);
}

TK_TEST_F(SampleTree, erase_a_node_with_one_child, .points = 1, .visibility = Visibility::hidden) {
  tree_.erase(20);
  TK_EXPECT(tree_.erase(30));
  TK_EXPECT_EQ(tree_.in_order(), (std::vector<int>{40, 50, 60, 70, 80}));
  TK_EXPECT_EQ(tree_.height(), 3);
}

TK_TEST_F(SampleTree, erase_a_node_with_two_children, .points = 2) {
  TK_EXPECT(tree_.erase(50));
  TK_EXPECT(!tree_.contains(50));
  TK_EXPECT_EQ(tree_.in_order(), (std::vector<int>{20, 30, 40, 60, 70, 80}));
  TK_EXPECT(tree_.erase(30));
  TK_EXPECT_EQ(tree_.in_order(), (std::vector<int>{20, 40, 60, 70, 80}));
  TK_EXPECT_EQ(tree_.size(), 5u);
}

// 100,000 values in a shuffled order: a plain BST is about 40 levels high and takes milliseconds.
TK_TEST(Bst, a_hundred_thousand_shuffled_inserts, .timeout = 2s, .points = 3) {
  std::vector<int> values(100'000);
  std::iota(values.begin(), values.end(), 0);
  std::shuffle(values.begin(), values.end(), std::mt19937(2026));
  ds::Bst<int> tree;
  for (int value : values) tree.insert(value);
  TK_EXPECT_EQ(tree.size(), values.size());
  std::sort(values.begin(), values.end());
  TK_EXPECT(tree.in_order() == values, "in_order() is not 0, 1, ..., 99999");
  TK_EXPECT_LT(tree.height(), 100);
  for (int value = 0; value < 100'000; value += 2) tree.erase(value);
  TK_EXPECT_EQ(tree.size(), 50'000u);
}

}  // namespace
