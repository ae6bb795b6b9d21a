// Must not compile: `a == 1 || b == 2` reaches the split as a comparison followed by ||.
#include <testkit/testkit.hpp>

void split_comparisons(int a, int b) { TK_EXPECT(a == 1 || b == 2); }
