// The main of testkit-run, the runner that links no code under test (see run/trusted_runner.hpp).
#include <testkit/run/trusted_runner.hpp>

int main(int argc, char** argv) { return testkit::run_trusted(argc, argv); }
