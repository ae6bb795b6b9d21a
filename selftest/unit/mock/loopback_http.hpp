#pragma once
// An HTTP server (cpp-httplib) on 127.0.0.1 for the length of a test, for FakeNetwork routes to reach.

#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>

#include <httplib.h>

namespace testkit::selftest {

/// Serves what `routes` sets up on 127.0.0.1:port() until destroyed.
/// Example: LoopbackHttp http{[](httplib::Server& s) { s.Get("/a.txt", handler); }};
class LoopbackHttp {
 public:
  explicit LoopbackHttp(const std::function<void(httplib::Server&)>& routes) {
    routes(server_);
    port_ = static_cast<std::uint16_t>(server_.bind_to_any_port("127.0.0.1"));
    // The socket listens from here on: connections wait in its backlog until the thread accepts them.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~LoopbackHttp() {
    // stop() before listen_after_bind() started would be lost and the join would wait forever.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server_.stop();
    thread_.join();
  }
  LoopbackHttp(const LoopbackHttp&) = delete;
  LoopbackHttp& operator=(const LoopbackHttp&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }

 private:
  httplib::Server server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

}  // namespace testkit::selftest
