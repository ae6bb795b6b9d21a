#pragma once
/// The whole life of a test binary: options, plan, run, exit code.

namespace testkit {

/// Runs the registered tests as the command line says and returns the process exit code (see exit_code).
/// Example: int main(int argc, char** argv) { return testkit::run_main(argc, argv); }
[[nodiscard]] int run_main(int argc, const char* const* argv);

}  // namespace testkit
