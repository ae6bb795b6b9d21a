// A crafted test binary for the end-to-end selftests of --sandbox: every test checks one confinement from the
// inside and passes only when it holds (that no process of its user can trace a test or its class host too).
// sandbox_test.cpp runs it with --sandbox and small limits (--sandbox-memory 256 --sandbox-processes 16
// --sandbox-file-size 1 --timeout 5) after making
// <this binary's dir>/sandbox_victims/victim.txt, a file that only the sandbox keeps the tests from touching.
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "pid_file.hpp"

namespace {

namespace fs = std::filesystem;

fs::path victims_dir() { return fs::read_symlink("/proc/self/exe").parent_path() / "sandbox_victims"; }

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

TK_TEST(Sandbox, home_and_tmpdir_are_one_private_writable_dir) {
  TK_ASSERT_NE(env("TMPDIR"), "");
  TK_EXPECT_EQ(env("HOME"), env("TMPDIR"));
  TK_EXPECT(env("TMPDIR").find("testkit-sandbox-") != std::string::npos, "TMPDIR={}", env("TMPDIR"));
  const fs::path file = fs::temp_directory_path() / "notes.txt";
  std::ofstream(file) << "allowed";
  TK_EXPECT(fs::exists(file));
  fs::create_directories(fs::temp_directory_path() / "a" / "b");
  fs::remove_all(fs::temp_directory_path() / "a");
}

TK_TEST(Sandbox, environment_is_scrubbed) {
  TK_EXPECT_EQ(env("TK_SANDBOX_SECRET"), "");
  TK_EXPECT_NE(env("PATH"), "");
}

TK_TEST(Sandbox, nothing_outside_can_be_written_or_deleted) {
  const fs::path victim = victims_dir() / "victim.txt";
  TK_ASSERT(fs::exists(victim), "the driver makes {}", victim.string());
  std::error_code error;
  TK_EXPECT_FALSE(fs::remove(victim, error));
  TK_EXPECT(error == std::errc::permission_denied, "{}", error.message());
  TK_EXPECT_FALSE(static_cast<bool>(std::ofstream(victim, std::ios::app)), "appending to the victim");
  TK_EXPECT_FALSE(static_cast<bool>(std::ofstream(victims_dir() / "new.txt")), "creating a file beside it");
  fs::rename(victim, victims_dir() / "moved.txt", error);
  TK_EXPECT(static_cast<bool>(error), "renaming the victim");
  TK_EXPECT(fs::exists(victim));
}

TK_TEST(Sandbox, only_loopback_is_reachable) {
  std::vector<std::string> interfaces;
  struct if_nameindex* const names = ::if_nameindex();
  for (const struct if_nameindex* name = names; name != nullptr && name->if_index != 0; ++name)
    interfaces.emplace_back(name->if_name);
  if (names != nullptr) ::if_freenameindex(names);
  TK_EXPECT_EQ(interfaces, std::vector<std::string>{"lo"});

  const int outbound = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in remote{.sin_family = AF_INET, .sin_port = htons(80), .sin_addr = {}, .sin_zero = {}};
  ::inet_pton(AF_INET, "192.0.2.1", &remote.sin_addr);
  TK_EXPECT_EQ(::connect(outbound, reinterpret_cast<sockaddr*>(&remote), sizeof remote), -1);
  TK_EXPECT_EQ(errno, ENETUNREACH);
  ::close(outbound);

  // A server of the test's own on loopback still works.
  const int server = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in local{.sin_family = AF_INET, .sin_port = 0, .sin_addr = {htonl(INADDR_LOOPBACK)}, .sin_zero = {}};
  TK_ASSERT_EQ(::bind(server, reinterpret_cast<sockaddr*>(&local), sizeof local), 0);
  TK_ASSERT_EQ(::listen(server, 1), 0);
  socklen_t length = sizeof local;
  ::getsockname(server, reinterpret_cast<sockaddr*>(&local), &length);
  const int client = ::socket(AF_INET, SOCK_STREAM, 0);
  TK_EXPECT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&local), sizeof local), 0);
  ::close(client);
  ::close(server);
}

TK_TEST(Sandbox, memory_is_limited) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  TK_SKIP("sanitizer builds need their address space");
#endif
  TK_EXPECT_THROWS(std::make_unique<char[]>(std::size_t{512} << 20), std::bad_alloc);
}

TK_TEST(Sandbox, processes_are_limited) {
  std::vector<pid_t> children;
  int refused = 0;
  for (int i = 0; i < 40; ++i) {
    const pid_t child = ::fork();
    if (child == 0) {
      ::sleep(2);
      ::_exit(0);
    }
    if (child > 0)
      children.push_back(child);
    else
      ++refused;
  }
  for (pid_t child : children) ::kill(child, SIGKILL);
  for (pid_t child : children) ::waitpid(child, nullptr, 0);
  TK_EXPECT_GT(refused, 0, "{} forks succeeded", children.size());
}

