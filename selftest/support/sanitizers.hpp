#pragma once
/// What the sanitizer a selftest binary was built with changes about testkit.

#include <testkit/testkit.hpp>

namespace testkit::selftest {

#if defined(__SANITIZE_THREAD__)
inline constexpr bool built_with_thread_sanitizer = true;
#else
inline constexpr bool built_with_thread_sanitizer = false;
#endif

/// Threads a test starts inherit its context, patches and tmp_path() — except under ThreadSanitizer, whose runtime
/// intercepts pthread_create ahead of testkit's interposer (see interpose/exported_threads.cpp).
inline constexpr bool threads_inherit_the_test = !built_with_thread_sanitizer;

/// fstat and fstat64 reach testkit's interposer — except under ThreadSanitizer, whose runtime answers them with
/// versions of its own that call the system past it.
inline constexpr bool fstat_reaches_the_interposer = !built_with_thread_sanitizer;

/// Skips the calling test, saying why, where threads a test starts (libcurl's resolver thread among them) do not
/// inherit it.
inline void skip_unless_threads_inherit_the_test() {
  if (!threads_inherit_the_test) TK_SKIP("under ThreadSanitizer, threads a test starts do not inherit it");
}

}  // namespace testkit::selftest
