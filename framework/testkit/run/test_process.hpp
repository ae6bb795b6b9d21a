#pragma once
/// The forked side of the process executor: one test in one process.

#include <span>

#include <testkit/core/black_box.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit::detail {

/// Runs `test` in this freshly forked process, with its class fixture hooks around it, and ends the process.
/// Failures are streamed to `result_fd` as they are recorded, then an END record; a process forked by the
/// test that returns here sends nothing. `supervisor_fds` are the supervisor's descriptors to close. The process
/// keeps the supervisor's role settings, but for `tmp_root` (tmp_path()'s; null: the supervisor's), which must
/// live as long as the process.
[[noreturn]] void run_in_test_process(const TestInfo& test, int result_fd, BlackBox& box,
                                      std::span<const int> supervisor_fds, bool supervisor_symbolizes,
                                      const char* tmp_root);

}  // namespace testkit::detail
