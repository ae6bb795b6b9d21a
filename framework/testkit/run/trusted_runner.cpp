#include <testkit/run/trusted_runner.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include <testkit/run/detail/run_steps.hpp>
#include <testkit/run/listing.hpp>
#include <testkit/run/merge_command.hpp>
#include <testkit/run/remote_listing.hpp>
#include <testkit/run/settings.hpp>

namespace testkit {
namespace {

constexpr const char* usage =
    "Usage: testkit-run [--tests-from LISTING.json] BINARY [OPTIONS...]\n"
    "       testkit-run --merge SHARD.json... [REPORT OPTIONS...]\n"
    "Runs the tests of the testkit test binary BINARY, each in a process of its own that starts BINARY (confined\n"
    "first under --sandbox), and writes the console and the reports itself. OPTIONS are BINARY's own: see\n"
    "`BINARY --help`. --tests-from takes the tests, their points and visibility from a listing (BINARY --list=json\n"
    "of a trusted build) instead of from BINARY. --merge merges the JSON reports of a run's shards into one run's\n"
    "reports (see `testkit-run --merge --help`).\n";

// How long the binary may take to list its tests when the run sets no timeout.
constexpr std::chrono::seconds default_listing_timeout{60};

int usage_error(const std::string& problem) {
  std::fprintf(stderr, "testkit-run: %s\n%s", problem.c_str(), usage);
  return exit_code::usage_error;
}

// The options every worker gets: those that change what happens inside a test (the timeout is what a program the
// test runs may take by default).
std::vector<std::string> worker_options(const Settings& settings) {
  std::vector<std::string> options{"--color=never",
                                   fmt::format("--timeout={}", settings.execution.timeout.count() / 1000.0)};
  if (settings.deterministic) options.push_back("--deterministic");
  if (settings.keep_tmp) options.push_back("--keep-tmp");
  if (settings.update_golden) options.push_back("--update-golden");
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
  if (arguments.empty() || std::string_view(arguments.front()) == "--help" ||
      std::string_view(arguments.front()) == "-h") {
    if (arguments.empty()) return usage_error("no test binary given");
    std::fputs(usage, stdout);
    return exit_code::success;
  }
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::canonical(arguments.front(), error);
  if (error || ::access(binary.c_str(), X_OK) != 0)
    return usage_error(std::string("cannot run the test binary ") + arguments.front());
  arguments.front() = binary.c_str();  // BINARY takes argv[0]'s place: the options are read as it reads them
  const ParsedSettings parsed =
      read_settings(static_cast<int>(arguments.size()), arguments.data(), process_environment);
  if (!parsed.settings) return parsed.exit_code;
  Settings settings = *parsed.settings;
  if (!settings.fork) return usage_error("testkit-run runs every test in a process of its own: not with --no-fork");
  if (settings.worker) return usage_error("--testkit-worker is for the test binary, not for testkit-run");
  SandboxSettings& sandbox = settings.execution.sandbox;
  if (sandbox.enabled) sandbox.support = probe_sandbox();
  sandbox.support.limits_memory = limits_memory(sandbox.limits, sanitizers_of_binary(binary));  // its listing too

  std::deque<TestInfo> tests;
  const auto listing_timeout =
      settings.execution.timeout.count() > 0
          ? std::max<std::chrono::milliseconds>(settings.execution.timeout, default_listing_timeout)
          : std::chrono::milliseconds::zero();
  const std::string problem = tests_from.empty() ? list_tests_of(binary, sandbox, listing_timeout, tests)
                                                 : read_listing_file(tests_from, tests);
  if (!problem.empty()) {
    std::fprintf(stderr, "testkit-run: the tests of %s are unknown: %s\n", binary.c_str(), problem.c_str());
    return exit_code::tests_failed;  // the binary under test failed before any test: nothing it earned
  }
  if (sandbox.enabled) hide_sources_of_hidden_tests(tests, sandbox.hidden_paths);
  return detail::run_with(settings, binary.c_str(),
                          {.tests = tests, .worker = WorkerLaunch{binary, worker_options(settings)}})
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
