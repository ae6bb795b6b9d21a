#pragma once
/// TK_ASSERT_THAT / TK_EXPECT_THAT: checking a value with a GoogleMock matcher.

#include <sstream>
#include <string>
#include <type_traits>

#include <gmock/gmock.h>

#include <testkit/assert/macros.hpp>

namespace testkit::detail {

template <class T, class M, class... Message>
void check_that(const AssertionSite& site, const T& value, const M& matcher, const Message&... message) {
  if constexpr (std::is_array_v<T>) {  // string literals are matched as C strings
    check_that(site, static_cast<const std::remove_extent_t<T>*>(value), matcher, message...);
  } else {
    const ::testing::Matcher<const T&> typed = ::testing::SafeMatcherCast<const T&>(matcher);
    ::testing::StringMatchResultListener why;
    if (typed.MatchAndExplain(value, &why)) [[likely]]
      return assertion_passed(site.where);
    std::ostringstream expected;
    typed.DescribeTo(&expected);
    std::string details = "value:    " + cap_value(print(value)) + "\nexpected: " + expected.str();
    if (!why.str().empty()) details += "\nactual:   " + why.str();
    assertion_failed(site, sizeof...(Message), std::move(details), format_message(message...));
  }
}

}  // namespace testkit::detail

/// `value` satisfies a GoogleMock matcher. TK_ASSERT_THAT(names, testing::Contains("ada"))
#define TK_ASSERT_THAT(...) TK_DETAIL_CALL(true, "TK_ASSERT_THAT", check_that, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_THAT(...) TK_DETAIL_CALL(false, "TK_EXPECT_THAT", check_that, #__VA_ARGS__, __VA_ARGS__)
