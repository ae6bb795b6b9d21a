#include <testkit/core/exception_text.hpp>

#include <cxxabi.h>

#include <exception>

#include <boost/core/demangle.hpp>

namespace testkit::detail {

std::string type_name(const std::type_info& type) { return boost::core::demangle(type.name()); }

std::string describe_current_exception() {
  try {
    throw;
  } catch (const std::exception& e) {
    return type_name(typeid(e)) + ": " + e.what();
  } catch (...) {
    const std::type_info* type = abi::__cxa_current_exception_type();
    return "unknown exception of type " + (type ? type_name(*type) : std::string("<unknown>"));
  }
}

}  // namespace testkit::detail
