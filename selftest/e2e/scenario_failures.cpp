// A crafted test binary for the end-to-end selftests: one failing test per kind of failure output.
// Its console output is the golden file selftest/golden/scenario_failures.console.txt, and
// failure_output_test.cpp looks for the line of "TK_ASSERT_EQ(numbers, expected)" here: after editing
// this file, rewrite the golden files with TK_GOLDEN=update.
#include <stdexcept>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

TK_TEST(Failures, decomposed_assert) {
  const int answer = 41;
  TK_ASSERT(answer == 42);
}

TK_TEST(Failures, vector_mismatch) {
  const std::vector<int> numbers{1, 2, 3};
  const std::vector<int> expected{1, 2, 4};
  TK_ASSERT_EQ(numbers, expected);
}

TK_TEST(Failures, multiline_text) {
  const std::string report = "name: ada\nscore: 90\ngrade: A";
  TK_EXPECT_EQ(report, "name: ada\nscore: 85\ngrade: A");
}

TK_TEST(Failures, std_exception) { throw std::runtime_error("disk on fire"); }

TK_TEST(Failures, non_std_exception) { throw 42; }

class Database : public testkit::TestCase {
 protected:
  void set_up() override { TK_ASSERT(connected_, "cannot reach {}", "db.example"); }
  bool connected_ = false;
};

TK_TEST_F(Database, query_never_runs) { TK_FAIL("the body must not run after set_up failed"); }

TK_TEST(Failures, subtests) {
  for (const int n : {1, 2, 3}) {
    TK_SUBTEST("n={}", n) { TK_ASSERT_LT(n, 2); };
  }
}

TK_TEST(Failures, explicit_fail) { TK_FAIL("not implemented for {} input", "negative"); }

TK_TEST(Failures, expect_continues) {
  TK_EXPECT_EQ(1 + 1, 3, "first check");
  TK_EXPECT_TRUE(std::string("abc").empty());
}

TK_TEST(Failures, nothing_thrown) { TK_ASSERT_THROWS(static_cast<void>(std::stoi("7")), std::invalid_argument); }

TK_TEST(Failures, unexpectedly_passes, .xfail = "bug 12") { TK_EXPECT_EQ(1, 1); }

TK_TEST(Mixed, passes) { TK_ASSERT_EQ(1, 1); }

TK_TEST(Mixed, skipped, .skip = "not today") {}

}  // namespace
