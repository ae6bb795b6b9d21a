#pragma once
/// The exit codes of a test binary (README, "Running tests").

namespace testkit::exit_code {

inline constexpr int success = 0;         ///< every selected test passed (skips and expected failures allowed)
inline constexpr int tests_failed = 1;    ///< a test failed
inline constexpr int usage_error = 2;     ///< bad command line or configuration; nothing ran
inline constexpr int internal_error = 3;  ///< a bug in testkit
inline constexpr int no_tests = 5;        ///< the filters selected no test
inline constexpr int interrupted = 130;   ///< stopped by Ctrl-C (SIGINT); what finished is reported

}  // namespace testkit::exit_code
