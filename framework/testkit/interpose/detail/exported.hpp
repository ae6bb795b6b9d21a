#pragma once
/// Defines exported libc look-alikes. Include first in an exported_*.cpp: the fortified inline wrappers
/// of <fcntl.h> and <unistd.h>, and the asm renames of _FILE_OFFSET_BITS=64 (readdir -> readdir64, which
/// Meson defines), would clash with the definitions.

#undef _FORTIFY_SOURCE
#undef _FILE_OFFSET_BITS

#include <testkit/interpose/dispatch.hpp>

/// Defines the exported function `ret name params` as dispatching to Function::function with `args`.
/// The trailing argument is the exception specification glibc declares the function with (noexcept or none).
#define TK_INTERPOSE(ret, name, params, function, args, ...)                      \
  extern "C" __attribute__((visibility("default"))) ret name params __VA_ARGS__ { \
    return ::testkit::detail::call<::testkit::Function::function> args;           \
  }

/// The mode argument of open/openat, read only when the flags say it was passed.
#define TK_OPEN_MODE(flags, last)                                   \
  mode_t mode = 0;                                                  \
  if (((flags)&O_CREAT) != 0 || ((flags)&O_TMPFILE) == O_TMPFILE) { \
    va_list rest;                                                   \
    va_start(rest, last);                                           \
    mode = static_cast<mode_t>(va_arg(rest, int));                  \
    va_end(rest);                                                   \
  }
