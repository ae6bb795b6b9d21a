// _THROWS, _THROWS_WITH and _NO_THROW: which exceptions pass, and what a failure says.
#include <stdexcept>
#include <string>

#include <testkit/testkit.hpp>

#include "outcome.hpp"

namespace {

using selftest::details_of;
using selftest::Outcome;
using selftest::passes;
using selftest::single_failure;

void throw_runtime(const std::string& what) { throw std::runtime_error(what); }

TK_TEST(Throws, passes_for_the_type_or_a_derived_one) {
  TK_EXPECT(passes([] {
    TK_ASSERT_THROWS(throw_runtime("x"), std::runtime_error);
    TK_ASSERT_THROWS(throw_runtime("x"), std::exception);
    TK_EXPECT_THROWS(throw 42, int);
  }));
}

TK_TEST(Throws, fails_when_nothing_is_thrown) {
  int calls = 0;
  const Outcome out = single_failure([&] { TK_EXPECT_THROWS(++calls, std::runtime_error); });
  TK_EXPECT_EQ(calls, 1);
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_THROWS(++calls, std::runtime_error)");
  TK_EXPECT_EQ(out.failure.details, "no exception was thrown\nexpected: an exception of type std::runtime_error");
  TK_EXPECT_FALSE(out.aborted);
}

TK_TEST(Throws, fails_for_another_type_and_names_it) {
  const Outcome out = single_failure([] { TK_ASSERT_THROWS(throw std::logic_error("bad"), std::runtime_error); });
  TK_EXPECT_EQ(out.failure.details, "threw std::logic_error: bad\nexpected: an exception of type std::runtime_error");
  TK_EXPECT(out.aborted);
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_THROWS(throw 7, std::exception); }),
               "threw unknown exception of type int\nexpected: an exception of type std::exception");
}

TK_TEST(Throws, message_follows_the_type) {
  const Outcome out = single_failure([] { TK_EXPECT_THROWS((void)0, std::exception, "case {}", 3); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_THROWS((void)0, std::exception)");
  TK_EXPECT_EQ(out.failure.message, "case 3");
}

TK_TEST(Throws, a_failed_assertion_inside_the_statement_is_not_swallowed) {
  const testkit::Captured captured =
      testkit::capture_failures([] { TK_EXPECT_THROWS(TK_ASSERT_EQ(1, 2), std::runtime_error); });
  TK_EXPECT(captured.aborted);
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_EQ(captured.failures[0].headline, "TK_ASSERT_EQ(1, 2)");
}

TK_TEST(ThrowsWith, passes_when_what_contains_the_text) {
  TK_EXPECT(passes([] {
    TK_ASSERT_THROWS_WITH(throw_runtime("disk is full"), std::runtime_error, "is full");
    TK_EXPECT_THROWS_WITH(throw_runtime("disk is full"), std::exception, std::string("disk"));
  }));
}

TK_TEST(ThrowsWith, fails_when_what_lacks_the_text) {
  const Outcome out = single_failure(
      [] { TK_ASSERT_THROWS_WITH(throw_runtime("disk is full"), std::runtime_error, "empty", "try {}", 2); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_THROWS_WITH(throw_runtime(\"disk is full\"), std::runtime_error, \"empty\")");
  TK_EXPECT_EQ(out.failure.details, "what():   \"disk is full\"\nexpected: a message containing \"empty\"");
  TK_EXPECT_EQ(out.failure.message, "try 2");
  TK_EXPECT(out.aborted);
  TK_EXPECT_FALSE(single_failure([] { TK_EXPECT_THROWS_WITH(throw_runtime("a"), std::runtime_error, "b"); }).aborted);
}

TK_TEST(ThrowsWith, fails_for_another_type_or_no_exception) {
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_THROWS_WITH(throw_runtime("full"), std::logic_error, "full"); }),
               "threw std::runtime_error: full\nexpected: an exception of type std::logic_error");
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_THROWS_WITH((void)0, std::logic_error, "full"); }),
               "no exception was thrown\nexpected: an exception of type std::logic_error");
}

TK_TEST(NoThrow, passes_and_runs_the_statement_once) {
  int calls = 0;
  TK_EXPECT(passes([&] {
    TK_ASSERT_NO_THROW(++calls);
    TK_EXPECT_NO_THROW(++calls);
  }));
  TK_EXPECT_EQ(calls, 2);
}

TK_TEST(NoThrow, fails_with_the_exception_described) {
  const Outcome out = single_failure([] { TK_ASSERT_NO_THROW(throw_runtime("oops"), "while {}", "saving"); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_NO_THROW(throw_runtime(\"oops\"))");
  TK_EXPECT_EQ(out.failure.details, "threw std::runtime_error: oops");
  TK_EXPECT_EQ(out.failure.message, "while saving");
  TK_EXPECT(out.aborted);
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_NO_THROW(throw 1.5); }), "threw unknown exception of type double");
}

TK_TEST(NoThrow, lets_a_skip_inside_the_statement_through) {
  const testkit::Captured captured = testkit::capture_failures([] { TK_EXPECT_NO_THROW(TK_SKIP("later")); });
  TK_EXPECT(captured.failures.empty());
  TK_EXPECT_EQ(captured.skip_reason, "later");
}

}  // namespace
