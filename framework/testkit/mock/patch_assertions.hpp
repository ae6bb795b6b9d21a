#pragma once
/// Assertions on the calls a testkit::Patch recorded, whose failure shows the calls that were made
/// (unittest.mock's assert_called_with, assert_called_once_with, assert_not_called).

#include <cstddef>
#include <string>
#include <vector>

#include <testkit/assert/handler.hpp>
#include <testkit/assert/macros.hpp>
#include <testkit/core/black_box.hpp>
#include <testkit/mock/call.hpp>
#include <testkit/mock/patch.hpp>

namespace testkit::detail {

/// What a call assertion wanted of a Patch.
enum class CallExpectation { called_with, called_once_with, not_called };

/// Records a failed call assertion on `patch`: "expected: unlink(/a)" (`arguments` as Call shows them), then
/// "  actual: " the calls the patch recorded, or "not called".
void call_assertion_failed(const AssertionSite& site, std::size_t message_arguments, const Patch& patch,
                           CallExpectation expectation, const std::vector<std::string>& arguments, std::string message);

template <class... Args>
void check_called_with(const AssertionSite& site, const Patch& patch, const Args&... arguments) {
  if (patch.called_with(arguments...)) [[likely]]
    return assertion_passed(site.where);
  call_assertion_failed(site, 0, patch, CallExpectation::called_with, {describe_argument(arguments)...}, {});
}

template <class... Args>
void check_called_once_with(const AssertionSite& site, const Patch& patch, const Args&... arguments) {
  if (patch.called_once_with(arguments...)) [[likely]]
    return assertion_passed(site.where);
  call_assertion_failed(site, 0, patch, CallExpectation::called_once_with, {describe_argument(arguments)...}, {});
}

template <class... Message>
void check_not_called(const AssertionSite& site, const Patch& patch, const Message&... message) {
  if (!patch.called()) [[likely]]
    return assertion_passed(site.where);
  call_assertion_failed(site, sizeof...(Message), patch, CallExpectation::not_called, {}, format_message(message...));
}

}  // namespace testkit::detail

/// `patch` recorded a call whose leading arguments are these (compared as Patch::called_with does); _ONCE_WITH:
/// it recorded exactly one call, and that one. They take no message: every argument after the patch is one of
/// the call's. Example: TK_EXPECT_CALLED_WITH(deletion, "/data/a.tmp");
#define TK_ASSERT_CALLED_WITH(...) \
  TK_DETAIL_CALL(true, "TK_ASSERT_CALLED_WITH", check_called_with, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_CALLED_WITH(...) \
  TK_DETAIL_CALL(false, "TK_EXPECT_CALLED_WITH", check_called_with, #__VA_ARGS__, __VA_ARGS__)
#define TK_ASSERT_CALLED_ONCE_WITH(...) \
  TK_DETAIL_CALL(true, "TK_ASSERT_CALLED_ONCE_WITH", check_called_once_with, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_CALLED_ONCE_WITH(...) \
  TK_DETAIL_CALL(false, "TK_EXPECT_CALLED_ONCE_WITH", check_called_once_with, #__VA_ARGS__, __VA_ARGS__)

/// `patch` recorded no call. TK_ASSERT_NOT_CALLED(network, "the cache answers {}", url)
#define TK_ASSERT_NOT_CALLED(...) \
  TK_DETAIL_CALL(true, "TK_ASSERT_NOT_CALLED", check_not_called, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_NOT_CALLED(...) \
  TK_DETAIL_CALL(false, "TK_EXPECT_NOT_CALLED", check_not_called, #__VA_ARGS__, __VA_ARGS__)
