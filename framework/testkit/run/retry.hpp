#pragma once
/// Running a failing test again (--retries, `.retries`): when it runs again, and what its result is then.

#include <cstddef>

#include <testkit/core/result.hpp>

namespace testkit::detail {

/// Whether a test runs again after its latest attempt ended with `latest` (whose `attempts` are the attempts before
/// it): its verdict is a failure and fewer than `retries` attempts came before it. Every executor asks this alone,
/// so that a test never passes without an attempt that passed.
[[nodiscard]] bool runs_again(const TestResult& latest, std::size_t retries);

/// The result of a test after its attempt `next`, which ran because `previous` failed: `next` with the attempts of
/// `previous` and `previous` itself as its earlier attempts, and `retries` (what runs_again was given); a pass
/// (passed, expected_failure) becomes flaky.
[[nodiscard]] TestResult after_retry(TestResult previous, TestResult next, std::size_t retries);

}  // namespace testkit::detail
