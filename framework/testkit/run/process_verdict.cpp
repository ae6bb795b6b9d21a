#include <testkit/run/process_verdict.hpp>

#include <sys/wait.h>

#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include <testkit/core/lifecycle.hpp>
#include <testkit/core/stacktrace.hpp>
#include <testkit/report/failure_text.hpp>

namespace testkit::detail {
namespace {

// What the supervisor did to a test process or host it found stopped.
constexpr std::string_view stopped_and_killed = "stopped by a signal (SIGSTOP or similar) and killed";

std::string last_checkpoint(const BlackBoxReading& box) {
  if (box.checkpoint.empty()) return "no assertion had passed yet";
  return "last passed assertion or checkpoint: " + box.checkpoint;
}

std::string how_it_ended(int wait_status) {
  if (WIFSIGNALED(wait_status)) return "was killed by " + describe_signal(WTERMSIG(wait_status));
  return fmt::format("exited with status {}", WEXITSTATUS(wait_status));
}

// Where each thread of a timed-out test was when it was stopped, trimmed to the test's code as crash stacks are;
// empty when the process recorded none (it ignored, blocked or replaced SIGTERM). A worker's addresses are its own
// binary's, which this process cannot name.
std::string stacks_when_stopped(const BlackBoxReading& box, bool frames_are_foreign) {
  if (box.thread_stacks.empty()) return {};
  if (frames_are_foreign)
    return fmt::format(
        "the stacks of its threads ({}) were recorded, but testkit-run cannot name another binary's "
        "frames: run the test binary itself, with --filter, to see them",
        box.thread_stacks.size());
  std::string out;
  std::size_t number = 1;
  for (const ThreadStackReading& thread : box.thread_stacks) {
    if (!out.empty()) out += '\n';
    out += thread.main_thread ? fmt::format("thread {} (the test's main thread)", number)
                              : fmt::format("thread {} (tid {})", number, thread.tid);
    const std::string frames = describe_test_frames(thread.frames);
    out += frames.empty() ? ": no frame of the test's code" : ":\n" + frames;
    ++number;
  }
  if (box.unrecorded_threads > 0) out += fmt::format("\nand {} more threads, not recorded", box.unrecorded_threads);
  return out;
}

Failure runner_failure(const TestInfo& test, std::string headline, std::string details) {
  return {.where = test.where, .phase = "test", .headline = std::move(headline), .details = std::move(details)};
}

// Why an END record claiming `claimed` cannot be the verdict of `test`, whose process streamed a failure or not
// (`failed`); empty when it can. Claiming failed is never a gain, so it always stands.
std::string contradiction(const TestInfo& test, Verdict claimed, bool failed) {
  const bool xfail = !test.meta.xfail.empty();
  switch (claimed) {
    case Verdict::failed: return {};
    case Verdict::leaked:
    case Verdict::memory_error: return failed ? "" : "no failure was recorded";
    case Verdict::expected_failure:
      if (!xfail) return "the test is not marked xfail";
      return failed ? "" : "no failure was recorded";
    case Verdict::passed:
    case Verdict::skipped:
    case Verdict::unexpected_pass:
      if (failed) return "a failure was recorded";
      if (claimed == Verdict::passed && xfail) return "the test is marked xfail";
      if (claimed == Verdict::unexpected_pass && !xfail) return "the test is not marked xfail";
      return {};
    case Verdict::crashed:
    case Verdict::timed_out:
    case Verdict::exited_early:
    case Verdict::output_limit:
    case Verdict::flaky: break;
  }
  return "only the runner gives that verdict";
}

}  // namespace

void take_record(ProcessOutcome& outcome, Record record) {
  if (!outcome.channel_error.empty()) return;
  if (outcome.end) {
    outcome.channel_error = std::holds_alternative<EndRecord>(record) ? "a second END record on the result channel"
                                                                      : "a record after the END record";
    return;
  }
  if (auto* failure = std::get_if<Failure>(&record))
    outcome.failures.push_back(std::move(*failure));
  else
    outcome.end = std::move(std::get<EndRecord>(record));
}

void take_records(ProcessOutcome& outcome, RecordReader& reader, std::string_view bytes, bool symbolize) {
  if (!outcome.channel_error.empty()) return;
  reader.feed(bytes);
  try {
    while (auto record = reader.next()) {
      if (auto* failure = std::get_if<Failure>(&*record); failure != nullptr && !failure->frames.empty()) {
        // An exec'd worker's addresses mean nothing here: it symbolizes its own failures.
        if (symbolize)
          failure->stacktrace = describe_test_frames(std::exchange(failure->frames, {}));
        else
          failure->frames.clear();
      }
      take_record(outcome, std::move(*record));
      if (!outcome.channel_error.empty()) return;
    }
  } catch (const std::runtime_error& error) {
    outcome.channel_error = error.what();
  }
}

TestResult judge_process(const TestInfo& test, ProcessOutcome outcome) {
  TestResult result{.test = &test, .failures = std::move(outcome.failures)};
  // What the process left in shared memory is its own text, read within bounds; never a pointer to follow.
  const BlackBoxReading box = outcome.black_box != nullptr ? read_black_box(*outcome.black_box) : BlackBoxReading{};
  result.tmp_path = box.tmp_path;
  const auto fail = [&](Verdict verdict, std::string headline, std::string details) {
    result.verdict = verdict;
    result.failures.push_back(runner_failure(test, std::move(headline), std::move(details)));
  };

  switch (outcome.killed) {
    case KillReason::timeout:
      fail(Verdict::timed_out, fmt::format("timed out after {} s", outcome.timeout.count() / 1000.0),
           last_checkpoint(box) + "\nthe test's process group was killed");
      result.failures.back().stacktrace = stacks_when_stopped(box, outcome.frames_are_foreign);
      return result;
    case KillReason::output_limit:
      fail(Verdict::output_limit,
           fmt::format("wrote {} bytes of output, more than the limit of {}", outcome.output_bytes,
                       outcome.output_limit),
           last_checkpoint(box) + "\nthe test's process group was killed");
      return result;
    case KillReason::stopped:
      fail(Verdict::timed_out, std::string(stopped_and_killed), last_checkpoint(box));
      return result;
    case KillReason::none: break;
  }

  if (!outcome.channel_error.empty()) {
    fail(Verdict::failed, "the test's result channel was corrupted", outcome.channel_error);
    return result;
  }
  if (outcome.end) {
    const bool clean_exit = WIFEXITED(outcome.wait_status) && WEXITSTATUS(outcome.wait_status) == 0;
    if (!clean_exit) {
      fail(Verdict::failed, "the test ended, but its process then " + how_it_ended(outcome.wait_status),
           "e.g. a sanitizer's report at exit; see its stderr");
      return result;
    }
    result.omitted_failures = outcome.end->omitted_failures;
    result.assertions = outcome.end->assertions;
    if (const std::string why = contradiction(test, outcome.end->verdict, !result.failures.empty()); !why.empty()) {
      fail(Verdict::failed,
           fmt::format("the test's END record claims {}, but {}", to_string(outcome.end->verdict), why),
           "a failure once recorded is never turned into a pass (did the test write to its result channel?)");
      return result;
    }
    result.verdict = outcome.end->verdict;
    result.reason = std::move(outcome.end->reason);
    return result;
  }
  if (box.memory_error) {  // the runtime ended the process after its report, which the streamed failures describe
    result.verdict = Verdict::memory_error;
    if (result.failures.empty())
      fail(Verdict::memory_error,
           "a sanitizer reported an error, and the process then " + how_it_ended(outcome.wait_status),
           last_checkpoint(box) + "\nthe report is in the test's stderr");
    return result;
  }
  if (WIFSIGNALED(outcome.wait_status)) {
    const int signal = WTERMSIG(outcome.wait_status);
    std::string headline = "crashed: " + describe_signal(signal);
    if (box.stack_overflow) headline += " (stack overflow)";
    std::string details = last_checkpoint(box);
    if (!box.terminate_reason.empty()) details += "\n" + box.terminate_reason;
    fail(Verdict::crashed, std::move(headline), std::move(details));
    if (!outcome.frames_are_foreign && box.fatal_signal == signal && !box.frames.empty())
      result.failures.back().stacktrace = describe_test_frames(box.frames);
    return result;
  }
  fail(Verdict::exited_early, how_it_ended(outcome.wait_status) + " before the test ended",
       last_checkpoint(box) + "\na test passes only if it runs to its end (exit() or _exit() in the code under test?)");
  return result;
}

TestResult judge_set_up_death(const TestInfo& test, ProcessOutcome host, HostKind kind) {
  host.failures.clear();
  host.end.reset();
  TestResult result = judge_process(test, std::move(host));
  const bool free_tests = test.fixture == nullptr || test.fixture->name.empty();
  for (Failure& failure : result.failures) {
    switch (kind) {
      case HostKind::module_host:
        failure.phase = "set_up_module";
        failure.details += "\nthe module host died in set_up_module: no test ran, each is reported with this";
        break;
      case HostKind::class_host:
        failure.phase = "set_up_class";
        failure.details +=
            "\nthe class host died in set_up_class: no test of the class ran, each is reported with this";
        break;
      case HostKind::host_worker:
        // The test binary started once for the class (its free tests): its start-up and module set-up run there too.
        failure.phase = free_tests ? "start-up" : "set_up_class";
        failure.details += free_tests ? "\nthe test binary died in its start-up or module set-up, before its first "
                                        "free test: none of them ran, each is reported with this"
                                      : "\nthe class's host (the test binary, started once for the class) died "
                                        "before the class's first test, in set_up_class or in its start-up or module "
                                        "set-up: no test of the class ran, each is reported with this";
        break;
    }
  }
  result.tmp_path.clear();
  return result;
}

TestResult charge_to(const TestInfo& test, const TestResult& cause) {
  TestResult result = cause;
  result.test = &test;
  for (Failure& failure : result.failures) failure.where = test.where;
  return result;
}

TestResult judge_lost_test(const TestInfo& test, int host_wait_status, HostKind kind, KillReason host_killed) {
  TestResult result{.test = &test, .verdict = Verdict::crashed};
  const std::string ended =
      host_killed == KillReason::stopped ? "was " + std::string(stopped_and_killed) : how_it_ended(host_wait_status);
  if (kind == HostKind::module_host)
    result.failures.push_back(runner_failure(test, "lost: the module host, which starts the class hosts, " + ended,
                                             "the tests of classes whose host had not started by then did not run"));
  else
    result.failures.push_back(
        runner_failure(test, "lost: the class host running the test " + ended,
                       "its test processes died with it; the class's tests that had not started run on a new host"));
  return result;
}

void add_host_tear_down(TestResult& last_test, ProcessOutcome host, HostKind kind) {
  const bool clean = host.killed == KillReason::none && host.channel_error.empty() && WIFEXITED(host.wait_status) &&
                     WEXITSTATUS(host.wait_status) == 0;
  if (clean) {
    add_tear_down_outcome(last_test, HookOutcome{.failures = std::move(host.failures)});
    return;
  }
  const TestInfo& test = *last_test.test;
  host.end.reset();
  TestResult judged = judge_process(test, std::move(host));
  for (Failure& failure : judged.failures) {
    failure.phase = kind == HostKind::module_host ? "tear_down_module" : "tear_down_class";
    last_test.failures.push_back(std::move(failure));
  }
  last_test.verdict = judged.verdict;
  last_test.reason.clear();
}

}  // namespace testkit::detail
