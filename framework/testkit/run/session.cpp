#include <testkit/run/session.hpp>

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <random>

#include <fmt/format.h>

#include <testkit/core/registry.hpp>
#include <testkit/core/stacktrace.hpp>
#include <testkit/mock/gmock_bridge.hpp>
#include <testkit/report/console.hpp>
#include <testkit/report/report_files.hpp>
#include <testkit/run/environment.hpp>
#include <testkit/run/in_process_executor.hpp>
#include <testkit/run/process_executor.hpp>
#include <testkit/run/listing.hpp>
#include <testkit/run/options.hpp>
#include <testkit/run/plan.hpp>

namespace testkit {
namespace {

std::string format_listing(std::span<const TestInfo* const> plan, ListFormat format) {
  switch (format) {
    case ListFormat::json: return format_json_listing(plan);
    case ListFormat::gtest: return format_gtest_listing(plan);
    case ListFormat::text: break;
  }
  return format_listing(plan);
}

// The exit of a run whose plan is empty: no test selected, unless only the shard left nothing (more shards than
// tests), which is a success.
int end_empty_run(const Options& options, std::FILE* console_out) {
  Options unsharded = options;
  unsharded.shard = {};
  const bool empty_shard = options.shard.count > 1 && !make_plan(Registry::instance().tests(), unsharded).empty();
  if (!empty_shard)
    std::fprintf(stderr, "testkit: no test selected (%zu registered)\n", Registry::instance().tests().size());
  std::fprintf(console_out, "%s\n", summary_line({}).c_str());
  return empty_shard ? exit_code::success : exit_code::no_tests;
}

}  // namespace

int run_main(int argc, const char* const* argv) {
  try {
    ParsedOptions parsed = parse_options(argc, argv);
    if (!parsed.options) return parsed.exit_code;
    Options& options = *parsed.options;
    std::string problem;
    const EnvironmentSettings environment = read_environment(std::getenv, problem);
    if (problem.empty()) problem = apply_environment(environment, options);
    if (!problem.empty()) {
      std::fprintf(stderr, "testkit: %s\n", problem.c_str());
      return exit_code::usage_error;
    }
    // As in gtest, its listing shows every test whatever the shard: tools list once, then run each shard.
    if (options.list_format == ListFormat::gtest) options.shard = {};
    if (options.shuffle && !options.seed) options.seed = std::random_device{}();
    detail::stacktraces_enabled = !options.deterministic;  // deterministic output shows no traces
    init_gmock();  // GoogleMock failures are routed to the running test (GmockFailureForwarder)

    const std::vector<const TestInfo*> plan = make_plan(Registry::instance().tests(), options);
    if (options.list) {
      std::fputs(format_listing(plan, options.list_format).c_str(), stdout);
      return exit_code::success;
    }
    if (const std::string problem = check_report_paths(options.reports); !problem.empty()) {
      std::fprintf(stderr, "%s: error: %s\n", argc > 0 ? argv[0] : "test", problem.c_str());
      return exit_code::usage_error;
    }
    // With TAP on stdout, everything else the runner prints goes to stderr.
    std::FILE* const console_out = options.reports.tap_stdout ? stderr : stdout;
    // Before the context: the reports record what the sandbox can do here.
    if (options.execution.sandbox.enabled) options.execution.sandbox.support = probe_sandbox();
    const ReportContext report_context = [&] {
      ReportContext context = ReportContext::now(argc > 0 ? argv[0] : "test", options.deterministic);
      context.seed = options.seed;
      context.shard_index = options.shard.index;
      context.shard_count = options.shard.count;
      if (options.execution.sandbox.enabled) context.sandbox = record_sandbox(options.execution.sandbox);
      return context;
    }();
    const PrematureExitFile premature_exit(environment.premature_exit_file);
    if (plan.empty()) {
      const int code = end_empty_run(options, console_out);
      if (options.reports.any()) ReportWriter(options.reports, report_context).on(RunEnded{RunResult{}});
      return code;
    }
    if (report_context.sandbox) std::fprintf(console_out, "%s\n", report_context.sandbox->description.c_str());
    if (options.shuffle)
      std::fprintf(console_out, "Shuffled with --seed %llu\n", static_cast<unsigned long long>(*options.seed));
    ListenerGroup listeners;
    listeners.add(std::make_unique<ConsoleReporter>(
        console_out, ConsoleStyle{.color = use_color(options.color, ::fileno(console_out)),
                                  .deterministic = options.deterministic,
                                  .live = ::isatty(::fileno(console_out)) == 1 && !options.deterministic}));
    ReportWriter* reports = nullptr;
    if (options.reports.any()) {
      auto writer = std::make_unique<ReportWriter>(options.reports, report_context);
      reports = writer.get();
      listeners.add(std::move(writer));
    }
    const RunResult run = options.fork ? run_forked(plan, options.execution, listeners)
                                       : run_in_process(plan, options.execution, listeners);
    if (reports != nullptr && !reports->errors().empty()) {
      for (const std::string& error : reports->errors()) std::fprintf(stderr, "testkit: %s\n", error.c_str());
      if (run.interrupted_by == 0) return exit_code::tests_failed;  // a missing report must not look green
    }
    if (run.interrupted_by == SIGINT) return exit_code::interrupted;
    return run.tally().failed > 0 || run.interrupted_by != 0 ? exit_code::tests_failed : exit_code::success;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "testkit: internal error: %s\n", error.what());
  } catch (...) {
    std::fprintf(stderr, "testkit: internal error: unknown exception\n");
  }
  return exit_code::internal_error;
}

}  // namespace testkit
