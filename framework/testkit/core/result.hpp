#pragma once
/// What running tests produced.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/core/failure.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit {

/// How one test ended.
enum class Verdict {
  passed,
  failed,
  skipped,
  expected_failure,  ///< marked xfail and failed as expected: counts as a pass
  unexpected_pass,   ///< marked xfail but passed: counts as a failure
  crashed,           ///< its process died of a signal before the test ended
  timed_out,         ///< still running at its deadline; its process group was killed
  exited_early,      ///< its process exited (exit(0), _exit(3)...) before the test ended
  output_limit,      ///< wrote more than the output limit; its process group was killed
  flaky,             ///< failed, then passed when run again (--retries): counts as a pass unless --flaky-fails
  leaked,            ///< ran to its end, but left memory it allocated unreachable (LeakSanitizer, valgrind's memcheck)
  memory_error,      ///< a sanitizer (ASan, UBSan, TSan) or memcheck reported an error in it: an invalid access, a
                     ///< double free, undefined behaviour, a data race
};

/// Every verdict, in declaration order.
inline constexpr Verdict all_verdicts[] = {
    Verdict::passed,          Verdict::failed,  Verdict::skipped,   Verdict::expected_failure,
    Verdict::unexpected_pass, Verdict::crashed, Verdict::timed_out, Verdict::exited_early,
    Verdict::output_limit,    Verdict::flaky,   Verdict::leaked,    Verdict::memory_error};

/// Lower-case name used in reports ("passed", "expected_failure", ...).
[[nodiscard]] std::string_view to_string(Verdict verdict);

/// True for the verdicts that make the run fail (flaky is not one: --flaky-fails decides about it).
[[nodiscard]] bool is_failure(Verdict verdict);

/// True for the verdicts of a test that passed: passed, expected_failure and flaky.
[[nodiscard]] bool is_pass(Verdict verdict);

/// What a test wrote to one stream: the start and the end, when there was too much to keep it all.
struct CapturedOutput {
  std::string head{};           ///< the first bytes written
  std::string tail{};           ///< the last bytes written, when more than head and tail could hold
  std::size_t total_bytes = 0;  ///< everything written, kept or not

  /// The kept text, with a "[... N bytes elided ...]" line between head and tail when bytes were dropped.
  [[nodiscard]] std::string text() const;
  [[nodiscard]] bool empty() const { return total_bytes == 0; }
};

/// What running a test cost its process; zero where the executor cannot tell (in-process runs).
struct ResourceUsage {
  std::chrono::microseconds user_cpu{};
  std::chrono::microseconds system_cpu{};
  long max_rss_kib = 0;
};

/// The outcome of one run of one test (with --retries: of its last attempt, the earlier ones in `attempts`).
struct TestResult {
  const TestInfo* test = nullptr;
  Verdict verdict = Verdict::passed;
  std::vector<Failure> failures{};   ///< in the order they happened; capped, see omitted_failures
  std::size_t omitted_failures = 0;  ///< failures beyond the cap, counted but not kept
  /// TK_ assertions the test executed, passed or failed, in set_up, the body, tear_down and cleanups (not in class
  /// hooks); as its process reported it in its END record, so 0 for a forked test that did not reach its end.
  std::uint64_t assertions = 0;
  std::string reason{};                 ///< the skip or xfail reason
  std::chrono::nanoseconds duration{};  ///< wall time
  std::chrono::nanoseconds started{};   ///< when it started, counted from the start of the run (steady clock)
  std::size_t slot = 0;                 ///< the job slot that ran it: 0 to jobs - 1 (forked) or the worker thread
  ResourceUsage usage{};
  CapturedOutput out{};        ///< the test's stdout (process runs only)
  CapturedOutput err{};        ///< the test's stderr (process runs only)
  std::string tmp_path{};      ///< the directory tmp_path() made for this run of the test; empty when it made none
  bool tmp_path_kept = false;  ///< that directory was left in place after the test (--keep-tmp)
  /// The attempts before this one, oldest first, each with its own verdict, failures, times and output (empty
  /// unless the test ran again after a failure, see --retries); they have no attempts of their own.
  std::vector<TestResult> attempts{};
  std::size_t retries = 0;  ///< when it has attempts: how many times it could run again after a failing attempt

  /// How many times the test ran: its earlier attempts and this one.
  [[nodiscard]] std::size_t attempt_count() const { return attempts.size() + 1; }
};

/// Verdict counts of a run. Expected failures and flaky tests count as passed, unexpected passes as failed.
struct Tally {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  std::size_t expected_failures = 0;  ///< already included in passed
  std::size_t flaky = 0;              ///< already included in passed

  void add(Verdict verdict);
};

/// A finished (or interrupted) run: every result in the order the tests ended.
struct RunResult {
  std::vector<TestResult> results{};
  std::chrono::nanoseconds duration{};
  int interrupted_by = 0;  ///< the signal (SIGINT, SIGTERM) that stopped the run early, or 0

  [[nodiscard]] Tally tally() const;
};

/// How often one test passed when the run ran it several times (--repeat).
struct PassRatio {
  const TestResult* first = nullptr;  ///< its first result in the run, which names it
  std::size_t passed = 0;             ///< runs whose verdict is a pass (is_pass)
  std::size_t runs = 0;               ///< runs that were not skipped
};

/// The pass ratio of every test (told apart by display_name) that ran more than once in `run` (skipped runs do not
/// count), in the order of their first results; empty when no test ran twice.
[[nodiscard]] std::vector<PassRatio> pass_ratios(const RunResult& run);

}  // namespace testkit
