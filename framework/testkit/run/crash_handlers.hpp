#pragma once
/// Recording how a forked test process died, from inside it.

#include <testkit/core/black_box.hpp>

namespace testkit::detail {

/// Installs, in a forked test process whose role has a black box, handlers that record a fatal signal
/// (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS) with the crashing thread's raw stack frames, and a
/// std::terminate handler that records the active exception, into that box; the process then dies of the same
/// signal. Handlers run on an alternate stack, so a stack overflow is recorded too.
void install_crash_handlers();

/// Looks up the main thread's stack bounds (for telling stack overflows) and loads the unwinder the handlers use
/// (prepare_frame_dumps), so that forked processes need not each. Call in the supervisor before forking; later calls
/// do nothing.
void prepare_crash_handlers();

}  // namespace testkit::detail
