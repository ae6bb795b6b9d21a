#pragma once
/// valgrind's verdict on each test, asked through its client requests: the errors it counted while the test ran, and
/// the bytes that a leak check when the test ends finds lost since it started. Does nothing outside valgrind, or in
/// a build without valgrind's headers (<valgrind/memcheck.h>).

#include <cstdint>
#include <optional>

#include <testkit/core/result.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit::detail {

/// What valgrind had counted when a test started.
struct MemcheckMark {
  std::uint64_t errors = 0;      ///< errors reported so far (VALGRIND_COUNT_ERRORS)
  std::uint64_t lost_bytes = 0;  ///< bytes definitely or indirectly lost at a leak check made then
};

/// Whether this process runs under valgrind (false in a build without its headers).
[[nodiscard]] bool under_valgrind() noexcept;

/// Called on a test's thread when the test starts: valgrind's error count, and the lost bytes of a leak check made
/// now, which prints no loss record (the leaks that are there already are no concern of the test). All zero outside
/// valgrind.
[[nodiscard]] MemcheckMark memcheck_mark();

/// Called on the test's thread when `test` has ended, before memcheck_leaks_since (a leak check's findings count as
/// errors too): the failure "memcheck counted N errors during the test", saying that memcheck's report is in the
/// test's stderr under --valgrind (else in valgrind's log), when valgrind counted errors since `mark`; nullopt
/// otherwise.
[[nodiscard]] std::optional<Failure> memcheck_errors_since(const MemcheckMark& mark, const TestInfo& test);

/// Called on the test's thread when `test` has ended: runs memcheck's leak check, which prints the leaks added since
/// the previous check to valgrind's log (the test's stderr under --valgrind), and returns the failure "memcheck found
/// N bytes definitely or indirectly lost since the test started" when that many more are lost than at `mark`;
/// nullopt otherwise.
[[nodiscard]] std::optional<Failure> memcheck_leaks_since(const MemcheckMark& mark, const TestInfo& test);

}  // namespace testkit::detail
