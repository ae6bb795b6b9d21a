#include <testkit/run/module_host_link.hpp>

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include <testkit/run/module_host.hpp>

namespace testkit::detail {

ModuleHostLink::ModuleHostLink(std::span<const TestInfo* const> plan)
    : link_(nullptr, [plan](const HostDescriptors& fds, BlackBox* box) {
        return fork_module_host(plan, {.socket = fds.socket,
                                       .failures_fd = fds.failures,
                                       .out_fd = fds.out,
                                       .err_fd = fds.err,
                                       .black_box = box,
                                       .supervisor = ::getpid()});
      }) {}

template <typename Take> bool ModuleHostLink::wait_for(Take take, Clock::time_point deadline, int interrupt_fd) {
  while (true) {
    const bool exited = link_.reap();  // reaped before reading: every report it sent is there
    for (const std::optional<HostReport>& report : link_.read())
      if (take(report)) return true;
    if (exited) return false;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    std::vector<pollfd> polled;
    if (interrupt_fd >= 0) polled.push_back({interrupt_fd, POLLIN, 0});
    link_.watch(polled);
    // Without a pidfd (kernels before 5.3) its end shows only as its pipes closing: look again every 50 ms.
    if (::poll(polled.data(), polled.size(), static_cast<int>(std::min<long>(left.count(), 50))) < 0 && errno != EINTR)
      return false;
    if (interrupt_fd >= 0 && polled[0].revents != 0) return false;
  }
}

bool ModuleHostLink::wait_ready(Clock::time_point deadline, std::chrono::milliseconds timeout, int interrupt_fd) {
  const bool ready = wait_for(
      [](const std::optional<HostReport>& report) { return report && report->kind == HostReport::Kind::ready; },
      deadline, interrupt_fd);
  if (!ready && !link_.exited() && Clock::now() >= deadline) kill_for(KillReason::timeout, timeout);
  return ready;
}

pid_t ModuleHostLink::start_class_host(std::size_t plan_index, const HostDescriptors& fds) {
  pid_t pid = -1;
  if (!link_.exited() && send_class_host_request(link_.socket(), {.plan_index = plan_index, .fds = fds}))
    (void)wait_for(
        [&](const std::optional<HostReport>& report) {
          if (report && report->kind == HostReport::Kind::started && report->plan_index == plan_index &&
              report->pid > 0)
            pid = static_cast<pid_t>(report->pid);
          return true;  // the one answer there is: anything else is not what a module host says
        },
        Clock::now() + std::chrono::seconds(10), -1);
  if (pid < 0) {
    // It cannot fork a class host (or says what a module host does not): it ends here, so that the caller can tell
    // how.
    kill_for(KillReason::none, {});
    (void)wait_for([](const std::optional<HostReport>&) { return false; }, Clock::time_point::max(), -1);
  }
  return pid;
}

void ModuleHostLink::finish(Clock::time_point deadline, std::chrono::milliseconds timeout) {
  link_.shut();
  if (wait_for([](const std::optional<HostReport>&) { return false; }, deadline, -1) || link_.exited()) return;
  kill_for(KillReason::timeout, timeout);
  (void)wait_for([](const std::optional<HostReport>&) { return false; }, Clock::time_point::max(), -1);
}

void ModuleHostLink::kill() { kill_for(KillReason::none, {}); }

void ModuleHostLink::kill_for(KillReason reason, std::chrono::milliseconds timeout) {
  if (link_.exited()) return;
  if (killed_ == KillReason::none) {
    killed_ = reason;
    timeout_ = timeout;
  }
  ::killpg(link_.pid(), SIGKILL);
}

ProcessOutcome ModuleHostLink::outcome() {
  return {.failures = std::move(link_.outcome().failures),
          .wait_status = link_.wait_status(),
          .killed = killed_,
          .timeout = timeout_,
          .black_box = link_.black_box(),
          .channel_error = std::move(link_.outcome().channel_error)};
}

}  // namespace testkit::detail
