#include <testkit/mock/fake_network.hpp>

#include <netdb.h>
#include <netinet/in.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <thread>
#include <utility>

#include <testkit/core/context.hpp>
#include <testkit/interpose/patch_scope.hpp>
#include <testkit/mock/detail/network_rules.hpp>

namespace testkit {
namespace {

using detail::ConnectAnswer;
using detail::NetworkRules;

int real_lookup(const char* node, const char* service, const addrinfo* hints, addrinfo** result) {
  return detail::call_real<Function::getaddrinfo>(node, service, hints, result);
}

// Each rule's addresses are looked up numerically by the real getaddrinfo, so that hints (family, socket
// type, service names, AI_V4MAPPED) give exactly what libc would; the nodes it allocates are what the
// caller's freeaddrinfo expects.
int answer_lookup(NetworkRules& rules, const char* node, const char* service, const addrinfo* hints,
                  addrinfo** result) {
  if (node == nullptr || detail::is_numeric_address(node)) return real_lookup(node, service, hints, result);
  const detail::LookupAnswer answer = rules.lookup(node);
  if (answer.error != 0) return answer.error;
  addrinfo numeric{};
  if (hints != nullptr) numeric = *hints;
  numeric.ai_flags |= AI_NUMERICHOST;
  // The fake's addresses do not depend on which interfaces this machine (or a test's network namespace) has.
  numeric.ai_flags &= ~AI_ADDRCONFIG;
  addrinfo* head = nullptr;
  addrinfo** tail = &head;
  int first_error = 0;
  for (const std::string& address : answer.addresses) {
    addrinfo* part = nullptr;
    const int error = real_lookup(address.c_str(), service, &numeric, &part);
    if (error != 0) {
      if (first_error == 0) first_error = error;
      continue;
    }
    *tail = part;
    while (*tail != nullptr) tail = &(*tail)->ai_next;
  }
  if (head == nullptr) return first_error != 0 ? first_error : EAI_NONAME;
  if ((numeric.ai_flags & AI_CANONNAME) != 0) {
    std::free(head->ai_canonname);
    head->ai_canonname = ::strdup(node);
  }
  *result = head;
  return 0;
}

void record_failure(const Location& where, std::string message) {
  detail::record_or_print({.where = where,
                           .headline = std::move(message),
                           .details = "connections go to loopback servers through route(); the network is never used"});
}

int real_connect(int fd, const sockaddr* address, socklen_t length) {
  return detail::call_real<Function::connect>(fd, address, length);
}

int connect_locally(int fd, std::uint16_t port, bool v6) {
  if (!v6) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_port = htons(port);
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return real_connect(fd, reinterpret_cast<const sockaddr*>(&local), sizeof local);
  }
  // A v6 socket reaches the v4 loopback server through its mapped address ::ffff:127.0.0.1.
  sockaddr_in6 local{};
  local.sin6_family = AF_INET6;
  local.sin6_port = htons(port);
  local.sin6_addr.s6_addr[10] = 0xff;
  local.sin6_addr.s6_addr[11] = 0xff;
  local.sin6_addr.s6_addr[12] = 127;
  local.sin6_addr.s6_addr[15] = 1;
  return real_connect(fd, reinterpret_cast<const sockaddr*>(&local), sizeof local);
}

int answer_connect(NetworkRules& rules, const Location& where, int fd, const sockaddr* address, socklen_t length) {
  const std::optional<detail::Endpoint> endpoint = detail::endpoint_of(address, length);
  if (!endpoint) return real_connect(fd, address, length);  // unix sockets, AF_UNSPEC disconnects
  if (const auto delay = rules.latency(); delay.count() > 0) std::this_thread::sleep_for(delay);
  ConnectAnswer answer = rules.connect(*endpoint);
  switch (answer.kind) {
    case ConnectAnswer::Kind::through: return real_connect(fd, address, length);
    case ConnectAnswer::Kind::redirect: return connect_locally(fd, answer.local_port, endpoint->v6);
    case ConnectAnswer::Kind::refuse: errno = ECONNREFUSED; return -1;
    case ConnectAnswer::Kind::unreachable: break;
  }
  if (!answer.failure.empty()) record_failure(where, std::move(answer.failure));
  errno = ENETUNREACH;
  return -1;
}

}  // namespace

FakeNetwork::FakeNetwork(std::source_location where)
    : rules_(std::make_shared<NetworkRules>()), scope_(detail::patch_scope_for_this_thread()) {
  const std::string label =
      "FakeNetwork made at " + std::string(where.file_name()) + ":" + std::to_string(where.line());
  scope_->add(Function::getaddrinfo,
              std::make_shared<detail::TypedHandler<Function::getaddrinfo>>(
                  [rules = rules_](const char* node, const char* service, const addrinfo* hints, addrinfo** result) {
                    return answer_lookup(*rules, node, service, hints, result);
                  }),
              this, label);
  scope_->add(Function::connect,
              std::make_shared<detail::TypedHandler<Function::connect>>(
                  [rules = rules_, at = Location::from(where)](int fd, const sockaddr* address, socklen_t length) {
                    return answer_connect(*rules, at, fd, address, length);
                  }),
              this, label);
}

FakeNetwork::~FakeNetwork() { scope_->remove(this); }

FakeNetwork& FakeNetwork::down() {
  rules_->set_down(true);
  return *this;
}

FakeNetwork& FakeNetwork::up() {
  rules_->set_down(false);
  return *this;
}

FakeNetwork& FakeNetwork::refuse(std::string host, std::uint16_t port) {
  rules_->add_refusal(std::move(host), port);
  return *this;
}

FakeNetwork& FakeNetwork::unrefuse(std::string_view host, std::uint16_t port) {
  rules_->remove_refusal(host, port);
  return *this;
}

FakeNetwork& FakeNetwork::resolve(std::string host, std::string address) {
  rules_->add_address(std::move(host), std::move(address));
  return *this;
}

FakeNetwork& FakeNetwork::unresolve(std::string_view host) {
  rules_->remove_addresses(host);
  return *this;
}

FakeNetwork& FakeNetwork::route(std::string host, std::uint16_t port, std::uint16_t local_port) {
  rules_->add_route(std::move(host), port, local_port);
  return *this;
}

FakeNetwork& FakeNetwork::unroute(std::string_view host, std::uint16_t port) {
  rules_->remove_route(host, port);
  return *this;
}

FakeNetwork& FakeNetwork::latency(std::chrono::milliseconds delay) {
  rules_->set_latency(delay);
  return *this;
}

FakeNetwork& FakeNetwork::allow_loopback(bool allowed) {
  rules_->set_loopback(allowed);
  return *this;
}

std::vector<std::string> FakeNetwork::blocked() const { return rules_->blocked(); }

}  // namespace testkit
