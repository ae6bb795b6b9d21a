#include <testkit/core/child_log.hpp>

#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>

#include <array>
#include <cstdio>
#include <exception>
#include <string>
#include <utility>

#include <fmt/format.h>

#include <testkit/core/context.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/record_fields.hpp>
#include <testkit/core/stacktrace.hpp>
#include <testkit/core/thread_link.hpp>
#include <testkit/interpose/framework_io.hpp>
#include <testkit/interpose/real_functions.hpp>

namespace testkit::detail {
namespace {

// In a child forked from a test: the descriptor of the test's log, set once by the fork handler.
int inherited_log = -1;

std::array<std::atomic<void (*)(std::string_view)>, 16> handlers{};

void send_failure_to_test(const Failure& failure) {
  FieldWriter fields;
  write_failure(fields, failure);
  (void)append_child_record(failure_record, fields.take());
}

// pthread_atfork's prepare handler, on the forking thread.
void before_fork() noexcept {
  TestLink* const link = thread_test_link();
  if (link == nullptr) return;
  link->children.prepare_for_fork();
  // What the process buffered would be written a second time by a child that flushes on its way out.
  std::fflush(nullptr);
}

// pthread_atfork's child handler, in the new process: only the forking thread exists there.
void in_child() noexcept {
  TestLink* const link = thread_test_link();
  if (link == nullptr || link->children.fd() < 0 || link->context == nullptr) return;
  inherited_log = link->children.fd();
  ProcessRole role = process_role();
  role.kind = ProcessKind::test_child;
  role.black_box = nullptr;  // a crash here is this process's, not the test process's
  role.send_failure = send_failure_to_test;
  role.forked_from = link->context;
  assume_process_role(role);
  // This process's copy of the test's context sends what it records; a child of a thread the test started
  // records there too (the thread's relay would only be collected when the thread ends, which here it never does).
  link->context->stream_failures();
  if (thread_relay_context() != nullptr) adopt_context(*link->context);
}

}  // namespace

ChildLog::~ChildLog() {
  if (const int fd = fd_.load(); fd >= 0) (void)call_real<Function::close>(fd);
}

void ChildLog::prepare_for_fork() noexcept {
  if (fd() >= 0) return;
  try {
    const std::lock_guard lock(mutex_);
    if (fd() >= 0) return;
    // The child writes with the real write(): looked up now, since dlsym there could wait for the loader's lock.
    (void)real_address(Function::write);
    const int fd = ::memfd_create("testkit-test-children", MFD_CLOEXEC);
    if (fd < 0) return;  // the children's failures are then lost, as without testkit
    // Each child's record is one write at the end of the log: O_APPEND keeps concurrent children's records whole.
    (void)::fcntl(fd, F_SETFL, O_APPEND);
    fd_.store(fd, std::memory_order_release);
  } catch (...) {
  }
}

void ChildLog::collect(Context* test) {
  const std::lock_guard lock(mutex_);
  const int fd = this->fd();
  if (fd < 0) return;
  std::string bytes;
  (void)read_to_end(fd, collected_, bytes);
  FrameReader frames;
  frames.feed(bytes);
  try {
    while (const std::optional<Frame> frame = frames.next()) {
      FieldReader fields(frame->fields);
      if (frame->kind == failure_record) {
        Failure failure = read_failure(fields);
        // A forked test process passes the raw frames on to its supervisor, which symbolizes them; others do it here.
        if (!failure.frames.empty() && !process_role().supervisor_symbolizes)
          failure.stacktrace = describe_test_frames(std::exchange(failure.frames, {}));
        if (test != nullptr) test->add_failure(std::move(failure));
      } else if (frame->kind < handlers.size()) {
        if (auto* handler = handlers[frame->kind].load()) handler(frame->fields);
      }
    }
    collected_ += bytes.size() - frames.pending();  // a record still being written is read next time
  } catch (const std::exception& error) {
    collected_ += bytes.size();
    if (test != nullptr)
      test->add_failure({.where = test->test() != nullptr ? test->test()->where : Location{},
                         .headline = "a process the test forked left an unreadable record",
                         .details = fmt::format("{}; what it recorded after that is lost", error.what())});
  }
}

bool append_child_record(ChildRecordKind kind, std::string_view fields) noexcept {
  if (process_role().kind != ProcessKind::test_child || inherited_log < 0) return false;
  try {
    return write_all(inherited_log, frame_record(kind, fields));
  } catch (...) {
    return false;
  }
}

void set_child_record_handler(ChildRecordKind kind, void (*handler)(std::string_view fields)) noexcept {
  if (kind < handlers.size()) handlers[kind].store(handler);
}

void collect_child_records() {
  TestLink* const link = thread_test_link();
  if (link == nullptr) return;
  const std::lock_guard lock(link->mutex);
  link->children.collect(link->context);
}

void install_fork_handlers() noexcept {
  static std::once_flag once;
  try {
    std::call_once(once, [] { ::pthread_atfork(before_fork, nullptr, in_child); });
  } catch (...) {
  }
}

}  // namespace testkit::detail
