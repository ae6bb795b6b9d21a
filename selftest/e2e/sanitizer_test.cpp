// A test binary built with a sanitizer against the plain, installed-like testkit: the runner finds the runtime when
// the run starts, so the sandbox sets no address-space limit that would break the runtime's shadow memory (through
// testkit-run, which is not sanitized), and the timeouts are scaled by its factor.
#include <chrono>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;

void require_sanitized_scenario() {
  if (std::string(scenario_sanitized).empty()) TK_SKIP("this build sanitizes every binary: no plain runner to test");
}

TK_TEST(SanitizedBinary, runs_sandboxed_with_no_memory_limit_and_every_correct_test_passes) {
  require_sanitized_scenario();
  const auto result = run_scenario(
      scenario_sanitized, {"--sandbox", "-j", "2", "--color", "never", "--filter", "Quick.*"}, {.timeout = 120s});
  TK_ASSERT_FALSE(result.timed_out, "{}", result.out);
  TK_EXPECT_EQ(result.exit_code, 0, "stdout:\n{}\nstderr:\n{}", result.out, result.err);
  TK_EXPECT_CONTAINS(result.out, "memory unlimited");
  TK_EXPECT_CONTAINS(result.out, "3 passed, 0 failed, 0 skipped");
  TK_EXPECT_FALSE(result.err.find("AddressSanitizer failed to allocate") != std::string::npos, "{}", result.err);
}

TK_TEST(SanitizedBinary, a_plain_binary_sandboxed_keeps_its_memory_limit) {
  require_sanitized_scenario();  // (else every binary of the build is sanitized: none keeps it)
  const auto result =
      run_scenario(scenario_sleeps, {"--sandbox", "--color", "never", "--filter", "Quick.*"}, {.timeout = 60s});
  TK_EXPECT_CONTAINS(result.out, "memory 1024 MiB");
  const auto unlimited =
      run_scenario(scenario_sleeps, {"--sandbox", "--sandbox-memory", "0", "--color", "never", "--filter", "Quick.*"},
                   {.timeout = 60s});
  TK_EXPECT_CONTAINS(unlimited.out, "memory unlimited", "--sandbox-memory 0 asks for none");
}

TK_TEST_P(SanitizedBinary, its_timeouts_are_scaled_by_the_runtimes_factor_unless_told,
          (std::vector<std::vector<std::string>>{{}, {"--sandbox"}})) {
  require_sanitized_scenario();
  std::vector<std::string> arguments = {"--color", "never", "--filter", "Sleepy.past_its_timeout"};
  arguments.insert(arguments.end(), param().begin(), param().end());
  const testkit::selftest::ProcessSetup untold{.unset_env = {"TESTKIT_TIMEOUT_SCALE"}, .timeout = 60s};
  const auto scaled = run_scenario(scenario_sanitized, arguments, untold);
  TK_EXPECT_CONTAINS(scaled.out, "timed out after 0.6 s", "AddressSanitizer's factor, 3");
  arguments.insert(arguments.end(), {"--timeout-scale", "1"});
  const auto told = run_scenario(scenario_sanitized, arguments, untold);
  TK_EXPECT_CONTAINS(told.out, "timed out after 0.2 s");
}

}  // namespace
