#include <testkit/mock/mock_network.hpp>

#include <string>
#include <type_traits>

#include <testkit/mock/detail/mock_methods.hpp>

namespace testkit {

MockNetwork::MockNetwork() : scope_(detail::patch_scope_for_this_thread()) {
  const std::string label = "MockNetwork";
  TK_INTERPOSED_NETWORK_FUNCTIONS(TK_MOCK_ROUTE)
}

// Routes end before GoogleMock verifies the expectations (in the members' destructors, after this body).
MockNetwork::~MockNetwork() { scope_->remove(this); }

}  // namespace testkit
