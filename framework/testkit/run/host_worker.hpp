#pragma once
/// A test binary as testkit-run's class host: started once per fixture class (exec'd, confined under --sandbox), it
/// runs its module set-up and set_up_class once, then forks each test of the class that testkit-run hands it, as the
/// class hosts of a forked run do (class_host.hpp).

#include <cstddef>
#include <deque>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include <testkit/core/test_info.hpp>
#include <testkit/run/worker.hpp>

namespace testkit {

/// The descriptors testkit-run starts a host worker with: its end of the host socket, where tear-down failures go,
/// its black box (a memfd), and a memfd that lists its tests, one "PLAN_INDEX NAME" line each.
struct HostWorkerChannels {
  int socket_fd = -1;
  int failures_fd = -1;
  int black_box_fd = -1;
  int tests_fd = -1;
};

/// The value of --testkit-worker-host ("3,4,5,6", in HostWorkerChannels' order), or nullopt when malformed.
[[nodiscard]] std::optional<HostWorkerChannels> parse_host_worker_channels(std::string_view text);

namespace detail {

/// The plan a host worker runs by: each "PLAN_INDEX NAME" line of `listed` puts at that index of the supervisor's
/// plan the test of `registered` with that full name, or null when the binary has none; indices no line names hold
/// null too. Nullopt when `listed` is malformed or names an index of 10,000,000 or more.
[[nodiscard]] std::optional<std::vector<const TestInfo*>> host_worker_plan(std::string_view listed,
                                                                           const std::deque<TestInfo>& registered);

/// In a test binary started with --testkit-worker-host: runs this process as the class host of the tests it was
/// given (of the class of the first that it holds; a test of another class, or one it lacks, exits 2 when handed
/// over), with its own module hooks around the class's, then ends the process. Exits 2 with a message on stderr when
/// its descriptors or its list of tests are unusable.
[[noreturn]] void run_as_host_worker(const std::deque<TestInfo>& registered, const HostWorkerChannels& channels);

/// The tests one host worker is to run, with their plan indices (testkit-run's tests: names with the binary's
/// prefix), all of one class of one binary.
using HostWorkerTests = std::span<const std::pair<std::size_t, const TestInfo*>>;

/// In testkit-run's child for a class host, once it is confined: makes `socket_fd`, `failures_fd` and `black_box_fd`
/// descriptors 3, 4 and 5 and a memfd listing `tests` descriptor 6 (0, 1 and 2 are the host's), closes every other
/// one, resets the signal state the runner changed, and execs the binary of `launches` that holds the tests as their
/// host worker. Exits 127, saying why on stderr, if no binary holds them or the exec fails.
[[noreturn]] void exec_host_worker(std::span<const WorkerLaunch> launches, HostWorkerTests tests, int socket_fd,
                                   int failures_fd, int black_box_fd);

}  // namespace detail
}  // namespace testkit
