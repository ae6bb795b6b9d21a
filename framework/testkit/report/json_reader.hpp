#pragma once
/// Reading a JSON report back (the inverse of render_json), so that reports of several runs can be put together.

#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include <testkit/core/result.hpp>
#include <testkit/report/report_context.hpp>

namespace testkit {

/// A JSON report read back: the run, the facts about it, and the tests its results point to.
/// Movable (a deque keeps its elements where they are when it moves) but not copyable: a copy's results would
/// point to the original's tests.
struct ReadReport {
  std::deque<TestInfo> tests{};  ///< one per result, in order; each result's `test` points to one
  RunResult run{};
  ReportContext context{};  ///< deterministic when the report has no host (a --deterministic run)

  ReadReport() = default;
  ReadReport(ReadReport&&) = default;
  ReadReport& operator=(ReadReport&&) = default;
  ReadReport(const ReadReport&) = delete;
  ReadReport& operator=(const ReadReport&) = delete;
  ~ReadReport() = default;
};

/// Reads `json`, a report of schema "testkit-report" version 1 as render_json writes it, into `report` (which
/// must be empty). Rendering it again gives the same
/// report, but for captured output cut by the 64 KiB cap of the report itself, whose total_bytes then becomes the
/// size of the text kept. Returns what is wrong with `json`, or empty.
[[nodiscard]] std::string read_json_report(std::string_view json, ReadReport& report);

/// The verdict whose name (to_string, as reports write it) is `name`, or nullopt.
[[nodiscard]] std::optional<Verdict> verdict_named(std::string_view name);

}  // namespace testkit
