// Many results at once: a thousand tiny tests repeated on eight jobs must each be reported exactly as often
// as they ran, and the counts must add up. A forked test costs about 5 to 8 ms on a 2-core virtual machine
// (the page faults after fork dominate), so the thousand run 4 times rather than 20 (15 to 30 s). Under a
// sanitizer, where a fork costs several times as much, a tenth of them (names ending in 0) run twice.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;

constexpr std::size_t registered = 1000;
constexpr std::size_t one_in = sanitized ? 10 : 1;  // Many.tiny/N runs when N % one_in == 0
constexpr std::size_t repeat = sanitized ? 2 : 4;

TK_TEST(Stress, every_repetition_of_every_test_is_reported_once, .timeout = 3min) {
  std::vector<std::string> arguments{"--repeat", std::to_string(repeat), "-j", "8", "--deterministic", "--color",
                                     "never"};
  if (sanitized) arguments.insert(arguments.end(), {"--filter", "Many.tiny/*0"});
  const auto result = run_scenario(scenario_many, arguments, {.timeout = 150s});
  TK_ASSERT_FALSE(result.timed_out, "the run did not end; {} bytes of output", result.out.size());
  TK_EXPECT_EQ(result.exit_code, 0, "stderr:\n{}", result.err);

  std::map<std::string, std::size_t> runs;
  std::size_t not_passed = 0;
  for (const Reported& test : reported_tests(result.out)) {
    ++runs[test.name];
    if (test.label != "PASS") ++not_passed;
  }
  TK_EXPECT_EQ(not_passed, 0u);
  TK_EXPECT_EQ(runs.size(), registered / one_in);
  for (std::size_t index = 0; index < registered; index += one_in) {
    const std::string name = fmt::format("Many.tiny/{}", index);
    TK_EXPECT_EQ(runs[name], repeat, "{}", name);
  }
  TK_EXPECT_EQ(last_line(result.out), fmt::format("{} passed, 0 failed, 0 skipped", registered / one_in * repeat));
}

}  // namespace
