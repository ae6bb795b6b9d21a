// The tests of a project that uses an installed testkit: tags become CTest labels, a skip is reported as skipped,
// parametrized tests become one CTest test per value, GoogleMock failures count.
#include <array>
#include <string>

#include <gmock/gmock.h>

#include <testkit/testkit.hpp>

TK_TEST(Installed, links_and_runs) { TK_ASSERT_EQ(std::string("test") + "kit", "testkit"); }

TK_TEST(Installed, tagged_slow, .tags = {"slow"}) { TK_EXPECT_GT(2, 1); }

TK_TEST(Installed, skipped, .skip = "shows as skipped in ctest") { TK_FAIL("a skipped test must not run"); }

TK_TEST_P(Installed, square_is_not_negative, (std::array{-2, 0, 3})) { TK_EXPECT_GE(param() * param(), 0); }

// GoogleMock is linked because this file uses it, and its failures reach the test: were the unmet expectation lost,
// the test would pass, which an xfail test must not.
TK_TEST(Installed, unmet_googlemock_expectation_fails, .xfail = "the expectation is left unmet on purpose") {
  testing::MockFunction<int()> now;
  EXPECT_CALL(now, Call());
}
