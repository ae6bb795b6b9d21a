// A test of a project that takes testkit from its source tree (see the build files beside this one).
#include <string>

#include <testkit/testkit.hpp>

TK_TEST(Consumer, links_and_runs) { TK_ASSERT_EQ(std::string("test") + "kit", "testkit"); }

TK_TEST(Consumer, reports_a_skip, .skip = "shows as skipped in Meson's logs") {}
