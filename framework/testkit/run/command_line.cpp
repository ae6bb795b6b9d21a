#include <testkit/run/settings.hpp>

#include <sched.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <testkit/run/detail/gtest_options.hpp>
#include <testkit/run/filter.hpp>
#include <testkit/run/report_options.hpp>

namespace testkit {
namespace {

std::size_t available_cpus() {
  cpu_set_t cpus;
  if (sched_getaffinity(0, sizeof cpus, &cpus) == 0) return static_cast<std::size_t>(CPU_COUNT(&cpus));
  return std::max(1u, std::thread::hardware_concurrency());
}

// `text` as a whole number from `lowest` to `highest`, digits only (no sign, no space), or nullopt.
std::optional<std::size_t> whole_number(std::string_view text, std::size_t lowest, std::size_t highest) {
  std::size_t value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || status != std::errc{} || end != text.data() + text.size() || value < lowest || value > highest)
    return std::nullopt;
  return value;
}

// "auto" or a whole number from 1 to 1024.
std::string parse_jobs(const std::string& text, std::size_t& jobs) {
  if (text == "auto") {
    jobs = available_cpus();
    return {};
  }
  const std::optional<std::size_t> value = whole_number(text, 1, 1024);
  if (!value) return "--jobs takes 'auto' or a whole number from 1 to 1024, not '" + text + "'";
  jobs = *value;
  return {};
}

// MiB, 0 for no limit; up to 1 TiB, past which a limit means nothing and the bytes would overflow soon after.
std::string parse_output_limit(const std::string& text, std::size_t& bytes) {
  constexpr std::size_t max_mib = std::size_t{1} << 20;
  const std::optional<std::size_t> mib = whole_number(text, 0, max_mib);
  if (!mib)
    return fmt::format("--output-limit takes a whole number of MiB from 0 (no limit) to {}, not '{}'", max_mib, text);
  bytes = *mib << 20;
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

// The options as typed, before they are checked and turned into Settings; the other options write into
// Settings directly.
struct TypedOptions {
  std::string list_format{};
  std::string color = "auto";
  std::string jobs = "auto";
  bool no_fork = false;
  std::string timeout = "60";
  std::string output_limit_mib{};
  std::string retries = "0";
  detail::GtestAliases gtest{};
  ReportArguments reports{};
  std::string worker{};
  std::string host_worker{};
  std::optional<std::string> timeout_scale{};
};

void add_selection_options(CLI::App& app, Settings& settings, TypedOptions& typed) {
  app.add_option("--list", typed.list_format, "List the selected tests and exit: as text (the default) or as json")
      ->expected(0, 1)
      ->check(CLI::IsMember({"", "text", "json"}));
  app.add_option("--filter", settings.filter,
                 "Select tests by full name with globs (* and ?): 'Suite.*:Other.a-Suite.slow_*' runs what matches "
                 "a pattern before '-' and none after it");
  app.add_option("--tag", settings.tags, "Run only tests that have this tag (repeatable: any of them)")->take_all();
  app.add_option("--exclude-tag", settings.exclude_tags, "Leave out tests that have this tag (repeatable)")->take_all();
}

void add_output_options(CLI::App& app, Settings& settings, TypedOptions& typed) {
  app.add_option("--color", typed.color, "Colour the console: auto (a terminal, unless NO_COLOR), always, never")
      ->transform(CLI::IsMember({"auto", "always", "never"}, CLI::ignore_case))
      ->capture_default_str();
  app.add_flag("--update-golden", settings.update_golden,
               "Write the golden file of each TK_EXPECT_GOLDEN that does not match (or is missing) from the text it "
               "checks, instead of failing");
  app.add_flag("--deterministic", settings.deterministic,
               "Stable output for golden files: no times, short file names, no stack traces, results in "
               "plan order, seed 0 unless --seed is given");
}

void add_execution_options(CLI::App& app, Settings& settings, TypedOptions& typed) {
  app.add_option("-j,--jobs", typed.jobs, "Tests run at once: a number or 'auto' (the CPUs this process may use)")
      ->capture_default_str();
  app.add_flag("--no-fork", typed.no_fork,
               "Run tests inside this process: on the main thread with -j 1 (for debuggers), else on a thread "
               "pool. A crash then ends the run, and a timeout ends it after reporting");
  app.add_flag("--valgrind", settings.valgrind,
               "Run each test under valgrind's memcheck, through testkit-run: errors it counts make the test MEMORY, "
               "bytes lost at its end make it LEAK; memcheck's report is in the test's stderr. Timeouts are scaled "
               "by 20");
  app.add_option("--timeout", typed.timeout, "Seconds a test may run unless its metadata says otherwise; 0 for none")
      ->capture_default_str();
  app.add_option("--timeout-scale", typed.timeout_scale,
                 "Multiply every timeout by this factor, a test's own .timeout included (default: 3 under "
                 "AddressSanitizer, 5 under ThreadSanitizer, 2 under UndefinedBehaviorSanitizer, 20 under valgrind, "
                 "else 1)")
      ->type_name("X");
  app.add_option("--output-limit", typed.output_limit_mib,
                 "MiB of stdout and stderr a forked test may write before it is killed; 0 for no limit")
      ->capture_default_str();
  app.add_flag("--fail-fast", settings.execution.fail_fast, "Start no test after the first failure");
  app.add_flag("--keep-tmp", settings.keep_tmp,
               "Keep each test's testkit::tmp_path() directory after the test (a failing test's report names it)");
}

void add_order_options(CLI::App& app, Settings& settings) {
  app.add_flag("--shuffle", settings.shuffle, "Run the tests in a random order (the seed is printed)");
  app.add_option("--seed", settings.seed, "Seed of --shuffle, to repeat an order");
  app.add_option("--repeat", settings.repeat, "Run the selected tests this many times")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
}

void add_retry_options(CLI::App& app, Settings& settings, TypedOptions& typed) {
  app.add_option("--retries", typed.retries,
                 "Run a failing test again, up to this many more times, unless its metadata sets .retries; a test "
                 "that then passes is FLAKY")
      ->capture_default_str();
  app.add_flag("--flaky-fails", settings.flaky_fails, "A flaky test fails the run (exit code 1)");
}

// A whole number of retries from 0 to max_retries.
std::string parse_retries(const std::string& text, std::size_t& retries) {
  const std::optional<std::size_t> value = whole_number(text, 0, max_retries);
  if (!value) return fmt::format("--retries takes a whole number from 0 to {}, not '{}'", max_retries, text);
  retries = *value;
  return {};
}

void add_cache_options(CLI::App& app, CacheSettings& cache) {
  CLI::Option* dir =
      app.add_option("--cache-dir", cache.dir,
                     "Keep the result cache (each test's last verdict and duration) in this directory instead of "
                     ".testkit/ beside the test binary")
          ->type_name("DIR")
          ->check([](const std::string& text) { return text.empty() ? std::string("needs a directory") : ""; });
  CLI::Option* last_failed =
      app.add_flag("--lf,--last-failed", cache.last_failed,
                   "Run only the tests that failed in their last recorded run (all of them if none did)");
  CLI::Option* failed_first = app.add_flag("--ff,--failed-first", cache.failed_first,
                                           "Run the tests that failed in their last recorded run first");
  app.add_flag_callback(
         "--no-cache", [&cache] { cache.enabled = false; }, "Neither read nor write the result cache")
      ->excludes(dir)
      ->excludes(last_failed)
      ->excludes(failed_first);
}

// Options that testkit-run passes to the test binary it starts; in no help group, since people do not type them.
void add_worker_options(CLI::App& app, Settings& settings, TypedOptions& typed) {
  app.add_option("--testkit-worker", typed.worker, "Run the one selected test as testkit-run's worker")->group("");
  app.add_option("--testkit-worker-host", typed.host_worker, "Run as the class host of testkit-run's listed tests")
      ->group("");
  app.add_flag("--testkit-confined", settings.confined, "This worker was started inside testkit-run's sandbox")
      ->group("");
}

void add_sandbox_options(CLI::App& app, SandboxSettings& sandbox) {
  const std::string grading = "Grading (untrusted code)";
  app.add_flag("--sandbox", sandbox.enabled,
               "Run each test confined: resource limits, no network, writes only to a private HOME/TMPDIR, a "
               "scrubbed environment, a PID namespace that ends with its class, as a user of its own per class when "
               "root. Prints which mechanisms are active")
      ->group(grading);
  const auto add_limit = [&](const char* name, std::size_t& value, const char* description, std::size_t lowest,
                             std::size_t highest) {
    app.add_option(name, value, description)->check(CLI::Range(lowest, highest))->capture_default_str()->group(grading);
  };
  SandboxLimits& limits = sandbox.limits;
  app.add_option("--sandbox-memory", limits.memory_mib,
                 "MiB of address space a sandboxed test may use; 0 for no limit (none is set for a binary built with "
                 "AddressSanitizer, ThreadSanitizer or LeakSanitizer)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            std::size_t mib = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), mib);
            const bool valid = error == std::errc{} && end == text.data() + text.size() &&
                               (mib == 0 || (mib >= 16 && mib <= std::size_t{1} << 30));
            return valid ? std::string() : "takes 0 (no limit) or 16 to 1073741824 MiB, not " + text;
          },
          "0 or 16..1073741824", "memory"))
      ->capture_default_str()
      ->group(grading);
  add_limit("--sandbox-processes", limits.processes, "Processes and threads a sandboxed test's user may have", 1,
            std::size_t{1} << 20);
  add_limit("--sandbox-file-size", limits.file_size_mib, "MiB of the largest file a sandboxed test may write", 1,
            std::size_t{1} << 30);
  add_limit("--sandbox-open-files", limits.open_files, "Descriptors a sandboxed test may have open", 16,
            std::size_t{1} << 20);
  app.add_option("--sandbox-hide", sandbox.hidden_paths,
                 "A file or directory no sandboxed test may read, such as the reference solution (repeatable; the "
                 "directories on the way to it cannot be listed)")
      ->type_name("PATH")
      ->group(grading);
}

