#pragma once
/// The crafted scenario binaries of the end-to-end selftests, and running them hermetically.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/core/test_case.hpp>

#include "support/run_process.hpp"

namespace testkit::e2e {

/// Paths of the scenario binaries and of the sources around them (set by selftest/e2e/CMakeLists.txt).
inline constexpr const char* scenario_pass = TK_E2E_SCENARIO_PASS;
inline constexpr const char* scenario_failures = TK_E2E_SCENARIO_FAILURES;
inline constexpr const char* scenario_crashes = TK_E2E_SCENARIO_CRASHES;
inline constexpr const char* scenario_sleeps = TK_E2E_SCENARIO_SLEEPS;
inline constexpr const char* scenario_many = TK_E2E_SCENARIO_MANY;
inline constexpr const char* scenario_sandbox = TK_E2E_SCENARIO_SANDBOX;
inline constexpr const char* scenario_mock = TK_E2E_SCENARIO_MOCK;
inline constexpr const char* scenario_hostile = TK_E2E_SCENARIO_HOSTILE;
inline constexpr const char* scenario_tmp_path = TK_E2E_SCENARIO_TMP_PATH;
inline constexpr const char* scenario_program = TK_E2E_SCENARIO_PROGRAM;
inline constexpr const char* scenario_module_fixtures = TK_E2E_SCENARIO_MODULE_FIXTURES;
/// scenario_sleeps built with AddressSanitizer; "" in a build that sanitizes everything.
inline constexpr const char* scenario_sanitized = TK_E2E_SCENARIO_SANITIZED;
/// Tests with memory bugs, built with AddressSanitizer and UndefinedBehaviorSanitizer; "" as scenario_sanitized.
inline constexpr const char* scenario_memory = TK_E2E_SCENARIO_MEMORY;
inline constexpr const char* scenario_attacks = TK_E2E_SCENARIO_ATTACKS;
inline constexpr const char* scenario_class_hosts = TK_E2E_SCENARIO_CLASS_HOSTS;
inline constexpr const char* scenario_retries = TK_E2E_SCENARIO_RETRIES;
/// Tests with memory bugs in a plain build, for valgrind's memcheck (valgrind_test.cpp).
inline constexpr const char* scenario_valgrind = TK_E2E_SCENARIO_VALGRIND;
inline constexpr const char* scenario_run_tests = TK_E2E_SCENARIO_RUN_TESTS;
inline constexpr const char* scenario_startup = TK_E2E_SCENARIO_STARTUP;
inline constexpr const char* scenario_tamper = TK_E2E_SCENARIO_TAMPER;
inline constexpr const char* scenario_tamper_reference = TK_E2E_SCENARIO_TAMPER_REFERENCE;
inline constexpr const char* scenario_hidden = TK_E2E_SCENARIO_HIDDEN;
inline constexpr const char* scenario_cache = TK_E2E_SCENARIO_CACHE;
inline constexpr const char* scenario_stuck = TK_E2E_SCENARIO_STUCK;
inline constexpr const char* testkit_run = TK_E2E_TESTKIT_RUN;
inline constexpr const char* source_dir = TK_E2E_SOURCE_DIR;
inline constexpr const char* project_dir = TK_E2E_PROJECT_DIR;
inline constexpr const char* golden_dir = TK_E2E_GOLDEN_DIR;
/// This directory's build tree, where tests leave what people may want to look at (a screenshot).
inline constexpr const char* build_dir = TK_E2E_BUILD_DIR;

/// True in AddressSanitizer and ThreadSanitizer builds, where the scenarios run slower and some faults
/// cannot be staged (scenario_crashes skips its bad_alloc test).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool sanitized = true;
#else
inline constexpr bool sanitized = false;
#endif

/// Runs a scenario binary with `arguments`. The variables that change a test binary's behaviour (colour,
/// gtest and Bazel selection) are removed from its environment unless `setup.set_env` sets them, and its result
/// cache is the calling test's own (TESTKIT_CACHE_DIR is cache_dir() unless `setup.set_env` sets it).
[[nodiscard]] selftest::ProcessResult run_scenario(const char* binary, const std::vector<std::string>& arguments,
                                                   selftest::ProcessSetup setup = {});

/// The result cache directory of the scenarios the running test runs: `testkit-cache` in its tmp_path().
[[nodiscard]] std::filesystem::path cache_dir();

/// The lines of `text`, without their newlines; a final newline does not start another line.
[[nodiscard]] std::vector<std::string> lines_of(std::string_view text);

/// The last line of `text`, without its newline; empty for empty text.
[[nodiscard]] std::string last_line(std::string_view text);

/// The lines of `text` that start with `prefix`, in order.
[[nodiscard]] std::vector<std::string> lines_starting_with(std::string_view text, std::string_view prefix);

/// A test's verdict line in a console output: its label ("PASS", "TIMEOUT"...) and the test's full name.
struct Reported {
  std::string label;
  std::string name;
  bool operator==(const Reported&) const = default;
};

/// Every verdict line of a console output, in order.
[[nodiscard]] std::vector<Reported> reported_tests(std::string_view out);

/// The verdict lines of a console output as "LABEL Suite.name", in order.
[[nodiscard]] std::vector<std::string> verdicts_of(std::string_view out);

/// The report of test `name` in a console output: its verdict line and the indented lines after it,
/// each ending in a newline; empty when it is not reported.
[[nodiscard]] std::string report_of(std::string_view out, std::string_view name);

/// A path in the temporary directory for `purpose`, unique to the calling process (each test runs in its
/// own), removed now and again when `test` ends.
[[nodiscard]] std::string temporary_path(testkit::TestCase& test, std::string_view purpose);

/// A fresh directory in the temporary directory for `purpose`, unique to the calling process, removed with all it
/// holds when `test` ends.
[[nodiscard]] std::string temporary_directory(testkit::TestCase& test, std::string_view purpose);

/// True when `text` holds an ANSI escape sequence.
[[nodiscard]] bool has_ansi_escape(std::string_view text);

/// A whole file as bytes; empty when it cannot be read (`found` tells which).
[[nodiscard]] std::string read_file(const std::string& path, bool* found = nullptr);

/// xmllint's verdict on a JUnit file: empty when it is valid against the Jenkins xunit schema junit-10.xsd, else what
/// xmllint said and the start of the file.
[[nodiscard]] std::string junit_problems(const std::string& path);

/// The 1-based number of the first line of the file holding `needle`, or 0.
[[nodiscard]] unsigned line_number_of(const std::string& path, std::string_view needle);

}  // namespace testkit::e2e
