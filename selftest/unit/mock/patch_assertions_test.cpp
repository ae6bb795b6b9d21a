// TK_EXPECT_CALLED_WITH, _CALLED_ONCE_WITH and _NOT_CALLED on a testkit::Patch, and describe_calls(): what
// passes, and the calls a failure lists.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "unit/assert/outcome.hpp"

namespace {

using selftest::details_of;
using selftest::Outcome;
using selftest::passes;
using selftest::single_failure;
using testkit::Patch;

TK_TEST(CalledWith, passes_for_any_recorded_call_with_those_leading_arguments) {
  Patch unlinks{testkit::libc::unlink};
  unlinks.returns(0);
  Patch renames{testkit::libc::rename};
  renames.returns(0);
  (void)::unlink("/a");
  (void)::unlink("/b");
  (void)::rename("/x", "/y");
  TK_EXPECT(passes([&] {
    TK_ASSERT_CALLED_WITH(unlinks, "/b");
    TK_EXPECT_CALLED_WITH(unlinks, std::string("/a"));
    TK_EXPECT_CALLED_WITH(renames, "/x");
    TK_EXPECT_CALLED_WITH(renames, "/x", "/y");
  }));
}

TK_TEST(CalledWith, failure_lists_the_calls_that_were_made) {
  Patch p{testkit::libc::unlink};
  p.returns(0);
  (void)::unlink("/b");
  (void)::unlink("/c");
  const Outcome out = single_failure([&] { TK_EXPECT_CALLED_WITH(p, "/a"); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_CALLED_WITH(p, \"/a\")");
  TK_EXPECT_EQ(out.failure.details, "expected: unlink(/a)\n  actual: unlink(/b), unlink(/c)");
  TK_EXPECT_FALSE(out.aborted);
  TK_EXPECT(single_failure([&] { TK_ASSERT_CALLED_WITH(p, "/a"); }).aborted);
}

TK_TEST(CalledWith, a_family_patch_that_was_not_called_says_so) {
  Patch deletion{testkit::libc::deletion};
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_CALLED_WITH(deletion, "/data/a.tmp"); }),
               "expected: deletion(/data/a.tmp)\n  actual: not called");
}

TK_TEST(CalledWith, every_argument_is_compared_as_the_call_shows_it) {
  Patch p{testkit::libc::mkdir};
  p.fails(EROFS);
  (void)::mkdir("/x", 0755);
  TK_EXPECT(passes([&] { TK_EXPECT_CALLED_WITH(p, "/x", 0755); }));
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_CALLED_WITH(p, "/x", 0700); }),
               "expected: mkdir(/x, 448)\n  actual: mkdir(/x, 493)");
}

TK_TEST(CalledWith, a_long_history_is_cut_after_64_calls) {
  Patch p{testkit::libc::access};
  p.returns(0);
  for (int i = 0; i < 70; ++i) (void)::access(("/" + std::to_string(i)).c_str(), F_OK);
  const std::string details = details_of([&] { TK_EXPECT_CALLED_WITH(p, "/missing"); });
  TK_EXPECT(details.starts_with("expected: access(/missing)\n  actual: access(/0, 0), access(/1, 0), "), details);
  TK_EXPECT(details.ends_with("access(/63, 0), ... (6 more)"), details);
}

TK_TEST(CalledOnceWith, passes_for_exactly_one_call_with_those_arguments) {
  Patch p{testkit::libc::unlink};
  p.returns(0);
  (void)::unlink("/a");
  TK_EXPECT(passes([&] {
    TK_ASSERT_CALLED_ONCE_WITH(p, "/a");
    TK_EXPECT_CALLED_ONCE_WITH(p);
  }));
}

TK_TEST(CalledOnceWith, fails_for_no_call_another_call_or_a_second_one) {
  Patch p{testkit::libc::unlink};
  p.returns(0);
  const Outcome none = single_failure([&] { TK_ASSERT_CALLED_ONCE_WITH(p, "/a"); });
  TK_EXPECT_EQ(none.failure.headline, "TK_ASSERT_CALLED_ONCE_WITH(p, \"/a\")");
  TK_EXPECT_EQ(none.failure.details, "expected: unlink(/a) once\n  actual: not called");
  TK_EXPECT(none.aborted);
  (void)::unlink("/b");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_CALLED_ONCE_WITH(p, "/a"); }),
               "expected: unlink(/a) once\n  actual: unlink(/b)");
  (void)::unlink("/b");
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_CALLED_ONCE_WITH(p, "/b"); }),
               "expected: unlink(/b) once\n  actual: unlink(/b), unlink(/b)");
}

TK_TEST(NotCalled, passes_until_the_first_call_then_fails_with_it) {
  Patch p{testkit::libc::mkdir};
  p.fails(EROFS);
  TK_EXPECT(passes([&] {
    TK_ASSERT_NOT_CALLED(p);
    TK_EXPECT_NOT_CALLED(p, "nothing yet");
  }));
  (void)::mkdir("/x", 0755);
  const Outcome out = single_failure([&] { TK_ASSERT_NOT_CALLED(p, "a {} makes no directory", "dry run"); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_NOT_CALLED(p)");
  TK_EXPECT_EQ(out.failure.details, "expected: not called\n  actual: mkdir(/x, 493)");
  TK_EXPECT_EQ(out.failure.message, "a dry run makes no directory");
  TK_EXPECT(out.aborted);
  TK_EXPECT_FALSE(single_failure([&] { TK_EXPECT_NOT_CALLED(p); }).aborted);
}

TK_TEST(DescribeCalls, lists_the_calls_one_per_line) {
  Patch p{testkit::libc::unlink};
  p.returns(0);
  TK_EXPECT_EQ(p.describe_calls(), "(no calls)");
  (void)::unlink("/a");
  (void)::unlink("/b");
  TK_EXPECT_EQ(p.describe_calls(), "unlink(/a)\nunlink(/b)");
}

TK_TEST(TargetName, is_the_function_or_the_family) {
  const Patch unlinks{testkit::libc::unlink};
  const Patch deletion{testkit::libc::deletion};
  TK_EXPECT_EQ(unlinks.target_name(), "unlink");
  TK_EXPECT_EQ(deletion.target_name(), "deletion");
}

}  // namespace
