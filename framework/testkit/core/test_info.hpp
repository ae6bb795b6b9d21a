#pragma once
/// What the registry knows of one test.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <testkit/core/location.hpp>
#include <testkit/core/metadata.hpp>

namespace testkit {

class TestCase;

/// The class-level hooks of one fixture class; one instance per class, shared by all its tests.
struct FixtureClass {
  std::string name{};
  void (*set_up_class)() = nullptr;
  void (*tear_down_class)() = nullptr;
};

/// One registered test. Immutable once registered; lives until the program ends.
struct TestInfo {
  std::string suite{};
  std::string name{};
  Location where{};
  Metadata meta{};
  const FixtureClass* fixture = nullptr;              ///< null for TK_TEST (no class-level hooks)
  std::function<std::unique_ptr<TestCase>()> make{};  ///< a fresh instance for each run of the test
  std::string param{};                                ///< the printed parameter of a parametrized test

  /// "Suite.name", the name filters and reports use.
  [[nodiscard]] std::string full_name() const {
    return joined([this](auto take) { full_name_parts(take); });
  }
  /// "name", or "name [param]" for a parametrized test: its name within its suite as reports show it.
  [[nodiscard]] std::string name_with_param() const {
    return joined([this](auto take) { name_with_param_parts(take); });
  }
  /// "Suite.name", or "Suite.name [param]": the test as the console and reports show it.
  [[nodiscard]] std::string display_name() const {
    return joined([this](auto take) { display_name_parts(take); });
  }
  /// Call `take` with the pieces of full_name() and display_name() in order, for work that needs their characters but
  /// not the strings (a hash, a buffer of names).
  template <class Take> void full_name_parts(Take&& take) const {
    take(std::string_view(suite));
    take(std::string_view("."));
    take(std::string_view(name));
  }
  template <class Take> void display_name_parts(Take&& take) const {
    full_name_parts(take);
    param_parts(take);
  }

 private:
  template <class Take> void name_with_param_parts(Take&& take) const {
    take(std::string_view(name));
    param_parts(take);
  }
  template <class Take> void param_parts(Take&& take) const {
    if (param.empty()) return;
    take(std::string_view(" ["));
    take(std::string_view(param));
    take(std::string_view("]"));
  }
  // The string that `parts` gives to the function it is called with, piece by piece.
  template <class Parts> static std::string joined(Parts&& parts) {
    std::string out;
    parts([&out](std::string_view part) { out += part; });
    return out;
  }
};

}  // namespace testkit
