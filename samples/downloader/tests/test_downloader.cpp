// The instructor's tests of the downloader. The student's code fetches real-looking URLs
// (http://example.com/a.txt) with libcurl from a pool of threads; testkit::FakeNetwork sends those
// connections to HTTP servers the test runs on 127.0.0.1, and plays an outage, a refused connection and a
// slow link, while no test can reach the real network.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "../student/downloader.hpp"

namespace {

using namespace std::chrono_literals;
using downloader::download_all;

/// A web site on 127.0.0.1: each path answers its text; "/slow" answers after `slow_delay`. It counts the
/// requests being served at once, to see the student's workers in parallel.
class Site {
 public:
  explicit Site(std::map<std::string, std::string> pages, std::chrono::milliseconds slow_delay = 0ms)
      : pages_(std::move(pages)), slow_delay_(slow_delay) {
    server_.Get(".*",
                [this](const httplib::Request& request, httplib::Response& response) { serve(request, response); });
    port_ = static_cast<std::uint16_t>(server_.bind_to_any_port("127.0.0.1"));
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Site() {
    while (!server_.is_running()) std::this_thread::sleep_for(1ms);  // a stop() before listening is lost
    server_.stop();
    thread_.join();
  }
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  /// The most requests served at the same time so far.
  [[nodiscard]] int most_at_once() const {
    const std::lock_guard lock(mutex_);
    return most_at_once_;
  }
  /// Holds each request until `count` have been in progress together (or two seconds passed).
  void gather(int count) {
    const std::lock_guard lock(mutex_);
    gather_ = count;
  }

 private:
  void serve(const httplib::Request& request, httplib::Response& response) {
    {
      std::unique_lock lock(mutex_);
      most_at_once_ = std::max(most_at_once_, ++at_once_);
      changed_.notify_all();
      // most_at_once_, not at_once_: a request that was let go may already have ended when the others wake.
      changed_.wait_for(lock, 2s, [this] { return most_at_once_ >= gather_; });
    }
    if (request.path == "/slow") std::this_thread::sleep_for(slow_delay_);
    const auto page = pages_.find(request.path);
    if (page == pages_.end()) {
      response.status = 404;
    } else {
      response.set_content(page->second, "text/plain");
    }
    const std::lock_guard lock(mutex_);
    --at_once_;
  }

  std::map<std::string, std::string> pages_;
  std::chrono::milliseconds slow_delay_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int at_once_ = 0;
  int most_at_once_ = 0;
  int gather_ = 0;
  httplib::Server server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

/// Two sites the URLs name, each reached through a route, fresh for every test.
class DownloaderTest : public testkit::TestCase {
 protected:
  void set_up() override { net_.route("example.com", 80, com_.port()).route("example.org", 80, org_.port()); }

  Site com_{{{"/a.txt", "alpha"}, {"/b.txt", "bravo"}, {"/c.txt", "charlie"}, {"/d.txt", "delta"}}};
  Site org_{{{"/e.txt", "echo"}, {"/slow", "finally"}}, 800ms};
  testkit::FakeNetwork net_;
};

TK_TEST_F(DownloaderTest, fetches_every_url_in_order, .points = 2) {
  const std::vector<std::string> urls{"http://example.com/a.txt", "http://example.org/e.txt",
                                      "http://example.com/b.txt"};
  const auto downloads = download_all(urls, 2, 5s);
  TK_ASSERT_EQ(downloads.size(), 3u);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    TK_EXPECT_EQ(downloads[i].url, urls[i]);
    TK_EXPECT(downloads[i].ok(), "{}: {} {}", urls[i], downloads[i].status, downloads[i].error);
  }
  TK_EXPECT_EQ(downloads[0].body, "alpha");
  TK_EXPECT_EQ(downloads[1].body, "echo");
  TK_EXPECT_EQ(downloads[2].body, "bravo");
}

TK_TEST_F(DownloaderTest, downloads_run_concurrently_on_the_workers, .points = 2) {
  com_.gather(4);  // each request waits (up to two seconds) until four are being served together
  const auto downloads = download_all(
      {"http://example.com/a.txt", "http://example.com/b.txt", "http://example.com/c.txt", "http://example.com/d.txt"},
      4, 10s);
  TK_EXPECT_EQ(com_.most_at_once(), 4, "four workers should download four URLs at once");
  TK_EXPECT(std::all_of(downloads.begin(), downloads.end(), [](const auto& d) { return d.ok(); }));
}

TK_TEST_F(DownloaderTest, a_missing_page_is_an_http_error_not_a_success, .points = 1) {
  const auto downloads = download_all({"http://example.com/missing.txt"}, 1, 5s);
  TK_ASSERT_EQ(downloads.size(), 1u);
  TK_EXPECT_EQ(downloads[0].status, 404);
  TK_EXPECT(!downloads[0].ok());
}

TK_TEST_F(DownloaderTest, the_network_being_down_gives_an_error_per_url, .points = 2) {
  net_.down();  // wins over the routes of set_up: example.com does not even resolve
  const auto downloads = download_all({"http://example.com/a.txt", "http://93.184.216.34/b.txt"}, 2, 5s);
  TK_ASSERT_EQ(downloads.size(), 2u);
  TK_EXPECT_EQ(downloads[0].error, "Couldn't resolve host name");
  TK_EXPECT_EQ(downloads[1].error, "Couldn't connect to server");
  TK_EXPECT_EQ(downloads[0].status, 0);
  TK_EXPECT(!downloads[0].ok());
  TK_EXPECT(!downloads[1].ok());
}

TK_TEST_F(DownloaderTest, a_refused_connection_fails_only_that_url, .points = 1) {
  net_.refuse("downloads.example.net", 80).refuse("example.org", 80);  // example.org's route is refused too
  const auto downloads = download_all(
      {"http://downloads.example.net/big.iso", "http://example.com/a.txt", "http://example.org/e.txt"}, 2, 5s);
  TK_EXPECT_EQ(downloads[0].error, "Couldn't connect to server");
  TK_EXPECT_EQ(downloads[1].body, "alpha");
  TK_EXPECT_EQ(downloads[2].error, "Couldn't connect to server");
}

TK_TEST_F(DownloaderTest, a_slow_server_times_out_and_the_others_still_arrive, .points = 2) {
  const auto downloads = download_all({"http://example.org/slow", "http://example.com/a.txt"}, 2, 200ms);
  TK_EXPECT_EQ(downloads[0].error, "Timeout was reached");
  TK_EXPECT(downloads[1].ok(), "{}", downloads[1].error);
}

TK_TEST_F(DownloaderTest, a_slow_link_times_out_too, .points = 1) {
  net_.latency(500ms);  // every connection takes half a second to open
  const auto downloads = download_all({"http://example.com/a.txt"}, 1, 200ms);
  TK_EXPECT_EQ(downloads[0].error, "Timeout was reached");
}

TK_TEST_F(DownloaderTest, the_test_never_reaches_the_real_network, .points = 1) {
  // A URL no route covers: the name is not looked up in DNS, the download fails, and the fake lists it.
  // (A connect to a real address would also fail, and fail the test: "the test tried to reach the real network".)
  const auto downloads = download_all({"http://example.net/", "http://example.com/a.txt"}, 2, 5s);
  TK_EXPECT_EQ(downloads[0].error, "Couldn't resolve host name");
  TK_EXPECT(downloads[1].ok());
  TK_EXPECT_EQ(net_.blocked(), std::vector<std::string>{"resolve example.net"});
}

}  // namespace