// Makes each --sandbox-hide path absolute and real; "" or the one that does not exist.
std::string resolve_hidden_paths(std::vector<std::string>& paths) {
  for (std::string& path : paths) {
    std::error_code error;
    const std::filesystem::path real = std::filesystem::canonical(path, error);
    if (error) return fmt::format("--sandbox-hide: cannot find {}", path);
    path = real.string();
  }
  return "";
}

// Checks the typed options and turns them into `settings`. Returns what is wrong, or "".
std::string finish(const TypedOptions& typed, bool list_given, std::string_view program, Settings& settings) {
  Execution& execution = settings.execution;
  if (!typed.worker.empty() && !(settings.worker = parse_worker_channels(typed.worker)))
    return "--testkit-worker takes two descriptors, 'RESULT,BLACK_BOX'";
  if (!typed.host_worker.empty() && !(settings.host_worker = parse_host_worker_channels(typed.host_worker)))
    return "--testkit-worker-host takes four descriptors, 'SOCKET,FAILURES,BLACK_BOX,TESTS'";
  std::string problem = parse_jobs(typed.jobs, execution.jobs);
  if (problem.empty()) problem = parse_seconds(typed.timeout, execution.timeout);
  if (problem.empty()) problem = parse_output_limit(typed.output_limit_mib, execution.output_limit);
  if (problem.empty() && typed.timeout_scale && !(settings.timeout_scale = parse_timeout_scale(*typed.timeout_scale)))
    problem = "--timeout-scale takes a factor above 0 and up to 1000, not '" + *typed.timeout_scale + "'";
  if (problem.empty()) problem = parse_retries(typed.retries, execution.retries);
  if (problem.empty()) problem = filter_problem(settings.filter, settings.binaries);
  if (problem.empty() && !execution.sandbox.enabled && !execution.sandbox.hidden_paths.empty())
    problem = "--sandbox-hide hides paths from sandboxed tests: it needs --sandbox";
  if (problem.empty()) problem = resolve_hidden_paths(execution.sandbox.hidden_paths);
  if (problem.empty() && execution.sandbox.enabled && typed.no_fork)
    problem = "--sandbox runs every test in a process of its own: it cannot be combined with --no-fork";
  if (problem.empty() && settings.valgrind && typed.no_fork)
    problem =
        "--valgrind runs every test in a process of its own: it cannot be combined with --no-fork (run "
        "`valgrind BINARY --no-fork` for that)";
  if (problem.empty() && execution.sandbox.enabled && settings.update_golden)
    problem = "--update-golden writes next to the test sources, which --sandbox does not let a test do";
  if (problem.empty()) problem = resolve_report_paths(typed.reports, program, settings.reports);
  if (!problem.empty()) return problem;
  settings.fork = !typed.no_fork;
  settings.list = list_given;
  settings.list_format = typed.list_format == "json" ? ListFormat::json : ListFormat::text;
  const std::string& color = typed.gtest.color.empty() ? typed.color : typed.gtest.color;
  settings.color = color == "always" ? ColorMode::always : color == "never" ? ColorMode::never : ColorMode::automatic;
  detail::apply_gtest_aliases(typed.gtest, settings);
  execution.in_plan_order = settings.deterministic;
  if (settings.deterministic && !settings.seed) settings.seed = 0;
  return {};
}

