// Golden files of the console report: the scenarios' stdout with --deterministic --color never, byte for
// byte. TK_GOLDEN=update in the environment rewrites the files instead of comparing.
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;

bool updating() {
  const char* mode = std::getenv("TK_GOLDEN");
  return mode != nullptr && std::string_view(mode) == "update";
}

// Runs `binary` deterministically and compares its stdout with golden/<name>.console.txt (a line diff on
// mismatch), or rewrites that file under TK_GOLDEN=update.
void check_golden(const char* binary, const std::string& name, int expected_exit_code) {
  const auto result = run_scenario(binary, {"--deterministic", "--color", "never"});
  TK_ASSERT_EQ(result.exit_code, expected_exit_code, "stderr: {}", result.err);
  const std::string path = std::string(golden_dir) + "/" + name + ".console.txt";
  if (updating()) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << result.out;
    TK_ASSERT_EQ(read_file(path), result.out, "could not rewrite {}", path);
    return;
  }
  bool found = false;
  const std::string golden = read_file(path, &found);
  TK_ASSERT(found, "no golden file {}; create it with TK_GOLDEN=update", path);
  TK_EXPECT_EQ(result.out, golden, "console output differs from {} (accept it with TK_GOLDEN=update)", path);
}

TK_TEST(Golden, scenario_pass_console) { check_golden(scenario_pass, "scenario_pass", 0); }

TK_TEST(Golden, scenario_failures_console) { check_golden(scenario_failures, "scenario_failures", 1); }

TK_TEST(Golden, deterministic_output_does_not_depend_on_the_working_directory) {
  const std::vector<std::string> arguments{"--deterministic", "--color", "never"};
  const auto here = run_scenario(scenario_failures, arguments, {.working_directory = source_dir});
  const auto elsewhere = run_scenario(scenario_failures, arguments, {.working_directory = "/"});
  TK_EXPECT_EQ(here.out, elsewhere.out);
}

}  // namespace
