#pragma once
/// The entry points of the sanitizer runtimes a test binary was built with, found when the process starts (with
/// dlsym), so that testkit, built without sanitizers, works with a sanitized test binary. Each is null when the
/// runtime is not loaded.

namespace testkit::detail {

struct SanitizerRuntime {
  /// LeakSanitizer (alone or in AddressSanitizer): reports the leaks it finds now; returns non-zero when it found any.
  int (*recoverable_leak_check)() = nullptr;
  /// LeakSanitizer: between the two calls, on this thread, allocations are never reported as leaks.
  void (*disable_leak_reports)() = nullptr;
  void (*enable_leak_reports)() = nullptr;
  /// AddressSanitizer: `callback` receives the whole text of each error report, before the process dies.
  void (*set_error_report_callback)(void (*callback)(const char* report)) = nullptr;
  /// Any sanitizer: `callback` runs when the runtime is about to end the process after an error.
  void (*set_death_callback)(void (*callback)()) = nullptr;
  /// UndefinedBehaviorSanitizer: what the report being printed is about (valid in __ubsan_on_report only).
  void (*current_ub_report)(const char** kind, const char** message, const char** file, unsigned* line,
                            unsigned* column, char** address) = nullptr;
};

/// This process's runtimes, looked up once (thread-safe).
[[nodiscard]] const SanitizerRuntime& sanitizer_runtime();

/// Allocations made on this thread while it lives are never reported as leaks: those of class and module fixtures,
/// which are not the test's. Does nothing without LeakSanitizer.
class LeaksIgnored {
 public:
  LeaksIgnored();
  ~LeaksIgnored();
  LeaksIgnored(const LeaksIgnored&) = delete;
  LeaksIgnored& operator=(const LeaksIgnored&) = delete;
};

}  // namespace testkit::detail
