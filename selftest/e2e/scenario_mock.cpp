// A crafted test binary for the end-to-end selftests of the mock module: tests whose patches break the
// I/O the framework itself needs (write, open, read, close), GoogleMock failures on the test's thread and in a
// started thread, a fatal assertion in a started thread, and a patch leaked past the end of its test.
// mock_output_test.cpp checks what its runs report.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <thread>

#include <gmock/gmock.h>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "support/sanitizers.hpp"

namespace {

using testkit::Patch;

TK_TEST(Mocked, every_io_call_fails_and_an_assertion_fails) {
  Patch writes{testkit::libc::write};
  Patch writevs{testkit::libc::writev};
  Patch opens{testkit::libc::opening};
  Patch reads{testkit::libc::read};
  Patch closes{testkit::libc::close};
  for (Patch* patch : {&writes, &writevs, &opens, &reads, &closes}) patch->fails(EIO);
  TK_EXPECT_EQ(6 * 7, 41, "reported although {} failed", "write");
}

TK_TEST(Mocked, write_fails_and_the_test_passes) {
  Patch writes{testkit::libc::write};
  writes.fails(ENOSPC);
  TK_EXPECT_EQ(::write(STDOUT_FILENO, "this line is lost\n", 18), -1);
  TK_EXPECT(writes.called());
}

class Worker {
 public:
  virtual ~Worker() = default;
  virtual void work(int job) = 0;
};
class MockWorker : public Worker {
 public:
  MOCK_METHOD(void, work, (int job), (override));
};

TK_TEST(Mocked, unmet_gmock_expectation) {
  MockWorker worker;
  EXPECT_CALL(worker, work(7));
}

TK_TEST(Mocked, unexpected_gmock_call_in_a_started_thread) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  MockWorker worker;
  EXPECT_CALL(worker, work(1));
  std::thread([&worker] {
    worker.work(1);
    worker.work(2);
  }).join();
}

TK_TEST(Mocked, fatal_assertion_in_a_started_thread) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  bool went_on = false;
  std::thread([&went_on] {
    TK_ASSERT_EQ(2 + 2, 5, "in the thread");
    went_on = true;
  }).join();
  TK_EXPECT(went_on, "the test goes on after its thread ended at the assertion");
}

TK_TEST(Mocked, leaked_patch) {
  auto* leaked = new Patch(testkit::libc::unlink);  // never destroyed: reported when the test ends
  leaked->fails(EPERM);
}

}  // namespace
