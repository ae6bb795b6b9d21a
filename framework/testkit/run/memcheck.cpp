#include <testkit/run/memcheck.hpp>

#include <string>
#include <utility>

#include <fmt/format.h>

// valgrind's headers come with its Debian package; without them, the build still works and nothing is judged.
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define TESTKIT_VALGRIND_CLIENT_REQUESTS 1
#else
#define TESTKIT_VALGRIND_CLIENT_REQUESTS 0
#endif

namespace testkit::detail {
namespace {

// valgrind keeps the descriptor it logs to from the start: the stderr of the process it started, which is the test's
// own only for a worker that testkit-run started under it.
constexpr const char* where_the_report_is =
    "memcheck's report is in the test's stderr under --valgrind (else in "
    "valgrind's log)";

std::uint64_t lost_bytes() {
#if TESTKIT_VALGRIND_CLIENT_REQUESTS
  unsigned long leaked = 0;  // definitely and indirectly lost
  [[maybe_unused]] unsigned long dubious = 0;
  [[maybe_unused]] unsigned long reachable = 0;
  [[maybe_unused]] unsigned long suppressed = 0;
  VALGRIND_COUNT_LEAKS(leaked, dubious, reachable, suppressed);
  return leaked;
#else
  return 0;
#endif
}

std::uint64_t errors_so_far() {
#if TESTKIT_VALGRIND_CLIENT_REQUESTS
  return static_cast<std::uint64_t>(VALGRIND_COUNT_ERRORS);
#else
  return 0;
#endif
}

Failure failure_of(const TestInfo& test, std::string headline) {
  return {.where = test.where, .phase = "test", .headline = std::move(headline), .details = where_the_report_is};
}

}  // namespace

bool under_valgrind() noexcept {
#if TESTKIT_VALGRIND_CLIENT_REQUESTS
  return RUNNING_ON_VALGRIND != 0;
#else
  return false;
#endif
}

MemcheckMark memcheck_mark() {
  if (!under_valgrind()) return {};
  MemcheckMark mark{.errors = errors_so_far()};
#if TESTKIT_VALGRIND_CLIENT_REQUESTS
  VALGRIND_DO_QUICK_LEAK_CHECK;
#endif
  mark.lost_bytes = lost_bytes();
  return mark;
}

std::optional<Failure> memcheck_errors_since(const MemcheckMark& mark, const TestInfo& test) {
  if (!under_valgrind()) return std::nullopt;
  const std::uint64_t errors = errors_so_far();
  if (errors <= mark.errors) return std::nullopt;
  const std::uint64_t count = errors - mark.errors;
  return failure_of(test, fmt::format("memcheck counted {} error{} during the test", count, count == 1 ? "" : "s"));
}

std::optional<Failure> memcheck_leaks_since(const MemcheckMark& mark, const TestInfo& test) {
  if (!under_valgrind()) return std::nullopt;
#if TESTKIT_VALGRIND_CLIENT_REQUESTS
  VALGRIND_DO_ADDED_LEAK_CHECK;
#endif
  const std::uint64_t lost = lost_bytes();
  if (lost <= mark.lost_bytes) return std::nullopt;
  const std::uint64_t bytes = lost - mark.lost_bytes;
  return failure_of(test, fmt::format("memcheck found {} byte{} definitely or indirectly lost since the test started",
                                      bytes, bytes == 1 ? "" : "s"));
}

}  // namespace testkit::detail
