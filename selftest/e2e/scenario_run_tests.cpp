// README's example of testkit::run_tests ("Running tests from code"): a program with its own main() that runs its tests
// twice with different options and goes on. run_tests_test.cpp runs it and checks what both runs reported.
#include <cstdio>
#include <string>

#include <testkit/testkit.hpp>

TK_TEST(Math, adds) { TK_EXPECT_EQ(1 + 1, 2); }
TK_TEST(Math, divides) { TK_EXPECT_EQ(7 / 2, 3); }
TK_TEST(Text, joins) { TK_EXPECT_EQ(std::string("ab") + "c", "abd"); }  // fails

int main() {
  const testkit::RunOutcome math = testkit::run_tests({"--filter", "Math.*", "--json", "math.json"});
  const testkit::RunOutcome text = testkit::run_tests({"--filter", "Text.*", "--no-fork"});
  std::printf("Math: exit code %d, %zu passed\n", math.exit_code, math.tally.passed);
  for (const testkit::TestResult& result : text.run.results)
    std::printf("%s: %s\n", result.test->full_name().c_str(), std::string(testkit::to_string(result.verdict)).c_str());
  return math.exit_code == 0 && text.exit_code == 1 ? 0 : 1;
}
