// Must compile: the workaround the static_assert suggests, so that a failure of the other cases is not
// just a broken compiler command.
#include <testkit/testkit.hpp>

void parenthesized(bool a, bool b, int c) {
  TK_ASSERT((a && b));
  TK_EXPECT((c == 1 || c == 2));
}
