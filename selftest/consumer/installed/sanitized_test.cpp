// A tiny suite that testkit_add_sanitized_tests() builds twice, plain and with AddressSanitizer and
// UndefinedBehaviorSanitizer, against an installed testkit that is not sanitized itself.
#include <memory>
#include <numeric>
#include <vector>

#include <testkit/testkit.hpp>

TK_TEST(Sanitized, heap_memory_is_freed) {
  auto values = std::make_unique<int[]>(8);
  std::iota(values.get(), values.get() + 8, 1);
  TK_EXPECT_EQ(std::accumulate(values.get(), values.get() + 8, 0), 36);
}

TK_TEST(Sanitized, a_growing_vector_stays_in_bounds) {
  std::vector<int> values;
  for (int i = 0; i < 1000; ++i) values.push_back(i);
  TK_EXPECT_EQ(values.back(), 999);
}
