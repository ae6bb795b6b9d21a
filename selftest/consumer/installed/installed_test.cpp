// The tests of a project that uses an installed testkit: tags become CTest labels, a skip is reported as skipped,
// parametrized tests become one CTest test per value.
#include <array>
#include <string>

#include <testkit/testkit.hpp>

TK_TEST(Installed, links_and_runs) { TK_ASSERT_EQ(std::string("test") + "kit", "testkit"); }

TK_TEST(Installed, tagged_slow, .tags = {"slow"}) { TK_EXPECT_GT(2, 1); }

TK_TEST(Installed, skipped, .skip = "shows as skipped in ctest") { TK_FAIL("a skipped test must not run"); }

TK_TEST_P(Installed, square_is_not_negative, (std::array{-2, 0, 3})) { TK_EXPECT_GE(param() * param(), 0); }
