#pragma once
/// testkit::FakeNetwork: name lookups and connections of the calling test answered by rules, not the network.

#include <chrono>
#include <cstdint>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
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
/// the test's thread before starting the code under test. Whatever the order they were set in, down() wins
/// over every other rule, refuse() over route(), and route() over resolve() and the defaults; each rule can
/// be taken back (up, unrefuse, unroute, unresolve), e.g. to undo in a test what its fixture's set_up set.
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

  /// The network is down: every connect fails with ENETUNREACH and every lookup with EAI_AGAIN, routed,
  /// refused and resolve()d names and loopback included (unless allow_loopback(true) was called). Code that
  /// handles an outage expects this, so it is not a test failure.
  FakeNetwork& down();
  /// The network is back: the other rules apply again (undoes down()).
  FakeNetwork& up();
  /// A connect to `host` (a name or numeric address) on `port` fails with ECONNREFUSED, also when a route
  /// covers it; `host` resolves.
  FakeNetwork& refuse(std::string host, std::uint16_t port);
  /// Takes back refuse(`host`, `port`); nothing happens if there was none.
  FakeNetwork& unrefuse(std::string_view host, std::uint16_t port);
  /// Lookups of `host` answer `address` (numeric v4 or v6); call again to add more addresses.
  FakeNetwork& resolve(std::string host, std::string address);
  /// Takes back every resolve(`host`, ...); nothing happens if there was none.
  FakeNetwork& unresolve(std::string_view host);
  /// A connect to `host`:`port` reaches 127.0.0.1:`local_port` instead (a server the test runs), unless the
  /// network is down or the connect is refused; `host` resolves (to its resolve() address, else a reserved
  /// made-up one). Routing the same `host`:`port` again replaces the route.
  FakeNetwork& route(std::string host, std::uint16_t port, std::uint16_t local_port);
  /// Takes back route(`host`, `port`, ...); nothing happens if there was none. A connect to the address
  /// the name resolved to is then a connect to the real network (a test failure).
  FakeNetwork& unroute(std::string_view host, std::uint16_t port);
  /// Each connect the fake answers waits `delay` first, like a slow link (refused ones too).
  FakeNetwork& latency(std::chrono::milliseconds delay);
  /// Whether connections to loopback addresses go through (default: yes, unless down(); allow_loopback(true)
  /// keeps them working while the network is down).
  FakeNetwork& allow_loopback(bool allowed);

  /// What the fake stopped, oldest first: "connect 93.184.216.34:80" for a connect, "resolve example.com"
  /// for a lookup. Thread-safe.
  [[nodiscard]] std::vector<std::string> blocked() const;

 private:
  std::shared_ptr<detail::NetworkRules> rules_;
  std::shared_ptr<detail::PatchScope> scope_;
};

}  // namespace testkit
