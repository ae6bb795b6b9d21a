// A crafted test binary for the end-to-end selftests: a thousand tiny passing tests, Many.tiny/0 to
// Many.tiny/999, for stress runs with --repeat and many jobs (stress_test.cpp).
#include <numeric>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

std::vector<int> first_numbers(int count) {
  std::vector<int> numbers(static_cast<std::size_t>(count));
  std::iota(numbers.begin(), numbers.end(), 0);
  return numbers;
}

TK_TEST_P(Many, tiny, first_numbers(1000)) { TK_EXPECT_GE(param(), 0); }

}  // namespace
