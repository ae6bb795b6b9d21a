// testkit::Patch: each way of answering a call, the records of calls, and the assertions on them.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <string>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;
using testkit::Outcome;
using testkit::Patch;

/// A fresh directory under the system temp dir, removed at the end of the scope.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("testkit_mock_" + std::to_string(::getpid()) + "_" +
                                               std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

/// Code under test: writes `lines` one write() each; returns "ok" or the error it met, as a user would see.
std::string save_lines(const std::string& file, int lines) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return "cannot open";
  std::string outcome = "ok";
  for (int i = 0; i < lines; ++i) {
    const std::string line = "line " + std::to_string(i) + "\n";
    if (::write(fd, line.data(), line.size()) < 0) {
      outcome = errno == ENOSPC ? "disk full" : "write failed";
      break;
    }
  }
  ::close(fd);
  return outcome;
}

TK_TEST(Patch, third_write_fails_with_enospc_and_the_code_reports_a_full_disk) {
  const TempDir dir;
  const std::string file = (dir.path / "report.txt").string();
  Patch disk{testkit::libc::write};
  disk.fails_call(3, ENOSPC);
  TK_EXPECT_EQ(save_lines(file, 5), "disk full");
  TK_EXPECT_EQ(disk.call_count(), 3u);
  std::FILE* written = std::fopen(file.c_str(), "r");
  TK_ASSERT(written != nullptr);
  char buffer[64] = {};
  const std::size_t size = std::fread(buffer, 1, sizeof buffer - 1, written);
  std::fclose(written);
  TK_EXPECT_EQ(std::string(buffer, size), "line 0\nline 1\n", "the first two writes were real");
}

TK_TEST(Patch, returns_a_value_and_leaves_errno_alone) {
  Patch p{testkit::libc::unlink};
  p.returns(0);
  errno = 1234;
  TK_EXPECT_EQ(::unlink("/nonexistent/testkit/file"), 0);
  TK_EXPECT_EQ(errno, 1234);
  TK_EXPECT(p.called_once_with("/nonexistent/testkit/file"), "{}", p.describe_calls());
}

TK_TEST(Patch, fails_every_call_with_errno) {
  Patch p{testkit::libc::mkdir};
  p.fails(EROFS);
  for (int i = 0; i < 3; ++i) {
    errno = 0;
    TK_EXPECT_EQ(::mkdir("/tmp/testkit_never_made", 0755), -1);
    TK_EXPECT_EQ(errno, EROFS);
  }
  TK_EXPECT_EQ(p.call_count(), 3u);
  TK_EXPECT(!fs::exists("/tmp/testkit_never_made"));
}

TK_TEST(Patch, pointer_results_fail_as_null) {
  Patch p{testkit::libc::fopen};
  p.fails(EMFILE);
  errno = 0;
  TK_EXPECT(std::fopen("/etc/hostname", "r") == nullptr);
  TK_EXPECT_EQ(errno, EMFILE);
}

TK_TEST(Patch, a_sequence_of_results_then_the_real_function) {
  const TempDir dir;
  const std::string file = (dir.path / "x").string();
  Patch p{testkit::libc::access};
  p.results({Outcome::failing(EINTR), Outcome::returning(0)});
  errno = 0;
  TK_EXPECT_EQ(::access(file.c_str(), F_OK), -1);
  TK_EXPECT_EQ(errno, EINTR);
  TK_EXPECT_EQ(::access(file.c_str(), F_OK), 0, "second outcome: success although the file is missing");
  TK_EXPECT_EQ(::access(file.c_str(), F_OK), -1, "third call is real: the file does not exist");
  TK_EXPECT_EQ(errno, ENOENT);
}

TK_TEST(Patch, a_callable_decides_per_call) {
  Patch p{testkit::libc::rename};
  p.invokes([](const testkit::Call& call) {
    return call.arguments.at(1).ends_with(".bak") ? Outcome::failing(EXDEV) : Outcome::returning(0);
  });
  TK_EXPECT_EQ(::rename("/a/b", "/a/c"), 0);
  TK_EXPECT_EQ(::rename("/a/b", "/a/c.bak"), -1);
  TK_EXPECT_EQ(errno, EXDEV);
  TK_EXPECT(p.called_with("/a/b", "/a/c.bak"));
  TK_EXPECT(!p.called_with("/a/x"));
}

TK_TEST(Patch, a_typed_answer_gets_the_real_arguments) {
  std::string seen;
  Patch p{testkit::libc::write};
  p.answers<testkit::Function::write>([&seen](int, const void* buffer, size_t count) -> ssize_t {
    seen.assign(static_cast<const char*>(buffer), count);
    return static_cast<ssize_t>(count);
  });
  TK_EXPECT_EQ(::write(-1, "hello", 5), 5);
  TK_EXPECT_EQ(seen, "hello");
}

TK_TEST(Patch, calls_through_by_default_and_records_the_arguments) {
  const TempDir dir;
  const std::string missing = (dir.path / "missing").string();
  Patch p{testkit::libc::unlink};
  TK_EXPECT_EQ(::unlink(missing.c_str()), -1);
  TK_EXPECT_EQ(errno, ENOENT);
  TK_ASSERT_EQ(p.call_count(), 1u);
  TK_EXPECT_EQ(p.calls()[0].text(), "unlink(" + missing + ")");
  TK_EXPECT_EQ(p.calls()[0].path(), missing);
}

