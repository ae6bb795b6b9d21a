#pragma once
/// What a FakeNetwork decides for one name lookup or one connect: the rules a test set, without any I/O.

#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace testkit::detail {

/// How a lookup of one name is answered: the numeric addresses to return, or a getaddrinfo error.
struct LookupAnswer {
  std::vector<std::string> addresses;  ///< numeric (v4 or v6); empty when `error` is set
  int error = 0;                       ///< EAI_NONAME, EAI_AGAIN; 0 for an answer
};

/// An IP endpoint as connect() was given it.
struct Endpoint {
  std::string address;  ///< numeric, without brackets
  std::uint16_t port = 0;
  bool loopback = false;
  bool v6 = false;
  /// "93.184.216.34:80" or "[::1]:80".
  [[nodiscard]] std::string text() const;
};

/// The IP endpoint `address` names, or nothing when it is not AF_INET / AF_INET6 (unix sockets...).
[[nodiscard]] std::optional<Endpoint> endpoint_of(const sockaddr* address, socklen_t length);

/// How one connect is answered.
struct ConnectAnswer {
  enum class Kind {
    through,      ///< the real connect, unchanged (loopback allowed)
    redirect,     ///< the real connect, to 127.0.0.1:local_port
    refuse,       ///< -1 / ECONNREFUSED
    unreachable,  ///< -1 / ENETUNREACH
  };
  Kind kind = Kind::through;
  std::uint16_t local_port = 0;
  /// For an unreachable non-loopback endpoint while the network is up: the failure to record for the test.
  std::string failure;
};

/// The rules of one FakeNetwork and what they stopped. Thread-safe: the test configures it while its
/// threads' calls consult it. Precedence, whatever the order the rules were set in: down, then refusals,
/// then routes, then resolved addresses, loopback and the default.
class NetworkRules {
 public:
  /// FakeNetwork::down() (true) and up() (false).
  void set_down(bool down);
  /// FakeNetwork::refuse().
  void add_refusal(std::string host, std::uint16_t port);
  /// FakeNetwork::unrefuse().
  void remove_refusal(std::string_view host, std::uint16_t port);
  /// FakeNetwork::resolve().
  void add_address(std::string host, std::string address);
  /// FakeNetwork::unresolve().
  void remove_addresses(std::string_view host);
  /// FakeNetwork::route(): replaces a route of the same host and port.
  void add_route(std::string host, std::uint16_t port, std::uint16_t local_port);
  /// FakeNetwork::unroute().
  void remove_route(std::string_view host, std::uint16_t port);
  /// FakeNetwork::latency().
  void set_latency(std::chrono::milliseconds delay);
  /// FakeNetwork::allow_loopback().
  void set_loopback(bool allowed);

  /// How long each connect waits before it is answered.
  [[nodiscard]] std::chrono::milliseconds latency() const;
  /// The attempts stopped so far ("connect 93.184.216.34:80", "resolve example.com"), oldest first.
  [[nodiscard]] std::vector<std::string> blocked() const;

  /// The answer to a lookup of the name `node` (not numeric); records it when blocked.
  [[nodiscard]] LookupAnswer lookup(std::string_view node);
  /// The answer to a connect to `endpoint`; records it when blocked.
  [[nodiscard]] ConnectAnswer connect(const Endpoint& endpoint);

 private:
  struct Rule {
    std::string host;
    std::uint16_t port;
    std::uint16_t local_port;  // routes only
  };

  /// The names the rules give `address` (its own text, "localhost" for loopback, resolved and made-up
  /// names). Call with mutex_ held.
  [[nodiscard]] std::vector<std::string> names_of_locked(const Endpoint& endpoint) const;
  /// The address a name without resolve() gets when a route or refusal names it. Call with mutex_ held.
  [[nodiscard]] std::string made_up_address_locked(const std::string& host);
  /// Whether a route or refusal names `host`. Call with mutex_ held.
  [[nodiscard]] bool mentioned_locked(const std::string& host) const;

  mutable std::mutex mutex_;
  bool down_ = false;
  std::optional<bool> loopback_;
  std::vector<Rule> routes_;
  std::vector<Rule> refusals_;
  std::map<std::string, std::vector<std::string>> addresses_;
  std::map<std::string, std::string> made_up_;
  std::chrono::milliseconds latency_{0};
  std::vector<std::string> blocked_;
};

/// `host` as rules compare it: lower case, without a trailing dot.
[[nodiscard]] std::string normalized_host(std::string_view host);

/// True for a numeric v4 or v6 address (which getaddrinfo answers without any lookup).
[[nodiscard]] bool is_numeric_address(const char* node);

}  // namespace testkit::detail
