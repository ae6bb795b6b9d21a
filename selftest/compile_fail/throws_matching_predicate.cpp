// Must not compile: the predicate of TK_ASSERT_THROWS_MATCHING must accept the caught exception.
#include <stdexcept>

#include <testkit/testkit.hpp>

void throws_matching_predicate() {
  TK_ASSERT_THROWS_MATCHING(throw std::runtime_error("x"), std::runtime_error, [](int code) { return code == 1; });
}