ParsedSettings usage_error(std::string_view program, std::string_view problem) {
  std::fprintf(stderr, "%.*s: error: %.*s\nRun with --help for the options.\n", static_cast<int>(program.size()),
               program.data(), static_cast<int>(problem.size()), problem.data());
  return {.exit_code = exit_code::usage_error};
}

// The options of a command line that gives only the commonest ones, each at most once, in forms whose meaning does
// not depend on the option table: --filter / --gtest_filter PATTERN, -j / --jobs N, each with its value after '=' or
// as the next argument (not empty, not starting with '-'), and the flags --no-fork and --no-cache.
struct CommonOptions {
  std::optional<std::string> filter{};
  std::optional<std::string> jobs{};
  bool no_fork = false;
  bool no_cache = false;
};

// The command line `argv` as CommonOptions, or nullopt when it gives anything else (an option twice, --help, a
// positional argument...): the option table then parses it, with its messages. Building that table (about fifty
// options) costs a test binary more than the rest of its start-up.
std::optional<CommonOptions> parse_common_options(int argc, const char* const* argv) {
  CommonOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--no-fork" && !options.no_fork) {
      options.no_fork = true;
      continue;
    }
    if (arg == "--no-cache" && !options.no_cache) {
      options.no_cache = true;
      continue;
    }
    const std::size_t equals = arg.find('=');
    const std::string_view name = arg.substr(0, equals);
    std::optional<std::string>* const target = name == "--filter" || name == "--gtest_filter" ? &options.filter
                                               : name == "-j" || name == "--jobs"             ? &options.jobs
                                                                                              : nullptr;
    if (target == nullptr || target->has_value()) return std::nullopt;
    const bool joined = equals != std::string_view::npos;
    if (joined && name == "-j") return std::nullopt;  // "-j=2" is not a form people type; the table decides
    if (!joined && i + 1 == argc) return std::nullopt;
    const std::string_view value = joined ? arg.substr(equals + 1) : std::string_view(argv[++i]);
    if (value.empty() || value.front() == '-') return std::nullopt;
    *target = std::string(value);
  }
  return options;
}

