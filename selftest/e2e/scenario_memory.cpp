// Tests with memory bugs, built with AddressSanitizer and UndefinedBehaviorSanitizer against the plain testkit, as a
// course builds a sanitized suite: each bug must be charged to the test that made it, and no other.
#include <climits>
#include <cstring>
#include <memory>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

struct Node {
  int value = 0;
  Node* next = nullptr;
};

// Kept in a volatile global, so that the compiler cannot remove the allocations and the bad accesses.
Node* volatile lost = nullptr;
int* volatile kept = nullptr;
int volatile big = INT_MAX;

[[gnu::noinline]] Node* push_front_without_owner(Node* head, int value) { return new Node{value, head}; }

TK_TEST(Memory, leaks_three_nodes) {
  Node* head = nullptr;
  for (int value = 0; value < 3; ++value) head = push_front_without_owner(head, value);
  TK_EXPECT_EQ(head->value, 2);
  // The list goes out of scope with its nodes still allocated.
}

TK_TEST(Memory, frees_what_it_allocates) {
  auto numbers = std::make_unique<std::vector<int>>(100, 7);
  TK_EXPECT_EQ(numbers->size(), 100u);
}

TK_TEST(Memory, double_free) {
  int* numbers = new int[4]{1, 2, 3, 4};
  kept = numbers;
  delete[] numbers;
  delete[] kept;
  TK_EXPECT_TRUE(true);
}

TK_TEST(Memory, use_after_free) {
  int* number = new int(42);
  kept = number;
  delete number;
  TK_EXPECT_EQ(*kept, 42);
}

TK_TEST(Memory, overflows_a_heap_buffer) {
  std::vector<int> numbers(4, 0);
  int* data = numbers.data();
  kept = data;
  kept[4] = 1;  // one past the end
  TK_EXPECT_EQ(numbers[0], 0);
}

[[gnu::noinline]] int add_one(int value) { return value + 1; }

TK_TEST(Memory, overflows_a_signed_int) {
  const int result = add_one(big);
  TK_EXPECT_NE(result, 0);
}

TK_TEST(Memory, leaks_and_fails) {
  lost = new Node{1, nullptr};
  lost = nullptr;
  TK_EXPECT_EQ(1, 2, "a failing test is charged with its failure, not its leak");
}

// A class fixture that leaks in set_up_class: not a test's leak.
class LeakyFixture : public testkit::TestCase {
 public:
  static void set_up_class() {
    lost = new Node{7, nullptr};
    lost = nullptr;
  }
};

TK_TEST_F(LeakyFixture, passes_despite_the_class_set_up_leak) { TK_EXPECT_TRUE(true); }
TK_TEST_F(LeakyFixture, passes_too) { TK_EXPECT_EQ(1, 1); }

}  // namespace
