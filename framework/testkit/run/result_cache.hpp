#pragma once
/// The result cache: each test's last verdict and duration, kept between runs in one JSON file per test binary
/// (pytest's .pytest_cache), read by --last-failed, --failed-first and the slowest-first schedule.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <testkit/core/result.hpp>

namespace testkit {

/// What the cache options ask for (--cache-dir, --no-cache, --last-failed, --failed-first).
struct CacheSettings {
  bool enabled = true;        ///< false: --no-cache, the cache is neither read nor written
  std::string dir{};          ///< --cache-dir; empty: `.testkit/` in the directory of the test binary
  bool last_failed = false;   ///< --last-failed: run only the tests that failed last time (all if none did)
  bool failed_first = false;  ///< --failed-first: run the tests that failed last time first
};

/// What the cache remembers of one test: how its latest run ended and how long it took.
struct CachedResult {
  Verdict verdict = Verdict::passed;
  std::chrono::nanoseconds duration{};

  [[nodiscard]] bool failed() const { return is_failure(verdict); }
};

/// A binary's cache: its tests' latest results, by full name ("Suite.name", "Suite.name/2").
using ResultCache = std::map<std::string, CachedResult, std::less<>>;

/// The cache file of the test binary `binary`: `<dir>/<binary's file name>.json`, where dir is settings.dir or, when
/// that is empty, `.testkit` in the binary's directory.
[[nodiscard]] std::filesystem::path cache_file_of(const CacheSettings& settings, const std::filesystem::path& binary);

/// The cache as JSON, one test a line: {"schema": "testkit-cache", "version": 1, "tests": {"Suite.name": ["failed",
/// 1250]}}, each test's verdict and duration in whole microseconds.
[[nodiscard]] std::string render_result_cache(const ResultCache& cache);

/// Whether a test's duration `now` differs from its `recorded` one by no more than runs of an unchanged test do: a
/// quarter of it or a millisecond, whichever is more. Such a difference would change no schedule.
[[nodiscard]] bool is_run_to_run_noise(std::chrono::nanoseconds recorded, std::chrono::nanoseconds now);

/// Whether `text` is render_result_cache's text of `cache` but for durations that differ by run-to-run noise:
/// writing `cache` in its place would change nothing that a later run reads.
[[nodiscard]] bool holds_within_noise(std::string_view text, const ResultCache& cache);

/// The cache that `text` (render_result_cache's format) holds. Throws std::invalid_argument when it is not such a
/// cache (bad JSON, another schema or version, a wrong field); unknown fields are ignored.
[[nodiscard]] ResultCache parse_result_cache(std::string_view text);

/// The cache in `file`: empty when there is no such file; empty with `warning` set (one line naming the file) when
/// it cannot be read or is not a cache. Never throws for what the file holds.
[[nodiscard]] ResultCache read_result_cache(const std::filesystem::path& file, std::string& warning);

/// Puts the results of `run` into `cache`, in place of the earlier entries of the tests that ran; the other tests
/// keep theirs. A test that ran several times (--repeat) counts as failed if any run failed, with its longest run.
/// Returns how many different tests ran.
std::size_t record_run(ResultCache& cache, const RunResult& run);

/// Records `run` in `file`: creates its directory if needed (with a .gitignore that ignores it all), then, holding a
/// lock on that directory (flock) so that runs that end together (CTest running one test per process) lose nothing,
/// reads the file again, records the run in what it holds (record_run; a file that is not a cache counts as empty)
/// and replaces it atomically (write_report_file), unless the file holds that cache already but for run-to-run noise
/// (holds_within_noise): then it is left as it is. A run of every one of the binary's `registered` tests replaces
/// every entry the file could hold but those of tests that no longer exist: then the file is only compared, not
/// parsed, and those are dropped. The lock is waited for at most `lock_patience` (a process that a test left behind
/// may hold it): then the file is not updated. Returns what went wrong (one line naming the file), or empty.
[[nodiscard]] std::string update_result_cache(const std::filesystem::path& file, const RunResult& run,
                                              std::size_t registered,
                                              std::chrono::milliseconds lock_patience = std::chrono::seconds(5));

}  // namespace testkit
