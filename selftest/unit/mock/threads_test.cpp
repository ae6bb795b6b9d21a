// Threads a test starts see its patches and report into it; a thread outliving its test is harmless.
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"
#include "support/sanitizers.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::Patch;
using testkit::selftest::failure_text;
using testkit::selftest::run_inner;

TK_TEST(Threads, a_started_thread_sees_the_tests_patch) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  Patch p{testkit::libc::unlink};
  p.fails(EPERM);
  int result = 0;
  int error = 0;
  std::thread([&] {
    result = ::unlink("/nonexistent/testkit");
    error = errno;
  }).join();
  TK_EXPECT_EQ(result, -1);
  TK_EXPECT_EQ(error, EPERM);
  TK_EXPECT_EQ(p.call_count(), 1u);
}

TK_TEST(Threads, grandchildren_and_async_tasks_see_it_too) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  Patch p{testkit::libc::access};
  p.returns(0);
  std::atomic<int> answered{0};
  std::thread([&] {
    std::thread([&] { answered += ::access("/nonexistent/a", F_OK) == 0; }).join();
    answered += std::async(std::launch::async, [] { return ::access("/nonexistent/b", F_OK) == 0; }).get();
  }).join();
  TK_EXPECT_EQ(answered.load(), 2);
}

TK_TEST(Threads, a_thread_not_started_by_the_test_is_not_patched) {
  // A thread started outside the inner test (here, by the outer one) sees nothing the inner test patches.
  std::promise<void> go;
  std::future<int> seen = std::async(std::launch::async, [ready = go.get_future()]() mutable {
    ready.wait();
    return ::chdir("/");
  });
  const auto result = run_inner([&] {
    Patch p{testkit::libc::chdir};
    p.fails(EIO);
    go.set_value();
    TK_EXPECT_EQ(seen.get(), 0);
    TK_EXPECT_EQ(p.call_count(), 0u);
  });
  TK_EXPECT(result.failures.empty(), "{}", failure_text(result));
}

TK_TEST(Threads, a_failure_in_a_started_thread_fails_the_test) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const auto result = run_inner([] { std::thread([] { TK_EXPECT_EQ(1 + 1, 3); }).join(); });
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_CONTAINS(result.failures[0].headline, "TK_EXPECT_EQ(1 + 1, 3)");
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
}

TK_TEST(Threads, a_fatal_assertion_in_a_started_thread_ends_only_that_thread) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  bool thread_went_on = false;
  bool test_went_on = false;
  const auto result = run_inner([&] {
    std::thread([&] {
      TK_ASSERT_EQ(2 + 2, 5);
      thread_went_on = true;
    }).join();
    // Also from a grandchild.
    std::thread([] { std::thread([] { TK_ASSERT(false, "grandchild"); }).join(); }).join();
    test_went_on = true;
  });
  TK_EXPECT(!thread_went_on);
  TK_EXPECT(test_went_on);
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 2u, "{}", failure_text(result));
  TK_EXPECT_CONTAINS(result.failures[0].headline, "TK_ASSERT_EQ(2 + 2, 5)");
  TK_EXPECT_EQ(result.failures[1].message, "grandchild");
}

TK_TEST(Threads, other_exceptions_still_escape_a_started_thread_into_its_future) {
  // std::async keeps an exception for get(); catching FatalFailure must not change that.
  auto future = std::async(std::launch::async, []() -> int { throw std::runtime_error("from the task"); });
  TK_EXPECT_THROWS(future.get(), std::runtime_error);
}

TK_TEST(Threads, a_thread_still_running_at_test_end_reports_what_it_had_recorded) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  std::atomic<bool> recorded{false};
  std::atomic<bool> release{false};
  std::atomic<bool> finished{false};
  const auto result = run_inner([&] {
    std::thread([&] {
      TK_EXPECT(false, "before the end");
      recorded = true;
      while (!release) std::this_thread::sleep_for(1ms);
      TK_EXPECT(false, "after the end");  // must not touch the ended test's context
      finished = true;
    }).detach();
    while (!recorded) std::this_thread::sleep_for(1ms);
  });
  release = true;
  while (!finished) std::this_thread::sleep_for(1ms);
  std::this_thread::sleep_for(20ms);  // let the thread leave
  TK_ASSERT_EQ(result.failures.size(), 1u, "{}", failure_text(result));
  TK_EXPECT_EQ(result.failures[0].message, "before the end");
}

TK_TEST(Threads, a_patch_made_in_a_started_thread_is_the_tests) {
  const auto result = run_inner([] {
    std::thread([] {
      Patch p{testkit::libc::rmdir};
      p.fails(EBUSY);
      TK_EXPECT_EQ(::rmdir("/nonexistent/dir"), -1);
      TK_EXPECT_EQ(errno, EBUSY);
    }).join();
  });
  TK_EXPECT(result.failures.empty(), "{}", failure_text(result));
}

}  // namespace
