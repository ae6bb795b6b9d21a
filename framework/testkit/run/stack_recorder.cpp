#include <testkit/run/stack_recorder.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include <testkit/core/black_box.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/stacktrace.hpp>

namespace testkit::detail {
namespace {

// How long the thread that took the SIGTERM waits for the others: well within the supervisor's grace period (1 s).
constexpr long answer_wait_ms = 250;

// Everything here runs in signal handlers: raw system calls only (the interposer's open, getpid or nanosleep could
// reach a fake the test installed), no allocation, plain stores into the box.
std::int64_t recorder_pid = 0;       // the process whose threads record; its children inherit the handlers
int thread_signal = 0;               // the real-time signal that asks a thread for its stack
std::atomic<unsigned> claimed{0};    // slots of the box's thread_stacks taken
std::atomic<unsigned> answered{0};   // threads that recorded after being asked
std::atomic<bool> recording{false};  // a SIGTERM is being handled

std::int64_t own_pid() noexcept { return ::syscall(SYS_getpid); }
std::int64_t own_tid() noexcept { return ::syscall(SYS_gettid); }

// Where the signal interrupted the thread, from the context the kernel saved; 0 when unknown here.
std::uintptr_t interrupted_at(const void* context) noexcept {
  const auto* saved = static_cast<const ucontext_t*>(context);
#if defined(__x86_64__)
  return static_cast<std::uintptr_t>(saved->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return static_cast<std::uintptr_t>(saved->uc_mcontext.pc);
#else
  (void)saved;
  return 0;
#endif
}

// Records the calling thread's stack; `context` is its handler's third argument.
void record_calling_thread(BlackBox& box, const void* context) noexcept {
  const unsigned slot = claimed.fetch_add(1, std::memory_order_relaxed);
  if (slot >= max_stopped_threads) return;
  ThreadStackSlot& stack = box.thread_stacks[slot];
  stack.tid = own_tid();
  const std::size_t frames = dump_frames(stack.frames, std::size(stack.frames));
  // The interrupted frame's address is the instruction itself, not a return address: the supervisor looks up the
  // byte before each address (the call), which for a loop at the start of a function is another function's.
  if (const std::uintptr_t pc = interrupted_at(context); pc != 0)
    for (std::size_t k = 0; k < frames; ++k)
      if (stack.frames[k] == pc) {
        stack.frames[k] = pc + 1;
        break;
      }
  std::atomic_ref(stack.frame_count).store(frames, std::memory_order_release);
}

// The number written in `name`, a directory entry of /proc/self/task; 0 when it is not a number.
std::int64_t tid_named(const char* name) noexcept {
  std::int64_t tid = 0;
  for (; *name >= '0' && *name <= '9'; ++name) tid = tid * 10 + (*name - '0');
  return *name == '\0' ? tid : 0;
}

// Signals every thread of the process but the calling one; returns how many threads the process has (the caller
// included), or 1 when they cannot be listed.
std::uint64_t ask_other_threads(std::int64_t self) noexcept {
  const int tasks =
      static_cast<int>(::syscall(SYS_openat, AT_FDCWD, "/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (tasks < 0) return 1;
  std::uint64_t threads = 0;
  alignas(8) char entries[4096];
  for (;;) {
    const long bytes = ::syscall(SYS_getdents64, tasks, entries, sizeof entries);
    if (bytes <= 0) break;
    for (long at = 0; at < bytes;) {
      const auto* entry = reinterpret_cast<const dirent64*>(entries + at);
      at += entry->d_reclen;
      const std::int64_t tid = tid_named(entry->d_name);
      if (tid == 0) continue;
      ++threads;
      if (tid != self) ::syscall(SYS_tgkill, own_pid(), tid, thread_signal);
    }
  }
  ::syscall(SYS_close, tasks);
  return threads > 0 ? threads : 1;
}

void pause_briefly() noexcept {
  const timespec millisecond{.tv_sec = 0, .tv_nsec = 1'000'000};
  ::syscall(SYS_nanosleep, &millisecond, nullptr);
}

void on_thread_signal(int, siginfo_t*, void* context) {
  const int saved = errno;
  if (BlackBox* box = process_role().black_box; box != nullptr && own_pid() == recorder_pid) {
    record_calling_thread(*box, context);
    answered.fetch_add(1, std::memory_order_release);
  }
  errno = saved;
}

void on_sigterm(int signal, siginfo_t*, void* context) {
  BlackBox* const box = process_role().black_box;
  if (box != nullptr && own_pid() == recorder_pid && !recording.exchange(true)) {
    record_calling_thread(*box, context);
    const std::uint64_t threads = ask_other_threads(own_tid());
    box->thread_count = threads;
    const std::uint64_t asked = threads - 1;
    for (long waited = 0; waited < answer_wait_ms && answered.load(std::memory_order_acquire) < asked; ++waited)
      pause_briefly();
  }
  // Dies of the SIGTERM once this handler returns (it is blocked until then), as without the handler.
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

}  // namespace

void install_stack_recorder() {
  BlackBox* const box = process_role().black_box;
  if (box == nullptr) return;
  recorder_pid = own_pid();
  box->main_thread_tid = own_tid();
  claimed.store(0);
  answered.store(0);
  recording.store(false);
  thread_signal = SIGRTMIN + 4;  // one glibc leaves to programs, not the first, which programs take most
  prepare_frame_dumps();         // done by the supervisor already, for the processes it forks

  struct sigaction action = {};
  sigemptyset(&action.sa_mask);
  action.sa_sigaction = on_thread_signal;
  action.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  sigaction(thread_signal, &action, nullptr);
  action.sa_sigaction = on_sigterm;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigaddset(&action.sa_mask, thread_signal);  // the thread that took SIGTERM records once
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace testkit::detail
