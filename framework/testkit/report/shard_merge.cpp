#include <testkit/report/shard_merge.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace testkit {
namespace {

// The problem with the set of shards, or empty: one binary, one split, each shard of it exactly once.
std::string check_split(std::span<const ShardReport> shards) {
  if (shards.empty()) return "no report to merge";
  const ShardReport& first = shards.front();
  const std::size_t count = first.report.context.shard_count;
  std::vector<const ShardReport*> of_index(count, nullptr);
  for (const ShardReport& shard : shards) {
    const ReportContext& context = shard.report.context;
    if (context.program != first.report.context.program)
      return fmt::format("{} is a report of {} and {} of {}: shards of different binaries", first.path,
                         first.report.context.program, shard.path, context.program);
    if (context.shard_count != count)
      return fmt::format("{} is one of {} shards and {} one of {}: shards of different splits", first.path, count,
                         shard.path, context.shard_count);
    if (context.shard_index >= count)
      return fmt::format("{} says it is shard {} of {}", shard.path, context.shard_index, count);
    if (const ShardReport* seen = of_index[context.shard_index]; seen != nullptr)
      return fmt::format("shard {} of {} is given twice: {} and {}", context.shard_index, count, seen->path,
                         shard.path);
    of_index[context.shard_index] = &shard;
  }
  std::vector<std::size_t> missing;
  for (std::size_t index = 0; index < count; ++index)
    if (of_index[index] == nullptr) missing.push_back(index);
  if (!missing.empty())
    return fmt::format("shard{} {} of {} {} missing (shards count from 0)", missing.size() > 1 ? "s" : "",
                       fmt::join(missing, ", "), count, missing.size() > 1 ? "are" : "is");
  return {};
}

// The problem when a test ran in two shards (a --repeat run lists a test several times within one shard), or empty.
std::string check_overlap(std::span<const ShardReport> shards) {
  std::map<std::string, const ShardReport*> shard_of;
  for (const ShardReport& shard : shards) {
    for (const TestResult& result : shard.report.run.results) {
      const std::string name = result.test->display_name();
      const auto [found, added] = shard_of.try_emplace(name, &shard);
      if (!added && found->second != &shard)
        return fmt::format("{} is in both {} and {}: the shards overlap", name, found->second->path, shard.path);
    }
  }
  return {};
}

// The slots a shard's timeline uses: its jobs, or as many as its results name when it does not say.
std::size_t slots_of(const ReadReport& report) {
  std::size_t slots = report.context.jobs;
  for (const TestResult& result : report.run.results) slots = std::max(slots, result.slot + 1);
  return slots;
}

}  // namespace

std::string merge_shard_reports(std::span<const ShardReport> shards, MergedRun& merged) {
  if (std::string problem = check_split(shards); !problem.empty()) return problem;
  if (std::string problem = check_overlap(shards); !problem.empty()) return problem;
  std::vector<const ShardReport*> ordered;
  for (const ShardReport& shard : shards) ordered.push_back(&shard);
  std::ranges::sort(ordered, {}, [](const ShardReport* shard) { return shard->report.context.shard_index; });

  ReportContext& context = merged.context;
  const ReportContext& first = ordered.front()->report.context;
  context = first;
  context.shard_index = 0;
  context.shard_count = 1;
  context.jobs = 0;
  std::vector<std::string> hosts;
  for (const ShardReport* shard : ordered) {
    const ReportContext& part = shard->report.context;
    context.started = std::min(context.started, part.started);
    context.deterministic = context.deterministic && part.deterministic;
    if (part.seed != first.seed) context.seed.reset();  // each shard drew its own: no one seed orders the run
    if (std::ranges::find(hosts, part.hostname) == hosts.end()) hosts.push_back(part.hostname);
    if (!context.sandbox) context.sandbox = part.sandbox;
  }
  context.hostname = fmt::format("{}", fmt::join(hosts, ", "));

  RunResult& run = merged.run;
  run = {};
  for (const ShardReport* shard : ordered) {
    const ReadReport& part = shard->report;
    // Shards run side by side (on other machines, or one after another): each starts on the timeline when it
    // started, and on slots of its own after the previous shard's.
    const auto offset = part.context.started - context.started;
    for (TestResult result : part.run.results) {
      result.started += offset;
      result.slot += context.jobs;
      run.results.push_back(std::move(result));
    }
    run.duration =
        std::max(run.duration, std::chrono::duration_cast<std::chrono::nanoseconds>(offset) + part.run.duration);
    if (run.interrupted_by == 0) run.interrupted_by = part.run.interrupted_by;
    context.jobs += slots_of(part);
  }
  return {};
}

}  // namespace testkit
