#pragma once
/// What the processes a test forks (without exec) record for it: their failures, and the records of higher layers
/// (the calls a Patch answered there). A forked child appends each record to a memfd it shares with the test's
/// process through fork; the test's process collects them when the test ends, and whenever a higher layer is
/// about to answer from what it recorded (Patch::call_count()).

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string_view>

namespace testkit::detail {

class Context;

/// The kind of a record in a child log. Core's own is `failure_record`; a higher layer picks another and
/// installs its handler (set_child_record_handler).
using ChildRecordKind = std::uint8_t;
inline constexpr ChildRecordKind failure_record = 1;
/// The kind of the calls a Patch answered in a forked child (mock/ handles it).
inline constexpr ChildRecordKind patch_call_record = 2;
/// The kind of what a forked child wrote to stdout or stderr under the test's OutputCapture (program/ handles it).
inline constexpr ChildRecordKind output_record = 3;

/// The log of one test's forked children; owned by its TestLink. Thread-safe.
class ChildLog {
 public:
  ChildLog() = default;
  ~ChildLog();
  ChildLog(const ChildLog&) = delete;
  ChildLog& operator=(const ChildLog&) = delete;

  /// Before a fork of the test's process (any of its threads): makes the log exist, so that the child inherits it.
  void prepare_for_fork() noexcept;
  /// The log's descriptor, or -1 before the first fork. Lock-free: a forked child reads it.
  [[nodiscard]] int fd() const noexcept { return fd_.load(std::memory_order_acquire); }
  /// In the test's process: delivers the records appended since the last call, failures to `test` (dropped when
  /// it is null), the other kinds to their handlers. A malformed log becomes one failure, and the rest is skipped.
  void collect(Context* test);

 private:
  std::mutex mutex_;
  std::atomic<int> fd_{-1};
  std::uint64_t collected_ = 0;  ///< bytes of the log delivered so far
};

/// In a child forked from a test: appends a record for the test's process to collect; false anywhere else.
bool append_child_record(ChildRecordKind kind, std::string_view fields) noexcept;

/// Delivers the records of the kind `kind` that the test's process collects to `handler` (in the test's process,
/// on the collecting thread). Install before tests run; null removes it.
void set_child_record_handler(ChildRecordKind kind, void (*handler)(std::string_view fields)) noexcept;

/// In the test's process: collects what the calling thread's test's forked children recorded so far. No-op
/// outside a test.
void collect_child_records();

/// Installs the pthread_atfork handlers that make a test's forked children report to it: the child's role
/// becomes ProcessKind::test_child and its failures go to the test's log. Idempotent.
void install_fork_handlers() noexcept;

}  // namespace testkit::detail
