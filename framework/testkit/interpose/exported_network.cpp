// Interposed socket and name-resolution calls (shared library testkit_interpose).
#include <testkit/interpose/detail/exported.hpp>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

TK_INTERPOSE(int, socket, (int domain, int type, int protocol), socket, (domain, type, protocol), noexcept)
TK_INTERPOSE(int, connect, (int fd, const struct sockaddr* address, socklen_t length), connect, (fd, address, length))
TK_INTERPOSE(int, getaddrinfo,
             (const char* node, const char* service, const struct addrinfo* hints, struct addrinfo** result),
             getaddrinfo, (node, service, hints, result))
TK_INTERPOSE(void, freeaddrinfo, (struct addrinfo * list), freeaddrinfo, (list), noexcept)
TK_INTERPOSE(ssize_t, send, (int fd, const void* buffer, size_t count, int flags), send, (fd, buffer, count, flags))
TK_INTERPOSE(ssize_t, sendto,
             (int fd, const void* buffer, size_t count, int flags, const struct sockaddr* address, socklen_t length),
             sendto, (fd, buffer, count, flags, address, length))
TK_INTERPOSE(ssize_t, recv, (int fd, void* buffer, size_t count, int flags), recv, (fd, buffer, count, flags))
TK_INTERPOSE(ssize_t, recvfrom,
             (int fd, void* buffer, size_t count, int flags, struct sockaddr* address, socklen_t* length), recvfrom,
             (fd, buffer, count, flags, address, length))
TK_INTERPOSE(int, poll, (struct pollfd * fds, nfds_t count, int timeout), poll, (fds, count, timeout))
