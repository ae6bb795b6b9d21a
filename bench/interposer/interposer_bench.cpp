// Cost of the libc interposer: 1,000,000 stat / unlink / access calls (on missing paths: cheap syscalls) and
// freeaddrinfo(nullptr) calls (no syscall), unpatched, and the same calls patched (each call recorded). Built twice:
// bench_interposer links testkit (so the interposer answers every call) and bench_interposer_baseline links nothing of
// testkit (plain libc). Prints one "name: ns per call" line per measurement.
#include <netdb.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <functional>

#ifdef TK_BENCH_WITH_TESTKIT
#include <testkit/mock.hpp>
#endif

namespace {

constexpr int calls = 1'000'000;

void measure(const char* name, const std::function<int()>& call) {
  int sink = 0;
  for (int i = 0; i < calls / 10; ++i) sink += call();  // warm up: resolve symbols, fill caches
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) sink += call();
  const std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%-28s %7.1f ns per call (checksum %d)\n", name, elapsed.count() / calls, sink);
}

void measure_family(const char* suffix) {
  char name[64];
  struct stat info {};
  std::snprintf(name, sizeof name, "stat%s", suffix);
  measure(name, [&info] { return ::stat("/nonexistent/testkit/bench", &info); });
  std::snprintf(name, sizeof name, "unlink%s", suffix);
  measure(name, [] { return ::unlink("/nonexistent/testkit/bench"); });
  std::snprintf(name, sizeof name, "access%s", suffix);
  measure(name, [] { return ::access("/nonexistent/testkit/bench", F_OK); });
  // No system call at all: what is left is the interposer's own cost.
  std::snprintf(name, sizeof name, "freeaddrinfo(null)%s", suffix);
  measure(name, [] {
    ::freeaddrinfo(nullptr);
    return 0;
  });
}

}  // namespace

int main() {
#ifdef TK_BENCH_WITH_TESTKIT
  measure_family(" (interposed)");
  {
    // A patch of another function: calls to these now take the slow path's lookup, then go to libc.
    testkit::Patch other{testkit::libc::rename};
    measure_family(" (other patched)");
  }
  testkit::Patch stats{testkit::libc::stat};
  testkit::Patch deletion{testkit::libc::deletion};
  testkit::Patch accesses{testkit::libc::access};
  testkit::Patch frees{testkit::libc::freeaddrinfo};
  stats.fails(ENOENT);
  deletion.fails(ENOENT);
  accesses.fails(ENOENT);
  measure_family(" (patched)");
#else
  measure_family(" (plain libc)");
#endif
}
