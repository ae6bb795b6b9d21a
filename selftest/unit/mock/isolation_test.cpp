// Patches belong to one test: leaked ones are reported, concurrent tests on a pool never see each other's,
// and the framework's own I/O is never patched.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"

namespace {

using testkit::Patch;
using testkit::selftest::failure_text;
using testkit::selftest::run_inner;

TK_TEST(Isolation, a_patch_alive_at_test_end_is_removed_and_reported) {
  std::unique_ptr<Patch> leaked;
  const auto result = run_inner([&leaked] {
    leaked = std::make_unique<Patch>(testkit::libc::unlink);
    leaked->fails(EPERM);
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "Patch of unlink made at");
  TK_EXPECT_CONTAINS(failure_text(result), "was still active when the test ended");
  TK_EXPECT_NE(::unlink("/nonexistent/testkit/x"), 0);
  TK_EXPECT_EQ(errno, ENOENT, "the leaked patch no longer answers");
  TK_EXPECT_EQ(leaked->call_count(), 0u);
  leaked.reset();  // removing it again is harmless
}

TK_TEST(Isolation, a_failure_is_recorded_while_write_and_open_fail) {
  const auto result = run_inner([] {
    Patch writes{testkit::libc::write};
    Patch opens{testkit::libc::open};
    writes.fails(EIO);
    opens.fails(EIO);
    TK_EXPECT_EQ(2 + 2, 5);
  });
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_CONTAINS(result.failures[0].headline, "TK_EXPECT_EQ(2 + 2, 5)");
}

// Eight tests at once on a pool, each failing a different function with a different errno and checking
// that its calls, and only its, are answered by its patch.
TK_TEST(Isolation, concurrent_tests_never_see_each_others_patches) {
  const testkit::Target targets[] = {testkit::libc::access, testkit::libc::chdir, testkit::libc::unlink,
                                     testkit::libc::rmdir,  testkit::libc::mkdir, testkit::libc::chmod,
                                     testkit::libc::access, testkit::libc::unlink};
  std::vector<std::function<void()>> bodies;
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 8; ++i) {
      const testkit::Target target = targets[i];
      const int error = 100 + i;  // distinct errnos: a leak across tests shows as a wrong one
      auto body = [target, error] {
        Patch p{target};
        p.fails(error);
        for (int call = 0; call < 200; ++call) {
          errno = 0;
          const int result = target.name == std::string_view("access")   ? ::access("/nonexistent", F_OK)
                             : target.name == std::string_view("chdir")  ? ::chdir("/nonexistent")
                             : target.name == std::string_view("unlink") ? ::unlink("/nonexistent")
                             : target.name == std::string_view("rmdir")  ? ::rmdir("/nonexistent")
                             : target.name == std::string_view("mkdir")  ? ::mkdir("/nonexistent/x", 0700)
                                                                         : ::chmod("/nonexistent", 0600);
          TK_EXPECT((result == -1 && errno == error), "call {}: {} errno {}", call, result, errno);
          // A function this test did not patch is real here, whatever the other tests patched.
          TK_EXPECT_EQ(::access("/", F_OK) == 0, target.name == std::string_view("access") ? false : true);
        }
        TK_EXPECT_EQ(p.call_count(), target.name == std::string_view("access") ? 400u : 200u);
      };
      bodies.push_back(body);
    }
  }
  const testkit::RunResult run = testkit::selftest::run_on_pool(bodies, 8);
  TK_ASSERT_EQ(run.results.size(), bodies.size());
  for (const testkit::TestResult& result : run.results)
    TK_EXPECT(result.failures.empty(), "{}: {}", result.test->full_name(), failure_text(result));
}

}  // namespace
