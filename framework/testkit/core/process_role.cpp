#include <testkit/core/process_role.hpp>

namespace testkit::detail {

void assume_process_role(const ProcessRole& role) noexcept { role_storage::current = role; }

}  // namespace testkit::detail
