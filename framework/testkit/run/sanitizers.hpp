#pragma once
/// Which sanitizer runtimes (or valgrind) a test binary runs with, found at run time rather than at testkit's compile
/// time, so that an installed testkit adapts to a sanitized test binary: its timeouts and its sandbox's memory limit.

#include <string>

namespace testkit {

struct Sanitizers {
  bool address = false;    ///< AddressSanitizer (LeakSanitizer included)
  bool thread = false;     ///< ThreadSanitizer
  bool leak = false;       ///< LeakSanitizer on its own
  bool undefined = false;  ///< UndefinedBehaviorSanitizer
  bool valgrind = false;   ///< the process runs under valgrind

  [[nodiscard]] bool any() const { return address || thread || leak || undefined || valgrind; }
  /// Whether the runtime maps shadow memory (terabytes of address space): an address-space limit breaks it.
  [[nodiscard]] bool needs_address_space() const { return address || thread || leak; }
  /// How many times slower tests run with these runtimes, as --timeout-scale's default: AddressSanitizer 3,
  /// LeakSanitizer and UndefinedBehaviorSanitizer 2, ThreadSanitizer 5, valgrind 20 (the largest that applies); 1 for
  /// none.
  [[nodiscard]] double timeout_factor() const;
  /// "AddressSanitizer, UndefinedBehaviorSanitizer", or "" for none.
  [[nodiscard]] std::string names() const;

  /// What either has (the runtimes of a run of several binaries).
  [[nodiscard]] friend Sanitizers operator|(const Sanitizers& a, const Sanitizers& b) {
    return {.address = a.address || b.address,
            .thread = a.thread || b.thread,
            .leak = a.leak || b.leak,
            .undefined = a.undefined || b.undefined,
            .valgrind = a.valgrind || b.valgrind};
  }
};

/// Of this process: the sanitizer runtimes loaded in it (their entry points are found with dlsym), and valgrind (its
/// core preloaded, as LD_PRELOAD shows).
[[nodiscard]] Sanitizers sanitizers_of_this_process();

/// Of the program at `path`, without running it: the runtimes its ELF file needs (libasan.so, libtsan.so, liblsan.so,
/// libubsan.so among its DT_NEEDED entries) or contains (a statically linked runtime: __asan_init, __tsan_init,
/// __lsan_init or __ubsan_handle_ symbols defined in its dynamic symbol table). Maps the file; reads a few pages. A
/// file that cannot be read, or is not a 64-bit ELF file, has none.
[[nodiscard]] Sanitizers sanitizers_of_binary(const std::string& path);

}  // namespace testkit
