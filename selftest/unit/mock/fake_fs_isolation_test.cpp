// Each test's FakeFilesystem is its own: eight tests at once on a pool see only their own trees, threads a
// test starts share its tree, and the runner's own files stay on the disk.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <testkit/fake_fs.hpp>
#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"

namespace {

namespace fs = std::filesystem;
using testkit::FakeFilesystem;

TK_TEST(FakeFsIsolation, threads_the_test_starts_share_its_tree) {
  FakeFilesystem fake;
  fs::create_directory("/work");
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([i] {
      for (int j = 0; j < 50; ++j) std::ofstream("/work/" + std::to_string(i) + "_" + std::to_string(j)) << j;
    });
  for (std::thread& worker : workers) worker.join();
  TK_EXPECT_EQ(fake.list("/work").size(), 200u);
  TK_EXPECT_EQ(fs::remove_all("/work"), 201u);
}

TK_TEST(FakeFsIsolation, concurrent_tests_on_a_pool_see_only_their_own_trees) {
  std::vector<std::function<void()>> bodies;
  for (int i = 0; i < 16; ++i) {
    auto body = [i] {
      FakeFilesystem fake;
      const std::string mine = "/data/" + std::to_string(i);
      for (int round = 0; round < 30; ++round) {
        fs::create_directories(mine + "/sub");
        std::ofstream(mine + "/sub/file") << i;
        std::vector<std::string> names;
        for (const auto& entry : fs::recursive_directory_iterator("/data")) names.push_back(entry.path().string());
        TK_EXPECT_EQ(names.size(), 3u, "only this test's tree: {}", fmt::join(names, ", "));
        std::ifstream in(mine + "/sub/file");
        int read = -1;
        in >> read;
        TK_EXPECT_EQ(read, i);
        TK_EXPECT_EQ(fs::remove_all("/data"), 4u);
      }
      TK_EXPECT_EQ(fake.deleted().size(), 120u);
    };
    bodies.push_back(body);
  }
  const testkit::RunResult run = testkit::selftest::run_on_pool(bodies, 8);
  TK_ASSERT_EQ(run.results.size(), bodies.size());
  for (const testkit::TestResult& result : run.results)
    TK_EXPECT(result.failures.empty(), "{}: {}", result.test->full_name(), testkit::selftest::failure_text(result));
  TK_EXPECT(!fs::exists("/data/0"), "nothing reached the disk");
}

TK_TEST(FakeFsIsolation, a_failing_test_in_a_fake_still_reports) {
  const auto result = testkit::selftest::run_inner([] {
    FakeFilesystem fake;
    fs::remove_all("/");
    TK_EXPECT_EQ(1, 2);
  });
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT(fs::exists("/tmp"), "the real / is untouched");
}

}  // namespace
