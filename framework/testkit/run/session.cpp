#include <testkit/run/session.hpp>

#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/core/process_role.hpp>
#include <testkit/core/registry.hpp>
#include <testkit/mock/gmock_bridge.hpp>
#include <testkit/report/console.hpp>
#include <testkit/report/report_files.hpp>
#include <testkit/run/cached_order.hpp>
#include <testkit/run/detail/run_steps.hpp>
#include <testkit/run/in_process_executor.hpp>
#include <testkit/run/listing.hpp>
#include <testkit/run/plan.hpp>
#include <testkit/run/process_executor.hpp>
#include <testkit/run/result_cache.hpp>
#include <testkit/run/sandbox.hpp>
#include <testkit/run/sanitizers.hpp>
#include <testkit/run/settings.hpp>
#include <testkit/run/worker.hpp>

namespace testkit {
namespace {

using Plan = std::span<const TestInfo* const>;

int list_tests(Plan plan, ListFormat format) {
  switch (format) {
    case ListFormat::json: std::fputs(format_json_listing(plan).c_str(), stdout); break;
    case ListFormat::gtest: std::fputs(format_gtest_listing(plan).c_str(), stdout); break;
    case ListFormat::text: std::fputs(format_listing(plan).c_str(), stdout); break;
  }
  return exit_code::success;
}

ReportContext report_context_of(const Settings& settings, const Execution& execution, std::string_view program) {
  ReportContext context = ReportContext::now(program, settings.deterministic);
  context.seed = settings.seed;
  context.shard_index = settings.shard.index;
  context.shard_count = settings.shard.count;
  context.jobs = execution.jobs;
  if (execution.sandbox.enabled) context.sandbox = record_sandbox(execution.sandbox);
  return context;
}

// The exit of a run whose plan is empty: no test selected, unless only the shard left nothing (more shards than
// tests), which is a success. The reports asked for are written, empty.
int end_empty_run(const Settings& settings, const std::deque<TestInfo>& tests, const ReportContext& context,
                  std::FILE* console_out) {
  Settings unsharded = settings;
  unsharded.shard = {};
  const bool empty_shard = settings.shard.count > 1 && !make_plan(tests, unsharded).empty();
  if (!empty_shard) std::fprintf(stderr, "testkit: no test selected (%zu registered)\n", tests.size());
  std::fprintf(console_out, "%s\n", summary_line({}).c_str());
  if (settings.reports.any()) ReportWriter(settings.reports, context).on(RunEnded{RunResult{}});
  return empty_shard ? exit_code::success : exit_code::no_tests;
}

// While alive, a write to a pipe whose reader is gone (the console piped into `head -1`) fails with EPIPE, which the
// console ignores, instead of raising SIGPIPE, which would end the run before its reports are written. Forked tests
// get the default back.
class SigpipeIgnored {
 public:
  SigpipeIgnored() {
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, &previous_);
  }
  ~SigpipeIgnored() { ::sigaction(SIGPIPE, &previous_, nullptr); }
  SigpipeIgnored(const SigpipeIgnored&) = delete;
  SigpipeIgnored& operator=(const SigpipeIgnored&) = delete;

