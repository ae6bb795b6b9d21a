#pragma once
/// `./tests --sandbox` as safe as testkit-run: before any constructor of the program runs (its own, its libraries',
/// the code under test's), a run asking for the sandbox hands itself to testkit-run, which starts the program again,
/// confined, for each test. `./tests --valgrind` goes the same way: testkit-run starts the program under valgrind for
/// each test.

namespace testkit::detail {

/// Called from the test program's .preinit_array (testkit::main's main.cpp), when nothing is initialized but libc:
/// with --sandbox or --valgrind among `argv` (and not --testkit-worker: testkit-run started it), execs testkit-run
/// with this program and its arguments; otherwise returns. testkit-run is looked up beside libtestkit_interpose.so
/// (the build tree) and in ../bin from it (an installation). If it is missing, says so and exits 2 rather than run
/// unconfined (or without valgrind).
/// `envp` is the environment the program was started with (libc's `environ` may not be set up yet).
void hand_run_to_testkit_run(int argc, char** argv, char** envp) noexcept;

}  // namespace testkit::detail
