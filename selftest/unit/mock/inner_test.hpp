#pragma once
// Runs a body as a test of its own (through the real lifecycle), so that selftests can check what the
// mock module records as that test's failures.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <testkit/core/lifecycle.hpp>
#include <testkit/core/result.hpp>
#include <testkit/core/test_info.hpp>

#include "support/calls_body.hpp"

namespace testkit::selftest {

/// The result of running `body` as test "Inner.<name>".
[[nodiscard]] inline TestResult run_inner(std::function<void()> body, std::string name = "body") {
  static thread_local std::vector<std::unique_ptr<TestInfo>> infos;  // results point at their TestInfo
  infos.push_back(std::make_unique<TestInfo>(
      TestInfo{.suite = "Inner",
               .name = std::move(name),
               .where = {"inner.cpp", 1},
               .make = [body = std::move(body)] { return std::make_unique<CallsBody>(body); }}));
  return detail::run_test(*infos.back());
}

/// The headlines and details of a result's failures, one string for searching.
[[nodiscard]] inline std::string failure_text(const TestResult& result) {
  std::string text;
  for (const Failure& failure : result.failures) text += failure.headline + "\n" + failure.details + "\n";
  return text;
}

}  // namespace testkit::selftest
