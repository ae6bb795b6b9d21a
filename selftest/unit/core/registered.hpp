#pragma once
/// Finding the tests a selftest file registered with the TK_TEST macros, to inspect or run them.

#include <string_view>

#include <testkit/core/registry.hpp>

namespace testkit::selftest {

/// The registered test named `full_name` ("Suite.name"), or null.
[[nodiscard]] inline const TestInfo* find_registered(std::string_view full_name) {
  for (const TestInfo& test : Registry::instance().tests())
    if (test.full_name() == full_name) return &test;
  return nullptr;
}

/// A copy of `test` without its metadata skip: tests registered only to be inspected carry a .skip so that
/// the selftest run leaves them alone, and a selftest runs them through such a copy.
[[nodiscard]] inline TestInfo without_skip(const TestInfo& test) {
  TestInfo copy = test;
  copy.meta.skip.clear();
  return copy;
}

}  // namespace testkit::selftest
