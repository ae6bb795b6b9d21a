#include <testkit/run/options.hpp>

#include <cstdio>
#include <map>

#include <CLI/CLI.hpp>

namespace testkit {

ParsedOptions parse_options(int argc, const char* const* argv) {
  Options options;
  CLI::App app("Runs the tests of this program. Exit codes: 0 passed, 1 a test failed, 2 usage error, "
               "3 internal error, 5 no test selected.");
  app.set_help_flag("-h,--help", "Print this help and exit");
  app.add_flag("--list", options.list, "List the selected tests and exit");
  app.add_option("--filter", options.filter,
                 "Select tests by full name with globs (* and ?): 'Suite.*:Other.a-Suite.slow_*' runs what matches "
                 "a pattern before '-' and none after it");
  app.add_option("--tag", options.tags, "Run only tests that have this tag (repeatable: any of them)")
      ->take_all();
  app.add_option("--exclude-tag", options.exclude_tags, "Leave out tests that have this tag (repeatable)")
      ->take_all();
  const std::map<std::string, ColorMode> colors{
      {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}};
  app.add_option("--color", options.color, "Colour the console: auto (a terminal, unless NO_COLOR), always, never")
      ->transform(CLI::CheckedTransformer(colors, CLI::ignore_case));
  app.add_flag("--deterministic", options.deterministic,
               "Stable output for golden files: no times, short file names, no stack traces");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return {.exit_code = exit_code::success};
  } catch (const CLI::ParseError& error) {
    std::fprintf(stderr, "%s: error: %s\nRun with --help for the options.\n", argc > 0 ? argv[0] : "test",
                 error.what());
    return {.exit_code = exit_code::usage_error};
  }
  return {.options = std::move(options)};
}

}  // namespace testkit
