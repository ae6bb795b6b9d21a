#pragma once
/// What the sanitizer a selftest binary was built with changes about testkit.

namespace testkit::selftest {

/// Threads a test starts inherit its context, patches and tmp_path() — except under ThreadSanitizer, whose runtime
/// intercepts pthread_create ahead of testkit's interposer (see interpose/exported_threads.cpp).
#if defined(__SANITIZE_THREAD__)
inline constexpr bool threads_inherit_the_test = false;
#else
inline constexpr bool threads_inherit_the_test = true;
#endif

}  // namespace testkit::selftest
