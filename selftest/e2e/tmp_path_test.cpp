// testkit::tmp_path() from the outside: scenario_tmp_path's tests make and use their directories in each mode of the
// runner, and this driver checks, from the JSON report and the disk, that each test had its own directory under the
// TMPDIR it gave the run, that none is left afterwards (unless --keep-tmp), and that failures and crashes name theirs.
// The driver's own scratch space is its tmp_path().
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "pid_file.hpp"
#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace std::chrono_literals;

/// One run of scenario_tmp_path: what it printed, its JSON report, and the TMPDIR it was given.
struct TmpRun {
  testkit::selftest::ProcessResult process;
  Json report;
  fs::path root;
};

/// Runs scenario_tmp_path with `arguments` plus a JSON report, TMPDIR a fresh directory in this test's tmp_path(), and
/// with `barrier` the eight TmpPathAtOnce tests waiting for each other.
TmpRun run_tmp_scenario(std::vector<std::string> arguments, bool barrier = false) {
  const fs::path work = testkit::tmp_path();
  static int runs = 0;
  const fs::path root = work / ("tmp" + std::to_string(++runs));
  const fs::path barrier_dir = work / ("barrier" + std::to_string(runs));
  fs::create_directory(root);
  fs::create_directory(barrier_dir);
  // A sandboxed test runs as another user when this runs as root: it must reach its private directory in `root`.
  ::chmod(work.c_str(), 0755);
  ::chmod(root.c_str(), 0755);
  const std::string report = (work / ("report" + std::to_string(runs) + ".json")).string();
  arguments.insert(arguments.end(), {"--color", "never", "--json", report});
  testkit::selftest::ProcessSetup setup{.set_env = {{"TMPDIR", root.string()}}};
  if (barrier) setup.set_env.emplace_back("TK_TMP_PATH_BARRIER", barrier_dir.string());
  TmpRun run{.process = run_scenario(scenario_tmp_path, arguments, setup), .report = {}, .root = root};
  bool found = false;
  const std::string text = read_file(report, &found);
  TK_ASSERT(found, "no JSON report; stdout: {} stderr: {}", run.process.out, run.process.err);
  run.report = Json::parse(text);
  return run;
}

/// The name tmp_path() gives a test's directory, without mkdtemp's suffix.
std::string directory_prefix(std::string full_name) {
  std::replace(full_name.begin(), full_name.end(), '/', '_');
  return "testkit-" + full_name + "-";
}

/// The tmp_path of the test named `full_name` in a JSON report (the first run of it), or empty.
std::string tmp_path_of(const Json& report, const std::string& full_name) {
  for (const Json& test : report["tests"])
    if (test["full_name"] == full_name && test.contains("tmp_path")) return test["tmp_path"]["path"];
  return {};
}

/// Checks that every test of `run` passed with a directory of its own, named after it, directly in the run's TMPDIR
/// (or, `sandboxed`, in its private directory there), and kept or removed as `kept` says; returns those directories.
std::set<std::string> expect_own_directories(const TmpRun& run, std::size_t tests, bool kept = false,
                                             bool sandboxed = false) {
  TK_EXPECT_EQ(run.process.exit_code, 0, "stdout: {}\nstderr: {}", run.process.out, run.process.err);
  TK_EXPECT_EQ(run.report["tests"].size(), tests);
  std::set<std::string> paths;
  for (const Json& test : run.report["tests"]) {
    const std::string name = test["full_name"];
    TK_ASSERT(test.contains("tmp_path"), "{} has no tmp_path", name);
    const fs::path path = test["tmp_path"]["path"].get<std::string>();
    TK_EXPECT_EQ(test["tmp_path"]["kept"], kept, "{}", name);
    TK_EXPECT(path.filename().string().starts_with(directory_prefix(name)), "{}: {}", name, path.string());
    const fs::path expected_parent = sandboxed ? path.parent_path().parent_path() : path.parent_path();
    TK_EXPECT_EQ(expected_parent, run.root, "{}", name);
    if (sandboxed)
      TK_EXPECT(path.parent_path().filename().string().starts_with("testkit-sandbox-"), "{}", path.string());
    TK_EXPECT_EQ(fs::exists(path), kept, "{}", path.string());
    if (kept) TK_EXPECT_CONTAINS(read_file((path / "note.txt").string()), "written by ");
    paths.insert(path.string());
  }
  TK_EXPECT_EQ(paths.size(), tests, "two tests shared a directory");
  if (!kept) TK_EXPECT(fs::is_empty(run.root), "something was left in {}", run.root.string());
  return paths;
}

TK_TEST(TmpPathRun, eight_forked_tests_at_once_each_have_their_own_directory_removed_after_it) {
  const TmpRun run = run_tmp_scenario({"--filter", "TmpPathAtOnce.*", "-j", "8"}, /*barrier=*/true);
  (void)expect_own_directories(run, 8);
}

TK_TEST(TmpPathRun, eight_tests_at_once_on_a_pool_each_have_their_own_directory_removed_after_it) {
  const TmpRun run = run_tmp_scenario({"--filter", "TmpPathAtOnce.*", "--no-fork", "-j", "8"}, /*barrier=*/true);
  (void)expect_own_directories(run, 8);
}

