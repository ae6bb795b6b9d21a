#pragma once
/// What tests another binary holds, asked of it the way testkit-run asks: started (confined, under --sandbox) with
/// --list=json, its output read as untrusted text.

#include <chrono>
#include <deque>
#include <string>

#include <testkit/core/test_info.hpp>
#include <testkit/run/sandbox.hpp>

namespace testkit {

/// Appends to `tests` the tests `binary` lists when started with --list=json: in a sandbox of its own when `sandbox`
/// is enabled (so its global constructors run confined, as a worker's do), killed after `timeout` (0: none), its
/// listing read with the bounds of read_json_listing. Returns what went wrong (how the binary ended and the end of
/// its stderr), or "".
[[nodiscard]] std::string list_tests_of(const std::string& binary, const SandboxSettings& sandbox,
                                        std::chrono::milliseconds timeout, std::deque<TestInfo>& tests);

}  // namespace testkit