TK_TEST(Patch, the_deletion_family_catches_every_way_to_delete) {
  const TempDir dir;
  fs::create_directory(dir.path / "d");
  for (const char* name : {"a", "b", "c"}) std::fclose(std::fopen((dir.path / name).c_str(), "w"));
  Patch deletion{testkit::libc::deletion};
  deletion.fails(EBUSY);
  TK_EXPECT_EQ(std::remove((dir.path / "a").c_str()), -1);
  TK_EXPECT_EQ(::unlink((dir.path / "b").c_str()), -1);
  TK_EXPECT_EQ(::unlinkat(AT_FDCWD, (dir.path / "c").c_str(), 0), -1);
  TK_EXPECT_EQ(::rmdir((dir.path / "d").c_str()), -1);
  std::error_code error;
  TK_EXPECT(!fs::remove(dir.path / "a", error));
  TK_EXPECT_EQ(error.value(), EBUSY);
  TK_EXPECT_EQ(deletion.call_count(), 5u, "{}", deletion.describe_calls());
  for (const char* name : {"a", "b", "c", "d"}) TK_EXPECT(fs::exists(dir.path / name), "{} survived", name);
}

TK_TEST(Patch, ends_with_its_scope) {
  {
    Patch p{testkit::libc::getcwd};
    p.fails(EACCES);
    char buffer[4096];
    TK_EXPECT(::getcwd(buffer, sizeof buffer) == nullptr);
  }
  char buffer[4096];
  TK_EXPECT(::getcwd(buffer, sizeof buffer) != nullptr);
}

TK_TEST(Patch, the_newest_patch_of_a_function_wins_and_the_older_returns) {
  Patch outer{testkit::libc::chdir};
  outer.fails(ENOENT);
  {
    Patch inner{testkit::libc::chdir};
    inner.fails(EPERM);
    TK_EXPECT_EQ(::chdir("/"), -1);
    TK_EXPECT_EQ(errno, EPERM);
  }
  TK_EXPECT_EQ(::chdir("/"), -1);
  TK_EXPECT_EQ(errno, ENOENT);
}

TK_TEST(Patch, calling_through_reaches_the_patch_installed_before) {
  Patch older{testkit::libc::chdir};
  older.fails(ENOENT);
  Patch newer{testkit::libc::chdir};
  newer.fails_call(1, EPERM);
  TK_EXPECT_EQ(::chdir("/"), -1);
  TK_EXPECT_EQ(errno, EPERM);
  TK_EXPECT_EQ(::chdir("/"), -1);
  TK_EXPECT_EQ(errno, ENOENT, "the second call went through to the older patch, not to libc");
  TK_EXPECT_EQ(older.call_count(), 1u);
  TK_EXPECT_EQ(newer.call_count(), 2u);
}

TK_TEST(Patch, call_order_across_patches) {
  Patch opens{testkit::libc::access};
  Patch removes{testkit::libc::unlink};
  opens.returns(0);
  removes.returns(0);
  (void)::access("/x", F_OK);
  (void)::unlink("/x");
  TK_EXPECT(testkit::called_in_order({&opens, &removes}));
  TK_EXPECT(!testkit::called_in_order({&removes, &opens}));
}

TK_TEST(Patch, a_handler_calling_the_patched_function_reaches_libc) {
  Patch p{testkit::libc::stat};
  p.invokes([](const testkit::Call& call) {
    struct stat info {};
    return ::stat(call.path().c_str(), &info) == 0 ? Outcome::failing(EIO) : Outcome::through();
  });
  struct stat info {};
  TK_EXPECT_EQ(::stat("/", &info), -1);
  TK_EXPECT_EQ(errno, EIO);
  TK_EXPECT_EQ(p.call_count(), 1u, "the handler's own stat was not recorded");
}

}  // namespace

namespace {

// A process the test forks answers from the Patch it inherited, and its calls are recorded on the test's Patch:
// the lecture's multiprocessing code is checked like its threaded code.
TK_TEST(Patch, calls_made_in_a_process_the_test_forked_are_recorded_on_the_patch) {
  testkit::Patch deletion{testkit::libc::deletion};
  deletion.returns(0);
  const pid_t child = ::fork();
  if (child == 0) {
    const bool deleted = ::unlink("/nonexistent/testkit/child.tmp") == 0;  // answered by the patch, deletes nothing
    ::_exit(deleted ? 0 : 1);
  }
  int status = -1;
  ::waitpid(child, &status, 0);
  TK_EXPECT((WIFEXITED(status) && WEXITSTATUS(status) == 0), "the child's unlink was answered: status {}", status);
  TK_EXPECT_EQ(deletion.call_count(), 1u);
  TK_EXPECT_CALLED_ONCE_WITH(deletion, "/nonexistent/testkit/child.tmp");
  TK_EXPECT_EQ(::unlink("/nonexistent/testkit/parent.tmp"), 0);
  TK_EXPECT_EQ(deletion.describe_calls(),
               "unlink(/nonexistent/testkit/child.tmp)\nunlink(/nonexistent/testkit/parent.tmp)");
}

}  // namespace