TK_TEST(TmpPathRun, on_the_main_thread_every_repetition_gets_a_fresh_directory) {
  const TmpRun run = run_tmp_scenario({"--filter", "TmpPathAtOnce.*", "--no-fork", "-j", "1", "--repeat", "2"});
  (void)expect_own_directories(run, 16);
}

TK_TEST(TmpPathRun, keep_tmp_keeps_every_directory_with_what_its_test_wrote) {
  for (const std::vector<std::string>& mode : {std::vector<std::string>{"-j", "2"}, {"--no-fork", "-j", "2"}}) {
    std::vector<std::string> arguments{"--filter", "TmpPathAtOnce.*", "--keep-tmp"};
    arguments.insert(arguments.end(), mode.begin(), mode.end());
    const TmpRun run = run_tmp_scenario(arguments);
    (void)expect_own_directories(run, 8, /*kept=*/true);
  }
}

TK_TEST(TmpPathRun, a_failing_test_names_its_directory_on_the_console_and_in_every_report) {
  for (const bool forked : {true, false}) {
    const fs::path reports = testkit::tmp_path() / (forked ? "forked" : "in_process");
    fs::create_directory(reports);
    std::vector<std::string> arguments{"--filter",     "TmpPathFails.*",
                                       "--junit-xml",  (reports / "r.xml").string(),
                                       "--tap",        (reports / "r.tap").string(),
                                       "--gradescope", (reports / "g.json").string()};
    if (!forked) arguments.push_back("--no-fork");
    const TmpRun run = run_tmp_scenario(arguments);
    TK_EXPECT_EQ(run.process.exit_code, 1, "{}", run.process.err);
    const std::string path = tmp_path_of(run.report, "TmpPathFails.names_its_directory");
    TK_ASSERT_NE(path, "", "forked: {}", forked);
    const std::string line = "tmp_path: " + path + " (removed after the test; --keep-tmp keeps it)";
    TK_EXPECT_CONTAINS(report_of(run.process.out, "TmpPathFails.names_its_directory"), "  " + line + "\n");
    TK_EXPECT_CONTAINS(read_file((reports / "r.xml").string()), line);
    TK_EXPECT_CONTAINS(read_file((reports / "r.tap").string()), line);
    const Json gradescope = Json::parse(read_file((reports / "g.json").string()));
    TK_EXPECT_CONTAINS(gradescope["tests"][0]["output"].get<std::string>(), line);
    TK_EXPECT_FALSE(fs::exists(path));
    TK_EXPECT(fs::is_empty(run.root));
  }
}

TK_TEST(TmpPathRun, a_crashed_test_s_directory_is_named_and_removed_by_the_supervisor_or_kept) {
  const TmpRun removed = run_tmp_scenario({"--filter", "TmpPathCrashes.*"});
  const std::string path = tmp_path_of(removed.report, "TmpPathCrashes.after_writing_there");
  TK_ASSERT_NE(path, "", "{}", removed.process.out);
  const std::string report = report_of(removed.process.out, "TmpPathCrashes.after_writing_there");
  TK_EXPECT(report.starts_with("CRASH"), "{}", report);
  TK_EXPECT_CONTAINS(report, "  tmp_path: " + path + " (removed after the test; --keep-tmp keeps it)\n");
  TK_EXPECT(fs::is_empty(removed.root), "the crash left {}", path);

  const TmpRun kept = run_tmp_scenario({"--filter", "TmpPathCrashes.*", "--keep-tmp"});
  const std::string kept_path = tmp_path_of(kept.report, "TmpPathCrashes.after_writing_there");
  TK_EXPECT_CONTAINS(kept.process.out, "  tmp_path: " + kept_path + " (kept)\n");
  TK_EXPECT_EQ(read_file(kept_path + "/evidence.txt"), "look here");
}

TK_TEST(TmpPathRun, an_interrupted_forked_test_s_directory_is_removed_too) {
  const std::string pid_file = (testkit::tmp_path() / "pids").string();
  const auto ready = [&] { return pids_in(pid_file).size() == 1; };
  const fs::path root = testkit::tmp_path() / "interrupted";
  fs::create_directory(root);
  const auto result = run_scenario(scenario_tmp_path, {"--filter", "TmpPathStopped.*"},
                                   {.set_env = {{"TMPDIR", root.string()}, {pid_file_variable, pid_file}},
                                    .timeout = 20s,
                                    .signals = {{SIGINT, 100ms, ready}}});
  TK_EXPECT_EQ(result.exit_code, 130, "stdout: {}\nstderr: {}", result.out, result.err);
  TK_EXPECT_EQ(pids_in(pid_file).size(), 1u, "the test had made its directory");
  TK_EXPECT(fs::is_empty(root), "the interrupted test's directory is left in {}", root.string());
}

TK_TEST(TmpPathRun, sandboxed_tests_have_theirs_inside_their_writable_private_directory) {
  const TmpRun run = run_tmp_scenario({"--sandbox", "--filter", "TmpPathAtOnce.*", "-j", "2", "--timeout", "10"});
  (void)expect_own_directories(run, 8, /*kept=*/false, /*sandboxed=*/true);
  // --keep-tmp keeps the private directory of each test that made a tmp_path, with the directory in it.
  const TmpRun kept =
      run_tmp_scenario({"--sandbox", "--keep-tmp", "--filter", "TmpPathAtOnce.*", "-j", "2", "--timeout", "10"});
  (void)expect_own_directories(kept, 8, /*kept=*/true, /*sandboxed=*/true);
}

}  // namespace
