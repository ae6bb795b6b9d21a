// Many results at once: a thousand tiny tests repeated on eight jobs must each be reported exactly as often
// as they ran, and the counts must add up. A forked test costs about 8 ms on a 2-core virtual machine (page
// faults of the fork dominate), so the thousand run 4 times rather than 20 (about 30 s), once when sanitized.
#include <chrono>
#include <map>
#include <string>

#include <fmt/format.h>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;

constexpr std::size_t tests = 1000;
constexpr std::size_t repeat = sanitized ? 1 : 4;

TK_TEST(Stress, every_repetition_of_every_test_is_reported_once, .timeout = 3min) {
  const auto result = run_scenario(
      scenario_many, {"--repeat", std::to_string(repeat), "-j", "8", "--deterministic", "--color", "never"},
      {.timeout = 150s});
  TK_ASSERT_FALSE(result.timed_out, "the run did not end; {} bytes of output", result.out.size());
  TK_EXPECT_EQ(result.exit_code, 0, "stderr:\n{}", result.err);

  std::map<std::string, std::size_t> runs;
  std::size_t not_passed = 0;
  for (const Reported& test : reported_tests(result.out)) {
    ++runs[test.name];
    if (test.label != "PASS") ++not_passed;
  }
  TK_EXPECT_EQ(not_passed, 0u);
  TK_EXPECT_EQ(runs.size(), tests);
  for (std::size_t index = 0; index < tests; ++index) {
    const std::string name = fmt::format("Many.tiny/{}", index);
    TK_EXPECT_EQ(runs[name], repeat, "{}", name);
  }
  TK_EXPECT_EQ(last_line(result.out), fmt::format("{} passed, 0 failed, 0 skipped", tests * repeat));
}

}  // namespace
