// The main() of testkit::main: link it to get a test binary with the full command line.
#include <testkit/run/sandbox_handoff.hpp>
#include <testkit/run/session.hpp>

namespace {

// Before any constructor of the program: a run with --sandbox or --valgrind goes to testkit-run (see
// sandbox_handoff.hpp).
void hand_off_run(int argc, char** argv, char** envp) { testkit::detail::hand_run_to_testkit_run(argc, argv, envp); }
[[gnu::used, gnu::section(".preinit_array")]] void (*const preinit_entry)(int, char**, char**) = hand_off_run;

}  // namespace

int main(int argc, char** argv) { return testkit::run_main(argc, argv); }
