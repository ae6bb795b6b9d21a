// _THROWS, _THROWS_WITH (a text or a regex), _THROWS_MATCHING and _NO_THROW: which exceptions pass, and what a
// failure says.
#include <stdexcept>
#include <string>
#include <string_view>

#include <testkit/testkit.hpp>

#include "outcome.hpp"

namespace errors {  // named, so that failures show readable type names

/// An exception with a field a predicate can look at.
struct HttpError : std::runtime_error {
  explicit HttpError(int code) : std::runtime_error("HTTP " + std::to_string(code)), status(code) {}
  int status;
};

}  // namespace errors

namespace {

using errors::HttpError;

using selftest::details_of;
using selftest::Outcome;
using selftest::passes;
using selftest::single_failure;

void throw_runtime(const std::string& what) { throw std::runtime_error(what); }
void fetch(int status) { throw HttpError(status); }

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
  TK_EXPECT_EQ(out.failure.headline,
               "TK_ASSERT_THROWS_WITH(throw_runtime(\"disk is full\"), std::runtime_error, \"empty\")");
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

TK_TEST(ThrowsWith, a_regex_is_searched_for_in_what) {
  TK_EXPECT(passes([] {
    TK_ASSERT_THROWS_WITH(throw_runtime("bad input 42"), std::runtime_error, testkit::regex("^bad .* [0-9]+$"));
    TK_EXPECT_THROWS_WITH(throw_runtime("bad input 42"), std::exception, testkit::regex("in.ut"));
  }));
}

TK_TEST(ThrowsWith, a_regex_that_finds_nothing_fails_with_the_pattern) {
  const Outcome out = single_failure([] {
    TK_EXPECT_THROWS_WITH(throw_runtime("bad input"), std::runtime_error, testkit::regex("^bad .* [0-9]+$"), "n {}", 1);
  });
  TK_EXPECT_EQ(
      out.failure.headline,
      R"(TK_EXPECT_THROWS_WITH(throw_runtime("bad input"), std::runtime_error, testkit::regex("^bad .* [0-9]+$")))");
  TK_EXPECT_EQ(out.failure.details, "what():   \"bad input\"\nexpected: a message matching /^bad .* [0-9]+$/");
  TK_EXPECT_EQ(out.failure.message, "n 1");
  TK_EXPECT_FALSE(out.aborted);
}

TK_TEST(ThrowsWith, a_plain_text_is_a_substring_not_a_pattern) {
  TK_EXPECT(passes([] { TK_EXPECT_THROWS_WITH(throw_runtime("costs $5 (or more)"), std::runtime_error, "$5 (or"); }));
  TK_EXPECT_EQ(details_of([] { TK_EXPECT_THROWS_WITH(throw_runtime("bad input 42"), std::runtime_error, "^bad"); }),
               "what():   \"bad input 42\"\nexpected: a message containing \"^bad\"");
}

TK_TEST(ThrowsWith, an_invalid_regex_is_a_failure_that_says_so) {
  const Outcome out =
      single_failure([] { TK_ASSERT_THROWS_WITH(throw_runtime("x"), std::runtime_error, testkit::regex("([0-9]+")); });
  const std::string_view prefix =
      "what():   \"x\"\nexpected: a message matching /([0-9]+/\nerror:    not a valid regular expression: ";
  TK_EXPECT_EQ(out.failure.details.substr(0, prefix.size()), prefix);
  TK_EXPECT_GT(out.failure.details.size(), prefix.size(), "std::regex_error's explanation follows");
  TK_EXPECT(out.aborted);
}

TK_TEST(ThrowsMatching, passes_when_the_predicate_accepts_the_exception) {
  int seen = 0;
  TK_EXPECT(passes([&] {
    TK_ASSERT_THROWS_MATCHING(fetch(404), HttpError, [&](const HttpError& error) {
      seen = error.status;
      return error.status == 404;
    });
    TK_EXPECT_THROWS_MATCHING(fetch(500), std::runtime_error, [](const std::runtime_error& error) {
      return std::string_view(error.what()) == "HTTP 500";
    });
  }));
  TK_EXPECT_EQ(seen, 404, "the predicate got the thrown object");
}

TK_TEST(ThrowsMatching, a_rejected_exception_fails_with_its_type_and_what) {
  const Outcome out = single_failure([] {
    TK_EXPECT_THROWS_MATCHING(
        fetch(500), HttpError, [](const HttpError& error) { return error.status == 404; }, "want {}", 404);
  });
  TK_EXPECT_EQ(
      out.failure.headline,
      "TK_EXPECT_THROWS_MATCHING(fetch(500), HttpError, [](const HttpError& error) { return error.status == 404; })");
  TK_EXPECT_EQ(
      out.failure.details,
      "threw errors::HttpError: HTTP 500\nexpected: an exception of type errors::HttpError that the predicate accepts");
  TK_EXPECT_EQ(out.failure.message, "want 404");
  TK_EXPECT_FALSE(out.aborted);
  TK_EXPECT(single_failure([] {
              TK_ASSERT_THROWS_MATCHING(fetch(1), HttpError, [](const HttpError&) { return false; });
            }).aborted);
}

TK_TEST(ThrowsMatching, a_predicate_with_commas_in_its_body_keeps_its_text_whole) {
  const Outcome out = single_failure([] {
    TK_EXPECT_THROWS_MATCHING(
        fetch(302), HttpError,
        [](const HttpError& error) {
          const int low = 400, high = 499;
          return error.status >= low && error.status <= high;
        },
        "client error");
  });
  TK_EXPECT(out.failure.headline.ends_with("return error.status >= low && error.status <= high; })"),
            out.failure.headline);
  TK_EXPECT_EQ(out.failure.message, "client error");
}

TK_TEST(ThrowsMatching, assertions_inside_the_predicate_count) {
  TK_EXPECT(passes([] {
    TK_EXPECT_THROWS_MATCHING(fetch(404), HttpError, [](const HttpError& error) { TK_EXPECT_EQ(error.status, 404); });
  }));
  const Outcome out = single_failure([] {
    TK_EXPECT_THROWS_MATCHING(fetch(500), HttpError, [](const HttpError& error) { TK_EXPECT_EQ(error.status, 404); });
  });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_EQ(error.status, 404)");
  TK_EXPECT_FALSE(out.aborted);
  const testkit::Captured both = testkit::capture_failures([] {
    TK_EXPECT_THROWS_MATCHING(fetch(500), HttpError, [](const HttpError& error) {
      TK_EXPECT_EQ(error.status, 404);
      return false;
    });
  });
  TK_ASSERT_EQ(both.failures.size(), 2u);
  TK_EXPECT_EQ(
      both.failures[1].headline,
      "TK_EXPECT_THROWS_MATCHING(fetch(500), HttpError, [](const HttpError& error) { TK_EXPECT_EQ(error.status, "
      "404); return false; })",
      "the predicate is shown as written, its assertions not expanded");
  const testkit::Captured fatal = testkit::capture_failures([] {
    TK_EXPECT_THROWS_MATCHING(fetch(500), HttpError, [](const HttpError& error) {
      TK_ASSERT_EQ(error.status, 404);
      return true;
    });
  });
  TK_EXPECT(fatal.aborted, "a fatal assertion in the predicate ends the test");
  TK_ASSERT_EQ(fatal.failures.size(), 1u);
  TK_EXPECT_EQ(fatal.failures[0].headline, "TK_ASSERT_EQ(error.status, 404)");
}

TK_TEST(ThrowsMatching, another_type_or_no_exception_fails_without_calling_the_predicate) {
  int calls = 0;
  const auto count = [&calls](const std::logic_error&) { return ++calls > 0; };
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_THROWS_MATCHING(throw_runtime("x"), std::logic_error, count); }),
               "threw std::runtime_error: x\nexpected: an exception of type std::logic_error");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_THROWS_MATCHING((void)0, std::logic_error, count); }),
               "no exception was thrown\nexpected: an exception of type std::logic_error");
  TK_EXPECT_EQ(calls, 0);
}

TK_TEST(ThrowsMatching, a_predicate_that_throws_fails_and_names_both_exceptions) {
  TK_EXPECT_EQ(details_of([] {
                 TK_EXPECT_THROWS_MATCHING(fetch(500), HttpError,
                                           [](const HttpError&) -> bool { throw std::out_of_range("no body"); });
               }),
               "threw errors::HttpError: HTTP 500\n"
               "expected: an exception of type errors::HttpError that the predicate accepts\n"
               "the predicate threw std::out_of_range: no body");
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
