#include <testkit/run/options.hpp>

#include <sched.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include <CLI/CLI.hpp>

#include <testkit/run/detail/gtest_options.hpp>
#include <testkit/run/report_options.hpp>

namespace testkit {
namespace {

std::size_t available_cpus() {
  cpu_set_t cpus;
  if (sched_getaffinity(0, sizeof cpus, &cpus) == 0) return static_cast<std::size_t>(CPU_COUNT(&cpus));
  return std::max(1u, std::thread::hardware_concurrency());
}

// "auto" or a whole number from 1 to 1024.
std::string parse_jobs(const std::string& text, std::size_t& jobs) {
  if (text == "auto") {
    jobs = available_cpus();
    return {};
  }
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || value < 1 || value > 1024)
    return "--jobs takes 'auto' or a whole number from 1 to 1024, not '" + text + "'";
  jobs = static_cast<std::size_t>(value);
  return {};
}

// Seconds, fractions allowed; 0 means no timeout.
std::string parse_seconds(const std::string& text, std::chrono::milliseconds& timeout) {
  std::size_t used = 0;
  double seconds = -1;
  try {
    seconds = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || !std::isfinite(seconds) || seconds < 0 || seconds > 1e6)
    return "--timeout takes a number of seconds from 0 (none) to 1000000, not '" + text + "'";
  // Below half a millisecond rounds to 0, which means no timeout at all: keep the smallest one instead.
  timeout = std::chrono::milliseconds(std::max(seconds > 0 ? 1LL : 0LL, std::llround(seconds * 1000)));
  return {};
}

}  // namespace

ParsedOptions parse_options(int argc, const char* const* argv) {
  Options options;
  CLI::App app("Runs the tests of this program. Exit codes: 0 passed, 1 a test failed, 2 usage error, "
               "3 internal error, 5 no test selected.");
  app.set_help_flag("-h,--help", "Print this help and exit");
  std::string list_format;
  app.add_option("--list", list_format, "List the selected tests and exit: as text (the default) or as json")
      ->expected(0, 1)
      ->check(CLI::IsMember({"", "text", "json"}));
  app.add_option("--filter", options.filter,
                 "Select tests by full name with globs (* and ?): 'Suite.*:Other.a-Suite.slow_*' runs what matches "
                 "a pattern before '-' and none after it");
  app.add_option("--tag", options.tags, "Run only tests that have this tag (repeatable: any of them)")
      ->take_all();
  app.add_option("--exclude-tag", options.exclude_tags, "Leave out tests that have this tag (repeatable)")
      ->take_all();
  std::string color = "auto";
  app.add_option("--color", color, "Colour the console: auto (a terminal, unless NO_COLOR), always, never")
      ->transform(CLI::IsMember({"auto", "always", "never"}, CLI::ignore_case))
      ->capture_default_str();
  app.add_flag("--deterministic", options.deterministic,
               "Stable output for golden files: no times, short file names, no stack traces, results in "
               "plan order, seed 0 unless --seed is given");
  std::string jobs = "auto";
  app.add_option("-j,--jobs", jobs, "Tests run at once: a number or 'auto' (the CPUs this process may use)")
      ->capture_default_str();
  bool no_fork = false;
  app.add_flag("--no-fork", no_fork,
               "Run tests inside this process: on the main thread with -j 1 (for debuggers), else on a thread "
               "pool. A crash then ends the run, and a timeout ends it after reporting");
  std::string timeout = "60";
  app.add_option("--timeout", timeout, "Seconds a test may run unless its metadata says otherwise; 0 for none")
      ->capture_default_str();
  std::size_t output_limit_mib = options.execution.output_limit >> 20;
  app.add_option("--output-limit", output_limit_mib,
                 "MiB of stdout and stderr a forked test may write before it is killed; 0 for no limit")
      ->capture_default_str();
  app.add_flag("--fail-fast", options.execution.fail_fast, "Start no test after the first failure");
  app.add_flag("--shuffle", options.shuffle, "Run the tests in a random order (the seed is printed)");
  app.add_option("--seed", options.seed, "Seed of --shuffle, to repeat an order");
  app.add_option("--repeat", options.repeat, "Run the selected tests this many times")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  SandboxSettings& sandbox = options.execution.sandbox;
  const std::string grading = "Grading (untrusted code)";
  app.add_flag("--sandbox", sandbox.enabled,
               "Run each test confined: resource limits, no network, writes only to a private HOME/TMPDIR, a "
               "scrubbed environment, as user nobody when root. Prints which mechanisms are active")
      ->group(grading);
  SandboxLimits& limits = sandbox.limits;
  const auto add_limit = [&](const char* name, std::size_t& value, const char* description, std::size_t lowest,
                             std::size_t highest) {
    app.add_option(name, value, description)
        ->check(CLI::Range(lowest, highest))
        ->capture_default_str()
        ->group(grading);
  };
  add_limit("--sandbox-memory", limits.memory_mib, "MiB of address space a sandboxed test may use", 16,
            std::size_t{1} << 30);
  add_limit("--sandbox-processes", limits.processes, "Processes and threads a sandboxed test's user may have", 1,
            std::size_t{1} << 20);
  add_limit("--sandbox-file-size", limits.file_size_mib, "MiB of the largest file a sandboxed test may write", 1,
            std::size_t{1} << 30);
  add_limit("--sandbox-open-files", limits.open_files, "Descriptors a sandboxed test may have open", 16,
            std::size_t{1} << 20);
  detail::GtestAliases gtest;
  detail::add_gtest_options(app, options, gtest);
  ReportArguments report_arguments;
  add_report_options(app, report_arguments);
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
  std::string problem = parse_jobs(jobs, options.execution.jobs);
  if (problem.empty()) problem = parse_seconds(timeout, options.execution.timeout);
  if (problem.empty() && sandbox.enabled && no_fork)
    problem = "--sandbox runs every test in a process of its own: it cannot be combined with --no-fork";
  if (problem.empty()) problem = resolve_report_paths(report_arguments, argc > 0 ? argv[0] : "test", options.reports);
  if (!problem.empty()) {
    std::fprintf(stderr, "%s: error: %s\nRun with --help for the options.\n", argc > 0 ? argv[0] : "test",
                 problem.c_str());
    return {.exit_code = exit_code::usage_error};
  }
  options.fork = !no_fork;
  options.list = app.count("--list") > 0;
  options.list_format = list_format == "json" ? ListFormat::json : ListFormat::text;
  if (!gtest.color.empty()) color = gtest.color;
  options.color = color == "always" ? ColorMode::always : color == "never" ? ColorMode::never : ColorMode::automatic;
  detail::apply_gtest_aliases(gtest, options);
  options.execution.output_limit = output_limit_mib << 20;
  options.execution.in_plan_order = options.deterministic;
  if (options.deterministic && !options.seed) options.seed = 0;
  return {.options = std::move(options)};
}

}  // namespace testkit
