#pragma once
/// The GoogleTest flags a test binary accepts, so that tools written for gtest binaries drive it unchanged:
/// CMake's gtest_discover_tests, Meson's protocol 'gtest', gtest-parallel.

#include <string>

#include <CLI/App.hpp>

#include <testkit/run/settings.hpp>

namespace testkit::detail {

/// The gtest flags whose values need translating after parsing.
struct GtestAliases {
  bool list_tests = false;  ///< --gtest_list_tests
  std::string color{};      ///< --gtest_color, already translated to testkit's "auto", "always" or "never"
};

/// Adds --gtest_list_tests, --gtest_filter, --gtest_also_run_disabled_tests, --gtest_color, --gtest_repeat,
/// --gtest_shuffle and --gtest_random_seed to `app`, in their own help group. Those with a testkit twin write
/// straight into `settings`; the rest into `aliases`.
void add_gtest_options(CLI::App& app, Settings& settings, GtestAliases& aliases);

/// Applies what only `aliases` holds to `settings`, after parsing.
void apply_gtest_aliases(const GtestAliases& aliases, Settings& settings);

}  // namespace testkit::detail
