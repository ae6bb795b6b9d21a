#pragma once
/// Everything that decides a run, read once: the command line and the environment combined into one value.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/report/color.hpp>
#include <testkit/report/report_files.hpp>
#include <testkit/run/environment.hpp>
#include <testkit/run/execution.hpp>
#include <testkit/run/exit_code.hpp>
#include <testkit/run/host_worker.hpp>
#include <testkit/run/result_cache.hpp>
#include <testkit/run/shard.hpp>

namespace testkit {

/// How --list prints the selected tests (see listing.hpp).
enum class ListFormat { text, json, gtest };

/// What a run is asked to do. read_settings fills it; nothing changes it afterwards.
struct Settings {
  bool list = false;  ///< print the selected tests instead of running them
  ListFormat list_format = ListFormat::text;
  std::string filter{};  ///< gtest syntax: "Suite.*:Other.a-Suite.slow"; empty selects all
  /// testkit-run with several binaries: their names, which start their tests' names ("binary:Suite.name") and may
  /// start a filter's patterns (see TestFilter); empty otherwise.
  std::vector<std::string> binaries{};
  std::vector<std::string> tags{};          ///< when given, only tests with one of these tags
  std::vector<std::string> exclude_tags{};  ///< tests with one of these tags are left out
  ColorMode color = ColorMode::automatic;
  ColorEnvironment color_environment{};  ///< what NO_COLOR, CLICOLOR_FORCE, FORCE_COLOR and TERM say
  bool deterministic = false;            ///< stable output: no times, short file names, no stack traces
  bool fork = true;                      ///< one process per test (false: --no-fork)
  /// --valgrind: testkit-run starts each test's process under valgrind's memcheck (see valgrind_command.hpp)
  bool valgrind = false;
  Execution execution{};                ///< jobs, timeout, output limit, fail-fast, sandbox
  bool shuffle = false;                 ///< run in a random order
  std::optional<std::uint64_t> seed{};  ///< the shuffle's seed (drawn at random by read_settings when absent)
  std::size_t repeat = 1;               ///< run the plan this many times
  bool flaky_fails = false;             ///< --flaky-fails: a flaky test (see --retries) fails the run (exit 1)
  Shard shard{};                        ///< the part of the selected tests this process runs (from the environment)
  ReportPaths reports{};                ///< file reports to write (--junit-xml, --tap, --json, --gradescope, --html)
  RunEnvironment run_environment{};     ///< files and variables the run sets up (see prepare_environment)
  bool keep_tmp = false;                ///< --keep-tmp: tmp_path() directories stay after their tests
  /// --testkit-worker (given by testkit-run, not by people): run the one selected test and report it through these.
  std::optional<WorkerChannels> worker{};
  /// --testkit-worker-host (given by testkit-run): run as the class host of the tests listed in these
  /// (host_worker.hpp).
  std::optional<HostWorkerChannels> host_worker{};
  /// --testkit-confined (given by testkit-run with either of those under --sandbox): this process was started
  /// confined, and must deny tracing (sandbox.hpp) before any test runs.
  bool confined = false;
  bool update_golden = false;  ///< --update-golden: TK_EXPECT_GOLDEN writes its golden files
  /// --timeout-scale, else TESTKIT_TIMEOUT_SCALE; unset: the factor of the sanitizers the test binary runs with.
  std::optional<double> timeout_scale{};
  std::string tmp_root = "/tmp";  ///< where tmp_path() makes them: TMPDIR, else TEST_TMPDIR, else /tmp
  CacheSettings cache{};          ///< the result cache: where, and --last-failed / --failed-first
};

/// The settings, or the exit code to end with at once: 0 after --help, 2 after an error (printed to stderr).
struct ParsedSettings {
  std::optional<Settings> settings{};
  int exit_code = exit_code::success;
};

/// The factor `text` gives --timeout-scale: a number above 0 and at most 1000, or nullopt.
[[nodiscard]] std::optional<double> parse_timeout_scale(std::string_view text);

/// The settings that the command line `argv` (argv[0] is the program) and the environment `lookup` gives
/// (process_environment in a test binary) ask for, with everything derived from them: the one place either is
/// read. Prints help to stdout and errors to stderr. `binaries` become Settings::binaries (testkit-run).
[[nodiscard]] ParsedSettings read_settings(int argc, const char* const* argv, const EnvironmentLookup& lookup,
                                           std::vector<std::string> binaries = {});

/// The command line alone, as typed (read_settings adds the environment). Prints help and errors as read_settings.
[[nodiscard]] ParsedSettings parse_command_line(int argc, const char* const* argv,
                                                std::vector<std::string> binaries = {});

/// parse_command_line without its shortcut for the commonest command lines (a filter, the jobs, --no-fork,
/// --no-cache): every command line goes through the full option table. The two give the same result for every
/// command line; this one exists so that a test can check it.
[[nodiscard]] ParsedSettings parse_command_line_with_table(int argc, const char* const* argv,
                                                           std::vector<std::string> binaries = {});

}  // namespace testkit
