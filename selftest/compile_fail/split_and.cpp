// Must not compile: TK_ASSERT cannot split `a && b` without evaluating b eagerly.
#include <testkit/testkit.hpp>

void split_and(bool a, bool b) { TK_ASSERT(a && b); }
