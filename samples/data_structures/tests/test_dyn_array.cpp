// The instructor's tests of DynArray<T> (dyn_array.hpp), 13 of the assignment's 40 points. testkit-grade builds them
// with each submission's headers, sanitized (grading.toml): a test that leaks a buffer or frees one twice scores 0.
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <testkit/testkit.hpp>

#include "dyn_array.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::Visibility;

/// The values of array, by index.
template <typename T> std::vector<T> values_of(const ds::DynArray<T>& array) {
  std::vector<T> values;
  for (std::size_t i = 0; i < array.size(); ++i) values.push_back(array[i]);
  return values;
}

/// An array holding 10, 20, 30, 40, built with push_back.
class FilledArray : public testkit::TestCase {
 protected:
  void set_up() override {
    for (int value : {10, 20, 30, 40}) array_.push_back(value);
  }

  ds::DynArray<int> array_;
};

TK_TEST(DynArray, starts_empty_without_a_buffer, .points = 1) {
  const ds::DynArray<int> array;
  TK_EXPECT_EQ(array.size(), 0u);
  TK_EXPECT_EQ(array.capacity(), 0u);
  TK_EXPECT(array.empty());
}

TK_TEST(DynArray, push_back_then_index, .points = 1) {
  ds::DynArray<std::string> array;
  array.push_back("x");
  array.push_back("y");
  array[1] = "z";
  TK_EXPECT_EQ(values_of(array), (std::vector<std::string>{"x", "z"}));
  TK_EXPECT_EQ(array.size(), 2u);
}

TK_TEST_F(FilledArray, at_throws_out_of_range, .points = 1, .visibility = Visibility::hidden) {
  TK_EXPECT_EQ(array_.at(3), 40);
  TK_EXPECT_EQ(std::as_const(array_).at(0), 10);
  TK_EXPECT_THROWS((void)array_.at(4), std::out_of_range);
  TK_EXPECT_THROWS((void)std::as_const(array_).at(100), std::out_of_range);
}

TK_TEST_F(FilledArray, pop_back_removes_the_last, .points = 1) {
  array_.pop_back();
  TK_EXPECT_EQ(values_of(array_), (std::vector<int>{10, 20, 30}));
  for (int i = 0; i < 3; ++i) array_.pop_back();
  TK_EXPECT(array_.empty());
  TK_EXPECT_THROWS(array_.pop_back(), std::out_of_range);
}

TK_TEST_F(FilledArray, insert_shifts_the_rest_right, .points = 1) {
  array_.insert(0, 5);
  array_.insert(2, 15);
  array_.insert(array_.size(), 50);
  TK_EXPECT_EQ(values_of(array_), (std::vector<int>{5, 10, 15, 20, 30, 40, 50}));
  TK_EXPECT_THROWS(array_.insert(8, 1), std::out_of_range);
}

TK_TEST_F(FilledArray, erase_shifts_the_rest_left, .points = 1) {
  array_.erase(1);
  TK_EXPECT_EQ(values_of(array_), (std::vector<int>{10, 30, 40}));
  array_.erase(2);
  TK_EXPECT_EQ(values_of(array_), (std::vector<int>{10, 30}));
  TK_EXPECT_THROWS(array_.erase(2), std::out_of_range);
}

TK_TEST(DynArray, reserve_grows_the_capacity_not_the_size, .points = 1) {
  ds::DynArray<int> array;
  array.reserve(100);
  TK_EXPECT_GE(array.capacity(), 100u);
  TK_EXPECT_EQ(array.size(), 0u);
  const std::size_t reserved = array.capacity();
  array.reserve(10);
  TK_EXPECT_EQ(array.capacity(), reserved, "reserve never shrinks");
  for (int i = 0; i < 100; ++i) array.push_back(i);
  TK_EXPECT_EQ(array.capacity(), reserved, "100 values fit without growing");
}

TK_TEST(DynArray, a_million_push_backs_grow_the_buffer_rarely, .timeout = 2s, .points = 2) {
  ds::DynArray<int> array;
  int growths = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    const std::size_t before = array.capacity();
    array.push_back(i);
    growths += array.capacity() != before;
  }
  TK_EXPECT_LE(growths, 40, "the capacity must grow geometrically, not by a constant");
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < array.size(); ++i) wrong += array[i] != static_cast<int>(i);
  TK_EXPECT_EQ(array.size(), 1'000'000u);
  TK_EXPECT_EQ(wrong, 0u, "values not where they were pushed");
}

TK_TEST_F(FilledArray, copy_construction_is_deep, .points = 1) {
  ds::DynArray<int> copy(array_);
  copy[0] = 99;
  array_.push_back(50);
  TK_EXPECT_EQ(values_of(copy), (std::vector<int>{99, 20, 30, 40}));
  TK_EXPECT_EQ(values_of(array_), (std::vector<int>{10, 20, 30, 40, 50}));
}

// Each array owns its buffer: a shallow copy shares the original's, which both then free.
TK_TEST_F(FilledArray, copy_assignment_is_deep, .points = 2) {
  ds::DynArray<int> copy;
  copy.push_back(1);
  copy = array_;
  TK_EXPECT_EQ(values_of(copy), (std::vector<int>{10, 20, 30, 40}));
  TK_EXPECT_EQ(values_of(array_), (std::vector<int>{10, 20, 30, 40}));
}

TK_TEST_F(FilledArray, move_steals_the_buffer, .points = 1) {
  const int* buffer = &array_[0];
  ds::DynArray<int> moved(std::move(array_));
  TK_EXPECT(&moved[0] == buffer, "a move copies no value");
  TK_EXPECT_EQ(array_.capacity(), 0u);  // NOLINT(bugprone-use-after-move): the contract says so
  ds::DynArray<int> assigned;
  assigned.push_back(1);
  assigned = std::move(moved);
  TK_EXPECT_EQ(values_of(assigned), (std::vector<int>{10, 20, 30, 40}));
  TK_EXPECT_EQ(moved.size(), 0u);  // NOLINT(bugprone-use-after-move)
}

}  // namespace
