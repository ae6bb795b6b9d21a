// FakeNetwork seen through raw sockets and getaddrinfo: outages, refusals, fake DNS, routes to loopback
// servers, latency, blocked real connections as test failures, and fakes that stay with their test.
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"
#include "support/sanitizers.hpp"
#include "unit/mock/loopback_sockets.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::FakeNetwork;
using testkit::selftest::connect_to;
using testkit::selftest::Connected;
using testkit::selftest::failure_text;
using testkit::selftest::Listener;
using testkit::selftest::look_up;
using testkit::selftest::Lookup;
using testkit::selftest::run_inner;

TK_TEST(FakeNetwork, down_fails_connects_and_lookups_loopback_included) {
  Listener listener;
  const auto result = run_inner([&] {
    FakeNetwork net;
    net.down();
    const Connected outside = connect_to("93.184.216.34", 80);
    TK_EXPECT_EQ(outside.result, -1);
    TK_EXPECT_EQ(outside.error, ENETUNREACH);
    const Connected local = connect_to("127.0.0.1", listener.port);
    TK_EXPECT_EQ(local.error, ENETUNREACH);
    TK_EXPECT_EQ(look_up("example.com").result, EAI_AGAIN);
    TK_EXPECT_EQ(look_up("localhost").result, EAI_AGAIN);
    TK_EXPECT_EQ(net.blocked(), (std::vector<std::string>{"connect 93.184.216.34:80",
                                                          "connect 127.0.0.1:" + std::to_string(listener.port),
                                                          "resolve example.com", "resolve localhost"}));
  });
  TK_EXPECT(result.failures.empty(), "an outage the test asked for is no failure: {}", failure_text(result));
}

TK_TEST(FakeNetwork, refuse_answers_econnrefused_for_that_host_and_port_only) {
  FakeNetwork net;
  net.resolve("db.example", "10.1.2.3").refuse("db.example", 5432).refuse("10.9.9.9", 22);
  TK_EXPECT_EQ(connect_to("10.1.2.3", 5432).error, ECONNREFUSED);
  TK_EXPECT_EQ(connect_to("10.9.9.9", 22).error, ECONNREFUSED);
  // A refused name without resolve() still resolves, to an address that is refused the same way.
  net.refuse("cache.example", 6379);
  const Lookup cache = look_up("cache.example");
  TK_ASSERT_EQ(cache.result, 0);
  TK_ASSERT_EQ(cache.addresses.size(), 1u);
  TK_EXPECT_EQ(connect_to(cache.addresses[0], 6379).error, ECONNREFUSED);
  TK_EXPECT(net.blocked().empty(), "{}", net.blocked().size());
}

TK_TEST(FakeNetwork, resolve_answers_v4_and_v6_addresses_without_dns) {
  FakeNetwork net;
  net.resolve("example.com", "93.184.216.34").resolve("example.com", "2606:2800:220:1::1");
  net.resolve("Only-V6.Example.", "2001:db8::7");
  TK_EXPECT_EQ(look_up("example.com").addresses, (std::vector<std::string>{"93.184.216.34", "2606:2800:220:1::1"}));
  TK_EXPECT_EQ(look_up("example.com", AF_INET).addresses, std::vector<std::string>{"93.184.216.34"});
  TK_EXPECT_EQ(look_up("example.com", AF_INET6).addresses, std::vector<std::string>{"2606:2800:220:1::1"});
  TK_EXPECT_EQ(look_up("only-v6.example", AF_UNSPEC, AI_CANONNAME).canonical, "only-v6.example");
  TK_EXPECT_EQ(look_up("only-v6.example").addresses, std::vector<std::string>{"2001:db8::7"});
  TK_EXPECT_EQ(look_up("localhost", AF_INET).addresses, std::vector<std::string>{"127.0.0.1"});
  TK_EXPECT_EQ(look_up("192.0.2.1").addresses, std::vector<std::string>{"192.0.2.1"}, "numeric: no lookup");
  TK_EXPECT_EQ(look_up("unknown.example").result, EAI_NONAME);
  TK_EXPECT_EQ(net.blocked(), std::vector<std::string>{"resolve unknown.example"});
}

TK_TEST(FakeNetwork, route_sends_a_connection_to_the_loopback_server) {
  Listener server;
  FakeNetwork net;
  net.route("example.com", 80, server.port);
  const Lookup lookup = look_up("example.com");
  TK_ASSERT_EQ(lookup.result, 0);
  TK_ASSERT_EQ(lookup.addresses.size(), 1u);
  const Connected client = connect_to(lookup.addresses[0], 80);
  TK_ASSERT_EQ(client.result, 0, "errno {}", client.error);
  const int accepted = ::accept(server.fd, nullptr, nullptr);
  TK_ASSERT_GE(accepted, 0);
  TK_EXPECT_EQ(::send(accepted, "hello", 5, 0), 5);
  char buffer[8] = {};
  TK_EXPECT_EQ(::recv(client.fd, buffer, sizeof buffer, 0), 5);
  TK_EXPECT_EQ(std::string(buffer), "hello");
  ::close(accepted);
  // The same host on another port is not routed: that would be the real network.
  const auto result = run_inner([&] {
    FakeNetwork inner;
    inner.route("example.com", 80, server.port);
    TK_EXPECT_EQ(connect_to(look_up("example.com").addresses.at(0), 443).error, ENETUNREACH);
  });
  TK_EXPECT_CONTAINS(failure_text(result), "connect to 198.18.0.1:443 (example.com)");
}

