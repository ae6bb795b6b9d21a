#pragma once
/// What the environment variables of GoogleTest, Bazel and CTest ask of a run.

#include <functional>
#include <optional>
#include <string>

#include <testkit/run/shard.hpp>

namespace testkit {

/// The run settings read from the environment; empty strings where a variable is unset or empty.
struct EnvironmentSettings {
  std::optional<Shard> shard{};          ///< GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS, else TEST_SHARD_INDEX/TEST_TOTAL_SHARDS
  std::string shard_status_file{};       ///< GTEST_SHARD_STATUS_FILE, else TEST_SHARD_STATUS_FILE: touched to say
                                         ///< that this binary shards
  std::string filter{};                  ///< TESTBRIDGE_TEST_ONLY (Bazel's --test_filter), a gtest filter
  std::string premature_exit_file{};     ///< TEST_PREMATURE_EXIT_FILE: exists while the run is in progress
  std::string temp_dir{};                ///< TEST_TMPDIR: where the tests' temporary files belong
};

/// Looks a variable up: its value, or null when it is unset.
using EnvironmentLookup = std::function<const char*(const char* name)>;

/// The settings `lookup` gives (std::getenv in production). Sets `error` to a message naming the variable when
/// a value makes no sense (a shard index without a count, an index not below the count, not a number).
[[nodiscard]] EnvironmentSettings read_environment(const EnvironmentLookup& lookup, std::string& error);

struct Options;

/// Applies `settings` to a run: the shard and the filter (when the command line gave none) go into `options`, the
/// shard status file is created, TMPDIR is pointed at TEST_TMPDIR unless already set. Returns an error message
/// (the status file cannot be created), else "".
[[nodiscard]] std::string apply_environment(const EnvironmentSettings& settings, Options& options);

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
