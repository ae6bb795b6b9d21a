#include <testkit/run/host_worker.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include <testkit/run/class_host.hpp>
#include <testkit/run/module_fixtures.hpp>

namespace testkit {
namespace {

constexpr std::size_t max_plan_index = 10'000'000;
constexpr std::size_t max_listed_bytes = 256 << 20;

[[noreturn]] void refuse(const char* problem) {
  std::fprintf(stderr, "testkit: the class host cannot start: %s\n", problem);
  std::fflush(stderr);
  ::_exit(2);
}

// What the memfd `fd` holds, read from its start; nullopt when it cannot be read.
std::optional<std::string> read_whole(int fd) {
  std::string text;
  char buffer[64 * 1024];
  while (text.size() <= max_listed_bytes) {
    const ssize_t got = ::pread(fd, buffer, sizeof buffer, static_cast<off_t>(text.size()));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::nullopt;
    if (got == 0) return text;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return std::nullopt;
}

}  // namespace

std::optional<HostWorkerChannels> parse_host_worker_channels(std::string_view text) {
  const std::optional<std::vector<int>> fds = detail::parse_descriptors(text, 4);
  if (!fds) return std::nullopt;
  return HostWorkerChannels{
      .socket_fd = (*fds)[0], .failures_fd = (*fds)[1], .black_box_fd = (*fds)[2], .tests_fd = (*fds)[3]};
}

namespace detail {

std::optional<std::vector<const TestInfo*>> host_worker_plan(std::string_view listed,
                                                             const std::deque<TestInfo>& registered) {
  std::map<std::string, const TestInfo*, std::less<>> by_name;
  for (const TestInfo& test : registered) by_name.emplace(test.full_name(), &test);
  std::vector<const TestInfo*> plan;
  while (!listed.empty()) {
    const std::size_t end = listed.find('\n');
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view line = listed.substr(0, end);
    listed.remove_prefix(end + 1);
    std::size_t index = 0;
    const auto [name_start, error] = std::from_chars(line.data(), line.data() + line.size(), index);
    if (error != std::errc{} || index >= max_plan_index || name_start == line.data() + line.size() ||
        *name_start != ' ')
      return std::nullopt;
    const std::string_view name(name_start + 1, static_cast<std::size_t>(line.data() + line.size() - name_start - 1));
    if (plan.size() <= index) plan.resize(index + 1, nullptr);
    const auto found = by_name.find(name);
    plan[index] = found == by_name.end() ? nullptr : found->second;
  }
  return plan;
}

void run_as_host_worker(const std::deque<TestInfo>& registered, const HostWorkerChannels& channels) {
  const std::optional<std::string> listed = read_whole(channels.tests_fd);
  if (!listed) refuse("its list of tests cannot be read");
  std::optional<std::vector<const TestInfo*>> plan = host_worker_plan(*listed, registered);
  if (!plan) refuse("its list of tests is malformed");
  // Its class is that of the first test it holds; a test of another class is one it has not got.
  std::vector<const TestInfo*> own;
  for (const TestInfo*& test : *plan) {
    if (test == nullptr) continue;
    if (!own.empty() && host_class_of(*test) != host_class_of(*own.front()))
      test = nullptr;
    else
      own.push_back(test);
  }
  void* const box = ::mmap(nullptr, sizeof(BlackBox), PROT_READ | PROT_WRITE, MAP_SHARED, channels.black_box_fd, 0);
  if (box == MAP_FAILED) refuse("its black box cannot be mapped");
  // The module hooks run in the host, once per class: testkit-run has no process of the binary's that could run them
  // once for the run.
  ModuleFixtures module(own);
  run_class_host(*plan, own.empty() ? nullptr : host_class_of(*own.front()),
                 {.socket = channels.socket_fd,
                  .failures_fd = channels.failures_fd,
                  .out_fd = STDOUT_FILENO,
                  .err_fd = STDERR_FILENO,
                  .black_box = static_cast<BlackBox*>(box),
                  .supervisor = ::getppid(),  // testkit-run's confined child, or the init of the host's PID namespace
                  .started_by_testkit_run = true,
                  .module = &module});
}

void exec_host_worker(std::span<const WorkerLaunch> launches, HostWorkerTests tests, int socket_fd, int failures_fd,
                      int black_box_fd) {
  const WorkerLaunch* const launch = tests.empty() ? nullptr : launch_of(*tests.front().second, launches);
  if (launch == nullptr) {
    std::fprintf(stderr, "testkit: no test binary holds the class's tests\n");
    std::fflush(stderr);
    ::_exit(127);
  }
  std::string listed;
  for (const auto& [plan_index, test] : tests)
    listed += std::to_string(plan_index) + ' ' + test->full_name().substr(launch->name_prefix.size()) + '\n';
  const int tests_fd = ::memfd_create("testkit-host-tests", MFD_CLOEXEC);
  if (tests_fd < 0 || ::write(tests_fd, listed.data(), listed.size()) != static_cast<ssize_t>(listed.size())) {
    std::fprintf(stderr, "testkit: cannot list the class's tests for its host: %s\n", std::strerror(errno));
    std::fflush(stderr);
    ::_exit(127);
  }
  const int fds[] = {socket_fd, failures_fd, black_box_fd, tests_fd};
  exec_test_binary(*launch, fds, {"--testkit-worker-host=3,4,5,6"});
}

}  // namespace detail
}  // namespace testkit
