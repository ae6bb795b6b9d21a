#pragma once
/// --list and --gtest_list_tests: the selected tests as text for people, JSON for tools, or GoogleTest's format.

#include <span>
#include <string>

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
///  "tags": [...], "skip", "xfail", "timeout_ms", "points", "param"}, ...]}.
[[nodiscard]] std::string format_json_listing(std::span<const TestInfo* const> plan);

}  // namespace testkit
