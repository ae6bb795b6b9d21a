#include <testkit/run/detail/gtest_options.hpp>

#include <map>

#include <CLI/CLI.hpp>

namespace testkit::detail {

void add_gtest_options(CLI::App& app, Settings& settings, GtestAliases& aliases) {
  const std::string group = "GoogleTest compatibility";
  app.add_flag("--gtest_list_tests", aliases.list_tests, "List the tests in GoogleTest's format and exit")
      ->group(group);
  app.add_option("--gtest_filter", settings.filter, "Same as --filter")->group(group);
  // testkit has no DISABLED_ prefix: tests are skipped through their metadata, with a reason, and never run.
  app.add_flag("--gtest_also_run_disabled_tests")
      ->description("Accepted and ignored (testkit has no DISABLED_ tests)")
      ->group(group);
  const std::map<std::string, std::string> colors{{"yes", "always"}, {"true", "always"}, {"t", "always"},
                                                  {"1", "always"},   {"no", "never"},    {"false", "never"},
                                                  {"f", "never"},    {"0", "never"},     {"auto", "auto"}};
  app.add_option("--gtest_color", aliases.color, "Same as --color: yes, no or auto")
      ->transform(CLI::CheckedTransformer(colors, CLI::ignore_case))
      ->group(group);
  app.add_option("--gtest_repeat", settings.repeat, "Same as --repeat")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))
      ->group(group);
  app.add_flag("--gtest_shuffle", settings.shuffle, "Same as --shuffle")->group(group);
  app.add_option("--gtest_random_seed", settings.seed, "Same as --seed")->group(group);
}

void apply_gtest_aliases(const GtestAliases& aliases, Settings& settings) {
  if (aliases.list_tests) {
    settings.list = true;
    settings.list_format = ListFormat::gtest;
  }
}

}  // namespace testkit::detail