TK_TEST(Sandbox, file_size_is_limited) {
  ::signal(SIGXFSZ, SIG_IGN);  // get EFBIG instead of dying
  std::ofstream big(fs::temp_directory_path() / "big.bin", std::ios::binary);
  const std::string mebibyte(std::size_t{1} << 20, 'x');
  big << mebibyte << mebibyte;
  big.flush();
  TK_EXPECT_FALSE(static_cast<bool>(big), "writing 2 MiB under a 1 MiB limit");
}

TK_TEST(Sandbox, limits_and_identity) {
  rlimit limit{};
  ::getrlimit(RLIMIT_CORE, &limit);
  TK_EXPECT_EQ(limit.rlim_cur, 0u);
  ::getrlimit(RLIMIT_CPU, &limit);
  TK_EXPECT_EQ(limit.rlim_cur, 6u);  // --timeout 5, plus a second
  ::getrlimit(RLIMIT_NOFILE, &limit);
  TK_EXPECT_EQ(limit.rlim_cur, 256u);
  TK_EXPECT_NE(::getuid(), 0u, "a root runner's tests run as users of their own");
  char byte = 0;
  TK_EXPECT_EQ(::read(STDIN_FILENO, &byte, 1), 0, "stdin is /dev/null");
}

// A process as ptrace names it (in the test's PID namespace) and as /proc does (mounted in the runner's).
struct Process {
  pid_t pid = 0;
  long proc_pid = 0;
};

// This process, and its parent.
Process this_process() { return {::getpid(), testkit::e2e::pid_in_proc()}; }
Process parent_process() {
  std::string stat;  // "PID (COMMAND) STATE PPID ...", the command may hold anything but ends at the last ')'
  std::getline(std::ifstream("/proc/self/stat"), stat);
  const std::size_t name_end = stat.rfind(')');
  return {::getppid(), name_end == std::string::npos ? 0 : std::strtol(stat.c_str() + name_end + 4, nullptr, 10)};
}

// What a process the test starts (a program it runs; here a child of its own, which can do as much) reaches of
// `target`: attaching to it with ptrace (and so rewriting its memory, a verdict included), opening its memory or its
// descriptor 3 (a test's result channel) through /proc. Empty when it reaches nothing.
std::string what_a_child_reaches_of(Process target) {
  const pid_t child = ::fork();
  if (child < 0) return "(no fork)";
  if (child == 0) {
    int reached = 0;
    if (::ptrace(PTRACE_ATTACH, target.pid, nullptr, nullptr) == 0) {
      reached |= 1;
      ::waitpid(target.pid, nullptr, __WALL);  // the attach stops it; let it go on
      ::ptrace(PTRACE_DETACH, target.pid, nullptr, nullptr);
    }
    const auto opens = [&target](const char* file, int flags) {
      const int fd = ::open(("/proc/" + std::to_string(target.proc_pid) + "/" + file).c_str(), flags);
      if (fd >= 0) ::close(fd);
      return fd >= 0;
    };
    if (opens("mem", O_RDWR)) reached |= 2;
    if (opens("fd/3", O_WRONLY)) reached |= 4;
    ::_exit(reached);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status)) return "(the child did not exit)";
  const int reached = WEXITSTATUS(status);
  std::string what;
  if (reached & 1) what += "ptrace attach; ";
  if (reached & 2) what += "its memory; ";
  if (reached & 4) what += "its descriptor 3; ";
  return what;
}

TK_TEST(Sandbox, a_program_the_test_runs_cannot_trace_it) { TK_EXPECT_EQ(what_a_child_reaches_of(this_process()), ""); }

// A class with set_up_class runs in a host of its own, whose tests (of the same user) it forks.
class SandboxHosted : public testkit::TestCase {
 public:
  static void set_up_class() {}
};

TK_TEST_F(SandboxHosted, a_program_the_test_runs_cannot_trace_it_or_its_class_host) {
  const Process host = parent_process();
  std::string host_command;
  std::getline(std::ifstream("/proc/" + std::to_string(host.proc_pid) + "/cmdline"), host_command);
  TK_ASSERT_CONTAINS(host_command, "--testkit-worker-host", "the test's parent is its class host");
  TK_EXPECT_EQ(what_a_child_reaches_of(this_process()), "");
  TK_EXPECT_EQ(what_a_child_reaches_of(host), "", "the class host");
}

}  // namespace
