#pragma once
/// testkit: tests, fixtures, assertions, tmp_path() and run_tests(). GoogleMock matchers (TK_ASSERT_THAT) are in
/// <testkit/matchers.hpp>.
///
/// Example:
///   #include <testkit/testkit.hpp>
///   TK_TEST(Math, adds) { TK_ASSERT_EQ(1 + 1, 2); }
/// and link testkit::main (or call testkit::run_main from your own main).

#include <testkit/assert/macros.hpp>
#include <testkit/assert/parametrized.hpp>
#include <testkit/assert/subtest.hpp>
#include <testkit/core/capture.hpp>
#include <testkit/core/test_case.hpp>
#include <testkit/core/test_macros.hpp>
#include <testkit/core/tmp_path.hpp>
#include <testkit/run/session.hpp>
