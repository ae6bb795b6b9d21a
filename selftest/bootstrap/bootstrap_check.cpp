// The assertion layer checked without trusting it: TK_ macros run under capture_failures, and their
// Failure records are checked with plain ifs. If this fails, no other selftest result means anything.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

bool fail(const char* check, const std::string& problem) {
  std::fprintf(stderr, "FAIL %s: %s\n", check, problem.c_str());
  return false;
}

bool passing_assertions_record_nothing() {
  const testkit::Captured c = testkit::capture_failures([] {
    TK_ASSERT_EQ(2 + 2, 4);
    TK_EXPECT(1 < 2);
    TK_EXPECT_NE(std::string("a"), "b");
  });
  if (!c.failures.empty()) return fail(__func__, "recorded " + c.failures[0].headline);
  if (c.aborted) return fail(__func__, "aborted");
  if (!c.skip_reason.empty()) return fail(__func__, "skipped");
  return true;
}

bool failed_expect_records_and_goes_on() {
  bool after = false;
  unsigned line = 0;
  const testkit::Captured c = testkit::capture_failures([&] {
    line = __LINE__ + 1;
    TK_EXPECT_EQ(1, 2);
    after = true;
  });
  if (c.failures.size() != 1) return fail(__func__, "expected 1 failure, got " + std::to_string(c.failures.size()));
  const testkit::Failure& f = c.failures[0];
  if (f.headline != "TK_EXPECT_EQ(1, 2)") return fail(__func__, "headline: " + f.headline);
  if (f.details != "left:  1\nright: 2") return fail(__func__, "details: " + f.details);
  if (!f.message.empty()) return fail(__func__, "message: " + f.message);
  if (f.where.line != line) return fail(__func__, "line: " + std::to_string(f.where.line));
  if (!f.where.file.ends_with("bootstrap_check.cpp")) return fail(__func__, "file: " + f.where.file);
  if (c.aborted || !after) return fail(__func__, "a non-fatal failure ended the code");
  return true;
}

bool failed_assert_ends_the_code() {
  bool after = false;
  const int one = 1, two = 2;
  const testkit::Captured c = testkit::capture_failures([&] {
    TK_ASSERT(one == two, "sum of {} and {}", 3, "x");
    after = true;
  });
  if (c.failures.size() != 1) return fail(__func__, "expected 1 failure, got " + std::to_string(c.failures.size()));
  const testkit::Failure& f = c.failures[0];
  if (f.headline != "TK_ASSERT(one == two)") return fail(__func__, "headline: " + f.headline);
  if (f.details != "expanded: 1 == 2") return fail(__func__, "details: " + f.details);
  if (f.message != "sum of 3 and x") return fail(__func__, "message: " + f.message);
  if (!c.aborted || after) return fail(__func__, "a fatal failure did not end the code");
  return true;
}

bool failure_has_a_stack_trace() {
  // noinline: folded into std::function's invoker, the lambda would leave no frame of its own.
  const testkit::Captured c = testkit::capture_failures([]() __attribute__((noinline)) { TK_EXPECT_TRUE(false); });
  if (c.failures.size() != 1) return fail(__func__, "expected 1 failure, got " + std::to_string(c.failures.size()));
  if (c.failures[0].stacktrace.find("bootstrap_check.cpp") == std::string::npos)
    return fail(__func__, "trace: " + c.failures[0].stacktrace);
  return true;
}

bool skip_records_its_reason() {
  const testkit::Captured c = testkit::capture_failures([] { TK_SKIP("needs {} GPUs", 2); });
  if (c.skip_reason != "needs 2 GPUs") return fail(__func__, "skip reason: " + c.skip_reason);
  if (!c.failures.empty() || c.aborted) return fail(__func__, "a skip counted as a failure");
  return true;
}

bool escaping_exception_is_a_failure() {
  const testkit::Captured c = testkit::capture_failures([] { throw std::runtime_error("lost"); });
  if (c.failures.size() != 1) return fail(__func__, "expected 1 failure, got " + std::to_string(c.failures.size()));
  if (c.failures[0].headline != "uncaught exception in test: std::runtime_error: lost")
    return fail(__func__, "headline: " + c.failures[0].headline);
  if (!c.aborted) return fail(__func__, "not aborted");
  return true;
}

bool vector_difference_names_the_index() {
  const testkit::Captured c = testkit::capture_failures([] {
    TK_EXPECT_EQ(std::vector<int>{1, 2, 3}, std::vector<int>{1, 2, 4});
  });
  if (c.failures.size() != 1) return fail(__func__, "expected 1 failure, got " + std::to_string(c.failures.size()));
  if (c.failures[0].details != "left:  {1, 2, 3}\nright: {1, 2, 4}\nfirst difference at index 2: 3 vs 4")
    return fail(__func__, "details: " + c.failures[0].details);
  return true;
}

}  // namespace

int main() {
  const bool results[] = {
      passing_assertions_record_nothing(), failed_expect_records_and_goes_on(), failed_assert_ends_the_code(),
      failure_has_a_stack_trace(),         skip_records_its_reason(),           escaping_exception_is_a_failure(),
      vector_difference_names_the_index(),
  };
  int passed = 0, failed = 0;
  for (const bool ok : results) ++(ok ? passed : failed);
  std::printf("bootstrap_check: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
