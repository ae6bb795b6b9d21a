// Tests with memory bugs in a plain build (no sanitizer), for valgrind's memcheck: run with --valgrind, or as
// `valgrind ./scenario_valgrind`, each bug must be charged to the test that made it, and no other.
#include <memory>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

struct Node {
  int value = 0;
  Node* next = nullptr;
};

// Kept in volatile globals, so that the compiler cannot remove the allocations and the bad accesses.
int* volatile kept = nullptr;
int volatile sink = 0;

[[gnu::noinline]] Node* push_front_without_owner(Node* head, int value) { return new Node{value, head}; }

TK_TEST(Valgrind, leaks_three_nodes) {
  Node* head = nullptr;
  for (int value = 0; value < 3; ++value) head = push_front_without_owner(head, value);
  TK_EXPECT_EQ(head->value, 2);
  // The list goes out of scope with its nodes still allocated.
}

TK_TEST(Valgrind, reads_freed_memory) {
  int* number = new int(42);
  kept = number;
  delete number;
  sink = *kept;  // an invalid read of 4 bytes
  TK_EXPECT_TRUE(true);
}

TK_TEST(Valgrind, frees_what_it_allocates) {
  auto numbers = std::make_unique<std::vector<int>>(100, 7);
  TK_EXPECT_EQ(numbers->size(), 100u);
}

}  // namespace
