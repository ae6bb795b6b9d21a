#include <testkit/program/detail/program_failure.hpp>

#include <cstring>
#include <string>
#include <system_error>

#include <testkit/assert/handler.hpp>
#include <testkit/core/context.hpp>

namespace testkit::detail {

void program_failed(const char* function, const std::source_location& where, std::string_view what, int error) {
  std::string details(what);
  if (error != 0) details += std::string(": ") + std::strerror(error);
  if (current_context() == nullptr) throw std::system_error(error, std::generic_category(), details);
  assertion_failed({function, "", where, /*fatal=*/true}, 0, std::move(details), {});
  throw FatalFailure{};  // not reached: a fatal assertion throws
}

}  // namespace testkit::detail
