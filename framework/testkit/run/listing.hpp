#pragma once
/// --list and --gtest_list_tests: the selected tests as text for people, JSON for tools, or GoogleTest's format.

#include <deque>
#include <span>
#include <string>
#include <string_view>

#include <testkit/core/test_info.hpp>

namespace testkit {

/// One line per test: its full name, then "  # " and what its metadata says (parameter, tags, skip,
/// xfail, timeout, points) when there is any.
[[nodiscard]] std::string format_listing(std::span<const TestInfo* const> plan);

/// GoogleTest's --gtest_list_tests format, which CMake's gtest_discover_tests and gtest-parallel parse:
/// "Suite." in column 0, then each test indented by two spaces ("  # GetParam() = v" after parametrized ones).
/// Suites appear in the order of their first test; a suite split across the plan is listed once.
[[nodiscard]] std::string format_gtest_listing(std::span<const TestInfo* const> plan);

/// The listing as JSON, read by testkit_discover_tests():
/// {"schema": "testkit-listing", "version": 1, "tests": [{"name": "Suite.test", "suite", "test", "file", "line",
///  "tags": [...], "skip", "xfail", "timeout_ms", "points", "visibility", "param", "class"}, ...]}: "class" is the
///  name of the test's fixture class when that has set_up_class or tear_down_class of its own, else "" (a free test,
///  or one whose class needs no class host).
[[nodiscard]] std::string format_json_listing(std::span<const TestInfo* const> plan);

/// Appends to `tests` the tests a JSON listing names: format_json_listing's output, read back from another process
/// (the test binary testkit-run starts), so untrusted text: at most 100,000 tests, each text at most 4 KiB, every
/// field checked. The tests have no factory (they run in that other process). Each test's fixture is a class with no
/// hooks that stands for its class in that binary: one per class name of this listing (the free tests' is named "";
/// a listing without "class" gives each suite one), so that testkit-run runs each class in one host. Returns what is
/// wrong, or "".
[[nodiscard]] std::string read_json_listing(std::string_view json, std::deque<TestInfo>& tests);

}  // namespace testkit
