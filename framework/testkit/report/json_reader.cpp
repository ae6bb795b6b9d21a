#include <testkit/report/json_reader.hpp>

#include <signal.h>

#include <charconv>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include <testkit/report/failure_text.hpp>

namespace testkit {
namespace {

using Json = nlohmann::json;

// A report's durations and offsets are seconds; null (a --deterministic report) reads as zero.
std::chrono::nanoseconds nanoseconds_at(const Json& object, const char* key) {
  const Json& value = object.at(key);
  if (value.is_null()) return {};
  return std::chrono::nanoseconds(std::llround(value.get<double>() * 1e9));
}

std::chrono::microseconds microseconds_at(const Json& object, const char* key) {
  return std::chrono::microseconds(std::llround(object.at(key).get<double>() * 1e6));
}

Location location_of(const Json& object) {
  return {object.at("file").get<std::string>(), object.at("line").get<unsigned>()};
}

// The text a report holds for a stream back as what the runner kept: a head and a tail around the line that says how
// much was elided, when the text has that line and its numbers agree; else the text as a whole.
CapturedOutput output_of(const Json& object) {
  const std::string text = object.at("text").get<std::string>();
  const std::size_t total = object.at("total_bytes").get<std::size_t>();
  if (text.size() == total) return {.head = text, .total_bytes = total};
  const std::size_t marker = text.rfind("\n[... ");
  if (marker != std::string::npos) {
    std::size_t elided = 0;
    const char* digits = text.data() + marker + 6;
    const auto [end, status] = std::from_chars(digits, text.data() + text.size(), elided);
    constexpr std::string_view rest = " bytes elided ...]\n";
    const std::size_t tail_at = static_cast<std::size_t>(end - text.data()) + rest.size();
    if (status == std::errc{} && std::string_view(end, text.data() + text.size()).starts_with(rest) &&
        marker + (text.size() - tail_at) + elided == total)
      return {.head = text.substr(0, marker), .tail = text.substr(tail_at), .total_bytes = total};
  }
  return {.head = text, .total_bytes = text.size()};  // cut by the report's own cap: the text is what is left
}

Failure failure_of(const Json& object) {
  return {.where = location_of(object.at("location")),
          .phase = object.at("phase").get<std::string>(),
          .subtest = object.at("subtest").get<std::string>(),
          .headline = object.at("headline").get<std::string>(),
          .details = object.at("details").get<std::string>(),
          .message = object.at("message").get<std::string>(),
          .stacktrace = object.at("stacktrace").get<std::string>()};
}

TestInfo test_of(const Json& object) {
  TestInfo test{.suite = object.at("suite").get<std::string>(),
                .name = object.at("name").get<std::string>(),
                .where = location_of(object.at("location")),
                .param = object.at("param").get<std::string>()};
  test.meta.tags = object.at("tags").get<std::vector<std::string>>();
  test.meta.points = object.at("points").get<double>();
  const std::optional<Visibility> visibility = visibility_named(object.at("visibility").get<std::string>());
  if (!visibility) throw std::invalid_argument("a test has an unknown visibility");
  test.meta.visibility = *visibility;
  test.meta.timeout = std::chrono::milliseconds(object.at("timeout_ms").get<long long>());
  return test;
}

TestResult result_of(const Json& object, const TestInfo& test) {
  const std::optional<Verdict> verdict = verdict_named(object.at("verdict").get<std::string>());
  if (!verdict) throw std::invalid_argument("a test has an unknown verdict");
  TestResult result{.test = &test,
                    .verdict = *verdict,
                    .omitted_failures = object.at("omitted_failures").get<std::size_t>(),
                    .reason = object.at("reason").get<std::string>(),
                    .duration = nanoseconds_at(object, "duration_s"),
                    .out = output_of(object.at("stdout")),
                    .err = output_of(object.at("stderr"))};
  for (const Json& failure : object.at("failures")) result.failures.push_back(failure_of(failure));
  // Reports from before the timeline have neither key.
  if (object.contains("started_s")) result.started = nanoseconds_at(object, "started_s");
  if (object.contains("slot") && !object.at("slot").is_null()) result.slot = object.at("slot").get<std::size_t>();
  if (const Json& usage = object.at("usage"); !usage.is_null())
    result.usage = {.user_cpu = microseconds_at(usage, "user_cpu_s"),
                    .system_cpu = microseconds_at(usage, "system_cpu_s"),
                    .max_rss_kib = usage.at("max_rss_kib").get<long>()};
  if (const auto tmp_path = object.find("tmp_path"); tmp_path != object.end()) {
    result.tmp_path = tmp_path->at("path").get<std::string>();
    result.tmp_path_kept = tmp_path->at("kept").get<bool>();
  }
  // Reports of tests that ran once, and from before --retries, have neither key.
  if (const auto attempts = object.find("attempts"); attempts != object.end()) {
    result.retries = object.at("retries").get<std::size_t>();
    for (const Json& attempt : *attempts) {
      if (attempt.contains("attempts")) throw std::invalid_argument("an attempt has attempts of its own");
      result.attempts.push_back(result_of(attempt, test));
    }
  }
  return result;
}

SandboxRecord sandbox_of(const Json& object) {
  SandboxRecord record{.cpu_margin_s = object.at("cpu_margin_s").get<int>(),
                       .processes = object.at("processes").get<std::size_t>(),
                       .file_size_mib = object.at("file_size_mib").get<std::size_t>(),
                       .open_files = object.at("open_files").get<std::size_t>(),
                       .network_blocked = object.at("network_blocked").get<bool>(),
                       .landlock_abi = object.at("landlock_abi").get<int>(),
                       .pid_namespace = object.at("pid_namespace").get<bool>()};
  if (const Json& memory = object.at("memory_mib"); !memory.is_null()) record.memory_mib = memory.get<std::size_t>();
  if (const Json& uid = object.at("first_uid"); !uid.is_null()) record.first_uid = uid.get<std::uint32_t>();
  return record;
}

int signal_named(const std::string& name) {
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
    if (signal_name(signal) == name) return signal;
  throw std::invalid_argument("\"interrupted_by\" names an unknown signal");
}

void read_context(const Json& object, ReportContext& context, std::chrono::nanoseconds& duration) {
  context.program = object.at("program").get<std::string>();
  const Json& host = object.at("hostname");
  context.deterministic = host.is_null();
  if (!host.is_null()) context.hostname = host.get<std::string>();
  if (const Json& started = object.at("started_unix_ms"); !started.is_null())
    context.started = std::chrono::system_clock::time_point(std::chrono::milliseconds(started.get<long long>()));
  duration = nanoseconds_at(object, "duration_s");
  if (const Json& seed = object.at("seed"); !seed.is_null()) context.seed = seed.get<std::uint64_t>();
  context.shard_index = object.at("shard").at("index").get<std::size_t>();
  context.shard_count = object.at("shard").at("count").get<std::size_t>();
  if (const auto jobs = object.find("jobs"); jobs != object.end() && !jobs->is_null())
    context.jobs = jobs->get<std::size_t>();
  if (const auto sandbox = object.find("sandbox"); sandbox != object.end()) context.sandbox = sandbox_of(*sandbox);
}

}  // namespace

std::optional<Verdict> verdict_named(std::string_view name) {
  for (const Verdict verdict : all_verdicts)
    if (to_string(verdict) == name) return verdict;
  return std::nullopt;
}

std::string read_json_report(std::string_view json, ReadReport& report) try {
  const Json object = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object()) return "not a JSON object";
  if (object.value("schema", "") != "testkit-report")
    return "not a testkit report (its \"schema\" is not testkit-report)";
  if (object.value("version", 0) != 1) return "a testkit report of a version other than 1";
  read_context(object, report.context, report.run.duration);
  if (const Json& signal = object.at("interrupted_by"); !signal.is_null())
    report.run.interrupted_by = signal_named(signal.get<std::string>());
  for (const Json& test : object.at("tests")) {
    const TestInfo& info = report.tests.emplace_back(test_of(test));
    report.run.results.push_back(result_of(test, info));
  }
  return {};
} catch (const std::exception& error) {
  return std::string("malformed report: ") + error.what();
}

}  // namespace testkit
