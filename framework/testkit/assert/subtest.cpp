#include <testkit/assert/subtest.hpp>

#include <testkit/assert/checks.hpp>
#include <testkit/core/context.hpp>
#include <testkit/core/exception_text.hpp>

namespace testkit {

void subtest(std::string_view label, const std::function<void()>& body, std::source_location where) {
  detail::Context* context = detail::current_context();
  if (context == nullptr) {
    detail::fail_now({"testkit::subtest", "", where, true}, "subtest \"{}\" called outside of a running test", label);
    return;
  }
  const std::string outer = context->subtest();
  context->set_subtest(outer.empty() ? std::string(label) : outer + " / " + std::string(label));
  struct Restore {
    detail::Context& context;
    const std::string& outer;
    ~Restore() { context.set_subtest(outer); }
  } restore{*context, outer};
  try {
    body();
  } catch (const detail::FatalFailure&) {
    // recorded by the assertion; the subtest ends here and the test goes on
  } catch (const detail::SkipRequested&) {
    throw;
  } catch (...) {
    context->add_failure({.where = Location::from(where),
                          .headline = "uncaught exception in subtest: " + detail::describe_current_exception()});
  }
}

}  // namespace testkit
