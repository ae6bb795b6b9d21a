#include <testkit/run/crash_handlers.hpp>

#include <pthread.h>
#include <signal.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iterator>

#include <testkit/core/exception_text.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/stacktrace.hpp>

namespace testkit::detail {
namespace {

constexpr int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
constexpr std::uintptr_t guard_span = 1u << 20;  // faults this close below the stack are overflows

std::uintptr_t stack_low = 0;  // lowest address of the test thread's stack

void on_fatal_signal(int signal, siginfo_t* info, void*) {
  // Only async-signal-safe work here: plain stores and an unwinder that does not allocate.
  if (BlackBox* box = process_role().black_box; box != nullptr && box->fatal_signal == 0) {
    box->fatal_signal = signal;
    const auto fault = reinterpret_cast<std::uintptr_t>(info->si_addr);
    box->stack_overflow =
        signal == SIGSEGV && stack_low != 0 && fault < stack_low + 65536 && fault + guard_span > stack_low ? 1 : 0;
    box->frame_count = dump_frames(box->frames, std::size(box->frames));
  }
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

[[noreturn]] void on_terminate() {
  if (BlackBox* box = process_role().black_box) {
    std::string reason = "std::terminate called";
    if (std::current_exception())
      reason += " after throwing " + describe_current_exception();
    else
      reason += " without an active exception";
    std::snprintf(box->terminate_reason, sizeof box->terminate_reason, "%s", reason.c_str());
  }
  std::abort();
}

void remember_stack_bounds() {
  pthread_attr_t attributes;
  if (pthread_getattr_np(pthread_self(), &attributes) != 0) return;
  void* address = nullptr;
  std::size_t size = 0;
  if (pthread_attr_getstack(&attributes, &address, &size) == 0) stack_low = reinterpret_cast<std::uintptr_t>(address);
  pthread_attr_destroy(&attributes);
}

}  // namespace

void prepare_crash_handlers() {
  if (stack_low == 0) remember_stack_bounds();
  prepare_frame_dumps();
}

void install_crash_handlers() {
  prepare_crash_handlers();
  static char alternate_stack[64 * 1024];
  const stack_t stack{.ss_sp = alternate_stack, .ss_flags = 0, .ss_size = sizeof alternate_stack};
  sigaltstack(&stack, nullptr);
  struct sigaction action = {};
  action.sa_sigaction = on_fatal_signal;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (int signal : fatal_signals) sigaction(signal, &action, nullptr);
  std::set_terminate(on_terminate);
}

}  // namespace testkit::detail
