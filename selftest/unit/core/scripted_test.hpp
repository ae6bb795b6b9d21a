#pragma once
/// Hand-made tests for the lifecycle selftests: a TestCase whose phases write their names to a log and then
/// do what the scenario asks (fail, throw, skip, register cleanups...).

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <testkit/core/result.hpp>
#include <testkit/core/test_case.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit::selftest {

/// What a scenario did, in order: "set_up", "body", "tear_down", cleanup names...
using Log = std::vector<std::string>;

class ScriptedCase;
/// One phase's action, run after the phase logged its name.
using Step = std::function<void(ScriptedCase&)>;

/// What each phase of a scripted test does; an empty step only logs.
struct Script {
  Step set_up{};
  Step body{};
  Step tear_down{};
};

/// A fixture instance that logs each phase into a Log owned by the calling test.
class ScriptedCase final : public TestCase {
 public:
  ScriptedCase(Log& log, Script script) : log_(log), script_(std::move(script)) {}

  void set_up() override { run("set_up", script_.set_up); }
  void tear_down() override { run("tear_down", script_.tear_down); }

  /// Registers a cleanup that logs `name`, then runs `then`.
  void cleanup(std::string name, Step then = {}) {
    add_cleanup([this, name = std::move(name), then = std::move(then)] {
      log_.push_back(name);
      if (then) then(*this);
    });
  }
  /// Writes `entry` to the log (for steps that mark how far they got).
  void note(std::string entry) { log_.push_back(std::move(entry)); }

 private:
  void test_body() override { run("body", script_.body); }
  void run(const char* phase, const Step& step) {
    log_.emplace_back(phase);
    if (step) step(*this);
  }

  Log& log_;
  Script script_;
};

/// A test "Scripted.<name>" whose instances are ScriptedCases writing to `log` (which must outlive it).
/// Set .suite, .meta or .fixture on the result as the scenario needs.
[[nodiscard]] inline TestInfo scripted_test(std::string name, Log& log, Script script = {}) {
  return TestInfo{.suite = "Scripted",
                  .name = std::move(name),
                  .where = {"scripted_scenario.cpp", 42},
                  .make = [&log, script = std::move(script)] { return std::make_unique<ScriptedCase>(log, script); }};
}

/// The headlines of a result's failures, in order.
[[nodiscard]] inline std::vector<std::string> headlines(const TestResult& result) {
  std::vector<std::string> out;
  for (const Failure& failure : result.failures) out.push_back(failure.headline);
  return out;
}

/// The phases of a result's failures, in order.
[[nodiscard]] inline std::vector<std::string> phases(const TestResult& result) {
  std::vector<std::string> out;
  for (const Failure& failure : result.failures) out.push_back(failure.phase);
  return out;
}

}  // namespace testkit::selftest
