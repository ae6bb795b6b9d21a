// TK_FAIL, TK_ADD_FAILURE and TK_SKIP: ending or marking a test without a condition.
#include <stdexcept>
#include <string>

#include <testkit/testkit.hpp>

#include "outcome.hpp"

namespace {

using selftest::Outcome;
using selftest::single_failure;

TK_TEST(Fail, records_the_message_and_ends_the_code) {
  bool after = false;
  // noinline: folded into std::function's invoker, the lambda would leave no frame for the trace.
  const Outcome out = single_failure([&]() __attribute__((noinline)) {
    TK_FAIL("gave up after {} tries", 3);
    after = true;
  });
  const unsigned line = __LINE__ - 3;
  TK_EXPECT_EQ(out.failure.headline, "TK_FAIL");
  TK_EXPECT_EQ(out.failure.details, "");
  TK_EXPECT_EQ(out.failure.message, "gave up after 3 tries");
  TK_EXPECT_EQ(out.failure.where.line, line);
  TK_EXPECT_FALSE(out.failure.stacktrace.empty());
  TK_EXPECT(out.aborted);
  TK_EXPECT_FALSE(after);
}

TK_TEST(Fail, without_a_message) {
  const Outcome out = single_failure([] { TK_FAIL(); });
  TK_EXPECT_EQ(out.failure.headline, "TK_FAIL");
  TK_EXPECT_EQ(out.failure.message, "");
  TK_EXPECT(out.aborted);
}

TK_TEST(AddFailure, records_and_goes_on) {
  bool after = false;
  const testkit::Captured captured = testkit::capture_failures([&] {
    TK_ADD_FAILURE("first {}", 'x');
    TK_ADD_FAILURE();
    after = true;
  });
  TK_EXPECT(after);
  TK_EXPECT_FALSE(captured.aborted);
  TK_ASSERT_EQ(captured.failures.size(), 2u);
  TK_EXPECT_EQ(captured.failures[0].headline, "TK_ADD_FAILURE");
  TK_EXPECT_EQ(captured.failures[0].message, "first x");
  TK_EXPECT_EQ(captured.failures[1].message, "");
  TK_EXPECT_EQ(captured.failures[1].where.line, captured.failures[0].where.line + 1);
}

TK_TEST(Skip, ends_the_code_with_the_formatted_reason) {
  bool after = false;
  const testkit::Captured captured = testkit::capture_failures([&] {
    TK_SKIP("needs {} cores", 64);
    after = true;
  });
  TK_EXPECT_EQ(captured.skip_reason, "needs 64 cores");
  TK_EXPECT(captured.failures.empty());
  TK_EXPECT_FALSE(captured.aborted);
  TK_EXPECT_FALSE(after);
}

TK_TEST(Skip, without_a_reason_still_says_skipped) {
  const testkit::Captured captured = testkit::capture_failures([] { TK_SKIP(); });
  TK_EXPECT_EQ(captured.skip_reason, "skipped");
  TK_EXPECT(captured.failures.empty());
}

TK_TEST(Skip, keeps_failures_recorded_before_it) {
  const testkit::Captured captured = testkit::capture_failures([] {
    TK_EXPECT_EQ(1, 2);
    TK_SKIP("flaky");
  });
  TK_EXPECT_EQ(captured.skip_reason, "flaky");
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_EQ(captured.failures[0].headline, "TK_EXPECT_EQ(1, 2)");
}

TK_TEST(Capture, failures_inside_do_not_reach_the_calling_test) {
  const testkit::Captured inner = testkit::capture_failures([] {
    const testkit::Captured nested = testkit::capture_failures([] { TK_FAIL("nested"); });
    TK_EXPECT_EQ(nested.failures.size(), 1u);
  });
  TK_EXPECT(inner.failures.empty());
  TK_EXPECT_FALSE(inner.aborted);
}

TK_TEST(Capture, an_escaping_exception_is_a_failure_that_aborts) {
  const Outcome out = single_failure([] { throw std::runtime_error("lost"); });
  TK_EXPECT_EQ(out.failure.headline, "uncaught exception in test: std::runtime_error: lost");
  TK_EXPECT(out.aborted);
}

}  // namespace
