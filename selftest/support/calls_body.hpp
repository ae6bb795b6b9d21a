#pragma once
// A TestCase whose body is a given function, for runner tests that build TestInfo objects by hand.

#include <functional>
#include <utility>

#include <testkit/core/test_case.hpp>

namespace testkit::selftest {

/// Runs `body` as its test body.
class CallsBody final : public TestCase {
 public:
  explicit CallsBody(std::function<void()> body) : body_(std::move(body)) {}

 private:
  void test_body() override { body_(); }
  std::function<void()> body_;
};

}  // namespace testkit::selftest
