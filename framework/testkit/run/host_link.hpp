#pragma once
/// The supervisor's side of one class host (class_host.hpp).

#include <poll.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include <testkit/core/black_box.hpp>
#include <testkit/core/test_info.hpp>
#include <testkit/run/detail/pid_namespace.hpp>
#include <testkit/run/host_channel.hpp>
#include <testkit/run/output_collector.hpp>
#include <testkit/run/process_verdict.hpp>
#include <testkit/run/wire.hpp>

namespace testkit::detail {

/// Starts a class host (or a module host: module_host.hpp), hands it tests, and takes what it sends: its reports
/// (bounded by parse_host_report; the caller checks them against what it handed), its stdout and stderr, and the
/// failures tear_down_class streams. Used by the single-threaded supervisor only; destroying it closes its descriptors,
/// not the process.
class HostLink {
 public:
  /// Starts a process with `start`, handing it the descriptors and black box it is to keep (the host of `fixture`'s
  /// tests, null: the free tests; or a module host): `start` returns its pid, or -1 with errno set. With
  /// `symbolizes`, the stack frames of the failures it streams are of this binary's code, symbolized here (a host
  /// worker of testkit-run symbolizes its own). Throws std::system_error when the system has no process or descriptor
  /// left, or `start` fails.
  HostLink(const FixtureClass* fixture, const std::function<pid_t(const HostDescriptors&, BlackBox*)>& start,
           bool symbolizes = true);
  ~HostLink();
  HostLink(const HostLink&) = delete;
  HostLink& operator=(const HostLink&) = delete;

  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] const FixtureClass* fixture() const { return fixture_; }
  /// The supervisor's end of the SOCK_SEQPACKET socket to the host.
  [[nodiscard]] int socket() const { return socket_; }

  /// Hands it the test at `plan_index`, with the descriptors of that test's process (the caller still closes its
  /// own), to start at once or, handed ahead, once it has reported `start_after_ends` ended tests (host_channel.hpp).
  /// False when the host can take no more (it died).
  bool hand(std::size_t plan_index, const TestDescriptors& fds, std::uint64_t start_after_ends = 0) const;
  /// Tells it that no more tests come: once its tests have ended it runs tear_down_class and exits.
  void shut();
  [[nodiscard]] bool is_shut() const { return shut_; }

  /// Adds the descriptors that wake the supervisor when the host sends something or ends.
  void watch(std::vector<pollfd>& polled) const;
  /// Reads what has arrived: keeps its output and tear_down_class's failures, and returns its messages in order
  /// (nullopt for one that is not a report; a report's descriptor is the caller's to close).
  [[nodiscard]] std::vector<std::optional<HostReport>> read();
  /// The same, from those of its descriptors that are among `ready` (sorted: those poll found readable) only, so that
  /// no read is made only to find nothing there.
  [[nodiscard]] std::vector<std::optional<HostReport>> read(std::span<const int> ready);
  /// Whether it has been stopped by a signal (SIGSTOP, SIGTSTP...) since the last look: a stopped host would hold its
  /// tests for ever.
  [[nodiscard]] bool stopped();
  /// Whether it has ended: reaps it the first time, then kills whatever it left in its process group.
  bool reap();
  /// The same, without a system call while its pidfd is not among `ready` (sorted: what poll found readable).
  bool reap(std::span<const int> ready);
  [[nodiscard]] bool exited() const { return exited_; }
  /// For a host started in a PID namespace (its pid is the namespace's relay): the reading end of the pipe its init
  /// writes how the host ended to (pid_namespace.hpp), which wait_status() then gives. The link owns it.
  void take_status_pipe(int fd);
  [[nodiscard]] int wait_status() const { return wait_status_; }

  /// Where a crash of the host itself is recorded (read once it has ended).
  [[nodiscard]] const BlackBox* black_box() const { return box_; }
  /// The failures tear_down_class streamed (symbolized), and whether its channel was corrupted.
  [[nodiscard]] ProcessOutcome& outcome() { return outcome_; }
  [[nodiscard]] OutputCollector& out() { return out_; }
  [[nodiscard]] OutputCollector& err() { return err_; }

 private:
  enum Stream { failures_stream, out_stream, err_stream, stream_count };

  std::vector<std::optional<HostReport>> read_where(const std::function<bool(int)>& is_ready);
  // Takes what the init of its PID namespace reported since the last look (keeping how the host ended); whether that
  // included a stop.
  bool read_statuses();

  const FixtureClass* fixture_;
  pid_t pid_ = -1;
  int pidfd_ = -1;
  int status_fd_ = -1;
  int socket_ = -1;
  int fds_[stream_count] = {-1, -1, -1};
  BlackBox* box_ = nullptr;
  bool symbolizes_ = true;
  bool shut_ = false;
  bool exited_ = false;
  int wait_status_ = 0;
  TestStatusReader statuses_;         // from the init of its PID namespace
  std::optional<int> init_status_{};  // how the host ended, as that init reported it
  RecordReader reader_;
  ProcessOutcome outcome_;
  OutputCollector out_, err_;
};

}  // namespace testkit::detail