 private:
  struct sigaction previous_ = {};
};

// Runs a non-empty plan with the console and the file reports listening.
RunOutcome run_plan(Plan plan, const Settings& settings, const Execution& execution, const ReportContext& context,
                    std::FILE* console_out) {
  const SigpipeIgnored sigpipe_ignored;
  if (context.sandbox) std::fprintf(console_out, "%s\n", describe_sandbox(*context.sandbox).c_str());
  if (settings.shuffle)
    std::fprintf(console_out, "Shuffled with --seed %llu\n", static_cast<unsigned long long>(*settings.seed));
  ListenerGroup listeners;
  const bool terminal = ::isatty(::fileno(console_out)) == 1;
  listeners.add(std::make_unique<ConsoleReporter>(
      console_out, ConsoleStyle{.color = use_color(settings.color, settings.color_environment, ::fileno(console_out)),
                                .deterministic = settings.deterministic,
                                .live = terminal && !settings.deterministic,
                                .flaky_fails = settings.flaky_fails}));
  ReportWriter* reports = nullptr;
  if (settings.reports.any()) {
    auto writer = std::make_unique<ReportWriter>(settings.reports, context);
    reports = writer.get();
    listeners.add(std::move(writer));
  }
  RunOutcome outcome{.run = settings.fork ? run_forked(plan, execution, listeners)
                                          : run_in_process(plan, execution, listeners)};
  const RunResult& run = outcome.run;
  outcome.tally = run.tally();
  const bool flaky_failed = settings.flaky_fails && outcome.tally.flaky > 0;
  outcome.exit_code = outcome.tally.failed > 0 || flaky_failed || run.interrupted_by != 0 ? exit_code::tests_failed
                                                                                          : exit_code::success;
  if (reports != nullptr && !reports->errors().empty()) {
    for (const std::string& error : reports->errors()) std::fprintf(stderr, "testkit: %s\n", error.c_str());
    if (run.interrupted_by == 0) outcome.exit_code = exit_code::tests_failed;  // a missing report must not look green
  }
  if (run.interrupted_by == SIGINT) outcome.exit_code = exit_code::interrupted;
  return outcome;
}

// The result cache file of the binary whose tests run: testkit-run's test binary, else this program; for a run of
// several binaries, one file of the combined run ("testkit-run") beside the first. Nullopt under --no-cache and in a
// worker, which runs one test for testkit-run (whose cache it is).
std::optional<std::filesystem::path> cache_file(const Settings& settings, const detail::TestSource& source) {
  if (!settings.cache.enabled || settings.worker) return std::nullopt;
  std::error_code error;
  const auto& workers = source.workers;
  const std::filesystem::path binary = workers.size() == 1 ? std::filesystem::path(workers.front().binary)
                                       : !workers.empty()
                                           ? std::filesystem::path(workers.front().binary).parent_path() / "testkit-run"
                                           : std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    std::fprintf(stderr, "testkit: no result cache: cannot tell where this program is (%s)\n", error.message().c_str());
    return std::nullopt;
  }
  return cache_file_of(settings.cache, binary);
}

// The cache, when the plan depends on it.
ResultCache read_cache(const std::optional<std::filesystem::path>& file, const Settings& settings) {
  if (!file || !(settings.cache.last_failed || settings.cache.failed_first || follows_durations(settings))) return {};
  std::string warning;
  ResultCache cache = read_result_cache(*file, warning);
  if (!warning.empty()) std::fprintf(stderr, "testkit: %s\n", warning.c_str());
  return cache;
}

// Says what --last-failed chose.
void describe_last_failed(Plan plan, const ResultCache& cache, std::FILE* console_out) {
  const auto failed = std::ranges::count_if(plan, [&](const TestInfo* test) { return failed_last_time(*test, cache); });
  if (failed == 0)
    std::fprintf(console_out, "--last-failed: no test failed in its last recorded run, running all %zu\n", plan.size());
  else
    std::fprintf(console_out, "--last-failed: running the %zu that failed in their last recorded run\n",
                 static_cast<std::size_t>(failed));
}

// Puts back the role a run replaced, so that a later run, or the program that called run_tests, starts as before.
class RoleScope {
 public:
  explicit RoleScope(const detail::ProcessRole& role) : previous_(detail::process_role()) {
    detail::assume_process_role(role);
  }
  ~RoleScope() { detail::assume_process_role(previous_); }
  RoleScope(const RoleScope&) = delete;
  RoleScope& operator=(const RoleScope&) = delete;

 private:
  detail::ProcessRole previous_;
};

}  // namespace

