#pragma once
/// What the interposed pthread_create does for the threads a test starts. The interposer only carries the
/// hooks; the layer that knows what a test is (core) installs them.

namespace testkit::detail {

/// Called by the pthread_create wrapper; set once by the static library.
struct ThreadHooks {
  /// In the parent: what the new thread should inherit, or null for nothing.
  void* (*capture)() noexcept;
  /// In the new thread, before its start routine.
  void (*enter)(void* inherited) noexcept;
  /// In the new thread after enter: runs the start routine and returns its result.
  void* (*run)(void* (*routine)(void*), void* argument);
  /// In the new thread after its start routine returned (or it called pthread_exit).
  void (*leave)(void* inherited) noexcept;
  /// In the parent instead of enter/leave, when the thread could not be created.
  void (*discard)(void* inherited) noexcept;
};

/// Installs the hooks the pthread_create wrapper calls (null: none). `hooks` must outlive every thread.
void set_thread_hooks(const ThreadHooks* hooks) noexcept;

}  // namespace testkit::detail
