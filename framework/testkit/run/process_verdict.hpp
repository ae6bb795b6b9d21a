#pragma once
/// The verdict of a test that ran in its own process, from what the supervisor saw of it.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/core/black_box.hpp>
#include <testkit/core/result.hpp>
#include <testkit/run/wire.hpp>

namespace testkit::detail {

/// Why the supervisor killed a test's process, if it did.
enum class KillReason { none, timeout, output_limit, stopped };

/// Everything known about a finished test process.
struct ProcessOutcome {
  std::vector<Failure> failures{};  ///< streamed by the process
  std::optional<EndRecord> end{};   ///< present only if the test ran to its end
  int wait_status = 0;              ///< as waitpid gives it
  KillReason killed = KillReason::none;
  std::chrono::milliseconds timeout{};  ///< the limit that applied, for messages
  std::size_t output_limit = 0;
  std::size_t output_bytes = 0;
  const BlackBox* black_box = nullptr;
  bool frames_are_foreign = false;  ///< the black box's frames are another image's (a worker's): not symbolized
                                    ///< what the process left behind; may be null
  std::string channel_error{};      ///< a malformed result record, if any
};

/// Adds `record`, the next one read from a test process's result channel, to `outcome`: each failure is kept, one
/// END record too; a second END, or any record after END, sets `channel_error` (the test then fails).
void take_record(ProcessOutcome& outcome, Record record);

/// Feeds `bytes`, read from a result channel, to `reader`, and takes each complete record into `outcome`
/// (take_record). A failure's raw stack frames are symbolized here when `symbolize` (the sender is a fork of this
/// process, so its addresses are valid here), else dropped. A malformed record sets `channel_error`; nothing is
/// taken after that.
void take_records(ProcessOutcome& outcome, RecordReader& reader, std::string_view bytes, bool symbolize);

/// Decides verdict, reason and failures of `test` from `outcome`, and names the tmp_path() directory its black box
/// notes (output and timing are filled elsewhere).
/// A test passes only if its END record arrived and its process then exited with status 0. A failure once recorded
/// is never turned into a pass: after a streamed failure, an END that claims anything but failed (or
/// expected_failure, for a test marked xfail) leaves the test failed, with a failure that says so; so does an END
/// whose verdict contradicts the test's metadata (expected_failure without a failure, passed for an xfail test) or
/// that only the runner gives (crashed, timed_out...).
[[nodiscard]] TestResult judge_process(const TestInfo& test, ProcessOutcome outcome);

/// Which host a verdict about a host speaks of: a class host (class_host.hpp) or the module host (module_host.hpp).
/// What kind of host a death is charged to: a class host forked in the default mode, a module host, or a test binary
/// that testkit-run started as a class host (a host worker, which also runs the binary's start-up and module set-up
/// before set_up_class).
enum class HostKind { class_host, module_host, host_worker };

/// The result charged to a test of a class whose host died before set_up_class returned (a module host: before the
/// module set-up returned), from `host`, what the supervisor saw of the host (no END; its black box, wait status,
/// kill reason): verdict and failure as judge_process gives them, in phase set_up_class (set_up_module). Every test of
/// the class (of the run) gets it (see charge_to).
[[nodiscard]] TestResult judge_set_up_death(const TestInfo& test, ProcessOutcome host, HostKind kind);

/// `cause`, a result judged for another test of the same class, charged to `test` (its location and name).
[[nodiscard]] TestResult charge_to(const TestInfo& test, const TestResult& cause);

/// The result of `test`, which was running (or about to) in a class host that died after set_up_class (or was to be
/// given to a class host that the module host, dead since its set-up, could not fork), ending with
/// `host_wait_status` (`host_killed`: why the supervisor killed it, if it did): crashed, the test being lost with its
/// host.
[[nodiscard]] TestResult judge_lost_test(const TestInfo& test, int host_wait_status, HostKind kind,
                                         KillReason host_killed = KillReason::none);

/// Adds to `last_test`, the class's (the run's) last test, what its host did after the class's (the run's) tests: the
/// failures tear_down_class (tear_down_module) streamed, and, when the host did not then exit 0 (a crash, a kill, a
/// corrupted channel), that failure too, in that phase (the verdict becomes the host's: crashed, timed out, failed).
void add_host_tear_down(TestResult& last_test, ProcessOutcome host, HostKind kind);

}  // namespace testkit::detail
