// FakeNetwork seen through libcurl: its threaded resolver and non-blocking connects follow the fake's rules,
// so a download can be sent to an in-test server, into an outage, a refusal or a timeout.
#include <curl/curl.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"
#include "support/sanitizers.hpp"
#include "unit/mock/loopback_http.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::FakeNetwork;
using testkit::selftest::failure_text;
using testkit::selftest::LoopbackHttp;
using testkit::selftest::run_inner;

struct Fetched {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
};

std::size_t append(char* data, std::size_t size, std::size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

/// Downloads `url` with libcurl as application code would (proxies from the environment are ignored).
Fetched fetch(const std::string& url, std::chrono::milliseconds timeout = 5s) {
  static std::once_flag ready;
  std::call_once(ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Fetched fetched;
  CURL* const curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROXY, "");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &fetched.body);
  fetched.code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &fetched.status);
  curl_easy_cleanup(curl);
  return fetched;
}

/// A server answering GET /a.txt with "alpha" and the Host header it was sent.
LoopbackHttp alpha_server() {
  return LoopbackHttp{[](httplib::Server& server) {
    server.Get("/a.txt", [](const httplib::Request& request, httplib::Response& response) {
      response.set_content("alpha for " + request.get_header_value("Host"), "text/plain");
    });
  }};
}

TK_TEST(FakeNetworkCurl, network_down_fails_the_lookup_or_the_connect) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const auto result = run_inner([] {
    FakeNetwork net;
    net.down();
    TK_EXPECT_EQ(fetch("http://example.com/a.txt").code, CURLE_COULDNT_RESOLVE_HOST);
    TK_EXPECT_EQ(fetch("http://93.184.216.34/a.txt").code, CURLE_COULDNT_CONNECT);
    TK_EXPECT_EQ(net.blocked(), (std::vector<std::string>{"resolve example.com", "connect 93.184.216.34:80"}));
  });
  TK_EXPECT(result.failures.empty(), "{}", failure_text(result));
}

TK_TEST(FakeNetworkCurl, a_route_reaches_the_loopback_server_under_the_real_name) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const LoopbackHttp server = alpha_server();
  FakeNetwork net;
  net.route("example.com", 80, server.port());
  const Fetched fetched = fetch("http://example.com/a.txt");
  TK_EXPECT_EQ(fetched.code, CURLE_OK);
  TK_EXPECT_EQ(fetched.status, 200);
  TK_EXPECT_EQ(fetched.body, "alpha for example.com");
}

TK_TEST(FakeNetworkCurl, a_route_works_from_threads_the_test_starts) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const LoopbackHttp server = alpha_server();
  FakeNetwork net;
  net.route("example.com", 80, server.port()).route("example.org", 80, server.port());
  std::vector<Fetched> fetched(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < fetched.size(); ++i)
    threads.emplace_back(
        [&fetched, i] { fetched[i] = fetch(i % 2 == 0 ? "http://example.com/a.txt" : "http://example.org/a.txt"); });
  for (std::thread& thread : threads) thread.join();
  for (std::size_t i = 0; i < fetched.size(); ++i)
    TK_EXPECT_EQ(fetched[i].body, i % 2 == 0 ? "alpha for example.com" : "alpha for example.org");
}

TK_TEST(FakeNetworkCurl, a_refused_connection_is_couldnt_connect) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  FakeNetwork net;
  net.refuse("example.com", 80);
  TK_EXPECT_EQ(fetch("http://example.com/a.txt").code, CURLE_COULDNT_CONNECT);
}

TK_TEST(FakeNetworkCurl, a_slow_server_times_out) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const LoopbackHttp server{[](httplib::Server& s) {
    s.Get("/slow", [](const httplib::Request&, httplib::Response& response) {
      std::this_thread::sleep_for(600ms);
      response.set_content("late", "text/plain");
    });
  }};
  FakeNetwork net;
  net.route("example.com", 80, server.port());
  const Fetched fetched = fetch("http://example.com/slow", 150ms);
  TK_EXPECT_EQ(fetched.code, CURLE_OPERATION_TIMEDOUT);
  TK_EXPECT_EQ(fetched.body, "");
}

TK_TEST(FakeNetworkCurl, latency_makes_a_short_timeout_expire) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const LoopbackHttp server = alpha_server();
  FakeNetwork net;
  net.route("example.com", 80, server.port()).latency(500ms);
  TK_EXPECT_EQ(fetch("http://example.com/a.txt", 150ms).code, CURLE_OPERATION_TIMEDOUT);
  TK_EXPECT_EQ(fetch("http://example.com/a.txt", 5s).body, "alpha for example.com");
}

TK_TEST(FakeNetworkCurl, an_unknown_name_is_not_looked_up) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const auto result = run_inner([] {
    FakeNetwork net;
    TK_EXPECT_EQ(fetch("http://example.com/a.txt").code, CURLE_COULDNT_RESOLVE_HOST);
    TK_EXPECT_EQ(net.blocked(), std::vector<std::string>{"resolve example.com"});
  });
  TK_EXPECT(result.failures.empty(), "{}", failure_text(result));
}

TK_TEST(FakeNetworkCurl, reaching_a_real_address_fails_the_test) {
  const auto result = run_inner([] {
    FakeNetwork net;
    TK_EXPECT_EQ(fetch("http://93.184.216.34/a.txt").code, CURLE_COULDNT_CONNECT);
  });
  TK_ASSERT_EQ(result.failures.size(), 1u, "{}", failure_text(result));
  TK_EXPECT_CONTAINS(result.failures[0].headline,
                     "FakeNetwork: the test tried to reach the real network: connect to 93.184.216.34:80");
}

}  // namespace
