#include <testkit/report/json.hpp>

#include <nlohmann/json.hpp>

#include <testkit/report/detail/json_text.hpp>
#include <testkit/report/failure_text.hpp>
#include <testkit/report/sandbox_record.hpp>

namespace testkit {
namespace {

using Json = nlohmann::ordered_json;
using detail::json_text;

// Durations are seconds as numbers; deterministic runs have none (null), so their reports are stable.
Json seconds(std::chrono::nanoseconds duration, const ReportContext& context) {
  if (context.deterministic) return nullptr;
  return std::chrono::duration<double>(duration).count();
}

Json location(const Location& where, const ReportContext& context) {
  return {{"file", json_text(detail::report_file_name(where.file, context.deterministic))}, {"line", where.line}};
}

Json failure(const Failure& failure, const ReportContext& context) {
  return {{"location", location(failure.where, context)},
          {"phase", json_text(failure.phase)},
          {"subtest", json_text(failure.subtest)},
          {"headline", json_text(failure.headline)},
          {"details", json_text(failure.details)},
          {"message", json_text(failure.message)},
          {"stacktrace", context.deterministic ? std::string() : json_text(failure.stacktrace)}};
}

Json output(const CapturedOutput& output) {
  return {{"text", json_text(output.text())}, {"total_bytes", output.total_bytes}};
}

// What one run (or attempt) of a test did, from "verdict" to "stderr", appended to `object`.
void add_run(Json& object, const TestResult& result, const ReportContext& context) {
  Json failures = Json::array();
  for (const Failure& one : result.failures) failures.push_back(failure(one, context));
  Json usage = nullptr;
  if (!context.deterministic)
    usage = {{"user_cpu_s", std::chrono::duration<double>(result.usage.user_cpu).count()},
             {"system_cpu_s", std::chrono::duration<double>(result.usage.system_cpu).count()},
             {"max_rss_kib", result.usage.max_rss_kib}};
  object["verdict"] = to_string(result.verdict);
  object["reason"] = json_text(result.reason);
  object["duration_s"] = seconds(result.duration, context);
  object["started_s"] = seconds(result.started, context);
  object["slot"] = context.deterministic ? Json(nullptr) : Json(result.slot);
  object["usage"] = std::move(usage);
  object["failures"] = std::move(failures);
  object["omitted_failures"] = result.omitted_failures;
  object["assertions"] = result.assertions;
  object["stdout"] = output(result.out);
  object["stderr"] = output(result.err);
  // Only tests that made a tmp_path() directory have the key, so that every other report keeps its bytes.
  if (!result.tmp_path.empty())
    object["tmp_path"] = {{"path", json_text(result.tmp_path)}, {"kept", result.tmp_path_kept}};
}

Json test(const TestResult& result, const ReportContext& context) {
  const TestInfo& info = *result.test;
  Json tags = Json::array();
  for (const std::string& tag : info.meta.tags) tags.push_back(json_text(tag));
  Json object = {{"suite", json_text(info.suite)},
                 {"name", json_text(info.name)},
                 {"full_name", json_text(info.full_name())},
                 {"param", json_text(info.param)},
                 {"location", location(info.where, context)},
                 {"tags", std::move(tags)},
                 {"points", info.meta.points},
                 {"visibility", to_string(info.meta.visibility)},
                 {"timeout_ms", info.meta.timeout.count()}};
  add_run(object, result, context);
  // Only tests that ran more than once (--retries) have the keys: the attempts before the last, oldest first.
  if (!result.attempts.empty()) {
    Json attempts = Json::array();
    for (std::size_t index = 0; index < result.attempts.size(); ++index) {
      Json attempt = {{"attempt", index + 1}};
      add_run(attempt, result.attempts[index], context);
      attempts.push_back(std::move(attempt));
    }
    object["retries"] = result.retries;
    object["attempts"] = std::move(attempts);
  }
  return object;
}

// Each test that ran more than once (--repeat) with how many of its runs passed.
Json pass_ratios_of(const std::vector<PassRatio>& ratios) {
  Json out = Json::array();
  for (const PassRatio& ratio : ratios) {
    const TestInfo& info = *ratio.first->test;
    out.push_back({{"full_name", json_text(info.full_name())},
                   {"param", json_text(info.param)},
                   {"pass_ratio", {{"passed", ratio.passed}, {"runs", ratio.runs}}}});
  }
  return out;
}

// Numbers where the limit is one, so that a grading tool can compare them without parsing the console line.
Json sandbox(const SandboxRecord& record) {
  return {{"description", json_text(describe_sandbox(record))},
          {"cpu_margin_s", record.cpu_margin_s},
          {"memory_mib", record.memory_mib ? Json(*record.memory_mib) : Json(nullptr)},
          {"processes", record.processes},
          {"file_size_mib", record.file_size_mib},
          {"open_files", record.open_files},
          {"core_dumps", false},
          {"network_blocked", record.network_blocked},
          {"writes_confined", record.landlock_abi > 0},
          {"landlock_abi", record.landlock_abi},
          {"pid_namespace", record.pid_namespace},
          {"hidden_paths", record.hidden_paths},
          {"first_uid", record.first_uid ? Json(*record.first_uid) : Json(nullptr)},
          {"runs_as_nobody", false},
          {"environment_scrubbed", true}};
}

}  // namespace

std::string render_json(const RunResult& run, const ReportContext& context) {
  const Tally tally = run.tally();
  Json tests = Json::array();
  for (const TestResult& result : run.results) tests.push_back(test(result, context));
  Json started = nullptr;
  if (!context.deterministic)
    started = std::chrono::duration_cast<std::chrono::milliseconds>(context.started.time_since_epoch()).count();
  Json report = {{"schema", "testkit-report"},
                 {"version", json_report_version},
                 {"program", json_text(context.program)},
                 {"hostname", context.deterministic ? Json(nullptr) : Json(json_text(context.hostname))},
                 {"started_unix_ms", std::move(started)},
                 {"duration_s", seconds(run.duration, context)},
                 {"seed", context.seed ? Json(*context.seed) : Json(nullptr)},
                 {"shard", {{"index", context.shard_index}, {"count", context.shard_count}}},
                 {"jobs", context.deterministic ? Json(nullptr) : Json(context.jobs)},
                 {"interrupted_by", run.interrupted_by != 0 ? Json(signal_name(run.interrupted_by)) : Json(nullptr)},
                 {"tally",
                  {{"total", run.results.size()},
                   {"passed", tally.passed},
                   {"failed", tally.failed},
                   {"skipped", tally.skipped},
                   {"expected_failures", tally.expected_failures}}}};
  // Only runs with flaky tests (--retries) and repeated tests (--repeat) have these keys, so that every other report
  // keeps its bytes.
  if (tally.flaky > 0) report["tally"]["flaky"] = tally.flaky;
  if (const std::vector<PassRatio> ratios = pass_ratios(run); !ratios.empty())
    report["pass_ratios"] = pass_ratios_of(ratios);
  // Only sandboxed runs have the key, so that every other report keeps its bytes.
  if (context.sandbox) report["sandbox"] = sandbox(*context.sandbox);
  report["tests"] = std::move(tests);
  return report.dump(2) + "\n";
}

}  // namespace testkit
