#include <testkit/core/capture.hpp>

#include <testkit/core/guard.hpp>

namespace testkit {

Captured capture_failures(const std::function<void()>& code) {
  const detail::Context* outer = detail::current_context();
  detail::Context context(outer ? outer->test() : nullptr);
  Captured captured;
  {
    const detail::ContextScope scope(context);
    const Location where = outer && outer->test() ? outer->test()->where : Location{"<captured>", 0};
    captured.aborted =
        detail::run_guarded(context, "test", where, code, captured.skip_reason) == detail::PhaseEnd::aborted;
  }
  std::size_t omitted = 0;
  captured.failures = context.take_failures(omitted);
  return captured;
}

}  // namespace testkit
