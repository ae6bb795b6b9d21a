// Parametrized tests: TK_TEST_P and TK_TEST_FP register Name/0, Name/1... with the printed value.
#include <array>
#include <string>
#include <vector>

#include <testkit/core/lifecycle.hpp>

#include <testkit/testkit.hpp>

#include "registered.hpp"

namespace {

using testkit::Verdict;
using testkit::detail::run_test;
using testkit::selftest::find_registered;
using testkit::selftest::without_skip;

/// What the parametrized bodies below saw, for the tests that run them.
std::vector<std::string>& seen() {
  static std::vector<std::string> values;
  return values;
}

TK_TEST_P(ParamSquares, square_is_not_negative, (std::array{-2, 0, 3})) {
  seen().push_back(std::to_string(param()));
  TK_EXPECT_GE(param() * param(), 0);
}

TK_TEST_P(ParamEven, is_even, (std::array{2, 3}), .tags = {"math"},
          .skip = "inspected by ParamTests.a_failing_value_fails_only_its_own_test") {
  TK_ASSERT(param() % 2 == 0);
}

class Greeter : public testkit::TestCase {
 protected:
  void set_up() override { greeting_ = "hello "; }
  std::string greeting_;
};

TK_TEST_FP(Greeter, greets_by_name, (std::vector<std::string>{"ada", "bob"})) {
  seen().push_back(greeting_ + param());
  TK_EXPECT_EQ(greeting_.size() + param().size(), 9u);
}

TK_TEST(ParamTests, each_value_is_registered_with_its_index_and_printed_value) {
  const std::array<std::string, 3> printed{"-2", "0", "3"};
  for (std::size_t index = 0; index < printed.size(); ++index) {
    const testkit::TestInfo* test = find_registered(fmt::format("ParamSquares.square_is_not_negative/{}", index));
    TK_ASSERT(test != nullptr, "index {}", index);
    TK_EXPECT_EQ(test->suite, "ParamSquares");
    TK_EXPECT_EQ(test->param, printed[index]);
    TK_EXPECT(test->fixture == nullptr);
  }
  TK_EXPECT(find_registered("ParamSquares.square_is_not_negative/3") == nullptr);
  TK_EXPECT(find_registered("ParamSquares.square_is_not_negative") == nullptr);
}

TK_TEST(ParamTests, the_body_sees_the_value_of_its_own_test) {
  for (const char* index : {"2", "0", "1"}) {
    seen().clear();
    const testkit::TestInfo* test = find_registered(fmt::format("ParamSquares.square_is_not_negative/{}", index));
    TK_ASSERT(test != nullptr);
    TK_EXPECT(run_test(*test).verdict == Verdict::passed);
    const std::vector<std::string> expected{test->param};
    TK_EXPECT_EQ(seen(), expected);
  }
}

TK_TEST(ParamTests, a_failing_value_fails_only_its_own_test) {
  const testkit::TestInfo* even = find_registered("ParamEven.is_even/0");
  const testkit::TestInfo* odd = find_registered("ParamEven.is_even/1");
  TK_ASSERT(even != nullptr);
  TK_ASSERT(odd != nullptr);
  TK_EXPECT(run_test(without_skip(*even)).verdict == Verdict::passed);
  const testkit::TestResult result = run_test(without_skip(*odd));
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "TK_ASSERT(param() % 2 == 0)");
}

TK_TEST(ParamTests, every_value_gets_the_metadata) {
  for (const char* name : {"ParamEven.is_even/0", "ParamEven.is_even/1"}) {
    const testkit::TestInfo* test = find_registered(name);
    TK_ASSERT(test != nullptr, "{}", name);
    const std::vector<std::string> expected_tags{"math"};
    TK_EXPECT_EQ(test->meta.tags, expected_tags);
    TK_EXPECT_NE(test->meta.skip, "");
  }
}

TK_TEST(ParamTests, fixture_values_are_quoted_and_the_body_sees_fixture_and_value) {
  const testkit::TestInfo* ada = find_registered("Greeter.greets_by_name/0");
  const testkit::TestInfo* bob = find_registered("Greeter.greets_by_name/1");
  TK_ASSERT(ada != nullptr);
  TK_ASSERT(bob != nullptr);
  TK_EXPECT_EQ(ada->param, "\"ada\"");
  TK_EXPECT_EQ(bob->param, "\"bob\"");
  TK_ASSERT(ada->fixture != nullptr);
  TK_EXPECT_EQ(ada->fixture, bob->fixture);
  TK_EXPECT_EQ(ada->fixture->name, "Greeter");
  seen().clear();
  TK_EXPECT(run_test(*bob).verdict == Verdict::passed);
  const std::vector<std::string> expected{"hello bob"};
  TK_EXPECT_EQ(seen(), expected);
}

}  // namespace
