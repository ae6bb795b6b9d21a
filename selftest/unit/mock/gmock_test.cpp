// GoogleMock failures count for the test that made them, from its thread or a thread it started; and
// MockFilesystem / MockNetwork put expectations on the patched calls.
#include <netdb.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <thread>

#include <gmock/gmock.h>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"
#include "support/sanitizers.hpp"

namespace {

namespace fs = std::filesystem;
using testing::_;
using testing::Return;
using testing::StrEq;
using testkit::selftest::failure_text;
using testkit::selftest::run_inner;

/// A plain GoogleMock class, to show the bridge is not tied to testkit's own mocks.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int now() = 0;
};
class MockClock : public Clock {
 public:
  MOCK_METHOD(int, now, (), (override));
};

TK_TEST(Gmock, an_unmet_expectation_fails_the_test) {
  const auto result = run_inner([] {
    MockClock clock;
    EXPECT_CALL(clock, now()).WillOnce(Return(1));
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "Actual function call count doesn't match EXPECT_CALL(clock, now())");
}

TK_TEST(Gmock, an_unexpected_call_fails_the_test) {
  const auto result = run_inner([] {
    MockClock clock;
    EXPECT_CALL(clock, now()).Times(0);
    (void)clock.now();
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "Mock function called more times than expected");
}

TK_TEST(Gmock, an_uninteresting_call_on_a_strict_mock_fails_the_test) {
  const auto result = run_inner([] {
    testing::StrictMock<MockClock> clock;
    (void)clock.now();
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "Uninteresting mock function call");
}

TK_TEST(Gmock, an_unexpected_call_from_a_started_thread_fails_the_test) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const auto result = run_inner([] {
    MockClock clock;
    EXPECT_CALL(clock, now()).Times(0);
    std::thread([&clock] { (void)clock.now(); }).join();
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "Mock function called more times than expected");
}

// A thread keeps the forwarder it got for its first test: each failure counts for the test running when it is reported.
TK_TEST(Gmock, tests_run_one_after_another_on_a_thread_each_get_their_own_failures) {
  const auto unexpected_call = [] {
    MockClock clock;
    EXPECT_CALL(clock, now()).Times(0);
    (void)clock.now();
  };
  const auto first = run_inner(unexpected_call);
  const auto second = run_inner([] {
    MockClock clock;
    EXPECT_CALL(clock, now()).WillOnce(Return(1));
    TK_EXPECT_EQ(clock.now(), 1);
  });
  const auto third = run_inner(unexpected_call);
  TK_EXPECT(first.verdict == testkit::Verdict::failed);
  TK_EXPECT_EQ(first.failures.size(), 1u, "{}", failure_text(first));
  TK_EXPECT(second.failures.empty(), "{}", failure_text(second));
  TK_EXPECT(third.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(third), "Mock function called more times than expected");
}

TK_TEST(Gmock, a_met_expectation_passes) {
  const auto result = run_inner([] {
    MockClock clock;
    EXPECT_CALL(clock, now()).WillOnce(Return(7));
    TK_EXPECT_EQ(clock.now(), 7);
  });
  TK_EXPECT(result.failures.empty(), "{}", failure_text(result));
}

TK_TEST(MockFilesystem, expect_call_on_filesystem_remove) {
  testkit::MockFilesystem fs;
  EXPECT_CALL(fs, remove(StrEq("/data/a.tmp"))).WillOnce(Return(0));
  TK_EXPECT(std::filesystem::remove("/data/a.tmp"));
}

TK_TEST(MockFilesystem, a_call_without_expectation_goes_to_the_real_function) {
  const fs::path file = fs::temp_directory_path() / ("testkit_mockfs_" + std::to_string(::getpid()));
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    std::fclose(f);
  }
  testing::NiceMock<testkit::MockFilesystem> fs;
  EXPECT_CALL(fs, rename(_, _)).Times(0);  // remove has no expectation: its default action is the real one
  TK_EXPECT(std::filesystem::remove(file));
  TK_EXPECT(!std::filesystem::exists(file));
}

TK_TEST(MockFilesystem, calls_matching_a_catch_all_expectation_go_to_the_real_function) {
  const fs::path file = fs::temp_directory_path() / ("testkit_mockfs_all_" + std::to_string(::getpid()));
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    std::fclose(f);
  }
  testing::NiceMock<testkit::MockFilesystem> fs;
  // GoogleMock's rule: once a method has expectations, a call matching none of them is unexpected. A
  // catch-all with no action lets the other calls through (the default action is the real function).
  EXPECT_CALL(fs, remove(_)).Times(testing::AnyNumber());
  EXPECT_CALL(fs, remove(StrEq("/elsewhere"))).Times(0);
  TK_EXPECT(std::filesystem::remove(file));
  TK_EXPECT(!std::filesystem::exists(file));
}

TK_TEST(MockFilesystem, a_call_without_expectation_reaches_what_was_installed_before_the_mock) {
  testkit::Patch deletion{testkit::libc::remove};
  deletion.returns(0);  // stands for a fake installed before the mock: nothing real is deleted
  testing::NiceMock<testkit::MockFilesystem> fs;
  EXPECT_CALL(fs, remove(_)).Times(testing::AnyNumber());
  EXPECT_CALL(fs, remove(StrEq("/data/b.tmp"))).WillOnce(testing::SetErrnoAndReturn(EBUSY, -1));
  std::error_code error;
  TK_EXPECT(std::filesystem::remove("/data/a.tmp", error), "{}", error.message());
  TK_EXPECT(!std::filesystem::remove("/data/b.tmp", error));
  TK_EXPECT_EQ(error, std::errc::device_or_resource_busy);
  TK_EXPECT(deletion.called_once_with("/data/a.tmp"), "{}", deletion.describe_calls());
}

TK_TEST(MockFilesystem, wrong_arguments_fail_the_test) {
  const auto result = run_inner([] {
    testkit::MockFilesystem fs;
    EXPECT_CALL(fs, unlink(StrEq("/expected"))).WillOnce(Return(0));
    EXPECT_CALL(fs, unlink(StrEq("/other"))).Times(0);
    (void)::unlink("/other");
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "/expected");
}

TK_TEST(MockFilesystem, a_strict_mock_fails_on_any_unexpected_path_call) {
  const auto result = run_inner([] {
    testing::StrictMock<testkit::MockFilesystem> fs;
    (void)::access("/etc/hostname", F_OK);
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "Uninteresting mock function call");
}

TK_TEST(MockNetwork, name_lookup_fails_on_request) {
  testkit::MockNetwork net;
  EXPECT_CALL(net, getaddrinfo(StrEq("example.org"), _, _, _)).WillOnce(Return(EAI_AGAIN));
  addrinfo* list = nullptr;
  TK_EXPECT_EQ(::getaddrinfo("example.org", "80", nullptr, &list), EAI_AGAIN);
}

TK_TEST(MockNetwork, connect_refused_from_a_started_thread) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  testing::NiceMock<testkit::MockNetwork> net;
  EXPECT_CALL(net, connect(_, _, _)).WillOnce(testing::SetErrnoAndReturn(ECONNREFUSED, -1));
  int error = 0;
  std::thread([&error] {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) error = errno;
    ::close(fd);
  }).join();
  TK_EXPECT_EQ(error, ECONNREFUSED);
}

}  // namespace
