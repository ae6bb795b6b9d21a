// Golden files of the console report (the scenarios' stdout with --deterministic --color never) and of the
// file reports (JUnit XML, TAP, JSON, Gradescope), byte for byte; a file report must come out the same forked,
// with --no-fork -j1 and with --no-fork -j8. TK_GOLDEN=update in the environment rewrites the files instead of
// comparing.
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/ranges.h>

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

// A file report and the name of its golden file.
struct ReportFormat {
  const char* option;
  const char* extension;
};

constexpr ReportFormat junit{"--junit-xml", "junit.xml"};
constexpr ReportFormat tap{"--tap", "tap"};
constexpr ReportFormat json{"--json", "json"};
constexpr ReportFormat gradescope{"--gradescope", "gradescope.json"};

// Runs `binary` deterministically with the report `format` written to a file, forked and then (unless
// `forked_only`, for scenarios that crash) in-process on 1 and 8 threads, and compares each report with
// golden/<name>.<extension>, or rewrites that file under TK_GOLDEN=update. `extra` arguments are added.
void check_report_golden(testkit::TestCase& test, const char* binary, const std::string& name, ReportFormat format,
                         int expected_exit_code, bool forked_only = false, const std::vector<std::string>& extra = {}) {
  const std::string path = std::string(golden_dir) + "/" + name + "." + format.extension;
  const std::string report_path = temporary_path(test, name + "." + format.extension);
  std::vector<std::vector<std::string>> modes{{}};
  if (!forked_only) modes.insert(modes.end(), {{"--no-fork", "-j1"}, {"--no-fork", "-j8"}});
  for (const auto& mode : modes) {
    std::vector<std::string> arguments{"--deterministic", "--color", "never", format.option, report_path};
    arguments.insert(arguments.end(), mode.begin(), mode.end());
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    const auto result = run_scenario(binary, arguments);
    TK_ASSERT_EQ(result.exit_code, expected_exit_code, "stderr: {}", result.err);
    const std::string report = read_file(report_path);
    if (updating() && mode.empty()) {
      std::ofstream(path, std::ios::binary | std::ios::trunc) << report;
      TK_ASSERT_EQ(read_file(path), report, "could not rewrite {}", path);
      continue;
    }
    bool found = false;
    const std::string golden = read_file(path, &found);
    TK_ASSERT(found, "no golden file {}; create it with TK_GOLDEN=update", path);
    TK_EXPECT_EQ(report, golden, "{} report with options {} differs from {} (accept it with TK_GOLDEN=update)",
                 format.option, fmt::join(mode, " "), path);
  }
}

TK_TEST(Golden, scenario_pass_reports) {
  for (const ReportFormat format : {junit, tap, json, gradescope}) {
    TK_SUBTEST("{}", format.option) { check_report_golden(*this, scenario_pass, "scenario_pass", format, 0); };
  }
}

TK_TEST(Golden, scenario_failures_reports) {
  for (const ReportFormat format : {junit, tap, json, gradescope}) {
    TK_SUBTEST("{}", format.option) { check_report_golden(*this, scenario_failures, "scenario_failures", format, 1); };
  }
}

TK_TEST(Golden, scenario_crashes_reports, .timeout = std::chrono::seconds(120)) {
  // Sanitizers change how the faults end (and the memory-limit fault cannot be staged under them).
  if (sanitized) TK_SKIP("crash reports differ under sanitizers");
  // Left out: the flood (its 64 KiB of kept output would only make the file large), the checkpoint crash (its
  // details name the source with its full path, which differs between checkouts) and the memory limit (it
  // depends on the machine's overcommit settings).
  const std::vector<std::string> filter{
      "--filter", "*-Fault.flood_of_output:Fault.crash_after_checkpoint:Fault.bad_alloc_under_a_memory_limit"};
  for (const ReportFormat format : {junit, json}) {
    TK_SUBTEST("{}", format.option) {
      check_report_golden(*this, scenario_crashes, "scenario_crashes", format, 1, /*forked_only=*/true, filter);
    };
  }
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
