#include <testkit/core/result.hpp>

#include <map>

namespace testkit {

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
  std::vector<PassRatio> ratios;
  std::map<std::string, std::size_t> index_of;  // display name -> index in ratios
  for (const TestResult& result : run.results) {
    const auto [found, added] = index_of.try_emplace(result.test->display_name(), ratios.size());
    if (added) ratios.push_back({.first = &result});
    PassRatio& ratio = ratios[found->second];
    if (result.verdict == Verdict::skipped) continue;
    ++ratio.runs;
    if (is_pass(result.verdict)) ++ratio.passed;
  }
  std::erase_if(ratios, [](const PassRatio& ratio) { return ratio.runs < 2; });
  return ratios;
}

}  // namespace testkit
