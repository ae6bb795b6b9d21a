#pragma once
/// What the environment variables of GoogleTest, Bazel, CTest, the colour conventions and the sanitizers ask of a
/// run. The only place testkit reads its process environment (process_environment).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <testkit/report/color.hpp>
#include <testkit/run/shard.hpp>

namespace testkit {

/// What the run itself sets up for tools that watch it (see prepare_environment and PrematureExitFile).
struct RunEnvironment {
  std::string shard_status_file{};    ///< touched to say that this binary shards
  std::string premature_exit_file{};  ///< exists while the run is in progress
  std::string temp_dir{};             ///< becomes TMPDIR for the tests, unless TMPDIR is set
};

/// The run settings read from the environment; empty strings where a variable is unset or empty.
struct EnvironmentSettings {
  std::optional<Shard> shard{};   ///< GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS, else TEST_SHARD_INDEX/TEST_TOTAL_SHARDS
  std::string filter{};           ///< TESTBRIDGE_TEST_ONLY (Bazel's --test_filter), a gtest filter
  std::string gtest_output{};     ///< GTEST_OUTPUT: "xml" or "xml:PATH", as --gtest_output
  std::string xml_output_file{};  ///< XML_OUTPUT_FILE (Bazel): the JUnit path when no option gives one
  ColorEnvironment color{};       ///< NO_COLOR, CLICOLOR_FORCE, FORCE_COLOR, TERM
  /// GTEST_SHARD_STATUS_FILE (else TEST_SHARD_STATUS_FILE), TEST_PREMATURE_EXIT_FILE, TEST_TMPDIR
  RunEnvironment run{};
  std::string tmpdir{};         ///< TMPDIR: where tmp_path() makes directories, when set
  std::string timeout_scale{};  ///< TESTKIT_TIMEOUT_SCALE: --timeout-scale, when the command line does not give it
  std::string cache_dir{};      ///< TESTKIT_CACHE_DIR: the result cache's directory, when --cache-dir gives none
  /// The sanitizers' options (ASAN_OPTIONS, LSAN_OPTIONS, TSAN_OPTIONS, UBSAN_OPTIONS) that are set, as (name,
  /// value): a sandbox's scrubbed environment keeps them, so that sanitizer builds behave the same.
  std::vector<std::pair<std::string, std::string>> sanitizer_options{};
};

/// Looks a variable up: its value, or null when it is unset.
using EnvironmentLookup = std::function<const char*(const char* name)>;

/// This process's environment (std::getenv).
[[nodiscard]] const char* process_environment(const char* name);

/// The settings `lookup` gives. Sets `error` to a message naming the variable when a value makes no sense (a
/// shard index without a count, an index not below the count, not a number).
[[nodiscard]] EnvironmentSettings read_environment(const EnvironmentLookup& lookup, std::string& error);

struct Settings;

/// Adds what `environment` asks to `settings`, which holds the command line's: the shard; the filter and the JUnit
/// path unless the command line gave them (GTEST_OUTPUT's directory form names the file after `program`); the
/// colour variables; what the run sets up; the sanitizer options a sandbox keeps; the tmp_path() root (TMPDIR, else
/// TEST_TMPDIR, else /tmp; made absolute); the result cache's directory unless --cache-dir gave one. Returns an error
/// message (a malformed GTEST_OUTPUT), else "".
[[nodiscard]] std::string apply_environment(const EnvironmentSettings& environment, std::string_view program,
                                            Settings& settings);

/// Removes from this process's environment the variables that select tests (the GoogleTest and Bazel shard
/// variables, TESTBRIDGE_TEST_ONLY). testkit-run calls it once it has read them: it selects for the whole run, and
/// the test binaries it starts, to list their tests or as a worker for one, must not select again within theirs.
void forget_test_selection();

/// Sets up what `run` asks for before the first test: creates the shard status file and points TMPDIR at the
/// temp dir unless TMPDIR is set. Returns an error message (the status file cannot be created), else "".
[[nodiscard]] std::string prepare_environment(const RunEnvironment& run);

/// TEST_PREMATURE_EXIT_FILE's protocol: the file exists from construction to destruction, so a run that dies on
/// the way (a crash in --no-fork mode, SIGKILL) leaves it behind for Bazel to see. No-op for an empty path.
class PrematureExitFile {
 public:
  explicit PrematureExitFile(std::string path);
  ~PrematureExitFile();
  PrematureExitFile(const PrematureExitFile&) = delete;
  PrematureExitFile& operator=(const PrematureExitFile&) = delete;

 private:
  std::string path_;
};

}  // namespace testkit
