#pragma once
/// The failure of a test whose program could not be started.

#include <source_location>
#include <string_view>

namespace testkit::detail {

/// Ends the running test with a fatal failure at `where`, headed by `function` ("testkit::run_program"), saying
/// `what` failed and why (`error`, an errno value; 0: no reason). Outside a test, throws std::system_error instead.
[[noreturn]] void program_failed(const char* function, const std::source_location& where, std::string_view what,
                                 int error);

}  // namespace testkit::detail
