#pragma once
/// A test binary as testkit-run's worker: started confined for one test (exec'd, so its global constructors run
/// inside the sandbox), it reports that test through two descriptors it inherits and ends.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/core/black_box.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit {

/// The descriptors a worker reports through: the result channel (failures, then END) and its black box (a memfd
/// of one BlackBox, read by testkit-run after the worker ended).
struct WorkerChannels {
  int result_fd = -1;
  int black_box_fd = -1;
};

/// How testkit-run starts a test binary for one of its tests: the binary, and the options every worker gets besides
/// --testkit-worker and the test's --filter (--deterministic, --keep-tmp, ...).
struct WorkerLaunch {
  std::string binary{};
  std::vector<std::string> options{};
  /// The program the binary runs under and its options (valgrind under --valgrind; the first is a path): the worker
  /// execs that with the binary and its arguments after them. Empty: the binary is exec'd itself.
  std::vector<std::string> runs_under{};
  /// What the run's names of this binary's tests start with: "name:" when testkit-run runs several binaries, else
  /// "". The worker is asked for its test by the name without it, the binary's own.
  std::string name_prefix{};
};

/// The value of --testkit-worker ("3,4": the result channel, then the black box), or nullopt when malformed.
[[nodiscard]] std::optional<WorkerChannels> parse_worker_channels(std::string_view text);

namespace detail {

/// In a test binary started with --testkit-worker: runs `test` reporting through `channels`, then ends the process.
[[noreturn]] void run_as_worker(const TestInfo& test, const WorkerChannels& channels);

/// `count` distinct descriptors of 3 or more, separated by commas ("3,4"), or nullopt when `text` is not that.
[[nodiscard]] std::optional<std::vector<int>> parse_descriptors(std::string_view text, std::size_t count);

/// The launch of the binary of `launches` that holds `test` (the one with the longest name_prefix its suite starts
/// with), or null.
[[nodiscard]] const WorkerLaunch* launch_of(const TestInfo& test, std::span<const WorkerLaunch> launches);

/// In testkit-run's child, once it is confined: makes `fds` descriptors 3, 4, ... in order (0, 1 and 2 stay), closes
/// every other one, resets the signal state the runner changed, and execs `launch`'s binary with `arguments`, then the
/// launch's options, under its runs_under program when it names one. Exits 127, saying why on stderr, if that fails.
[[noreturn]] void exec_test_binary(const WorkerLaunch& launch, std::span<const int> fds,
                                   std::vector<std::string> arguments);

/// In testkit-run's child for `test`, once it is confined: makes `result_fd` descriptor 3 and `black_box_fd`
/// descriptor 4 (0, 1 and 2 are the test's), closes every other one, resets the signal state the runner changed,
/// and execs the binary of `launches` that holds `test` (the one with the longest name_prefix its suite starts with)
/// as the worker of `test`, under the launch's runs_under program when it names one. Exits 127, saying why on stderr,
/// if no binary holds it or the exec fails.
[[noreturn]] void exec_worker(std::span<const WorkerLaunch> launches, const TestInfo& test, int result_fd,
                              int black_box_fd);

}  // namespace detail
}  // namespace testkit
