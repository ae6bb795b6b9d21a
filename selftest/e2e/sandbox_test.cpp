// --sandbox from the outside: scenario_sandbox's tests check each confinement from the inside; this driver makes
// the file they must not touch, runs them sandboxed, and checks the report line, the victim and the cleanup.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include <testkit/run/sandbox.hpp>
#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
namespace fs = std::filesystem;

TK_TEST(SandboxRun, confines_every_test_and_leaves_nothing_behind) {
  const fs::path victims = fs::path(scenario_sandbox).parent_path() / "sandbox_victims";
  fs::create_directories(victims);
  fs::permissions(victims, fs::perms::all);  // writable by anyone, the tests' users included, but for the sandbox
  const fs::path victim = victims / "victim.txt";
  std::ofstream(victim) << "precious";
  fs::permissions(victim, fs::perms::all & ~(fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec));
  const std::string tmp_root = temporary_path(*this, "sandbox_tmp");
  fs::create_directory(tmp_root);
  add_cleanup([tmp_root] { fs::remove_all(tmp_root); });
  ::chmod(tmp_root.c_str(), 0755);

  const std::string json_report = temporary_path(*this, "sandbox.json");
  const std::string junit_report = temporary_path(*this, "sandbox.xml");
  const std::string gradescope_report = temporary_path(*this, "sandbox.gradescope.json");
  const auto result = run_scenario(
      scenario_sandbox,
      {"--sandbox", "--sandbox-memory", "256", "--sandbox-processes", "16", "--sandbox-file-size", "1", "--timeout",
       "5", "--color", "never", "--json", json_report, "--junit-xml", junit_report, "--gradescope", gradescope_report},
      {.set_env = {{"TK_SANDBOX_SECRET", "1"}, {"TMPDIR", tmp_root}}});
  const std::string first_line = lines_of(result.out).empty() ? "" : lines_of(result.out).front();
  TK_EXPECT(first_line.starts_with("Sandbox: per test "), "{}", first_line);
  // The tests of confinements this machine cannot give fail, and the line says which those are.
  TK_EXPECT(first_line.find("NOT") == std::string::npos, "{}", first_line);
  TK_EXPECT_EQ(result.exit_code, 0, "{}", result.out);
  // Sanitizer builds need their address space: there the memory limit is off and its test skips.
  TK_EXPECT_EQ(last_line(result.out), sanitized ? "9 passed, 0 failed, 1 skipped" : "10 passed, 0 failed, 0 skipped");
  TK_EXPECT_EQ(read_file(victim.string()), "precious");
  TK_EXPECT(fs::is_empty(tmp_root), "every private dir is removed after its test");

  // The reports record the same sandbox as the console line, with the limits of the command line.
  const auto json = nlohmann::json::parse(read_file(json_report));
  TK_EXPECT_EQ(json["sandbox"]["description"].get<std::string>(), first_line);
  TK_EXPECT_EQ(json["sandbox"]["memory_mib"], sanitized ? nlohmann::json(nullptr) : nlohmann::json(256));
  TK_EXPECT_EQ(json["sandbox"]["processes"], 16);
  TK_EXPECT_EQ(json["sandbox"]["file_size_mib"], 1);
  TK_EXPECT_EQ(json["sandbox"]["writes_confined"], true);
  TK_EXPECT_EQ(json["sandbox"]["network_blocked"], true);
  TK_EXPECT_EQ(json["sandbox"]["pid_namespace"], true);
  TK_EXPECT_EQ(json["sandbox"]["first_uid"],
               ::geteuid() == 0 ? nlohmann::json(testkit::sandbox_uid_base) : nlohmann::json(nullptr));
  const std::string junit = read_file(junit_report);
  TK_EXPECT_CONTAINS(junit, "<property name=\"sandbox.processes\" value=\"16\"/>");
  TK_EXPECT_CONTAINS(junit, "<property name=\"sandbox.file_size\" value=\"1 MiB\"/>");
  const auto gradescope = nlohmann::json::parse(read_file(gradescope_report));
  TK_EXPECT_EQ(last_line(gradescope["output"].get<std::string>()), first_line);
}

TK_TEST(SandboxRun, refuses_no_fork) {
  const auto result = run_scenario(scenario_sandbox, {"--sandbox", "--no-fork"});
  TK_EXPECT_EQ(result.exit_code, 2);
  TK_EXPECT_CONTAINS(result.err, "--no-fork");
  TK_EXPECT_EQ(result.out, "");
}

}  // namespace
