#include <testkit/assert/instance.hpp>

#include <fmt/format.h>

#include <testkit/core/exception_text.hpp>

namespace testkit::detail {

std::string describe_instance_mismatch(const std::type_info* dynamic_type, const std::type_info& expected) {
  return fmt::format("dynamic type: {}\nexpected:     {} or a class derived from it",
                     dynamic_type != nullptr ? type_name(*dynamic_type) : "null pointer", type_name(expected));
}

}  // namespace testkit::detail
