#pragma once
/// testkit with GoogleMock matchers: everything in <testkit/testkit.hpp> plus TK_ASSERT_THAT / TK_EXPECT_THAT.

#include <testkit/assert/matchers.hpp>
#include <testkit/testkit.hpp>
