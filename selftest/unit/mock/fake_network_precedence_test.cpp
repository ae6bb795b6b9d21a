// FakeNetwork's precedence, with a route set in a fixture's set_up as course suites set it: down() and
// refuse() later in the test win over the route (whatever order the rules came in), and up(), unrefuse(),
// unroute() and unresolve() take rules back. Real sockets on loopback.
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"
#include "unit/mock/loopback_sockets.hpp"

namespace {

using testkit::FakeNetwork;
using testkit::selftest::connect_to;
using testkit::selftest::Connected;
using testkit::selftest::failure_text;
using testkit::selftest::Listener;
using testkit::selftest::look_up;
using testkit::selftest::Lookup;
using testkit::selftest::run_inner;

/// Whether a connection reached `listener` (it waits in the backlog); accepts and closes it if so.
bool reached(const Listener& listener) {
  pollfd ready{listener.fd, POLLIN, 0};
  if (::poll(&ready, 1, 0) != 1) return false;
  ::close(::accept(listener.fd, nullptr, nullptr));
  return true;
}

/// example.com:80 reaches a loopback site through a route set in set_up, as in samples/downloader.
class RoutedSite : public testkit::TestCase {
 protected:
  void set_up() override {
    net_.route("example.com", 80, site_.port);
    const Lookup lookup = look_up("example.com");
    TK_ASSERT_EQ(lookup.result, 0);
    address_ = lookup.addresses.at(0);
  }

  Listener site_;
  FakeNetwork net_;
  std::string address_;  ///< what example.com resolved to in set_up
};

TK_TEST_F(RoutedSite, down_in_the_test_wins_over_the_route_of_set_up) {
  net_.down();
  const Connected client = connect_to(address_, 80);
  TK_EXPECT_EQ(client.result, -1);
  TK_EXPECT_EQ(client.error, ENETUNREACH);
  TK_EXPECT(!reached(site_), "the route let a connection through while the network was down");
  TK_EXPECT_EQ(look_up("example.com").result, EAI_AGAIN, "a network that is down has no DNS, routed names included");
  net_.up();
  TK_EXPECT_EQ(connect_to(address_, 80).result, 0, "up() brings the route back");
  TK_EXPECT(reached(site_));
}

TK_TEST_F(RoutedSite, refuse_in_the_test_wins_over_the_route_of_set_up) {
  net_.refuse("example.com", 80);
  TK_EXPECT_EQ(connect_to(address_, 80).error, ECONNREFUSED);
  TK_EXPECT(!reached(site_), "the route let a refused connection through");
  TK_EXPECT_EQ(look_up("example.com").addresses, std::vector<std::string>{address_}, "a refused name still resolves");
  net_.unrefuse("example.com", 80);
  TK_EXPECT_EQ(connect_to(address_, 80).result, 0, "unrefuse() brings the route back");
  TK_EXPECT(reached(site_));
}

TK_TEST_F(RoutedSite, a_second_route_for_the_same_port_replaces_the_first) {
  Listener other;
  net_.route("example.com", 80, other.port);
  TK_EXPECT_EQ(connect_to(address_, 80).result, 0);
  TK_EXPECT(reached(other));
  TK_EXPECT(!reached(site_));
}

TK_TEST(FakeNetworkRules, the_order_the_rules_are_set_in_does_not_matter) {
  Listener site;
  FakeNetwork net;
  net.down().route("example.com", 80, site.port).refuse("example.org", 80).route("example.org", 80, site.port);
  TK_EXPECT_EQ(look_up("example.com").result, EAI_AGAIN);
  net.up();
  const Lookup com = look_up("example.com");
  const Lookup org = look_up("example.org");
  TK_ASSERT_EQ(com.addresses.size(), 1u);
  TK_ASSERT_EQ(org.addresses.size(), 1u);
  net.down();
  TK_EXPECT_EQ(connect_to(com.addresses[0], 80).error, ENETUNREACH, "down() set before the route");
  TK_EXPECT_EQ(connect_to(org.addresses[0], 80).error, ENETUNREACH, "down() wins over a refusal too");
  net.up();
  TK_EXPECT_EQ(connect_to(org.addresses[0], 80).error, ECONNREFUSED, "refuse() set before the route");
  TK_EXPECT_EQ(connect_to(com.addresses[0], 80).result, 0);
  TK_EXPECT(reached(site));
}

TK_TEST(FakeNetworkRules, loopback_allowed_explicitly_stays_up_while_routes_go_down) {
  Listener local;
  FakeNetwork net;
  net.route("example.com", 80, local.port);
  const std::string routed = look_up("example.com").addresses.at(0);
  net.down().allow_loopback(true);
  TK_EXPECT_EQ(connect_to("127.0.0.1", local.port).result, 0);
  TK_EXPECT(reached(local));
  TK_EXPECT_EQ(connect_to(routed, 80).error, ENETUNREACH);
  TK_EXPECT(!reached(local));
}

TK_TEST(FakeNetworkRules, unroute_takes_a_route_back) {
  Listener site;
  std::string address;
  const auto result = run_inner([&] {
    FakeNetwork net;
    net.route("example.com", 80, site.port);
    address = look_up("example.com").addresses.at(0);
    net.unroute("Example.COM.", 80);  // names compare as rules compare them: case and a trailing dot aside
    TK_EXPECT_EQ(look_up("example.com").result, EAI_NONAME, "no rule names example.com any more");
    TK_EXPECT_EQ(connect_to(address, 80).error, ENETUNREACH);
  });
  TK_EXPECT(!reached(site));
  TK_ASSERT_EQ(result.failures.size(), 1u, "{}", failure_text(result));
  TK_EXPECT_CONTAINS(result.failures[0].headline,
                     "the test tried to reach the real network: connect to " + address + ":80 (example.com)");
}

TK_TEST(FakeNetworkRules, unresolve_takes_the_addresses_back) {
  FakeNetwork net;
  net.resolve("db.example", "10.1.2.3").resolve("db.example", "10.1.2.4").resolve("cache.example", "10.1.2.5");
  net.unresolve("db.example");
  TK_EXPECT_EQ(look_up("db.example").result, EAI_NONAME);
  TK_EXPECT_EQ(look_up("cache.example").addresses, std::vector<std::string>{"10.1.2.5"}, "other names keep theirs");
  net.unresolve("never.example");  // nothing to take back: no effect
  net.unroute("never.example", 80).unrefuse("never.example", 80);
  TK_EXPECT_EQ(look_up("cache.example").addresses, std::vector<std::string>{"10.1.2.5"});
}

}  // namespace
