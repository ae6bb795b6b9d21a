// A shared library compiled without debug information (-g0, see this folder's CMakeLists.txt and meson.build) and
// loaded by stacktrace_test.cpp from where the build put it: an object with no debug information in its file and no
// link to a separate one, as a program built without -g is.

/// Calls `run` with `argument`, in a frame of this library.
extern "C" [[gnu::visibility("default")]] void tk_selftest_run_without_debug_info(void (*run)(void*), void* argument) {
  run(argument);
  asm volatile("");  // not a tail call: this frame stays on the stack
}
