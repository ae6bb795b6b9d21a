#include <testkit/mock/patch_assertions.hpp>

#include <utility>

#include <fmt/format.h>

#include <testkit/assert/describe.hpp>
#include <testkit/assert/print.hpp>

namespace testkit::detail {

void call_assertion_failed(const AssertionSite& site, std::size_t message_arguments, const Patch& patch,
                           CallExpectation expectation, const std::vector<std::string>& arguments,
                           std::string message) {
  std::string expected =
      expectation == CallExpectation::not_called ? "not called" : call_text(patch.target_name(), arguments);
  if (expectation == CallExpectation::called_once_with) expected += " once";
  // A snapshot: threads the test started may still be calling.
  const std::vector<Call> calls = patch.calls();
  const std::string actual =
      calls.empty() ? "not called" : cap_value(join_call_texts(calls, ", ", max_printed_elements));
  assertion_failed(site, message_arguments, fmt::format("expected: {}\n  actual: {}", expected, actual),
                   std::move(message));
}

}  // namespace testkit::detail
