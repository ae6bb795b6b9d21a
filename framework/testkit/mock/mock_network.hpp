#pragma once
/// testkit::MockNetwork: GoogleMock expectations on socket and name-resolution calls.

#include <memory>

#include <gmock/gmock.h>

#include <testkit/interpose/dispatch.hpp>
#include <testkit/mock/targets.hpp>

namespace testkit {

/// While it exists, the constructing test's calls to socket, connect, getaddrinfo, freeaddrinfo, send,
/// sendto, recv, recvfrom and poll are calls of its methods (also from threads the test starts). A call
/// without a matching expectation goes to the real function.
/// Example:
///   testkit::MockNetwork net;
///   EXPECT_CALL(net, getaddrinfo(testing::StrEq("example.org"), _, _, _)).WillOnce(testing::Return(EAI_AGAIN));
class MockNetwork {
 public:
  MockNetwork();
  ~MockNetwork();
  MockNetwork(const MockNetwork&) = delete;
  MockNetwork& operator=(const MockNetwork&) = delete;

  TK_INTERPOSED_NETWORK_FUNCTIONS(TK_MOCK_DECLARE)

 private:
  std::shared_ptr<detail::PatchScope> scope_;
};

}  // namespace testkit
