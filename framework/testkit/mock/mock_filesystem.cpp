#include <testkit/mock/mock_filesystem.hpp>

#include <string>
#include <type_traits>

#include <testkit/mock/detail/mock_methods.hpp>

namespace testkit {

MockFilesystem::MockFilesystem() : scope_(detail::patch_scope_for_this_thread()) {
  const std::string label = "MockFilesystem";
  TK_INTERPOSED_PATH_FUNCTIONS(TK_MOCK_ROUTE)
}

// Routes end before GoogleMock verifies the expectations (in the members' destructors, after this body).
MockFilesystem::~MockFilesystem() { scope_->remove(this); }

}  // namespace testkit
