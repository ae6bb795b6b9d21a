#include <testkit/core/guard.hpp>

#include <cstdio>
#include <cstdlib>

#include <testkit/core/exception_text.hpp>
#include <testkit/core/process_role.hpp>

namespace testkit::detail {
namespace {

PhaseEnd run_phase(Context& context, const std::string& phase, const Location& where,
                   const std::function<void()>& phase_body, std::string& skip_reason) {
  context.set_phase(phase);
  try {
    phase_body();
    return PhaseEnd::completed;
  } catch (const FatalFailure&) {
    return PhaseEnd::aborted;  // the assertion recorded itself before throwing
  } catch (const SkipRequested& skip) {
    if (skip_reason.empty()) skip_reason = skip.reason.empty() ? "skipped" : skip.reason;
    return PhaseEnd::skipped;
  } catch (...) {
    context.add_failure(
        {.where = where, .headline = "uncaught exception in " + phase + ": " + describe_current_exception()});
    return PhaseEnd::aborted;
  }
}

// In a process the test forked whose code came back out of the test's phase: it must not go on to run the rest of
// the test (and then the runner's next tests) a second time. A child that got here by returning, rather than by a
// failed assertion or an exception, is a bug of the test worth saying.
[[noreturn]] void end_forked_child(Context& context, const std::string& phase, const Location& where, PhaseEnd end) {
  if (end == PhaseEnd::completed)
    context.add_failure({.where = where,
                         .headline = "a process the test forked returned from the test's " + phase,
                         .details = "end the child's code with _exit(): it would run the rest of the test again"});
  std::fflush(nullptr);
  std::_Exit(end == PhaseEnd::completed ? 0 : 1);
}

}  // namespace

PhaseEnd run_guarded(Context& context, const std::string& phase, const Location& where,
                     const std::function<void()>& phase_body, std::string& skip_reason) {
  const PhaseEnd end = run_phase(context, phase, where, phase_body, skip_reason);
  if (process_role().forked_from == &context) [[unlikely]]
    end_forked_child(context, phase, where, end);
  return end;
}

}  // namespace testkit::detail
