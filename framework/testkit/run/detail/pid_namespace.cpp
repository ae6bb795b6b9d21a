#include <testkit/run/detail/pid_namespace.hpp>

#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include <testkit/run/detail/private_network.hpp>

namespace testkit::detail {
namespace {

// A status record on the pipe: its kind, then the wait status, both native 32-bit integers.
enum class StatusKind : std::int32_t { stopped = 1, ended = 2 };
constexpr std::size_t record_size = 2 * sizeof(std::int32_t);

void send_status(int fd, StatusKind kind, int wait_status) {
  std::int32_t record[2] = {static_cast<std::int32_t>(kind), wait_status};
  [[maybe_unused]] const auto written = ::write(fd, record, sizeof record);  // 8 bytes: one write, never split
}

}  // namespace

bool can_make_pid_namespaces(bool with_user_namespace) {
  const pid_t probe = ::fork();
  if (probe == 0) {
    if (!enter_pid_namespace(with_user_namespace).empty()) ::_exit(1);
    const pid_t init = ::fork();
    if (init == 0) ::_exit(::getpid() == 1 ? 0 : 1);
    int status = 0;
    ::_exit(init > 0 && ::waitpid(init, &status, 0) == init && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1);
  }
  int status = 0;
  return probe > 0 && ::waitpid(probe, &status, 0) == probe && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string enter_pid_namespace(bool with_user_namespace) {
  // The ids outside, which the new user namespace shows only once they are mapped.
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (with_user_namespace) {
    if (::unshare(CLONE_NEWUSER) != 0) return fmt::format("unshare(CLONE_NEWUSER): {}", std::strerror(errno));
    if (std::string problem = map_own_ids(uid, gid); !problem.empty()) return problem;
  }
  if (::unshare(CLONE_NEWPID) != 0) return fmt::format("unshare(CLONE_NEWPID): {}", std::strerror(errno));
  return {};
}

void relay_pid_namespace(pid_t init) {
  ::close_range(0, ~0U, 0);
  for (int signal : {SIGTERM, SIGINT, SIGHUP}) ::signal(signal, SIG_IGN);
  int status = 0;
  while (::waitpid(init, &status, 0) < 0)
    if (errno != EINTR) ::_exit(125);
  ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

void run_namespace_init(pid_t test, int status_fd) {
  if (status_fd > 0) ::close_range(0, static_cast<unsigned>(status_fd) - 1, 0);
  ::close_range(static_cast<unsigned>(status_fd) + 1, ~0U, 0);
  // The test runs as this process's user: without this, it could open the status pipe through /proc/1/fd.
  ::prctl(PR_SET_DUMPABLE, 0);
  while (true) {
    int status = 0;
    const pid_t ended = ::waitpid(-1, &status, WUNTRACED);
    if (ended < 0) {
      if (errno == EINTR) continue;
      ::_exit(0);  // no child left: the test is gone without a word, which the supervisor reports as this exit
    }
    if (ended != test) continue;  // an orphan of the test, now reaped
    if (WIFSTOPPED(status)) {
      send_status(status_fd, StatusKind::stopped, status);
      continue;
    }
    send_status(status_fd, StatusKind::ended, status);
    ::_exit(0);
  }
}

void TestStatusReader::feed(std::string_view bytes) { pending_.append(bytes); }

std::optional<TestStatus> TestStatusReader::next() {
  while (pending_.size() >= record_size) {
    std::int32_t record[2];
    std::memcpy(record, pending_.data(), record_size);
    pending_.erase(0, record_size);
    if (record[0] == static_cast<std::int32_t>(StatusKind::stopped)) return TestStatus{true, record[1]};
    if (record[0] == static_cast<std::int32_t>(StatusKind::ended)) return TestStatus{false, record[1]};
  }
  return std::nullopt;
}

}  // namespace testkit::detail
