#include <testkit/core/result.hpp>

namespace testkit {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::passed: return "passed";
    case Verdict::failed: return "failed";
    case Verdict::skipped: return "skipped";
    case Verdict::expected_failure: return "expected_failure";
    case Verdict::unexpected_pass: return "unexpected_pass";
  }
  return "unknown";
}

bool is_failure(Verdict verdict) { return verdict == Verdict::failed || verdict == Verdict::unexpected_pass; }

void Tally::add(Verdict verdict) {
  switch (verdict) {
    case Verdict::passed: ++passed; break;
    case Verdict::expected_failure: ++passed; ++expected_failures; break;
    case Verdict::skipped: ++skipped; break;
    case Verdict::failed:
    case Verdict::unexpected_pass: ++failed; break;
  }
}

Tally RunResult::tally() const {
  Tally tally;
  for (const auto& result : results) tally.add(result.verdict);
  return tally;
}

}  // namespace testkit
