#pragma once
/// A file of process ids, through which a scenario tells the driver which processes it started, so that the
/// driver can check that the runner ended them, and the id /proc gives a process. Header-only: both the scenarios
/// and the driver include it.

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace testkit::e2e {

/// The environment variable that names the pid file; without it, note_pid does nothing.
inline constexpr const char* pid_file_variable = "TK_SCENARIO_PID_FILE";

/// Appends `pid` to the file named by TK_SCENARIO_PID_FILE. Async-signal-unsafe; safe after fork.
inline void note_pid(pid_t pid) {
  const char* path = std::getenv(pid_file_variable);
  if (path == nullptr) return;
  const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;
  const std::string line = std::to_string(pid) + "\n";
  [[maybe_unused]] const auto written = ::write(fd, line.data(), line.size());  // one write: O_APPEND keeps it whole
  ::close(fd);
}

/// This process's id as /proc names it, which the driver can look for: /proc stays mounted in the runner's PID
/// namespace, so inside a sandboxed test's own namespace it differs from getpid(). getpid() if /proc cannot say.
inline long pid_in_proc() {
  char link[32] = {};
  if (::readlink("/proc/self", link, sizeof link - 1) <= 0) return ::getpid();
  return std::strtol(link, nullptr, 10);
}

/// The pids in the file at `path`, in the order they were noted; empty when it does not exist.
inline std::vector<pid_t> pids_in(const std::string& path) {
  std::vector<pid_t> pids;
  std::ifstream in(path);
  for (long pid = 0; in >> pid;) pids.push_back(static_cast<pid_t>(pid));
  return pids;
}

/// True while process `pid` runs or sleeps; false once it has ended, also as a zombie nobody has reaped yet
/// (an orphan's new parent may be slow to reap it, or never do it).
inline bool is_alive(pid_t pid) {
  if (::kill(pid, 0) != 0) return errno != ESRCH;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  if (text.empty()) return false;           // reaped between the two looks
  const auto after_name = text.rfind(')');  // the name in parentheses may itself hold spaces and parentheses
  return after_name == std::string::npos || after_name + 2 >= text.size() || text[after_name + 2] != 'Z';
}

/// Waits up to `limit` for process `pid` to end (see is_alive); true when it did. A process killed with
/// SIGKILL may still be dying for a moment after whoever killed it has exited.
inline bool ends_within(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (is_alive(pid)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace testkit::e2e
