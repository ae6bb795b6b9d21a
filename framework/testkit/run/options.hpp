#pragma once
/// The command line of a test binary.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <testkit/run/execution.hpp>
#include <testkit/run/shard.hpp>

#include <testkit/report/color.hpp>
#include <testkit/report/report_files.hpp>

namespace testkit {

/// How --list prints the selected tests (see listing.hpp).
enum class ListFormat { text, json, gtest };

/// Everything the command line says about a run.
struct Options {
  bool list = false;                      ///< print the selected tests instead of running them
  ListFormat list_format = ListFormat::text;
  std::string filter{};                     ///< gtest syntax: "Suite.*:Other.a-Suite.slow"; empty selects all
  std::vector<std::string> tags{};          ///< when given, only tests with one of these tags
  std::vector<std::string> exclude_tags{};  ///< tests with one of these tags are left out
  ColorMode color = ColorMode::automatic;
  bool deterministic = false;             ///< stable output: no times, short file names, no stack traces
  bool fork = true;                       ///< one process per test (false: --no-fork)
  Execution execution{};                  ///< jobs, timeout, output limit, fail-fast
  bool shuffle = false;                   ///< run in a random order
  std::optional<std::uint64_t> seed{};    ///< the shuffle's seed; a random one is drawn when absent
  std::size_t repeat = 1;                 ///< run the plan this many times
  Shard shard{};                          ///< the part of the selected tests this process runs (from the environment)
  ReportPaths reports{};                  ///< file reports to write (--junit-xml, --tap, --json, --gradescope)
};

/// Exit codes of a test binary.
namespace exit_code {
inline constexpr int success = 0;          ///< every selected test passed (skips and expected failures allowed)
inline constexpr int tests_failed = 1;     ///< a test failed
inline constexpr int usage_error = 2;      ///< bad command line or configuration; nothing ran
inline constexpr int internal_error = 3;   ///< a bug in testkit
inline constexpr int no_tests = 5;         ///< the filters selected no test
inline constexpr int interrupted = 130;    ///< stopped by Ctrl-C (SIGINT); what finished is reported
}  // namespace exit_code

/// The options, or the exit code to end with at once: 0 after --help, 2 after an error (printed to stderr).
struct ParsedOptions {
  std::optional<Options> options{};
  int exit_code = exit_code::success;
};

/// Parses argv (argv[0] is the program). Prints help to stdout and errors to stderr.
[[nodiscard]] ParsedOptions parse_options(int argc, const char* const* argv);

}  // namespace testkit
