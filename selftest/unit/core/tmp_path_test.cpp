// tmp_path(): a fresh, empty, private directory per run of a test, shared with the threads it starts, removed with its
// contents after the test's cleanups (pass or fail), and an error outside a running test. The end-to-end selftests
// (selftest/e2e/tmp_path_test.cpp) cover the runner's part: forked, on a pool, --keep-tmp, --sandbox, the reports.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <testkit/core/lifecycle.hpp>
#include <testkit/core/thread_link.hpp>
#include <testkit/testkit.hpp>

#include "support/sanitizers.hpp"

#include "scripted_test.hpp"

namespace {

namespace fs = std::filesystem;
using testkit::Verdict;
using testkit::detail::run_test;
using testkit::selftest::Log;
using testkit::selftest::scripted_test;
using testkit::selftest::ScriptedCase;

std::string contents_of(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TK_TEST(TmpPath, is_an_empty_private_directory_under_tmpdir_named_after_the_test) {
  const fs::path dir = testkit::tmp_path();
  TK_ASSERT(fs::is_directory(dir), "{}", dir.string());
  TK_EXPECT(fs::is_empty(dir));
  TK_EXPECT(dir.is_absolute(), "{}", dir.string());
  TK_EXPECT(fs::equivalent(dir.parent_path(), fs::temp_directory_path()), "{}", dir.string());
  TK_EXPECT(dir.filename().string().starts_with(
                "testkit-TmpPath.is_an_empty_private_directory_under_tmpdir_named_after_the_test-"),
            "{}", dir.string());
  TK_EXPECT(fs::status(dir).permissions() == fs::perms::owner_all, "only its owner may enter it");
  TK_EXPECT_EQ(testkit::tmp_path(), dir, "the second call gives the same directory");
}

TK_TEST(TmpPath, a_file_written_there_is_read_back) {
  const fs::path file = testkit::tmp_path() / "numbers.txt";
  std::ofstream(file) << "1 2 3\n";
  TK_EXPECT_EQ(contents_of(file), "1 2 3\n");
}

TK_TEST(TmpPath, threads_the_test_starts_get_the_same_directory) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const fs::path dir = testkit::tmp_path();
  fs::path seen;
  std::thread([&seen] { seen = testkit::tmp_path(); }).join();
  TK_EXPECT_EQ(seen, dir);
}

TK_TEST(TmpPath, a_thread_that_asks_first_makes_it_for_the_whole_test) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  fs::path made;
  std::thread([&made] { made = testkit::tmp_path(); }).join();
  TK_EXPECT_EQ(testkit::tmp_path(), made);
}

TK_TEST(TmpPath, is_removed_with_everything_in_it_after_a_failing_test) {
  Log log;
  fs::path seen;
  const testkit::selftest::Step body = [&seen](ScriptedCase&) {
    seen = testkit::tmp_path();
    fs::create_directories(seen / "a" / "b");
    std::ofstream(seen / "a" / "b" / "data.txt") << "x";
    ::chmod((seen / "a").c_str(), 0500);  // a test may lock itself out
    TK_FAIL("on purpose");
  };
  const auto test = scripted_test("fails", log, {.body = body});
  const testkit::TestResult result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_EXPECT_EQ(result.tmp_path, seen.string());
  TK_EXPECT_FALSE(result.tmp_path_kept);
  TK_EXPECT(seen.filename().string().starts_with("testkit-Scripted.fails-"), "{}", seen.string());
  TK_EXPECT_FALSE(fs::exists(seen), "{} is still there", seen.string());
}

TK_TEST(TmpPath, cleanups_still_have_it_and_it_goes_after_them) {
  Log log;
  bool existed_in_cleanup = false;
  const testkit::selftest::Step body = [&](ScriptedCase& self) {
    std::ofstream(testkit::tmp_path() / "f") << "x";
    self.cleanup("cleanup", [&](ScriptedCase&) { existed_in_cleanup = fs::exists(testkit::tmp_path() / "f"); });
  };
  const auto test = scripted_test("cleans_up", log, {.body = body});
  const testkit::TestResult result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::passed, "{} failures", result.failures.size());
  TK_EXPECT(existed_in_cleanup);
  TK_EXPECT_FALSE(fs::exists(result.tmp_path));
}

