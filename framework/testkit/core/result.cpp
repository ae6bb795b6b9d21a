#include <testkit/core/result.hpp>

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
  }
  return "unknown";
}

bool is_failure(Verdict verdict) {
  return verdict != Verdict::passed && verdict != Verdict::skipped && verdict != Verdict::expected_failure;
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
    case Verdict::skipped: ++skipped; break;
    case Verdict::failed:
    case Verdict::unexpected_pass:
    case Verdict::crashed:
    case Verdict::timed_out:
    case Verdict::exited_early:
    case Verdict::output_limit: ++failed; break;
  }
}

Tally RunResult::tally() const {
  Tally tally;
  for (const auto& result : results) tally.add(result.verdict);
  return tally;
}

}  // namespace testkit
