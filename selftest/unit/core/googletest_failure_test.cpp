// A binary that links GoogleTest for code of its own (ADD_FAILURE, here and in outside_test_test.cpp) but no
// GoogleMock: the runner still makes a GoogleTest failure in a test that test's failure.
#include <gtest/gtest.h>

#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"

namespace {

using testkit::selftest::failure_text;
using testkit::selftest::run_inner;

TK_TEST(GoogleTestFailures, a_googletest_failure_fails_the_running_test_without_googlemock_linked) {
  const testkit::TestResult result = run_inner([] { ADD_FAILURE() << "reported through GoogleTest"; });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "reported through GoogleTest");
}

}  // namespace
