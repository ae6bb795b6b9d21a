#include <testkit/mock/detail/network_rules.hpp>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include <fmt/format.h>

namespace testkit::detail {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The route or refusal for exactly `host`:`port` (host normalized), or end().
template <class Rules> auto rule_for(Rules& rules, const std::string& host, std::uint16_t port) {
  return std::find_if(rules.begin(), rules.end(),
                      [&](const auto& rule) { return rule.host == host && rule.port == port; });
}

}  // namespace

std::string normalized_host(std::string_view host) {
  std::string name(host);
  if (!name.empty() && name.back() == '.') name.pop_back();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

bool is_numeric_address(const char* node) {
  unsigned char buffer[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, node, buffer) == 1 || ::inet_pton(AF_INET6, node, buffer) == 1;
}

std::string Endpoint::text() const {
  return v6 && address.find(':') != std::string::npos ? fmt::format("[{}]:{}", address, port)
                                                      : fmt::format("{}:{}", address, port);
}

std::optional<Endpoint> endpoint_of(const sockaddr* address, socklen_t length) {
  if (address == nullptr) return std::nullopt;
  char text[INET6_ADDRSTRLEN] = {};
  Endpoint endpoint;
  if (address->sa_family == AF_INET && length >= sizeof(sockaddr_in)) {
    const auto* const v4 = reinterpret_cast<const sockaddr_in*>(address);
    ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    endpoint.port = ntohs(v4->sin_port);
    const std::uint32_t host_order = ntohl(v4->sin_addr.s_addr);
    // Linux connects 0.0.0.0 to the local host, like 127.0.0.0/8.
    endpoint.loopback = (host_order >> 24) == 127 || host_order == 0;
  } else if (address->sa_family == AF_INET6 && length >= sizeof(sockaddr_in6)) {
    const auto* const v6 = reinterpret_cast<const sockaddr_in6*>(address);
    endpoint.v6 = true;
    endpoint.port = ntohs(v6->sin6_port);
    if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
      // ::ffff:a.b.c.d is the v4 host a.b.c.d: the same rules apply.
      ::inet_ntop(AF_INET, &v6->sin6_addr.s6_addr[12], text, sizeof text);
      endpoint.loopback = v6->sin6_addr.s6_addr[12] == 127;
    } else {
      ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
      endpoint.loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr) || IN6_IS_ADDR_UNSPECIFIED(&v6->sin6_addr);
    }
  } else {
    return std::nullopt;
  }
  endpoint.address = text;
  return endpoint;
}

void NetworkRules::set_down(bool down) {
  const std::lock_guard lock(mutex_);
  down_ = down;
}

void NetworkRules::add_refusal(std::string host, std::uint16_t port) {
  const std::lock_guard lock(mutex_);
  std::string name = normalized_host(host);
  if (rule_for(refusals_, name, port) == refusals_.end()) refusals_.push_back({std::move(name), port, 0});
}

void NetworkRules::remove_refusal(std::string_view host, std::uint16_t port) {
  const std::lock_guard lock(mutex_);
  const auto rule = rule_for(refusals_, normalized_host(host), port);
  if (rule != refusals_.end()) refusals_.erase(rule);
}

void NetworkRules::add_address(std::string host, std::string address) {
  const std::lock_guard lock(mutex_);
  addresses_[normalized_host(host)].push_back(std::move(address));
}

void NetworkRules::remove_addresses(std::string_view host) {
  const std::lock_guard lock(mutex_);
  addresses_.erase(normalized_host(host));
}

void NetworkRules::add_route(std::string host, std::uint16_t port, std::uint16_t local_port) {
  const std::lock_guard lock(mutex_);
  std::string name = normalized_host(host);
  if (const auto rule = rule_for(routes_, name, port); rule != routes_.end())
    rule->local_port = local_port;
  else
    routes_.push_back({std::move(name), port, local_port});
}

void NetworkRules::remove_route(std::string_view host, std::uint16_t port) {
  const std::lock_guard lock(mutex_);
  const auto rule = rule_for(routes_, normalized_host(host), port);
  if (rule != routes_.end()) routes_.erase(rule);
}

