#include <testkit/run/session.hpp>

#include <unistd.h>

#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include <testkit/core/registry.hpp>
#include <testkit/report/console.hpp>
#include <testkit/run/inline_executor.hpp>
#include <testkit/run/listing.hpp>
#include <testkit/run/options.hpp>
#include <testkit/run/plan.hpp>

namespace testkit {

int run_main(int argc, const char* const* argv) {
  try {
    const ParsedOptions parsed = parse_options(argc, argv);
    if (!parsed.options) return parsed.exit_code;
    const Options& options = *parsed.options;

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
    ConsoleReporter console(stdout, {.color = use_color(options.color, STDOUT_FILENO), .deterministic = options.deterministic});
    const RunResult run = run_inline(plan, console);
    return run.tally().failed > 0 ? exit_code::tests_failed : exit_code::success;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "testkit: internal error: %s\n", error.what());
  } catch (...) {
    std::fprintf(stderr, "testkit: internal error: unknown exception\n");
  }
  return exit_code::internal_error;
}

}  // namespace testkit