TK_TEST(FakeNetwork, routes_work_through_resolved_addresses) {
  Listener web;
  Listener api;
  FakeNetwork net;
  net.route("example.com", 80, web.port).resolve("api.example", "2001:db8::5").route("api.example", 443, api.port);
  TK_EXPECT_EQ(connect_to(look_up("example.com").addresses.at(0), 80).result, 0);
  TK_EXPECT_EQ(connect_to("2001:db8::5", 443).result, 0, "a v6 socket reaches the v4 server");
  const int from_web = ::accept(web.fd, nullptr, nullptr);
  const int from_api = ::accept(api.fd, nullptr, nullptr);
  TK_EXPECT_GE(from_web, 0);
  TK_EXPECT_GE(from_api, 0);
  ::close(from_web);
  ::close(from_api);
}

TK_TEST(FakeNetwork, latency_delays_each_connect) {
  Listener server;
  FakeNetwork net;
  net.latency(120ms).route("slow.example", 80, server.port);
  const std::string address = look_up("slow.example").addresses.at(0);
  const auto start = std::chrono::steady_clock::now();
  const Connected client = connect_to(address, 80);
  const auto took = std::chrono::steady_clock::now() - start;
  TK_EXPECT_EQ(client.result, 0);
  TK_EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(took).count(), 120);
}

TK_TEST(FakeNetwork, loopback_goes_through_unless_disallowed) {
  Listener server;
  FakeNetwork net;
  TK_EXPECT_EQ(connect_to("127.0.0.1", server.port).result, 0);
  TK_EXPECT_EQ(connect_to("::ffff:127.0.0.1", server.port).result, 0);
  net.allow_loopback(false);
  TK_EXPECT_EQ(connect_to("127.0.0.1", server.port).error, ENETUNREACH);
  TK_EXPECT_EQ(net.blocked().size(), 1u);
}

TK_TEST(FakeNetwork, reaching_the_real_network_fails_the_test_with_a_clear_message) {
  std::vector<std::string> blocked;
  int error = 0;
  const auto result = run_inner([&] {
    FakeNetwork net;
    net.resolve("example.com", "93.184.216.34");
    error = connect_to(look_up("example.com").addresses.at(0), 443).error;
    blocked = net.blocked();
  });
  TK_EXPECT_EQ(error, ENETUNREACH);
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline,
               "FakeNetwork: the test tried to reach the real network: connect to 93.184.216.34:443 (example.com); "
               "add a route() or resolve()");
  TK_EXPECT_CONTAINS(result.failures[0].where.file, "fake_network_test.cpp");
  TK_EXPECT_EQ(blocked, std::vector<std::string>{"connect 93.184.216.34:443"});
}

TK_TEST(FakeNetwork, a_thread_the_test_starts_is_faked_and_reports_into_the_test) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const auto result = run_inner([] {
    FakeNetwork net;
    net.resolve("example.com", "93.184.216.34");
    std::thread([] {
      TK_EXPECT_EQ(look_up("example.com").addresses, std::vector<std::string>{"93.184.216.34"});
      TK_EXPECT_EQ(connect_to("93.184.216.34", 80).error, ENETUNREACH);
    }).join();
  });
  TK_EXPECT_EQ(result.failures.size(), 1u, "{}", failure_text(result));
  TK_EXPECT_CONTAINS(failure_text(result), "connect to 93.184.216.34:80 (example.com)");
}

TK_TEST(FakeNetwork, concurrent_tests_never_see_each_others_fakes) {
  Listener server;
  const auto body = [&server](int which) {
    return [&server, which] {
      FakeNetwork net;
      const std::string mine = which == 0 ? "10.0.0.1" : "10.0.0.2";
      net.resolve("service.example", mine);
      if (which == 1) net.allow_loopback(false);
      Listener own;
      for (int round = 0; round < 200; ++round) {
        TK_ASSERT_EQ(look_up("service.example").addresses, std::vector<std::string>{mine});
        TK_ASSERT_EQ(connect_to("127.0.0.1", own.port).result, which == 0 ? 0 : -1);
        if (which == 0) ::close(::accept(own.fd, nullptr, nullptr));  // keep the backlog from filling
      }
    };
  };
  testkit::TestResult results[2];
  std::thread first([&] { results[0] = run_inner(body(0), "first"); });
  std::thread second([&] { results[1] = run_inner(body(1), "second"); });
  first.join();
  second.join();
  TK_EXPECT(results[0].failures.empty(), "{}", failure_text(results[0]));
  TK_EXPECT(results[1].failures.empty(), "{}", failure_text(results[1]));
  TK_EXPECT_EQ(connect_to("127.0.0.1", server.port).result, 0, "the fakes ended with their tests");
}

TK_TEST(FakeNetwork, ends_with_its_scope) {
  Listener server;
  {
    FakeNetwork net;
    net.down();
    TK_EXPECT_EQ(connect_to("127.0.0.1", server.port).error, ENETUNREACH);
  }
  TK_EXPECT_EQ(connect_to("127.0.0.1", server.port).result, 0);
}

}  // namespace
