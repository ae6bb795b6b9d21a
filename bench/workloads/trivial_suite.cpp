// 1000 trivial tests (one passing equality each): the runner's own cost per test.
#include <ranges>

#include <testkit/testkit.hpp>

TK_TEST_P(Trivial, equality, std::views::iota(0, 1000)) { TK_ASSERT_EQ(param(), param()); }