TK_TEST(TmpPath, each_run_of_a_test_gets_a_fresh_one) {
  Log log;
  std::vector<bool> empty_at_start;
  const testkit::selftest::Step body = [&](ScriptedCase&) {
    empty_at_start.push_back(fs::is_empty(testkit::tmp_path()));
    std::ofstream(testkit::tmp_path() / "left.txt") << "x";
  };
  const auto test = scripted_test("runs_twice", log, {.body = body});
  const testkit::TestResult first = run_test(test);
  const testkit::TestResult second = run_test(test);
  TK_EXPECT_NE(first.tmp_path, "");
  TK_EXPECT_NE(first.tmp_path, second.tmp_path);
  TK_EXPECT_EQ(empty_at_start, (std::vector<bool>{true, true}));
}

TK_TEST(TmpPath, a_test_that_never_asks_makes_none) {
  Log log;
  const testkit::TestResult result = run_test(scripted_test("plain", log));
  TK_EXPECT(result.verdict == Verdict::passed);
  TK_EXPECT_EQ(result.tmp_path, "");
}

TK_TEST(TmpPath, outside_a_running_test_it_throws) {
  // As on a thread no test started: without the test link a test's threads share.
  testkit::detail::TestLink* const link = testkit::detail::exchange_thread_test_link(nullptr);
  std::string message;
  try {
    (void)testkit::tmp_path();
  } catch (const std::logic_error& error) {
    message = error.what();
  }
  (void)testkit::detail::exchange_thread_test_link(link);
  TK_EXPECT_CONTAINS(message, "testkit::tmp_path() called outside a running test");
}

TK_TEST(TmpPath, the_supervisor_removes_only_what_tmp_path_can_have_made) {
  const fs::path root = testkit::tmp_path().parent_path();  // the run's tmp root
  const std::string suffix = std::to_string(::getpid());
  const fs::path made = root / ("testkit-Left.behind-" + suffix);
  const fs::path foreign = root / ("someone-else-" + suffix);
  const fs::path nested = testkit::tmp_path() / "testkit-nested";
  for (const fs::path& dir : {made, foreign, nested}) {
    fs::create_directories(dir / "sub");
    std::ofstream(dir / "sub" / "file") << "x";
  }
  add_cleanup([foreign] { fs::remove_all(foreign); });
  TK_EXPECT(testkit::detail::remove_leftover_tmp_path(made.string()));
  TK_EXPECT_FALSE(testkit::detail::remove_leftover_tmp_path(foreign.string()));
  TK_EXPECT_FALSE(testkit::detail::remove_leftover_tmp_path(nested.string()));
  TK_EXPECT_FALSE(fs::exists(made), "{}", made.string());
  TK_EXPECT(fs::exists(foreign / "sub" / "file"), "not named as tmp_path() names directories");
  TK_EXPECT(fs::exists(nested / "sub" / "file"), "not directly in the tmp root");
}

void asks_in_set_up_class() { (void)testkit::tmp_path(); }

TK_TEST(TmpPath, set_up_class_is_outside_any_test) {
  Log log;
  const auto test = scripted_test("first_of_class", log);
  const testkit::FixtureClass fixture{.name = "WithClassHook", .set_up_class = asks_in_set_up_class};
  // The runner calls class hooks between tests; here, inside this test, its link must go for the call.
  testkit::detail::TestLink* const link = testkit::detail::exchange_thread_test_link(nullptr);
  const testkit::detail::HookOutcome outcome =
      testkit::detail::run_class_hook(fixture, testkit::detail::ClassHook::set_up_class, test);
  (void)testkit::detail::exchange_thread_test_link(link);
  TK_ASSERT_EQ(outcome.failures.size(), 1u);
  TK_EXPECT_CONTAINS(outcome.failures[0].headline, "outside a running test");
}

TK_TEST(TmpPath, a_thread_that_outlives_its_test_gets_an_error) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  Log log;
  std::promise<void> test_ended;
  std::string message;
  std::optional<std::thread> late;
  const testkit::selftest::Step body = [&](ScriptedCase&) {
    (void)testkit::tmp_path();
    late.emplace([&message, ended = test_ended.get_future()] {
      ended.wait();
      try {
        (void)testkit::tmp_path();
      } catch (const std::logic_error& error) {
        message = error.what();
      }
    });
  };
  const auto test = scripted_test("leaves_a_thread", log, {.body = body});
  const testkit::TestResult result = run_test(test);
  test_ended.set_value();
  late->join();
  TK_EXPECT_CONTAINS(message, "after its test ended");
  TK_EXPECT_FALSE(fs::exists(result.tmp_path));
}

}  // namespace
