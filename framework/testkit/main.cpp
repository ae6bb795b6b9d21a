// The main() of testkit::main: link it to get a test binary with the full command line.
#include <testkit/run/session.hpp>

int main(int argc, char** argv) { return testkit::run_main(argc, argv); }
