#include "support/run_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string_view>
#include <system_error>

extern char** environ;

namespace testkit::selftest {
namespace {

[[noreturn]] void throw_errno(int error, const std::string& what) {
  throw std::system_error(error, std::generic_category(), what);
}

/// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&&) = delete;
  ~Fd() { reset(); }
  [[nodiscard]] int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

Pipe make_pipe() {
  int fds[2];
  // Close-on-exec, so that the child keeps only the ends that posix_spawn dups onto 1 and 2.
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno(errno, "pipe2");
  return {Fd(fds[0]), Fd(fds[1])};
}

std::vector<std::string> child_environment(const ProcessSetup& setup) {
  const auto replaced = [&](std::string_view entry) {
    const std::string_view name = entry.substr(0, entry.find('='));
    return std::ranges::find(setup.unset_env, name) != setup.unset_env.end() ||
           std::ranges::any_of(setup.set_env, [&](const auto& variable) { return variable.first == name; });
  };
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry)
    if (!replaced(*entry)) environment.emplace_back(*entry);
  for (const auto& [name, value] : setup.set_env) environment.push_back(name + "=" + value);
  return environment;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

pid_t spawn(const std::string& program, std::vector<std::string> argv, const ProcessSetup& setup, const Pipe& out,
            const Pipe& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write.get(), STDERR_FILENO);
  if (!setup.working_directory.empty()) posix_spawn_file_actions_addchdir_np(&actions, setup.working_directory.c_str());

  // Its own process group (a timeout kills everything it started), default SIGPIPE, nothing blocked.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults, none;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  argv.insert(argv.begin(), program);
  std::vector<std::string> environment = child_environment(setup);
  pid_t pid = -1;
  const int error = ::posix_spawn(&pid, program.c_str(), &actions, &attributes, pointers_to(argv).data(),
                                  pointers_to(environment).data());
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw_errno(error, "posix_spawn " + program);
  return pid;
}

// Reads both pipes until both are at end of file; sends the setup's signals when due, and kills the
// child's group at the deadline.
void drain(pid_t pid, Pipe& out, Pipe& err, const ProcessSetup& setup, ProcessResult& result) {
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + setup.timeout;
  std::vector<TimedSignal> signals = setup.signals;
  std::ranges::stable_sort(signals, {}, &TimedSignal::after);
  std::size_t next_signal = 0;
  pollfd fds[2] = {{out.read.get(), POLLIN, 0}, {err.read.get(), POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  char buffer[65536];
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    const auto now = std::chrono::steady_clock::now();
    const auto due = [&](const TimedSignal& signal) {
      return start + signal.after <= now && (!signal.ready || signal.ready());
    };
    for (; next_signal < signals.size() && due(signals[next_signal]); ++next_signal)
      if (!result.timed_out) ::kill(pid, signals[next_signal].number);
    int wait_ms = -1;
    if (!result.timed_out) {
      auto wake = deadline;
      if (next_signal < signals.size())
        wake = std::min(wake, std::max(start + signals[next_signal].after, now + std::chrono::milliseconds(10)));
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(wake - now);
      if (now >= deadline) {
        ::kill(-pid, SIGKILL);
        result.timed_out = true;
      } else {
        wait_ms = static_cast<int>(std::clamp<long long>(left.count(), 0, 1000 * 60 * 60));
      }
    }
    const int ready = ::poll(fds, 2, wait_ms);
    if (ready < 0 && errno != EINTR) throw_errno(errno, "poll");
    for (int k = 0; k < 2 && ready > 0; ++k) {
      if (fds[k].fd < 0 || fds[k].revents == 0) continue;
      const ssize_t got = ::read(fds[k].fd, buffer, sizeof buffer);
      if (got > 0) {
        sinks[k]->append(buffer, static_cast<std::size_t>(got));
      } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
        fds[k].fd = -1;  // end of file: poll ignores negative descriptors
      }
    }
  }
}

}  // namespace

ProcessResult run_process(const std::string& program, const std::vector<std::string>& arguments,
                          const ProcessSetup& setup) {
  Pipe out = make_pipe();
  Pipe err = make_pipe();
  const pid_t pid = spawn(program, arguments, setup, out, err);
  // Only the child may hold the write ends now, so end of file means it (and its children) closed them.
  out.write.reset();
  err.write.reset();

  ProcessResult result;
  const auto start = std::chrono::steady_clock::now();
  try {
    drain(pid, out, err, setup, result);
  } catch (...) {
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    throw;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw_errno(errno, "waitpid");
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace testkit::selftest
