#include <testkit/core/result.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace testkit {
namespace {

// The 64-bit FNV-1a hash of `test`'s display name, fed its parts.
std::uint64_t display_name_hash(const TestInfo& test) {
  std::uint64_t hash = 0xcbf29ce484222325;
  test.display_name_parts([&hash](std::string_view part) {
    for (const char c : part) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3;
  });
  return hash;
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::passed: return "passed";
    case Verdict::failed: return "failed";
    case Verdict::skipped: return "skipped";
    case Verdict::expected_failure: return "expected_failure";
    case Verdict::unexpected_pass: return "unexpected_pass";
    case Verdict::crashed: return "crashed";
    case Verdict::timed_out: return "timed_out";
    case Verdict::exited_early: return "exited_early";
    case Verdict::output_limit: return "output_limit";
    case Verdict::flaky: return "flaky";
    case Verdict::leaked: return "leaked";
    case Verdict::memory_error: return "memory_error";
  }
  return "unknown";
}

bool is_failure(Verdict verdict) { return !is_pass(verdict) && verdict != Verdict::skipped; }

bool is_pass(Verdict verdict) {
  return verdict == Verdict::passed || verdict == Verdict::expected_failure || verdict == Verdict::flaky;
}

std::string CapturedOutput::text() const {
  const std::size_t kept = head.size() + tail.size();
  if (kept == total_bytes) return head + tail;
  return head + "\n[... " + std::to_string(total_bytes - kept) + " bytes elided ...]\n" + tail;
}

void Tally::add(Verdict verdict) {
  switch (verdict) {
    case Verdict::passed: ++passed; break;
    case Verdict::expected_failure:
      ++passed;
      ++expected_failures;
      break;
    case Verdict::flaky:
      ++passed;
      ++flaky;
      break;
    case Verdict::skipped: ++skipped; break;
    case Verdict::failed:
    case Verdict::unexpected_pass:
    case Verdict::crashed:
    case Verdict::timed_out:
    case Verdict::exited_early:
    case Verdict::output_limit:
    case Verdict::leaked:
    case Verdict::memory_error: ++failed; break;
  }
}

Tally RunResult::tally() const {
  Tally tally;
  for (const auto& result : results) tally.add(result.verdict);
  return tally;
}

std::vector<PassRatio> pass_ratios(const RunResult& run) {
  // The results sorted by their display name's hash, which builds no name (on 10,000 tests a map of names cost a
  // tenth of an in-process run); results whose hashes meet are told apart by TestInfo, then by name.
  std::vector<std::pair<std::uint64_t, std::size_t>> by_hash;  // (hash, index of the result)
  by_hash.reserve(run.results.size());
  for (std::size_t index = 0; index < run.results.size(); ++index)
    by_hash.emplace_back(display_name_hash(*run.results[index].test), index);
  std::ranges::sort(by_hash);  // equal hashes stay in the order of their results
  std::vector<PassRatio> ratios;
  for (auto from = by_hash.begin(); from != by_hash.end();) {
    const auto to = std::find_if(from, by_hash.end(), [&](const auto& entry) { return entry.first != from->first; });
    const std::size_t group = ratios.size();  // the ratios of this hash's tests start here
    const bool ran_again = to - from > 1;     // else the test ran once: no ratio
    for (auto entry = from; ran_again && entry != to; ++entry) {
      const TestResult& result = run.results[entry->second];
      const auto same =
          std::find_if(ratios.begin() + static_cast<std::ptrdiff_t>(group), ratios.end(), [&](const PassRatio& ratio) {
            return ratio.first->test == result.test || ratio.first->test->display_name() == result.test->display_name();
          });
      PassRatio& ratio = same != ratios.end() ? *same : ratios.emplace_back(PassRatio{.first = &result});
      if (result.verdict == Verdict::skipped) continue;
      ++ratio.runs;
      if (is_pass(result.verdict)) ++ratio.passed;
    }
    from = to;
  }
  std::erase_if(ratios, [](const PassRatio& ratio) { return ratio.runs < 2; });
  std::ranges::sort(ratios, {}, &PassRatio::first);  // in the order of their first results
  return ratios;
}

}  // namespace testkit
