#include <testkit/run/worker.hpp>

#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>

#include <testkit/run/memory_checks.hpp>
#include <testkit/run/test_process.hpp>

namespace testkit {
namespace {

constexpr int first_passed_fd = 3;  // where exec_test_binary puts the descriptors it passes

std::optional<int> descriptor(std::string_view text) {
  int fd = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), fd);
  if (error != std::errc{} || end != text.data() + text.size() || fd < 3) return std::nullopt;
  return fd;
}

}  // namespace

std::optional<WorkerChannels> parse_worker_channels(std::string_view text) {
  const std::optional<std::vector<int>> fds = detail::parse_descriptors(text, 2);
  if (!fds) return std::nullopt;
  return WorkerChannels{(*fds)[0], (*fds)[1]};
}

namespace detail {

std::optional<std::vector<int>> parse_descriptors(std::string_view text, std::size_t count) {
  std::vector<int> fds;
  while (fds.size() < count) {
    const std::size_t comma = text.find(',');
    if ((comma == std::string_view::npos) != (fds.size() + 1 == count)) return std::nullopt;
    const std::optional<int> fd = descriptor(text.substr(0, comma));
    if (!fd || std::ranges::find(fds, *fd) != fds.end()) return std::nullopt;
    fds.push_back(*fd);
    text.remove_prefix(comma == std::string_view::npos ? text.size() : comma + 1);
  }
  return fds;
}

void run_as_worker(const TestInfo& test, const WorkerChannels& channels) {
  void* const memory = ::mmap(nullptr, sizeof(BlackBox), PROT_READ | PROT_WRITE, MAP_SHARED, channels.black_box_fd, 0);
  if (memory == MAP_FAILED) {
    std::fprintf(stderr, "testkit: the worker cannot map its black box: %s\n", std::strerror(errno));
    std::fflush(stderr);
    ::_exit(125);
  }
  ::close(channels.black_box_fd);
  take_leak_baseline();  // static initialisation's leaks are no test's
  // testkit-run has no copy of this image: failures are symbolized here.
  run_in_test_process(test, channels.result_fd, *static_cast<BlackBox*>(memory), /*supervisor_symbolizes=*/false,
                      nullptr);
}

const WorkerLaunch* launch_of(const TestInfo& test, std::span<const WorkerLaunch> launches) {
  const WorkerLaunch* found = nullptr;
  for (const WorkerLaunch& launch : launches)
    if (test.suite.starts_with(launch.name_prefix) &&
        (found == nullptr || launch.name_prefix.size() > found->name_prefix.size()))
      found = &launch;
  return found;
}

void exec_test_binary(const WorkerLaunch& launch, std::span<const int> fds, std::vector<std::string> arguments) {
  // Each descriptor first moves above every target, so that no move overwrites one still to be moved.
  const int above = first_passed_fd + static_cast<int>(fds.size());
  std::vector<int> moved;
  for (int fd : fds) moved.push_back(::fcntl(fd, F_DUPFD_CLOEXEC, above));
  for (std::size_t index = 0; index < moved.size(); ++index)
    if (moved[index] < 0 || ::dup2(moved[index], first_passed_fd + static_cast<int>(index)) < 0) {
      std::fprintf(stderr, "testkit: cannot pass the test binary its descriptors\n");
      ::_exit(127);
    }
  ::syscall(SYS_close_range, above, ~0U, 0);  // the binary inherits nothing of the runner's
  for (int signal = 1; signal < NSIG; ++signal) ::signal(signal, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);

  std::vector<std::string> command = launch.runs_under;
  command.push_back(launch.binary);
  command.insert(command.end(), arguments.begin(), arguments.end());
  command.insert(command.end(), launch.options.begin(), launch.options.end());
  std::vector<char*> argv;
  for (std::string& argument : command) argv.push_back(argument.data());
  argv.push_back(nullptr);
  ::execv(argv.front(), argv.data());
  std::fprintf(stderr, "testkit: cannot start %s: %s\n", argv.front(), std::strerror(errno));
  std::fflush(stderr);
  ::_exit(127);
}

void exec_worker(std::span<const WorkerLaunch> launches, const TestInfo& test, int result_fd, int black_box_fd) {
  const WorkerLaunch* const launch = launch_of(test, launches);
  if (launch == nullptr) {
    std::fprintf(stderr, "testkit: no test binary holds %s\n", test.full_name().c_str());
    std::fflush(stderr);
    ::_exit(127);
  }
  const int fds[] = {result_fd, black_box_fd};
  exec_test_binary(*launch, fds,
                   {"--testkit-worker=3,4", "--filter=" + test.full_name().substr(launch->name_prefix.size())});
}

}  // namespace detail
}  // namespace testkit
