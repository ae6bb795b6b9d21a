#pragma once
/// Recording where every thread of a forked test process is when the supervisor stops it.

namespace testkit::detail {

/// Installs, in a forked test process (or class host) whose role has a black box, a SIGTERM handler that records the
/// stack of each thread of the process (at most max_stopped_threads) into the box's thread_stacks, then lets the
/// process die of the SIGTERM. The thread that takes the SIGTERM records its own stack and signals every other thread
/// (a real-time signal), whose handler records its stack; it waits for them a short moment (much less than the
/// supervisor's grace period). Call on the thread that runs the test: it is the box's main thread. Processes the test
/// forks inherit the handler, but only this process records. A test that ignores, blocks or replaces SIGTERM is
/// killed at the end of the grace period all the same, without stacks.
void install_stack_recorder();

}  // namespace testkit::detail
