// A crafted test binary for the end-to-end selftests of testkit::tmp_path(): tmp_path_test.cpp runs it forked, with
// --no-fork -j 1 and on a pool of 8 threads, with --keep-tmp and under --sandbox, and reads the directories its tests
// had from the JSON report. With TK_TMP_PATH_BARRIER=<dir>, the eight TmpPathAtOnce tests wait there until all eight
// have made theirs, so that they provably hold them at the same time; TmpPathStopped waits to be interrupted.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <testkit/testkit.hpp>

#include "pid_file.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string contents_of(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Arrives at the barrier directory (a file per test) and waits for the other seven; false after 20 s.
bool meet_the_others(const std::string& barrier, int index) {
  std::ofstream(fs::path(barrier) / std::to_string(index)) << "arrived";
  for (const auto until = std::chrono::steady_clock::now() + 20s; std::chrono::steady_clock::now() < until;) {
    const auto arrived = std::distance(fs::directory_iterator(barrier), fs::directory_iterator());
    if (arrived >= 8) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

TK_TEST_P(TmpPathAtOnce, gets_a_fresh_directory, (std::vector{0, 1, 2, 3, 4, 5, 6, 7})) {
  const fs::path dir = testkit::tmp_path();
  TK_ASSERT(fs::is_directory(dir), "{}", dir.string());
  TK_EXPECT(fs::is_empty(dir), "{}", dir.string());
  // Under --sandbox TMPDIR is the test's private directory, the only place it may write.
  TK_EXPECT(fs::equivalent(dir.parent_path(), env("TMPDIR")), "{} is not in TMPDIR={}", dir.string(), env("TMPDIR"));
  const std::string mine = "written by " + std::to_string(param());
  std::ofstream(dir / "note.txt") << mine;
  if (const std::string barrier = env("TK_TMP_PATH_BARRIER"); !barrier.empty())
    TK_EXPECT(meet_the_others(barrier, param()), "the eight tests never held their directories at the same time");
  TK_EXPECT_EQ(contents_of(testkit::tmp_path() / "note.txt"), mine);
}

TK_TEST(TmpPathFails, names_its_directory) {
  std::ofstream(testkit::tmp_path() / "evidence.txt") << "look here";
  TK_FAIL("fails on purpose, after writing evidence.txt");
}

TK_TEST(TmpPathCrashes, after_writing_there) {
  std::ofstream(testkit::tmp_path() / "evidence.txt") << "look here";
  ::raise(SIGSEGV);
}

// Sleeps until the run is interrupted; notes its pid (pid_file.hpp) once its directory holds a file.
TK_TEST(TmpPathStopped, sleeps_until_interrupted) {
  std::ofstream(testkit::tmp_path() / "evidence.txt") << "look here";
  testkit::e2e::note_pid(::getpid());
  std::this_thread::sleep_for(30s);
}

}  // namespace
