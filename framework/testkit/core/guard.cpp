#include <testkit/core/guard.hpp>

#include <testkit/core/exception_text.hpp>

namespace testkit::detail {

PhaseEnd run_guarded(Context& context, const std::string& phase, const Location& where,
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

}  // namespace testkit::detail
