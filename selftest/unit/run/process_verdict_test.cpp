// judge_process: the verdict of a forked test from its END record, its wait status, why it was killed and
// what its black box holds. Wait statuses are built as the kernel encodes them (checked against a real fork).
#include <testkit/run/process_verdict.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <source_location>
#include <string>
#include <vector>

#include <testkit/core/stacktrace.hpp>
#include <testkit/report/failure_text.hpp>
#include <testkit/testkit.hpp>

namespace {

using testkit::Verdict;
using testkit::detail::BlackBox;
using testkit::detail::EndRecord;
using testkit::detail::HostKind;
using testkit::detail::judge_process;
using testkit::detail::KillReason;
using testkit::detail::ProcessOutcome;

/// The wait status of a process that called exit(code).
constexpr int exited(int code) { return code << 8; }
/// The wait status of a process killed by `signal`.
constexpr int killed_by(int signal) { return signal; }

const testkit::TestInfo test{.suite = "Proc", .name = "t", .where = {"proc_test.cpp", 7}};

/// The headline of the runner's failure (the last one), or "" when there is none.
std::string runner_headline(const testkit::TestResult& result) {
  return result.failures.empty() ? "" : result.failures.back().headline;
}
/// The details of the runner's failure (the last one), or "".
std::string runner_details(const testkit::TestResult& result) {
  return result.failures.empty() ? "" : result.failures.back().details;
}

TK_TEST(ProcessVerdict, wait_statuses_built_here_match_real_ones) {
  for (const int code : {0, 3}) {
    const pid_t child = ::fork();
    TK_ASSERT_GE(child, 0);
    if (child == 0) ::_exit(code);
    int status = -1;
    TK_ASSERT_EQ(::waitpid(child, &status, 0), child);
    TK_EXPECT_EQ(status, exited(code));
  }
  const pid_t child = ::fork();
  TK_ASSERT_GE(child, 0);
  if (child == 0) {
    ::kill(::getpid(), SIGKILL);  // uncatchable: the test process's crash handlers stay out of it
    ::_exit(99);
  }
  int status = -1;
  TK_ASSERT_EQ(::waitpid(child, &status, 0), child);
  TK_EXPECT_EQ(status, killed_by(SIGKILL));
}

TK_TEST(ProcessVerdict, end_and_clean_exit_give_the_end_records_verdict) {
  const auto result = judge_process(
      test, {.end = EndRecord{.verdict = Verdict::skipped, .reason = "no db", .omitted_failures = 4, .assertions = 12},
             .wait_status = exited(0)});
  TK_EXPECT_EQ(result.test, &test);
  TK_EXPECT_EQ(result.verdict, Verdict::skipped);
  TK_EXPECT_EQ(result.reason, "no db");
  TK_EXPECT_EQ(result.omitted_failures, 4u);
  TK_EXPECT_EQ(result.assertions, 12u);
  TK_EXPECT(result.failures.empty());
}

TK_TEST(ProcessVerdict, streamed_failures_are_kept_in_order) {
  const auto result = judge_process(test, {.failures = {{.headline = "first"}, {.headline = "second"}},
                                           .end = EndRecord{.verdict = Verdict::failed},
                                           .wait_status = exited(0)});
  TK_EXPECT_EQ(result.verdict, Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 2u);
  TK_EXPECT_EQ(result.failures[0].headline, "first");
  TK_EXPECT_EQ(result.failures[1].headline, "second");
}

TK_TEST(ProcessVerdict, exit_after_end_that_is_not_clean_fails_the_test) {
  const auto by_status = judge_process(test, {.end = EndRecord{}, .wait_status = exited(1)});
  TK_EXPECT_EQ(by_status.verdict, Verdict::failed);
  TK_EXPECT_EQ(runner_headline(by_status), "the test ended, but its process then exited with status 1");
  TK_EXPECT_CONTAINS(runner_details(by_status), "sanitizer");
  const auto by_signal = judge_process(test, {.end = EndRecord{}, .wait_status = killed_by(SIGSEGV)});
  TK_EXPECT_EQ(by_signal.verdict, Verdict::failed);
  TK_EXPECT_EQ(runner_headline(by_signal), "the test ended, but its process then was killed by SIGSEGV (signal 11)");
  TK_ASSERT_EQ(by_signal.failures.size(), 1u);
  TK_EXPECT_EQ(by_signal.failures[0].where.file, "proc_test.cpp");
  TK_EXPECT_EQ(by_signal.failures[0].where.line, 7u);
  TK_EXPECT_EQ(by_signal.failures[0].phase, "test");
}

TK_TEST(ProcessVerdict, signal_before_end_is_a_crash_with_the_last_checkpoint) {
  BlackBox box;
  testkit::detail::note_checkpoint_file(box, "math_test.cpp");
  box.checkpoint_line = 12;
  const auto result = judge_process(test, {.wait_status = killed_by(SIGSEGV), .black_box = &box});
  TK_EXPECT_EQ(result.verdict, Verdict::crashed);
  TK_EXPECT_EQ(runner_headline(result), "crashed: SIGSEGV (signal 11)");
  TK_EXPECT_EQ(runner_details(result), "last passed assertion or checkpoint: math_test.cpp:12");
  const auto without_box = judge_process(test, {.wait_status = killed_by(SIGKILL)});
  TK_EXPECT_EQ(without_box.verdict, Verdict::crashed);
  TK_EXPECT_EQ(runner_headline(without_box), "crashed: SIGKILL (signal 9)");
  TK_EXPECT_EQ(runner_details(without_box), "no assertion had passed yet");
}

TK_TEST(ProcessVerdict, crash_tells_stack_overflows) {
  BlackBox box;
  box.stack_overflow = true;
  const auto result = judge_process(test, {.wait_status = killed_by(SIGSEGV), .black_box = &box});
  TK_EXPECT_EQ(runner_headline(result), "crashed: SIGSEGV (signal 11) (stack overflow)");
}

TK_TEST(ProcessVerdict, abort_shows_the_terminate_reason) {
  BlackBox box;
  std::strcpy(box.terminate_reason, "std::terminate called after throwing std::runtime_error: boom");
  const auto result = judge_process(test, {.wait_status = killed_by(SIGABRT), .black_box = &box});
  TK_EXPECT_EQ(result.verdict, Verdict::crashed);
  TK_EXPECT_EQ(runner_headline(result), "crashed: SIGABRT (signal 6)");
  TK_EXPECT_EQ(runner_details(result),
               "no assertion had passed yet\nstd::terminate called after throwing std::runtime_error: boom");
}

TK_TEST(ProcessVerdict, terminate_reason_without_a_terminator_is_read_to_its_end_only) {
  BlackBox box;
  std::memset(box.terminate_reason, 'x', sizeof box.terminate_reason);
  box.fatal_signal = -1;  // the byte after the reason: not a character that may leak into the text
  const auto result = judge_process(test, {.wait_status = killed_by(SIGABRT), .black_box = &box});
  TK_EXPECT_EQ(runner_details(result), "no assertion had passed yet\n" + std::string(sizeof box.terminate_reason, 'x'));
}

TK_TEST(ProcessVerdict, crash_frames_become_a_stacktrace_when_the_signal_matches) {
  const std::vector<void*> frames = testkit::detail::capture_frames();
  BlackBox box;
  box.frame_count = std::min(frames.size(), std::size(box.frames));
  for (std::size_t k = 0; k < box.frame_count; ++k) box.frames[k] = reinterpret_cast<std::uintptr_t>(frames[k]);
  box.fatal_signal = SIGSEGV;
  const auto matching = judge_process(test, {.wait_status = killed_by(SIGSEGV), .black_box = &box});
  TK_ASSERT_FALSE(matching.failures.empty());
  TK_EXPECT_CONTAINS(matching.failures.back().stacktrace, "process_verdict_test.cpp");
  const auto other_signal = judge_process(test, {.wait_status = killed_by(SIGBUS), .black_box = &box});
  TK_ASSERT_FALSE(other_signal.failures.empty());
  TK_EXPECT_EQ(other_signal.failures.back().stacktrace, "");
}

// The test process can write anything into its black box: every field is read within its bounds, and none is
// followed as a pointer (a checkpoint pointer set to 0x10 crashed the supervisor).
TK_TEST(ProcessVerdict, any_bytes_in_the_black_box_are_read_as_bounded_text) {
  std::mt19937 random(15);
  for (int trial = 0; trial < 60; ++trial) {
    BlackBox box;
    auto* const bytes = reinterpret_cast<unsigned char*>(&box);
    for (std::size_t at = 0; at < sizeof box; ++at)
      bytes[at] = trial == 0 ? 0xFF : trial == 1 ? 0x10 : static_cast<unsigned char>(random());
    if (trial % 2 == 0) box.fatal_signal = SIGSEGV;  // its frames are then symbolized
    for (const int status : {killed_by(SIGSEGV), exited(0), killed_by(SIGKILL)}) {
      const auto result = judge_process(test, {.wait_status = status, .black_box = &box});
      TK_ASSERT_FALSE(result.failures.empty());
      TK_EXPECT_LE(runner_details(result).size(), 2 * sizeof box, "trial {}", trial);
      TK_EXPECT_LE(result.tmp_path.size(), sizeof box.tmp_path);
    }
    const auto timed_out = judge_process(test, {.killed = KillReason::timeout, .black_box = &box});
    TK_EXPECT_EQ(timed_out.verdict, Verdict::timed_out);
  }
}

TK_TEST(ProcessVerdict, checkpoint_file_names_are_copied_bounded_and_visible) {
  BlackBox box;
  TK_EXPECT_EQ(testkit::detail::read_black_box(box).checkpoint, "");
  testkit::detail::note_checkpoint_file(box, "a.cpp");
  box.checkpoint_line = 3;
  TK_EXPECT_EQ(testkit::detail::read_black_box(box).checkpoint, "a.cpp:3");
  const std::string long_name = std::string(600, 'd') + "/end.cpp";
  testkit::detail::note_checkpoint_file(box, long_name.c_str());
  const std::string shown = testkit::detail::read_black_box(box).checkpoint;
  TK_EXPECT(shown.starts_with("...ddd"), "{}", shown);
  TK_EXPECT(shown.ends_with("d/end.cpp:3"), "{}", shown);
  TK_EXPECT_EQ(shown.size(), sizeof box.checkpoint_files[0] - 1 + 2);
  testkit::detail::note_checkpoint_file(box, "forged\nPASS  x.cpp");
  TK_EXPECT_EQ(testkit::detail::read_black_box(box).checkpoint, "forged\\x0aPASS  x.cpp:3");
}

// Checkpoints in other files: defined at the end of this file, under #line directives.
std::source_location site_in_helper();
std::source_location site_in_third();

// note_checkpoint, as assertions call it: a name is copied when its file is in neither slot, and the reading always
// names the file of the last checkpoint.
TK_TEST(ProcessVerdict, checkpoints_alternating_between_files_name_the_last_one) {
  BlackBox box;
  const testkit::detail::ProcessRole previous = testkit::detail::process_role();
  testkit::detail::ProcessRole role = previous;
  role.black_box = &box;
  const std::source_location body = std::source_location::current();
  std::vector<std::string> seen;
  testkit::detail::assume_process_role(role);  // no assertion until the role is back: each would be a checkpoint
  for (const std::source_location& site :
       {body, site_in_helper(), body, site_in_helper(), site_in_third(), body, site_in_third(), site_in_third()}) {
    testkit::detail::note_checkpoint(site);
    const std::string checkpoint = testkit::detail::read_black_box(box).checkpoint;
    seen.push_back(checkpoint.substr(checkpoint.find_last_of('/') + 1));
  }
  testkit::detail::assume_process_role(previous);
  const std::string here = fmt::format("process_verdict_test.cpp:{}", body.line());
  TK_EXPECT_EQ(seen, (std::vector<std::string>{here, "helper.hpp:1", here, "helper.hpp:1", "third.cpp:1", here,
                                               "third.cpp:1", "third.cpp:1"}));
}

TK_TEST(ProcessVerdict, exit_before_end_is_an_early_exit_whatever_the_status) {
  for (const int code : {0, 3}) {
    const auto result = judge_process(test, {.wait_status = exited(code)});
    TK_EXPECT_EQ(result.verdict, Verdict::exited_early, "status {}", code);
    TK_EXPECT_EQ(runner_headline(result), fmt::format("exited with status {} before the test ended", code));
    TK_EXPECT_CONTAINS(runner_details(result), "exit() or _exit()");
  }
}

TK_TEST(ProcessVerdict, a_sanitizer_s_mark_makes_the_death_a_memory_error_described_by_the_streamed_failure) {
  BlackBox box;
  box.memory_error = testkit::detail::memory_error_mark;
  testkit::Failure report{.where = {"list.hpp", 31}, .phase = "test", .headline = "AddressSanitizer: double-free"};
  const auto result = judge_process(test, {.failures = {report}, .wait_status = exited(1), .black_box = &box});
  TK_EXPECT_EQ(result.verdict, Verdict::memory_error);
  TK_ASSERT_EQ(result.failures.size(), 1u, "the report is the failure: no \"exited early\" besides");
  TK_EXPECT_EQ(result.failures[0].headline, "AddressSanitizer: double-free");
  const auto unreported = judge_process(test, {.wait_status = killed_by(SIGABRT), .black_box = &box});
  TK_EXPECT_EQ(unreported.verdict, Verdict::memory_error);
  TK_EXPECT_CONTAINS(runner_headline(unreported), "a sanitizer reported an error, and the process then was killed");
  box.memory_error = ~std::uint64_t{0};  // what a test scribbling over its black box leaves
  TK_EXPECT_EQ(judge_process(test, {.wait_status = killed_by(SIGABRT), .black_box = &box}).verdict, Verdict::crashed);
}

TK_TEST(ProcessVerdict, an_end_record_may_claim_a_leak_or_a_memory_error_only_with_a_failure) {
  for (const Verdict claimed : {Verdict::leaked, Verdict::memory_error}) {
    testkit::Failure leak{.phase = "test", .headline = "leaked 8 bytes in 1 allocation (LeakSanitizer)"};
    const auto with_failure =
        judge_process(test, {.failures = {leak}, .end = EndRecord{.verdict = claimed}, .wait_status = exited(0)});
    TK_EXPECT_EQ(with_failure.verdict, claimed);
    const auto without = judge_process(test, {.end = EndRecord{.verdict = claimed}, .wait_status = exited(0)});
    TK_EXPECT_EQ(without.verdict, Verdict::failed, "{}", to_string(claimed));
  }
}

TK_TEST(ProcessVerdict, timeout_names_its_seconds_even_after_end) {
  for (const bool with_end : {false, true}) {
    ProcessOutcome outcome{
        .wait_status = killed_by(SIGTERM), .killed = KillReason::timeout, .timeout = std::chrono::milliseconds(1500)};
    if (with_end) outcome.end = EndRecord{};
    const auto result = judge_process(test, std::move(outcome));
    TK_EXPECT_EQ(result.verdict, Verdict::timed_out);
    TK_EXPECT_EQ(runner_headline(result), "timed out after 1.5 s");
    TK_EXPECT_EQ(runner_details(result), "no assertion had passed yet\nthe test's process group was killed");
  }
}

TK_TEST(ProcessVerdict, output_limit_names_the_bytes_and_the_limit) {
  const auto result = judge_process(test, {.wait_status = killed_by(SIGKILL),
                                           .killed = KillReason::output_limit,
                                           .output_limit = 2'097'152,
                                           .output_bytes = 3'000'000});
  TK_EXPECT_EQ(result.verdict, Verdict::output_limit);
  TK_EXPECT_EQ(runner_headline(result), "wrote 3000000 bytes of output, more than the limit of 2097152");
}

TK_TEST(ProcessVerdict, stopped_process_is_timed_out) {
  const auto result = judge_process(test, {.wait_status = killed_by(SIGKILL), .killed = KillReason::stopped});
  TK_EXPECT_EQ(result.verdict, Verdict::timed_out);
  TK_EXPECT_EQ(runner_headline(result), "stopped by a signal (SIGSTOP or similar) and killed");
}

const testkit::TestInfo xfail_test{
    .suite = "Proc", .name = "x", .where = {"proc_test.cpp", 9}, .meta = {.xfail = "bug 1"}};

/// The outcome of a process that sent `records` (encoded, then read back as the supervisor reads its pipe) and
/// exited with status 0.
ProcessOutcome outcome_of(const std::vector<testkit::detail::Record>& records) {
  std::string bytes;
  for (const auto& record : records) bytes += testkit::detail::encode(record);
  testkit::detail::RecordReader reader;
  reader.feed(bytes);
  ProcessOutcome outcome{.wait_status = exited(0)};
  while (auto record = reader.next()) testkit::detail::take_record(outcome, std::move(*record));
  return outcome;
}

TK_TEST(ProcessVerdict, records_read_from_the_wire_make_the_verdict) {
  const auto result = judge_process(
      test, outcome_of({testkit::Failure{.headline = "first"}, EndRecord{.verdict = Verdict::failed, .reason = ""}}));
  TK_EXPECT_EQ(result.verdict, Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "first");
  const auto xfailed = judge_process(
      xfail_test, outcome_of({testkit::Failure{.headline = "bug"}, EndRecord{.verdict = Verdict::expected_failure}}));
  TK_EXPECT_EQ(xfailed.verdict, Verdict::expected_failure);
  TK_EXPECT_EQ(xfailed.failures.size(), 1u);
}

// A test that wrote a forged END after a failure (or returned after forging one) must not pass, skip or xfail.
TK_TEST(ProcessVerdict, a_failure_is_never_turned_into_a_pass_by_the_end_record) {
  for (const Verdict claimed : {Verdict::passed, Verdict::skipped, Verdict::unexpected_pass}) {
    const auto result =
        judge_process(test, outcome_of({testkit::Failure{.headline = "real"}, EndRecord{.verdict = claimed}}));
    TK_EXPECT_EQ(result.verdict, Verdict::failed, "{}", testkit::to_string(claimed));
    TK_ASSERT_EQ(result.failures.size(), 2u);
    TK_EXPECT_EQ(result.failures[0].headline, "real");
    TK_EXPECT_EQ(runner_headline(result), fmt::format("the test's END record claims {}, but a failure was recorded",
                                                      testkit::to_string(claimed)));
    TK_EXPECT_CONTAINS(runner_details(result), "never turned into a pass");
  }
  const auto not_xfail =
      judge_process(test, outcome_of({testkit::Failure{}, EndRecord{.verdict = Verdict::expected_failure}}));
  TK_EXPECT_EQ(not_xfail.verdict, Verdict::failed);
  TK_EXPECT_EQ(runner_headline(not_xfail),
               "the test's END record claims expected_failure, but the test is not marked xfail");
  const auto xfail_passes =
      judge_process(xfail_test, outcome_of({testkit::Failure{}, EndRecord{.verdict = Verdict::passed}}));
  TK_EXPECT_EQ(xfail_passes.verdict, Verdict::failed);
}

TK_TEST(ProcessVerdict, an_end_record_must_agree_with_the_tests_metadata) {
  struct Case {
    const testkit::TestInfo* test;
    Verdict claimed;
    std::string why;  ///< empty: the claim stands
  };
  for (const Case& c : std::vector<Case>{{&test, Verdict::passed, ""},
                                         {&test, Verdict::skipped, ""},
                                         {&xfail_test, Verdict::skipped, ""},
                                         {&xfail_test, Verdict::unexpected_pass, ""},
                                         {&test, Verdict::failed, ""},
                                         {&xfail_test, Verdict::passed, "the test is marked xfail"},
                                         {&test, Verdict::unexpected_pass, "the test is not marked xfail"},
                                         {&xfail_test, Verdict::expected_failure, "no failure was recorded"},
                                         {&test, Verdict::crashed, "only the runner gives that verdict"},
                                         {&test, Verdict::output_limit, "only the runner gives that verdict"}}) {
    const auto result = judge_process(*c.test, outcome_of({EndRecord{.verdict = c.claimed}}));
    const std::string claim = std::string(testkit::to_string(c.claimed));
    if (c.why.empty()) {
      TK_EXPECT_EQ(result.verdict, c.claimed, "{} claims {}", c.test->name, claim);
      TK_EXPECT(result.failures.empty(), "{} claims {}", c.test->name, claim);
    } else {
      TK_EXPECT_EQ(result.verdict, Verdict::failed, "{} claims {}", c.test->name, claim);
      TK_EXPECT_EQ(runner_headline(result), fmt::format("the test's END record claims {}, but {}", claim, c.why));
    }
  }
}

TK_TEST(ProcessVerdict, a_second_end_or_a_record_after_end_is_a_channel_error) {
  const auto second_end =
      judge_process(test, outcome_of({testkit::Failure{.headline = "real"}, EndRecord{.verdict = Verdict::passed},
                                      EndRecord{.verdict = Verdict::failed}}));
  TK_EXPECT_EQ(second_end.verdict, Verdict::failed);
  TK_EXPECT_EQ(runner_headline(second_end), "the test's result channel was corrupted");
  TK_EXPECT_EQ(runner_details(second_end), "a second END record on the result channel");
  TK_EXPECT_EQ(second_end.failures.front().headline, "real");

  const auto failure_after_end =
      judge_process(test, outcome_of({EndRecord{.verdict = Verdict::passed}, testkit::Failure{.headline = "late"}}));
  TK_EXPECT_EQ(failure_after_end.verdict, Verdict::failed);
  TK_EXPECT_EQ(runner_details(failure_after_end), "a record after the END record");
}

TK_TEST(ProcessVerdict, corrupted_channel_fails_the_test_even_with_an_end) {
  const auto result = judge_process(
      test, {.end = EndRecord{}, .wait_status = exited(0), .channel_error = "truncated record on the result channel"});
  TK_EXPECT_EQ(result.verdict, Verdict::failed);
  TK_EXPECT_EQ(runner_headline(result), "the test's result channel was corrupted");
  TK_EXPECT_EQ(runner_details(result), "truncated record on the result channel");
}

TK_TEST(ProcessVerdict, describe_signal_names_known_signals) {
  TK_EXPECT_EQ(testkit::describe_signal(SIGSEGV), "SIGSEGV (signal 11)");
  TK_EXPECT_EQ(testkit::describe_signal(SIGABRT), "SIGABRT (signal 6)");
  TK_EXPECT_EQ(testkit::describe_signal(200), "signal 200");
}

// Last in this file: the #line directives rename the file for the rest of it.
#line 1 "helper.hpp"
std::source_location site_in_helper() { return std::source_location::current(); }
#line 1 "third.cpp"
std::source_location site_in_third() { return std::source_location::current(); }

// ---- Class hosts: what the supervisor charges when a host dies, and what tear_down_class adds.

const testkit::TestInfo sibling{.suite = "Proc", .name = "u", .where = {"proc_test.cpp", 9}};

TK_TEST(ProcessVerdict, a_host_dead_in_set_up_class_charges_each_test_with_its_cause_at_the_test) {
  const testkit::TestResult cause = testkit::detail::judge_set_up_death(
      test, {.failures = {{.headline = "not the host's"}}, .end = EndRecord{}, .wait_status = killed_by(SIGSEGV)},
      HostKind::class_host);
  TK_EXPECT(cause.verdict == Verdict::crashed);
  TK_ASSERT_EQ(cause.failures.size(), 1u, "streamed failures and END are not the host's to send");
  TK_EXPECT_EQ(cause.failures[0].phase, "set_up_class");
  TK_EXPECT_EQ(cause.failures[0].headline, "crashed: SIGSEGV (signal 11)");
  const testkit::TestResult charged = testkit::detail::charge_to(sibling, cause);
  TK_EXPECT_EQ(charged.test, &sibling);
  TK_EXPECT(charged.verdict == Verdict::crashed);
  TK_EXPECT_EQ(charged.failures[0].where.line, 9u);

  const testkit::TestResult hung = testkit::detail::judge_set_up_death(
      test, {.wait_status = killed_by(SIGKILL), .killed = KillReason::timeout, .timeout = std::chrono::seconds(2)},
      HostKind::class_host);
  TK_EXPECT(hung.verdict == Verdict::timed_out);
  TK_EXPECT_EQ(runner_headline(hung), "timed out after 2 s");
}

TK_TEST(ProcessVerdict, a_module_host_dead_in_set_up_module_is_charged_in_that_phase) {
  const testkit::TestResult cause =
      testkit::detail::judge_set_up_death(test, {.wait_status = killed_by(SIGSEGV)}, HostKind::module_host);
  TK_EXPECT(cause.verdict == Verdict::crashed);
  TK_ASSERT_EQ(cause.failures.size(), 1u);
  TK_EXPECT_EQ(cause.failures[0].phase, "set_up_module");
  TK_EXPECT_CONTAINS(cause.failures[0].details, "the module host died in set_up_module");
}

TK_TEST(ProcessVerdict, a_test_lost_with_its_host_is_a_crash_that_names_the_host) {
  const testkit::TestResult lost = testkit::detail::judge_lost_test(test, killed_by(SIGKILL), HostKind::class_host);
  TK_EXPECT(lost.verdict == Verdict::crashed);
  TK_EXPECT_EQ(runner_headline(lost), "lost: the class host running the test was killed by SIGKILL (signal 9)");
  const testkit::TestResult orphan = testkit::detail::judge_lost_test(test, killed_by(SIGKILL), HostKind::module_host);
  TK_EXPECT(orphan.verdict == Verdict::crashed);
  TK_EXPECT_EQ(runner_headline(orphan),
               "lost: the module host, which starts the class hosts, was killed by SIGKILL (signal 9)");
}

TK_TEST(ProcessVerdict, tear_down_class_in_a_host_adds_its_failures_or_its_crash_to_the_last_test) {
  testkit::TestResult clean{.test = &test};
  testkit::detail::add_host_tear_down(clean, {.wait_status = exited(0)}, HostKind::class_host);
  TK_EXPECT(clean.verdict == Verdict::passed);
  TK_EXPECT(clean.failures.empty());

  testkit::TestResult failed{.test = &test};
  testkit::detail::add_host_tear_down(
      failed, {.failures = {{.phase = "tear_down_class", .headline = "TK_FAIL"}}, .wait_status = exited(0)},
      HostKind::class_host);
  TK_EXPECT(failed.verdict == Verdict::failed);
  TK_EXPECT_EQ(runner_headline(failed), "TK_FAIL");

  testkit::TestResult crashed{.test = &test};
  testkit::detail::add_host_tear_down(crashed, {.wait_status = killed_by(SIGABRT)}, HostKind::class_host);
  TK_EXPECT(crashed.verdict == Verdict::crashed);
  TK_ASSERT_EQ(crashed.failures.size(), 1u);
  TK_EXPECT_EQ(crashed.failures[0].phase, "tear_down_class");
  TK_EXPECT_EQ(crashed.failures[0].headline, "crashed: SIGABRT (signal 6)");

  testkit::TestResult module_crashed{.test = &test};
  testkit::detail::add_host_tear_down(module_crashed, {.wait_status = killed_by(SIGABRT)}, HostKind::module_host);
  TK_ASSERT_EQ(module_crashed.failures.size(), 1u);
  TK_EXPECT_EQ(module_crashed.failures[0].phase, "tear_down_module");

  testkit::TestResult forged{.test = &test};
  testkit::detail::add_host_tear_down(forged, {.wait_status = exited(0), .channel_error = "garbage"},
                                      HostKind::class_host);
  TK_EXPECT(forged.verdict == Verdict::failed, "a corrupted host channel is not a clean end");
}

}  // namespace
