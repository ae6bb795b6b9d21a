#include <testkit/run/trusted_runner.hpp>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <testkit/run/detail/run_steps.hpp>
#include <testkit/run/environment.hpp>
#include <testkit/run/listing.hpp>
#include <testkit/run/merge_command.hpp>
#include <testkit/run/remote_listing.hpp>
#include <testkit/run/settings.hpp>
#include <testkit/run/test_binaries.hpp>
#include <testkit/run/valgrind_command.hpp>

namespace testkit {
namespace {

constexpr const char* usage =
    "Usage: testkit-run [--tests-from LISTING.json] BINARY [OPTIONS...]\n"
    "       testkit-run BINARY BINARY... [OPTIONS...]\n"
    "       testkit-run --merge SHARD.json... [REPORT OPTIONS...]\n"
    "Runs the tests of the testkit test binary BINARY, each in a process of its own that starts BINARY (confined\n"
    "first under --sandbox), and writes the console and the reports itself. OPTIONS are BINARY's own: see\n"
    "`BINARY --help`. --tests-from takes the tests, their points and visibility from a listing (BINARY --list=json\n"
    "of a trusted build) instead of from BINARY. With several binaries (the arguments before the first option),\n"
    "their tests run in one schedule with one console and one set of reports, named BINARY:Suite.name (BINARY: its\n"
    "file name, with its directories when two are alike; --filter takes such names too). --merge merges the JSON\n"
    "reports of a run's shards into one run's reports (see `testkit-run --merge --help`). --valgrind starts each\n"
    "test's process under valgrind's memcheck.\n";

// How long the binary may take to list its tests when the run sets no timeout.
constexpr std::chrono::seconds default_listing_timeout{60};

int usage_error(const std::string& problem) {
  std::fprintf(stderr, "testkit-run: %s\n%s", problem.c_str(), usage);
  return exit_code::usage_error;
}

// The options every worker gets: those that change what happens inside a test (the timeout, scaled as the worker's
// own runtimes say unless a scale was given, is what a program the test runs may take by default), and whether it
// runs confined.
std::vector<std::string> worker_options(const Settings& settings) {
  std::vector<std::string> options{"--color=never",
                                   fmt::format("--timeout={}", settings.execution.timeout.count() / 1000.0)};
  if (settings.timeout_scale) options.push_back(fmt::format("--timeout-scale={}", *settings.timeout_scale));
  if (settings.deterministic) options.push_back("--deterministic");
  if (settings.keep_tmp) options.push_back("--keep-tmp");
  if (settings.update_golden) options.push_back("--update-golden");
  if (settings.execution.sandbox.enabled) options.push_back("--testkit-confined");
  return options;
}

std::string read_listing_file(const std::string& path, std::deque<TestInfo>& tests) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return "cannot read the listing " + path;
  const std::string text(std::istreambuf_iterator<char>(file), {});
  if (std::string problem = read_json_listing(text, tests); !problem.empty()) return path + ": " + problem;
  return {};
}

// Adds the source files of the tests that are not visible to what sandboxed tests may not read: the code under test
// then cannot print a hidden test's source into a visible test's output. A source that is not on this machine (the
// build gave a relative or foreign path) has nothing to hide.
void hide_sources_of_hidden_tests(const std::deque<TestInfo>& tests, std::vector<std::string>& hidden_paths) {
  for (const TestInfo& test : tests) {
    if (test.meta.visibility == Visibility::visible || test.where.file.empty()) continue;
    std::error_code error;
    const std::filesystem::path source = std::filesystem::canonical(test.where.file, error);
    if (!error && std::ranges::find(hidden_paths, source.string()) == hidden_paths.end())
      hidden_paths.push_back(source.string());
  }
}

// The tests of `binaries`, each listed by its binary (confined under --sandbox) or read from `tests_from`, named
// after their binary when there are several. Returns what went wrong, naming the binary, or "".
std::string find_tests(const std::vector<TestBinary>& binaries, const std::string& tests_from, const Settings& settings,
                       std::deque<TestInfo>& tests) {
  const auto listing_timeout =
      settings.execution.timeout.count() > 0
          ? std::max<std::chrono::milliseconds>(settings.execution.timeout, default_listing_timeout)
          : std::chrono::milliseconds::zero();
  for (const TestBinary& binary : binaries) {
    std::deque<TestInfo> listed;
    const std::string problem = tests_from.empty()
                                    ? list_tests_of(binary.path, settings.execution.sandbox, listing_timeout, listed)
                                    : read_listing_file(tests_from, listed);
    if (!problem.empty()) return fmt::format("the tests of {} are unknown: {}", binary.path, problem);
    if (binaries.size() > 1) name_after_binary(binary, listed);
    std::ranges::move(listed, std::back_inserter(tests));
  }
  return {};
}

int run_trusted_unchecked(int argc, const char* const* argv) {
  std::vector<const char*> arguments(argv + std::min(argc, 1), argv + std::max(argc, 0));
  if (!arguments.empty() && std::string_view(arguments.front()) == "--merge")
    return run_merge(argc - 1, argv + 1);  // argv[1], "--merge", stands as the program name
  std::string tests_from;
  if (!arguments.empty() && std::string_view(arguments.front()) == "--tests-from") {
    if (arguments.size() < 2) return usage_error("--tests-from takes a listing file");
    tests_from = arguments[1];
    arguments.erase(arguments.begin(), arguments.begin() + 2);
  }
  if (!arguments.empty() &&
      (std::string_view(arguments.front()) == "--help" || std::string_view(arguments.front()) == "-h")) {
    std::fputs(usage, stdout);
    return exit_code::success;
  }
  // The binaries are the arguments before the first option: the options of a test binary take no positional
  // argument, so an option's value always follows an option.
  const auto first_option = std::ranges::find_if(arguments, [](const char* argument) { return argument[0] == '-'; });
  const std::span<const char* const> given(arguments.begin(), first_option);
  if (given.empty()) return usage_error("no test binary given");
  if (given.size() > 1 && !tests_from.empty())
    return usage_error("--tests-from is the listing of one binary: give one BINARY with it");
  std::vector<TestBinary> binaries;
  if (const std::string problem = find_test_binaries(given, binaries); !problem.empty()) return usage_error(problem);
  std::vector<std::string> names;
  if (binaries.size() > 1)
    for (const TestBinary& binary : binaries) names.push_back(binary.name);
  // One BINARY takes argv[0]'s place, so the options are read as it reads them; several leave it to testkit-run.
  const std::string program = binaries.size() == 1 ? binaries.front().path : "testkit-run";
  arguments.erase(arguments.begin(), first_option);
  arguments.insert(arguments.begin(), program.c_str());
  const ParsedSettings parsed =
      read_settings(static_cast<int>(arguments.size()), arguments.data(), process_environment, std::move(names));
  if (!parsed.settings) return parsed.exit_code;
  forget_test_selection();  // the shard and the filter are the whole run's, not each binary's
  Settings settings = *parsed.settings;
  if (!settings.fork) return usage_error("testkit-run runs every test in a process of its own: not with --no-fork");
  if (settings.worker || settings.host_worker)
    return usage_error("--testkit-worker and --testkit-worker-host are for the test binary, not for testkit-run");
  SandboxSettings& sandbox = settings.execution.sandbox;
  if (sandbox.enabled) sandbox.support = probe_sandbox();
  std::vector<std::string> runs_under;
  if (settings.valgrind) {
    const char* const path = process_environment("PATH");
    std::optional<std::vector<std::string>> valgrind = valgrind_command(path != nullptr ? path : "");
    if (!valgrind)
      return usage_error("--valgrind runs every test under valgrind, which is not installed (not on PATH)");
    runs_under = std::move(*valgrind);
  }
  // The workers' runtimes: valgrind's under --valgrind, and those of every binary (their listings run confined too).
  Sanitizers sanitizers{.valgrind = settings.valgrind};
  for (const TestBinary& binary : binaries) sanitizers = sanitizers | sanitizers_of_binary(binary.path);
  sandbox.support.limits_memory = limits_memory(sandbox.limits, sanitizers);

  // Every binary is listed before any test starts: a binary that cannot say its tests leaves nothing half-run.
  std::deque<TestInfo> tests;
  if (const std::string problem = find_tests(binaries, tests_from, settings, tests); !problem.empty()) {
    std::fprintf(stderr, "testkit-run: %s\n", problem.c_str());
    return exit_code::tests_failed;  // a binary under test failed before any test: nothing it earned
  }
  if (sandbox.enabled) hide_sources_of_hidden_tests(tests, sandbox.hidden_paths);
  const std::vector<std::string> options = worker_options(settings);
  std::vector<WorkerLaunch> workers;
  for (const TestBinary& binary : binaries)
    workers.push_back({.binary = binary.path,
                       .options = options,
                       .runs_under = runs_under,
                       .name_prefix = binaries.size() > 1 ? binary.name + ":" : ""});
  return detail::run_with(settings, program,
                          {.tests = tests, .workers = std::move(workers), .worker_sanitizers = sanitizers})
      .exit_code;
}

}  // namespace

int run_trusted(int argc, const char* const* argv) {
  try {
    return run_trusted_unchecked(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "testkit-run: internal error: %s\n", error.what());
  } catch (...) {
    std::fprintf(stderr, "testkit-run: internal error: unknown exception\n");
  }
  return exit_code::internal_error;
}

}  // namespace testkit