void NetworkRules::set_latency(std::chrono::milliseconds delay) {
  const std::lock_guard lock(mutex_);
  latency_ = delay;
}

void NetworkRules::set_loopback(bool allowed) {
  const std::lock_guard lock(mutex_);
  loopback_ = allowed;
}

std::chrono::milliseconds NetworkRules::latency() const {
  const std::lock_guard lock(mutex_);
  return latency_;
}

std::vector<std::string> NetworkRules::blocked() const {
  const std::lock_guard lock(mutex_);
  return blocked_;
}

bool NetworkRules::mentioned_locked(const std::string& host) const {
  const auto names = [&host](const Rule& rule) { return rule.host == host; };
  return std::any_of(routes_.begin(), routes_.end(), names) || std::any_of(refusals_.begin(), refusals_.end(), names);
}

std::string NetworkRules::made_up_address_locked(const std::string& host) {
  auto [entry, added] = made_up_.try_emplace(host);
  if (added) {
    // 198.18.0.0/15 is reserved for benchmarks (RFC 2544): never a real host, and room for 130,000 names.
    const std::size_t number = made_up_.size();
    entry->second = fmt::format("198.{}.{}.{}", 18 + number / 65536, number / 256 % 256, number % 256);
  }
  return entry->second;
}

LookupAnswer NetworkRules::lookup(std::string_view node) {
  const std::string name = normalized_host(node);
  const std::lock_guard lock(mutex_);
  // A network that is down has no DNS: routed and resolve()d names fail like any other.
  if (down_) {
    blocked_.push_back("resolve " + name);
    return {{}, EAI_AGAIN};
  }
  if (const auto found = addresses_.find(name); found != addresses_.end()) return {found->second, 0};
  if (name == "localhost" || name.ends_with(".localhost")) return {{"127.0.0.1", "::1"}, 0};
  if (mentioned_locked(name)) return {{made_up_address_locked(name)}, 0};
  blocked_.push_back("resolve " + name);
  return {{}, EAI_NONAME};
}

std::vector<std::string> NetworkRules::names_of_locked(const Endpoint& endpoint) const {
  std::vector<std::string> names{endpoint.address};
  if (endpoint.loopback) names.emplace_back("localhost");
  for (const auto& [name, addresses] : addresses_)
    if (contains(addresses, endpoint.address)) names.push_back(name);
  for (const auto& [name, address] : made_up_)
    if (address == endpoint.address) names.push_back(name);
  return names;
}

ConnectAnswer NetworkRules::connect(const Endpoint& endpoint) {
  const std::lock_guard lock(mutex_);
  const std::vector<std::string> names = names_of_locked(endpoint);
  const auto applies = [&](const Rule& rule) { return rule.port == endpoint.port && contains(names, rule.host); };
  const bool loopback_allowed = endpoint.loopback && loopback_.value_or(!down_);
  // The most disruptive rule wins: an outage, then a refusal, then a route. A rule set in a fixture's
  // set_up (a route) must not undo one the test sets later (down, refuse).
  if (down_ && !loopback_allowed) {
    blocked_.push_back("connect " + endpoint.text());
    return {ConnectAnswer::Kind::unreachable, 0, {}};
  }
  if (std::any_of(refusals_.begin(), refusals_.end(), applies)) return {ConnectAnswer::Kind::refuse, 0, {}};
  if (const auto route = std::find_if(routes_.begin(), routes_.end(), applies); route != routes_.end())
    return {ConnectAnswer::Kind::redirect, route->local_port, {}};
  if (loopback_allowed) return {ConnectAnswer::Kind::through, 0, {}};
  blocked_.push_back("connect " + endpoint.text());
  if (endpoint.loopback) return {ConnectAnswer::Kind::unreachable, 0, {}};
  std::string known;
  if (names.size() > 1) known = fmt::format(" ({})", fmt::join(names.begin() + 1, names.end(), ", "));
  return {ConnectAnswer::Kind::unreachable, 0,
          fmt::format("FakeNetwork: the test tried to reach the real network: connect to {}{}; add a route() or "
                      "resolve()",
                      endpoint.text(), known)};
}

}  // namespace testkit::detail
