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
#include <testkit/run/in_process_executor.hpp>

#include "support/calls_body.hpp"
#include "support/recording_listener.hpp"

namespace testkit::selftest {

/// The result of running `body` as test "Inner.<name>".
[[nodiscard]] inline TestResult run_inner(std::function<void()> body, std::string name = "body") {
  static thread_local std::vector<std::unique_ptr<TestInfo>> infos;  // results point at their TestInfo
  infos.push_back(std::make_unique<TestInfo>(
      TestInfo{.suite = "Inner", .name = std::move(name), .where = {"inner.cpp", 1}, .make = [body = std::move(body)] {
                 return std::make_unique<CallsBody>(body);
               }}));
  return detail::run_test(*infos.back());
}

/// Runs `bodies` at once as tests "Pool.0", "Pool.1", ... on the in-process runner's pool of `jobs` threads.
[[nodiscard]] inline RunResult run_on_pool(const std::vector<std::function<void()>>& bodies, std::size_t jobs) {
  static thread_local std::vector<std::unique_ptr<TestInfo>> infos;  // results point at their TestInfo
  std::vector<const TestInfo*> plan;
  for (const std::function<void()>& body : bodies) {
    infos.push_back(std::make_unique<TestInfo>(TestInfo{.suite = "Pool",
                                                        .name = std::to_string(plan.size()),
                                                        .make = [body] { return std::make_unique<CallsBody>(body); }}));
    plan.push_back(infos.back().get());
  }
  RecordingListener listener;
  return run_in_process(plan, {.jobs = jobs}, listener);
}

/// The headlines and details of a result's failures, one string for searching.
[[nodiscard]] inline std::string failure_text(const TestResult& result) {
  std::string text;
  for (const Failure& failure : result.failures) text += failure.headline + "\n" + failure.details + "\n";
  return text;
}

}  // namespace testkit::selftest