// The command line through the full option table.
ParsedSettings parse_with_table(int argc, const char* const* argv, std::string_view program, Settings settings,
                                TypedOptions typed) {
  CLI::App app(
      "Runs the tests of this program. Exit codes: 0 passed, 1 a test failed, 2 usage error, "
      "3 internal error, 5 no test selected.");
  app.set_help_flag("-h,--help", "Print this help and exit");
  add_selection_options(app, settings, typed);
  add_output_options(app, settings, typed);
  add_execution_options(app, settings, typed);
  add_order_options(app, settings);
  add_retry_options(app, settings, typed);
  add_cache_options(app, settings.cache);
  add_sandbox_options(app, settings.execution.sandbox);
  add_worker_options(app, settings, typed);
  detail::add_gtest_options(app, settings, typed.gtest);
  add_report_options(app, typed.reports);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return {.exit_code = exit_code::success};
  } catch (const CLI::ParseError& error) {
    return usage_error(program, error.what());
  }
  if (const std::string problem = finish(typed, app.count("--list") > 0, program, settings); !problem.empty())
    return usage_error(program, problem);
  return {.settings = std::move(settings)};
}

// The command line, through parse_common_options when `shortcut` allows and it understands it, else the table.
ParsedSettings parse(int argc, const char* const* argv, std::vector<std::string> binaries, bool shortcut) {
  const std::string_view program = argc > 0 ? argv[0] : "test";
  Settings settings;
  settings.binaries = std::move(binaries);
  TypedOptions typed{.output_limit_mib = std::to_string(settings.execution.output_limit >> 20)};
  const std::optional<CommonOptions> common = shortcut ? parse_common_options(argc, argv) : std::nullopt;
  if (!common) return parse_with_table(argc, argv, program, std::move(settings), std::move(typed));
  // What the table would have stored for these options.
  if (common->filter) settings.filter = *common->filter;
  if (common->jobs) typed.jobs = *common->jobs;
  typed.no_fork = common->no_fork;
  if (common->no_cache) settings.cache.enabled = false;
  if (const std::string problem = finish(typed, /*list_given=*/false, program, settings); !problem.empty())
    return usage_error(program, problem);
  return {.settings = std::move(settings)};
}

}  // namespace

ParsedSettings parse_command_line(int argc, const char* const* argv, std::vector<std::string> binaries) {
  return parse(argc, argv, std::move(binaries), /*shortcut=*/true);
}

ParsedSettings parse_command_line_with_table(int argc, const char* const* argv, std::vector<std::string> binaries) {
  return parse(argc, argv, std::move(binaries), /*shortcut=*/false);
}

}  // namespace testkit