namespace detail {

RunOutcome run_with(const Settings& settings, std::string_view program, const TestSource& source) {
  if (settings.confined) {
    if (const std::string problem = deny_tracing(); !problem.empty()) {
      std::fprintf(stderr, "testkit: a confined worker cannot deny tracing: %s\n", problem.c_str());
      return {.exit_code = exit_code::internal_error};
    }
  }
  if (const std::string problem = prepare_environment(settings.run_environment); !problem.empty()) {
    std::fprintf(stderr, "testkit: %s\n", problem.c_str());
    return {.exit_code = exit_code::usage_error};
  }
  // The runtimes of the binaries whose code the tests run (testkit-run's workers, else this one), found now: an
  // installed testkit runs sanitized test binaries too. Every timeout is scaled, run_program's default included.
  const Sanitizers sanitizers = source.workers.empty() ? sanitizers_of_this_process() : source.worker_sanitizers;
  Execution execution = settings.execution;
  execution.workers = source.workers;
  execution.timeout_scale = settings.timeout_scale.value_or(sanitizers.timeout_factor());
  execution.timeout = scale_timeout(execution.timeout, execution.timeout_scale);
  const RoleScope role({.kind = settings.fork ? detail::ProcessKind::supervisor : detail::ProcessKind::in_process,
                        .stacktraces = !settings.deterministic,  // deterministic output shows no traces
                        .tmp_root = settings.tmp_root.c_str(),
                        .keep_tmp = settings.keep_tmp,
                        .default_timeout = execution.timeout,
                        .update_golden = settings.update_golden});
  init_gmock();  // once per process: GoogleMock failures are routed to the running test (GmockFailureForwarder)
  if (settings.host_worker && source.workers.empty()) run_as_host_worker(source.tests, *settings.host_worker);
  const std::optional<std::filesystem::path> cache_path = cache_file(settings, source);
  std::vector<const TestInfo*> selection = select_tests(source.tests, settings);
  // The cache orders a selection of two tests or more, and tells --last-failed what to say of one; reading it costs
  // a run of one test (CTest's one process per test) or none more than the rest of its start-up.
  const bool cache_matters = selection.size() > 1 || (settings.cache.last_failed && !selection.empty());
  const ResultCache cache = cache_matters ? read_cache(cache_path, settings) : ResultCache{};
  const std::vector<const TestInfo*> plan = plan_selection(std::move(selection), settings, cache);
  if (settings.worker && source.workers.empty()) {
    if (plan.size() == 1) run_as_worker(*plan.front(), *settings.worker);
    std::fprintf(stderr, "testkit: a worker runs one test; its filter selects %zu\n", plan.size());
    return {.exit_code = exit_code::usage_error};
  }
  if (settings.list) return {.exit_code = list_tests(plan, settings.list_format)};
  if (settings.valgrind && source.workers.empty()) {
    // The test binary's main hands a --valgrind run to testkit-run before anything else; run_tests cannot.
    std::fprintf(stderr,
                 "testkit: --valgrind starts every test through testkit-run: give it to the test binary's "
                 "command line or to testkit-run, or run the program under valgrind\n");
    return {.exit_code = exit_code::usage_error};
  }
  if (const std::string problem = check_report_paths(settings.reports); !problem.empty()) {
    std::fprintf(stderr, "%.*s: error: %s\n", static_cast<int>(program.size()), program.data(), problem.c_str());
    return {.exit_code = exit_code::usage_error};
  }
  // Before the report context: the reports record what the sandbox can do here.
  if (execution.sandbox.enabled && !execution.sandbox.support.probed) execution.sandbox.support = probe_sandbox();
  execution.sandbox.support.limits_memory = limits_memory(execution.sandbox.limits, sanitizers);
  const ReportContext context = report_context_of(settings, execution, program);
  // With TAP on stdout, everything else the runner prints goes to stderr.
  std::FILE* const console_out = settings.reports.tap_stdout ? stderr : stdout;
  const PrematureExitFile premature_exit(settings.run_environment.premature_exit_file);
  if (plan.empty()) return {.exit_code = end_empty_run(settings, source.tests, context, console_out)};
  if (settings.cache.last_failed) describe_last_failed(plan, cache, console_out);
  RunOutcome outcome = run_plan(plan, settings, execution, context, console_out);
  if (cache_path)
    if (const std::string problem = update_result_cache(*cache_path, outcome.run, source.tests.size());
        !problem.empty())
      std::fprintf(stderr, "testkit: %s\n", problem.c_str());
  return outcome;
}

}  // namespace detail

RunOutcome run_tests(const std::vector<std::string>& args, std::string_view program) {
  try {
    const std::string program_name(program.empty() ? std::string_view(program_invocation_name) : program);
    std::vector<const char*> argv{program_name.c_str()};
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    const ParsedSettings parsed = read_settings(static_cast<int>(argv.size()), argv.data(), process_environment);
    if (!parsed.settings) return {.exit_code = parsed.exit_code};
    return detail::run_with(*parsed.settings, program_name, {.tests = Registry::instance().tests()});
  } catch (const std::exception& error) {
    std::fprintf(stderr, "testkit: internal error: %s\n", error.what());
  } catch (...) {
    std::fprintf(stderr, "testkit: internal error: unknown exception\n");
  }
  return {.exit_code = exit_code::internal_error};
}

int run_main(int argc, const char* const* argv) {
  const std::vector<std::string> args(argv + std::min(argc, 1), argv + std::max(argc, 0));
  return run_tests(args, argc > 0 ? argv[0] : "test").exit_code;
}

}  // namespace testkit
