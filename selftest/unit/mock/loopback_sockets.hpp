#pragma once
// Raw sockets on 127.0.0.1 and getaddrinfo, as the FakeNetwork selftests see the network: a listening socket,
// one connect with its errno, one lookup with its addresses.

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

namespace testkit::selftest {

/// A TCP socket listening on 127.0.0.1 (the kernel completes connections to it without accept()).
struct Listener {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  std::uint16_t port = 0;

  Listener() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 && ::listen(fd, 16) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
      port = ntohs(address.sin_port);
  }
  ~Listener() { ::close(fd); }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
};

/// What one connect gave: its result, errno, and the connected socket (or -1).
struct Connected {
  int result = 0;
  int error = 0;
  int fd = -1;
  ~Connected() {
    if (fd >= 0) ::close(fd);
  }
};

/// Connects a new TCP socket to the numeric `address`:`port`.
inline Connected connect_to(const std::string& address, std::uint16_t port) {
  Connected connected;
  sockaddr_storage storage{};
  socklen_t length = 0;
  if (address.find(':') == std::string::npos) {
    auto& v4 = reinterpret_cast<sockaddr_in&>(storage);
    v4.sin_family = AF_INET;
    v4.sin_port = htons(port);
    ::inet_pton(AF_INET, address.c_str(), &v4.sin_addr);
    length = sizeof v4;
  } else {
    auto& v6 = reinterpret_cast<sockaddr_in6&>(storage);
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(port);
    ::inet_pton(AF_INET6, address.c_str(), &v6.sin6_addr);
    length = sizeof v6;
  }
  connected.fd = ::socket(storage.ss_family, SOCK_STREAM, 0);
  errno = 0;
  connected.result = ::connect(connected.fd, reinterpret_cast<sockaddr*>(&storage), length);
  connected.error = errno;
  return connected;
}

/// What getaddrinfo answered for `name`: its result and the numeric addresses, in order.
struct Lookup {
  int result = 0;
  std::vector<std::string> addresses;
  std::string canonical;
};

inline Lookup look_up(const char* name, int family = AF_UNSPEC, int flags = 0) {
  addrinfo hints{};
  hints.ai_family = family;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = flags;
  addrinfo* list = nullptr;
  Lookup lookup;
  lookup.result = ::getaddrinfo(name, "80", &hints, &list);
  if (lookup.result != 0) return lookup;
  if (list->ai_canonname != nullptr) lookup.canonical = list->ai_canonname;
  for (const addrinfo* entry = list; entry != nullptr; entry = entry->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw = entry->ai_family == AF_INET
                          ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(entry->ai_addr)->sin_addr)
                          : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(entry->ai_addr)->sin6_addr);
    ::inet_ntop(entry->ai_family, raw, text, sizeof text);
    lookup.addresses.emplace_back(text);
  }
  ::freeaddrinfo(list);
  return lookup;
}

}  // namespace testkit::selftest
