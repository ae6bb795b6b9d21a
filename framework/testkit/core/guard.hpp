#pragma once
/// Running one phase of a test so that whatever escapes it is recorded.

#include <functional>
#include <string>

#include <testkit/core/context.hpp>

namespace testkit::detail {

/// How a guarded phase ended.
enum class PhaseEnd {
  completed,  ///< ran to its end (non-fatal failures may have been recorded)
  aborted,    ///< a fatal assertion or an exception ended it; recorded in the context
  skipped,    ///< TK_SKIP ended it; the reason is stored in `skip_reason`
};

/// Runs `phase_body` under `context` labelled `phase`. An escaping exception is recorded as a failure at
/// `where` with its type and what(); a skip stores its reason in `skip_reason` (the first one wins).
PhaseEnd run_guarded(Context& context, const std::string& phase, const Location& where,
                     const std::function<void()>& phase_body, std::string& skip_reason);

}  // namespace testkit::detail
