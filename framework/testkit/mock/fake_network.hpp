#pragma once
/// testkit::FakeNetwork: name lookups and connections of the calling test answered by rules, not the network.

#include <chrono>
#include <cstdint>
#include <memory>
#include <source_location>
#include <string>
#include <vector>

#include <testkit/interpose/dispatch.hpp>

namespace testkit {

namespace detail {
class NetworkRules;
}

/// While it exists, getaddrinfo and connect of the constructing test (and the threads it starts, such as
/// libcurl's resolver) follow its rules. Real outbound connections are blocked: a connect to a non-loopback
/// address no rule covers fails with ENETUNREACH and fails the test; a lookup of a name no rule knows fails
/// with EAI_NONAME without asking DNS ("localhost" and numeric addresses resolve as usual). Configure it from
/// the test's thread before starting the code under test.
/// Example:
///   testkit::FakeNetwork net;
///   net.route("example.com", 80, server_port);          // http://example.com/ reaches the in-test server
///   TK_EXPECT_EQ(fetch("http://example.com/a.txt"), "hello");
class FakeNetwork {
 public:
  /// Installs the fake; until configured, only loopback connections and local names work.
  explicit FakeNetwork(std::source_location where = std::source_location::current());
  ~FakeNetwork();
  FakeNetwork(const FakeNetwork&) = delete;
  FakeNetwork& operator=(const FakeNetwork&) = delete;

  /// The network is down: connect fails with ENETUNREACH and lookups with EAI_AGAIN, loopback included,
  /// except for routes. Code that handles an outage expects this, so it is not a test failure.
  FakeNetwork& down();
  /// A connect to `host` (a name or numeric address) on `port` fails with ECONNREFUSED; `host` resolves.
  FakeNetwork& refuse(std::string host, std::uint16_t port);
  /// Lookups of `host` answer `address` (numeric v4 or v6); call again to add more addresses.
  FakeNetwork& resolve(std::string host, std::string address);
  /// A connect to `host`:`port` reaches 127.0.0.1:`local_port` instead (a server the test runs); `host`
  /// resolves (to its resolve() address, else a reserved made-up one), also while the network is down.
  FakeNetwork& route(std::string host, std::uint16_t port, std::uint16_t local_port);
  /// Each connect the fake answers waits `delay` first, like a slow link (refused ones too).
  FakeNetwork& latency(std::chrono::milliseconds delay);
  /// Whether connections to loopback addresses go through (default: yes, unless down()).
  FakeNetwork& allow_loopback(bool allowed);

  /// What the fake stopped, oldest first: "connect 93.184.216.34:80" for a connect, "resolve example.com"
  /// for a lookup. Thread-safe.
  [[nodiscard]] std::vector<std::string> blocked() const;

 private:
  std::shared_ptr<detail::NetworkRules> rules_;
  std::shared_ptr<detail::PatchScope> scope_;
};

}  // namespace testkit
