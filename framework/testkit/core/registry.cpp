#include <testkit/core/registry.hpp>

namespace testkit {

Registry& Registry::instance() {
  // A function-local static is ready whenever the first test registers, whatever the TU init order.
  static Registry registry;
  return registry;
}

const TestInfo& Registry::add(TestInfo test) { return tests_.emplace_back(std::move(test)); }

}  // namespace testkit
