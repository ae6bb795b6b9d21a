#include <testkit/run/session.hpp>

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <random>

#include <fmt/format.h>

#include <testkit/core/registry.hpp>
#include <testkit/core/stacktrace.hpp>
#include <testkit/mock/gmock_bridge.hpp>
#include <testkit/report/console.hpp>
#include <testkit/run/in_process_executor.hpp>
#include <testkit/run/process_executor.hpp>
#include <testkit/run/listing.hpp>
#include <testkit/run/options.hpp>
#include <testkit/run/plan.hpp>

namespace testkit {

int run_main(int argc, const char* const* argv) {
  try {
    ParsedOptions parsed = parse_options(argc, argv);
    if (!parsed.options) return parsed.exit_code;
    Options& options = *parsed.options;
    if (options.shuffle && !options.seed) options.seed = std::random_device{}();
    detail::stacktraces_enabled = !options.deterministic;  // deterministic output shows no traces
    init_gmock();  // GoogleMock failures are routed to the running test (GmockFailureForwarder)

    const std::vector<const TestInfo*> plan = make_plan(Registry::instance().tests(), options);
    if (options.list) {
      std::fputs(format_listing(plan).c_str(), stdout);
      return exit_code::success;
    }
    if (plan.empty()) {
      std::fprintf(stderr, "testkit: no test selected (%zu registered)\n", Registry::instance().tests().size());
      std::printf("%s\n", summary_line({}).c_str());
      return exit_code::no_tests;
    }
    if (options.shuffle) std::printf("Shuffled with --seed %llu\n", static_cast<unsigned long long>(*options.seed));
    ConsoleReporter console(stdout, {.color = use_color(options.color, STDOUT_FILENO),
                                     .deterministic = options.deterministic,
                                     .live = ::isatty(STDOUT_FILENO) == 1 && !options.deterministic});
    const RunResult run = options.fork ? run_forked(plan, options.execution, console)
                                       : run_in_process(plan, options.execution, console);
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
