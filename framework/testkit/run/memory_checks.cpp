#include <testkit/run/memory_checks.hpp>

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <testkit/assert/handler.hpp>
#include <testkit/core/black_box.hpp>
#include <testkit/core/context.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/sanitizer_runtime.hpp>
#include <testkit/core/stacktrace.hpp>
#include <testkit/interpose/bypass.hpp>
#include <testkit/run/sanitizer_report.hpp>

namespace testkit::detail {
namespace {

std::atomic<std::uint64_t> findings{0};
std::atomic<void (*)()> fatal_error_handler{nullptr};
std::atomic<bool> fatal_finding{false};  // a report made a failure, after which the runtime may end the process

// ThreadSanitizer's summaries, noted while it reports (no allocation, no lock: the runtime holds its own) and made
// failures when the test ends.
constexpr std::size_t max_pending_summaries = 4;
std::array<std::array<char, 512>, max_pending_summaries> pending_summaries{};
std::atomic<std::size_t> pending_count{0};

std::mutex baseline_mutex;
std::vector<Leak> baseline;  // guarded by baseline_mutex

void note_in_black_box() noexcept {
  if (BlackBox* box = process_role().black_box)
    std::atomic_ref(box->memory_error).store(memory_error_mark, std::memory_order_relaxed);
}

// Records `failure` in the calling thread's test; without one, the runtime's report on stderr is all there is.
void record_finding(Failure failure, bool with_stacktrace) {
  findings.fetch_add(1, std::memory_order_relaxed);
  note_in_black_box();
  const BypassPatches bypass;
  if (Context* context = current_context()) {
    if (with_stacktrace) attach_stacktrace(failure, *context);
    context->add_failure(std::move(failure));
  }
}

const TestInfo* current_test() {
  const Context* context = current_context();
  return context != nullptr ? context->test() : nullptr;
}

void on_address_sanitizer_report(const char* report) {
  if (is_deadly_signal_report(report)) return;  // a crash, which the crash handlers and the runner report as one
  fatal_finding.store(true);
  const BypassPatches bypass;  // reading symbols is the framework's I/O
  if (const TestInfo* test = current_test())
    record_finding(memory_error_failure(*test, report, describe_test_frames), /*with_stacktrace=*/false);
}

// Only the death that follows a finding is a memory error: a sanitizer also ends the process after a deadly signal.
void on_sanitizer_death() {
  auto* handler = fatal_error_handler.load();
  if (handler != nullptr && fatal_finding.load()) handler();
}

// Zeroes the stack below the caller's frame, where the frames of the test that just returned were: the check's own
// frames would otherwise leave parts of them in place, and a pointer found there hides a leak until a later check.
[[gnu::noinline]] void scrub_stack() {
  char frames[64 * 1024];
  ::explicit_bzero(frames, sizeof frames);  // a store the compiler keeps
}

// Runs LeakSanitizer's check with its report kept off stderr; returns the report, empty when it found no leak.
std::string quiet_leak_check(int (*check)()) {
  scrub_stack();
  const BypassPatches bypass;
  const int report = ::memfd_create("testkit-leak-report", MFD_CLOEXEC);
  if (report < 0) return {};
  std::fflush(stderr);
  const int saved_stderr = ::dup(STDERR_FILENO);
  ::dup2(report, STDERR_FILENO);
  const int found = check();
  ::dup2(saved_stderr, STDERR_FILENO);
  ::close(saved_stderr);
  std::string text;
  if (found != 0) {
    // On the heap: an array in this frame is stack reserved before the check, above the scrubbed part, where the
    // frames of the test that just returned stay unscrubbed, and a pointer left there hides the test's leak.
    std::vector<char> buffer(8192);
    ssize_t got = 0;
    for (off_t at = 0; (got = ::pread(report, buffer.data(), buffer.size(), at)) > 0; at += got)
      text.append(buffer.data(), static_cast<std::size_t>(got));
  }
  ::close(report);
  return text;
}

// The leaks found now that the baseline does not have; they join it.
std::vector<Leak> check_new_leaks() {
  auto* check = sanitizer_runtime().recoverable_leak_check;
  if (check == nullptr) return {};
  const std::lock_guard lock(baseline_mutex);
  const std::string report = quiet_leak_check(check);
  std::vector<Leak> now = parse_leak_report(report);
  std::vector<Leak> added = new_leaks(baseline, now);
  baseline = std::move(now);
  if (!added.empty()) {
    const BypassPatches bypass;
    (void)!::write(STDERR_FILENO, report.data(), report.size());  // the whole report, in the test's stderr
  }
  return added;
}

// The ThreadSanitizer summaries noted so far, as failures of `test`; forgets them.
std::vector<Failure> take_pending_summaries(const TestInfo& test) {
  std::vector<Failure> failures;
  const std::size_t count = pending_count.exchange(0);
  for (std::size_t index = 0; index < count && index < max_pending_summaries; ++index)
    failures.push_back(summary_failure(test, pending_summaries[index].data()));
  return failures;
}

}  // namespace

void watch_sanitizer_reports(void (*on_fatal_error)()) {
  fatal_error_handler.store(on_fatal_error);
  const SanitizerRuntime& runtime = sanitizer_runtime();
  if (runtime.set_error_report_callback != nullptr) runtime.set_error_report_callback(on_address_sanitizer_report);
  if (runtime.set_death_callback != nullptr) runtime.set_death_callback(on_sanitizer_death);
}

std::uint64_t sanitizer_findings() noexcept { return findings.load(std::memory_order_relaxed); }

void take_leak_baseline() {
  auto* check = sanitizer_runtime().recoverable_leak_check;
  if (check == nullptr) return;
  const std::lock_guard lock(baseline_mutex);
  baseline = parse_leak_report(quiet_leak_check(check));
}

bool checks_leaks() { return sanitizer_runtime().recoverable_leak_check != nullptr || under_valgrind(); }

MemoryMark memory_mark() { return {.sanitizer_findings = sanitizer_findings(), .memcheck = memcheck_mark()}; }

void judge_memory(TestResult& result, const MemoryMark& before) {
  for (Failure& race : take_pending_summaries(*result.test)) result.failures.push_back(std::move(race));
  std::optional<Failure> memcheck_errors = memcheck_errors_since(before.memcheck, *result.test);
  const std::vector<Leak> leaks = check_new_leaks();
  std::optional<Failure> memcheck_leaks = memcheck_leaks_since(before.memcheck, *result.test);
  if (result.verdict == Verdict::skipped) return;
  if (memcheck_errors) {
    result.failures.push_back(std::move(*memcheck_errors));
    result.verdict = Verdict::memory_error;
    return;
  }
  if (sanitizer_findings() > before.sanitizer_findings && !result.failures.empty()) {
    result.verdict = Verdict::memory_error;
    return;
  }
  if (result.verdict != Verdict::passed) return;
  if (!leaks.empty()) {
    const BypassPatches bypass;
    result.failures.push_back(leak_failure(*result.test, leaks, describe_test_frames));
  } else if (memcheck_leaks) {
    result.failures.push_back(std::move(*memcheck_leaks));
  } else {
    return;
  }
  result.verdict = Verdict::leaked;
}

}  // namespace testkit::detail

