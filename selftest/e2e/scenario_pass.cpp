// A crafted test binary for the end-to-end selftests: everything passes, one test is skipped by its
// metadata, one skips itself, one fails as expected. Its console output is the golden file
// selftest/golden/scenario_pass.console.txt; changing a line here changes that file.
#include <stdexcept>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

TK_TEST(Arithmetic, adds) { TK_ASSERT_EQ(2 + 2, 4); }

TK_TEST(Arithmetic, compares, .tags = {"fast"}) {
  TK_EXPECT(3 < 4);
  TK_EXPECT_NE(3, 4);
}

TK_TEST(Strings, concatenates, .tags = {"fast", "text"}) {
  const std::string text = std::string("ab") + "cd";
  TK_ASSERT_EQ(text, "abcd");
  TK_EXPECT_CONTAINS(text, "bc");
}

TK_TEST(Strings, slow_search, .tags = {"slow"}) { TK_EXPECT_EQ(std::string(1000, 'x').find('y'), std::string::npos); }

TK_TEST(Skipping, by_metadata, .skip = "needs a network") { TK_FAIL("a skipped test must not run"); }

TK_TEST(Skipping, at_run_time) {
  TK_SKIP("only on {} cores", 64);
  TK_FAIL("TK_SKIP must end the test");
}

TK_TEST(Expected, failure, .xfail = "rounding bug") { TK_EXPECT_EQ(0.1 + 0.2, 0.3); }

class Counter : public testkit::TestCase {
 protected:
  void set_up() override { values_ = {1, 2, 3}; }
  std::vector<int> values_;
};

TK_TEST_F(Counter, starts_with_three_values) { TK_ASSERT_EQ(values_.size(), 3u); }

TK_TEST_F(Counter, throws_when_asked) {
  TK_ASSERT_THROWS(throw std::out_of_range("index 9"), std::out_of_range);
  TK_ASSERT_NO_THROW(values_.push_back(4));
}

}  // namespace
