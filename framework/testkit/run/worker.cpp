#include <testkit/run/worker.hpp>

#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstring>

#include <testkit/run/memory_checks.hpp>
#include <testkit/run/test_process.hpp>

namespace testkit {
namespace {

constexpr int worker_result_fd = 3;
constexpr int worker_black_box_fd = 4;

std::optional<int> descriptor(std::string_view text) {
  int fd = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), fd);
  if (error != std::errc{} || end != text.data() + text.size() || fd < 3) return std::nullopt;
  return fd;
}

// Moves `fd` to `target` (clearing close-on-exec there); fails only on a descriptor that is not open.
bool place(int fd, int target) {
  if (fd == target) return ::fcntl(fd, F_SETFD, 0) == 0;
  return ::dup2(fd, target) == target;
}

// The launch of the binary that holds `test`, or null.
const WorkerLaunch* launch_of(const TestInfo& test, std::span<const WorkerLaunch> launches) {
  const WorkerLaunch* found = nullptr;
  for (const WorkerLaunch& launch : launches)
    if (test.suite.starts_with(launch.name_prefix) &&
        (found == nullptr || launch.name_prefix.size() > found->name_prefix.size()))
      found = &launch;
  return found;
}

}  // namespace

std::optional<WorkerChannels> parse_worker_channels(std::string_view text) {
  const std::size_t comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  const std::optional<int> result = descriptor(text.substr(0, comma));
  const std::optional<int> black_box = descriptor(text.substr(comma + 1));
  if (!result || !black_box || *result == *black_box) return std::nullopt;
  return WorkerChannels{*result, *black_box};
}

namespace detail {

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

void exec_worker(std::span<const WorkerLaunch> launches, const TestInfo& test, int result_fd, int black_box_fd) {
  const WorkerLaunch* const launch = launch_of(test, launches);
  if (launch == nullptr) {
    std::fprintf(stderr, "testkit: no test binary holds %s\n", test.full_name().c_str());
    std::fflush(stderr);
    ::_exit(127);
  }
  // The black box moves out of the way first when it sits where the result channel goes.
  int box = black_box_fd;
  if (box == worker_result_fd) box = ::fcntl(box, F_DUPFD_CLOEXEC, worker_black_box_fd + 1);
  if (!place(result_fd, worker_result_fd) || !place(box, worker_black_box_fd)) {
    std::fprintf(stderr, "testkit: cannot pass the worker its descriptors\n");
    ::_exit(127);
  }
  ::syscall(SYS_close_range, worker_black_box_fd + 1, ~0U, 0);  // the worker inherits nothing of the runner's
  for (int signal = 1; signal < NSIG; ++signal) ::signal(signal, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);

  const std::string name = test.full_name().substr(launch->name_prefix.size());
  std::vector<std::string> arguments = launch->runs_under;
  arguments.insert(arguments.end(), {launch->binary, "--testkit-worker=3,4", "--filter=" + name});
  arguments.insert(arguments.end(), launch->options.begin(), launch->options.end());
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  ::execv(argv.front(), argv.data());
  std::fprintf(stderr, "testkit: cannot start %s: %s\n", argv.front(), std::strerror(errno));
  std::fflush(stderr);
  ::_exit(127);
}

}  // namespace detail
}  // namespace testkit