// The sanitizer runtimes call these when the test binary defines them (weakly here, so that the binary's own
// definitions win); without a runtime nothing calls them.
extern "C" {

/// UndefinedBehaviorSanitizer: a report is being printed; __ubsan_get_current_report_data tells what it is about.
__attribute__((weak)) void __ubsan_on_report() {
  using namespace testkit::detail;
  auto* current_report = sanitizer_runtime().current_ub_report;
  const testkit::TestInfo* test = current_test();
  if (current_report == nullptr || test == nullptr) return;
  const char* kind = nullptr;
  const char* message = nullptr;
  const char* file = nullptr;
  unsigned line = 0;
  unsigned column = 0;
  char* address = nullptr;
  current_report(&kind, &message, &file, &line, &column, &address);
  testkit::Failure failure{
      .where = test->where,
      .headline = std::string("UndefinedBehaviorSanitizer: ") + (kind ? kind : "undefined behaviour"),
      .details = message ? message : ""};
  if (file != nullptr && line > 0) failure.where = {file, line};
  fatal_finding.store(true);  // built with -fno-sanitize-recover, the runtime ends the process next
  record_finding(std::move(failure), /*with_stacktrace=*/true);
}

/// Every sanitizer: the one-line summary that ends a report, printed here as the runtime's default does; a
/// ThreadSanitizer one is noted for the test that is running.
__attribute__((weak)) void __sanitizer_report_error_summary(const char* summary) {
  using namespace testkit::detail;
  (void)!::write(STDERR_FILENO, summary, std::strlen(summary));
  (void)!::write(STDERR_FILENO, "\n", 1);
  if (std::strncmp(summary, "SUMMARY: ThreadSanitizer: ", 26) != 0) return;
  findings.fetch_add(1, std::memory_order_relaxed);
  note_in_black_box();
  if (const std::size_t slot = pending_count.fetch_add(1); slot < max_pending_summaries)
    std::strncpy(pending_summaries[slot].data(), summary, pending_summaries[slot].size() - 1);
}

/// LeakSanitizer: each test's leaks are checked when it ends (judge_memory), so the check at exit would only repeat
/// them, after the run's summary, charged to no test.
__attribute__((weak)) const char* __lsan_default_options() { return "leak_check_at_exit=0"; }

}  // extern "C"
