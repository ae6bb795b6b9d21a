// <testkit/program.hpp> end to end: scenario_program's tests capture their output, read their input and run main
// functions forked, on the main thread and on a pool of 8 threads; --update-golden writes a golden file; a program run
// under --sandbox is confined as its test is.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
namespace fs = std::filesystem;

void check_modes(const std::vector<std::string>& mode, bool barrier) {
  std::vector<std::string> arguments = mode;
  arguments.insert(arguments.end(), {"--color", "never", "--filter", "Captured.*:CaptureAtOnce.*:RunMain.*"});
  testkit::selftest::ProcessSetup setup;
  if (barrier) {
    const fs::path dir = testkit::tmp_path() / "barrier";
    fs::create_directory(dir);
    setup.set_env.emplace_back("TK_PROGRAM_BARRIER", dir.string());
  }
  const auto result = run_scenario(scenario_program, arguments, setup);
  TK_EXPECT_EQ(result.exit_code, 1, "{}", result.out);
  TK_EXPECT_EQ(last_line(result.out), "9 passed, 1 failed, 0 skipped", "{}", result.out);
  const std::string everything = result.out + result.err;
  for (const char* outside : {"outside before (cout)", "outside before (printf)", "outside after (cout)",
                              "outside after (stderr)", "fails to show its output"})
    TK_EXPECT_CONTAINS(everything, outside);
  TK_EXPECT_NOT_CONTAINS(everything, "inside (");
  TK_EXPECT_NOT_CONTAINS(everything, "crasher ran", "run_main's output is its result's");
}

TK_TEST(ProgramRun, forked) { check_modes({}, false); }

TK_TEST(ProgramRun, in_process_on_the_main_thread) { check_modes({"--no-fork", "-j", "1"}, false); }

TK_TEST(ProgramRun, on_a_pool_of_eight_capturing_at_once) { check_modes({"--no-fork", "-j", "8"}, true); }

TK_TEST(ProgramRun, update_golden_writes_the_file_and_later_runs_compare_with_it) {
  const std::string golden = (testkit::tmp_path() / "golden" / "update_me.txt").string();
  const testkit::selftest::ProcessSetup setup{.set_env = {{"TK_PROGRAM_GOLDEN", golden}}};
  const std::vector<std::string> arguments{"--color", "never", "--filter", "Golden.*"};

  const auto missing = run_scenario(scenario_program, arguments, setup);
  TK_EXPECT_EQ(missing.exit_code, 1);
  TK_EXPECT_CONTAINS(missing.out, "golden file " + golden + " does not exist");
  TK_EXPECT_CONTAINS(missing.out, "run the test with --update-golden");
  TK_EXPECT(!fs::exists(golden));

  std::vector<std::string> updating = arguments;
  updating.push_back("--update-golden");
  const auto updated = run_scenario(scenario_program, updating, setup);
  TK_EXPECT_EQ(updated.exit_code, 0, "{}", updated.out);
  TK_EXPECT_EQ(read_file(golden), "line one\nline two\n");

  const auto compared = run_scenario(scenario_program, arguments, setup);
  TK_EXPECT_EQ(compared.exit_code, 0, "{}", compared.out);

  std::ofstream(golden) << "line one\nline 2\n";
  const auto differs = run_scenario(scenario_program, arguments, setup);
  TK_EXPECT_EQ(differs.exit_code, 1);
  TK_EXPECT_CONTAINS(differs.out, "differs (--update-golden rewrites it)");
  TK_EXPECT_CONTAINS(differs.out, "-line 2\n");
  TK_EXPECT_CONTAINS(differs.out, "+line two\n");
  TK_EXPECT_EQ(read_file(golden), "line one\nline 2\n", "nothing is written without --update-golden");
}

TK_TEST(ProgramRun, a_program_run_by_a_sandboxed_test_is_confined_as_the_test) {
  const fs::path work = testkit::tmp_path();
  ::chmod(work.c_str(), 0755);  // a sandboxed test runs as nobody when this runs as root
  const fs::path victim = work / "victim.txt";
  std::ofstream(victim) << "precious";
  ::chmod(victim.c_str(), 0666);
  const auto result = run_scenario(
      scenario_program, {"--sandbox", "--sandbox-processes", "16", "--color", "never", "--filter", "Sandboxed.*"},
      {.set_env = {{"TK_PROGRAM_SECRET", "secret"}, {"TK_PROGRAM_VICTIM", victim.string()}}});
  TK_EXPECT_EQ(result.exit_code, 0, "{}", result.out);
  TK_EXPECT_EQ(last_line(result.out), "1 passed, 0 failed, 0 skipped", "{}", result.out);
  TK_EXPECT_EQ(read_file(victim.string()), "precious");
}

}  // namespace
