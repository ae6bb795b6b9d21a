#include <testkit/run/remote_listing.hpp>

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include <testkit/report/failure_text.hpp>
#include <testkit/run/listing.hpp>
#include <testkit/run/output_collector.hpp>

namespace testkit {
namespace {

using Clock = std::chrono::steady_clock;

// A listing of 100,000 tests is a few tens of MiB; more is not a listing.
constexpr std::size_t max_listing_bytes = std::size_t{64} << 20;

// How long a listing that closed its output may take to exit before it is killed.
constexpr std::chrono::seconds exit_grace{5};

[[noreturn]] void list_in_child(const std::string& binary, const SandboxSettings& sandbox, const std::string& dir,
                                std::chrono::milliseconds timeout, int out, int err) {
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  const int null = ::open("/dev/null", O_RDONLY);
  if (null >= 0) ::dup2(null, STDIN_FILENO);
  ::syscall(SYS_close_range, 3, ~0U, 0);
  ::setpgid(0, 0);
  if (sandbox.enabled) {
    if (const std::string problem = enter_sandbox(sandbox, dir, timeout); !problem.empty()) {
      std::fprintf(stderr, "testkit: cannot sandbox the listing: %s\n", problem.c_str());
      ::_exit(125);
    }
  }
  const std::string list = "--list=json";
  char* const argv[] = {const_cast<char*>(binary.c_str()), const_cast<char*>(list.c_str()), nullptr};
  ::execv(binary.c_str(), argv);
  std::fprintf(stderr, "testkit: cannot start %s: %s\n", binary.c_str(), std::strerror(errno));
  ::_exit(127);
}

// Reads the child's stdout (whole, up to the bound) and stderr (its ends) until both close or the deadline passes.
// Returns false when the deadline passed or stdout overflowed.
bool drain(int out, int err, Clock::time_point deadline, std::string& listing, detail::OutputCollector& errors) {
  pollfd fds[] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
  char buffer[64 * 1024];
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    if (::poll(fds, 2, static_cast<int>(std::min<long long>(left, 1000))) < 0 && errno != EINTR) return false;
    for (pollfd& polled : fds) {
      if (polled.fd < 0 || polled.revents == 0) continue;
      const ssize_t got = ::read(polled.fd, buffer, sizeof buffer);
      if (got <= 0) {
        polled.fd = -1;
        continue;
      }
      const std::string_view bytes(buffer, static_cast<std::size_t>(got));
      if (&polled == &fds[1]) {
        errors.append(bytes);
      } else if (listing.size() + bytes.size() > max_listing_bytes) {
        return false;
      } else {
        listing.append(bytes);
      }
    }
  }
  return true;
}

// Waits until `child` ends or `deadline` passes; true, with its `status`, when it ended.
bool ended_by(pid_t child, Clock::time_point deadline, int& status) {
  for (;;) {
    const pid_t reaped = ::waitpid(child, &status, WNOHANG);
    if (reaped == child) return true;
    if ((reaped < 0 && errno != EINTR) || Clock::now() >= deadline) return false;
    ::usleep(1000);
  }
}

}  // namespace

std::string list_tests_of(const std::string& binary, const SandboxSettings& sandbox, std::chrono::milliseconds timeout,
                          std::deque<TestInfo>& tests) {
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "pipe2");
  const std::string dir = sandbox.enabled ? make_sandbox_dir(sandbox.support) : "";
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (child == 0) list_in_child(binary, sandbox, dir, timeout, out[1], err[1]);
  ::close(out[1]);
  ::close(err[1]);
  const auto deadline = timeout.count() > 0 ? Clock::now() + timeout : Clock::time_point::max();
  std::string listing;
  detail::OutputCollector errors(4096, 4096);
  const bool complete = drain(out[0], err[0], deadline, listing, errors);
  ::close(out[0]);
  ::close(err[0]);
  // Its pipes closed as it exited: its status is its own once it ends, not the SIGKILL below if that came first.
  int status = 0;
  const bool ended = complete && ended_by(child, std::min(deadline, Clock::now() + exit_grace), status);
  ::kill(-child, SIGKILL);  // whatever the listing left behind in its group; all of it when it overran
  while (!ended && ::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!dir.empty()) remove_sandbox_dir(dir);
  const std::string stderr_text = errors.take().text();
  const std::string said = stderr_text.empty() ? "" : ":\n" + stderr_text;
  if (!complete)
    return fmt::format("{} --list=json did not finish within {} s or wrote more than {} MiB{}", binary,
                       timeout.count() / 1000.0, max_listing_bytes >> 20, said);
  if (WIFSIGNALED(status))
    return fmt::format("{} --list=json was killed by {}{}", binary, describe_signal(WTERMSIG(status)), said);
  if (WEXITSTATUS(status) != 0)
    return fmt::format("{} --list=json exited with status {}{}", binary, WEXITSTATUS(status), said);
  return read_json_listing(listing, tests);
}

}  // namespace testkit
