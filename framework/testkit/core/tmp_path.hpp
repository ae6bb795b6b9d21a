#pragma once
/// tmp_path(), pytest's fixture of that name: a fresh, empty directory of the running test's own, removed after it.

#include <sys/types.h>

#include <filesystem>
#include <mutex>
#include <string>

#include <testkit/core/result.hpp>

namespace testkit {

/// The running test's own temporary directory: made empty (mode 0700) on the first call, under the TMPDIR the run
/// started with (a sandboxed test's private directory), named after the test ($TMPDIR/testkit-Suite.name-XXXXXX);
/// later calls in the same test, and in the threads it started, return the same path. Each test, parametrized
/// instance and repetition gets a fresh one. Removed with everything in it after the test's cleanups, pass or fail,
/// unless --keep-tmp; a failing test's report names it. Any thread of a test, during set_up, the body, tear_down and
/// cleanups. Throws std::logic_error outside a running test (main, set_up_class, a thread that outlived its test),
/// std::system_error when the directory cannot be made.
/// Example: std::ofstream(testkit::tmp_path() / "in.txt") << "1 2 3"; TK_EXPECT_EQ(sum_file(testkit::tmp_path() /
/// "in.txt"), 6);
[[nodiscard]] std::filesystem::path tmp_path();

}  // namespace testkit

namespace testkit::detail {

/// One run of one test's tmp_path() directory: made by the first get(), removed by finish(). Thread-safe: the
/// test's thread and the threads it starts share it through their TestLink.
class TestTmpDir {
 public:
  /// The directory of `test` (null: a test without a name), made on the first call under the process role's tmp
  /// root. `outermost`: the test is its process's own (not one a selftest runs inside another), so a forked test
  /// process notes the path in its black box for the supervisor. Throws as tmp_path().
  [[nodiscard]] std::filesystem::path get(const TestInfo* test, bool outermost);

  /// At the end of the test: records the directory in `result` and removes it, unless the process role keeps it
  /// (--keep-tmp) or this process did not make it (a process the test forked). Later get() calls throw.
  void finish(TestResult& result) noexcept;

 private:
  std::mutex mutex_;
  std::string path_;  ///< empty until made
  pid_t maker_ = 0;   ///< the process that made it
  bool finished_ = false;
};

/// Called by run_test on the test's thread after its cleanups: finishes the running test's TestTmpDir.
void finish_tmp_path(TestResult& result) noexcept;

/// In a supervisor, after a test's process ended: removes the directory `path` that the process noted in its black
/// box, when the process left it behind (it crashed, timed out or exited early) and it is one tmp_path() can have
/// made in this process's tmp root; anything else is left alone. Returns true when no such directory is left there.
/// Never throws.
bool remove_leftover_tmp_path(const std::string& path) noexcept;

}  // namespace testkit::detail
