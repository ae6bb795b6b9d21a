#pragma once
/// Naming exceptions and types for people.

#include <string>
#include <typeinfo>

namespace testkit::detail {

/// "std::runtime_error: boom" for the exception being handled, "unknown exception of type int" for
/// one not derived from std::exception. Call only inside a catch block.
[[nodiscard]] std::string describe_current_exception();

/// The demangled name of a type ("std::vector<int, std::allocator<int> >").
[[nodiscard]] std::string type_name(const std::type_info& type);

}  // namespace testkit::detail
