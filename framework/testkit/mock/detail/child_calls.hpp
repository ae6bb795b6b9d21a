#pragma once
/// The calls a Patch answers in a process the test forked: sent to the test's process through its child log and
/// recorded there on the same Patch, so that call_count() and called_with() see them.

#include <testkit/mock/call.hpp>

namespace testkit::detail {

struct PatchState;

/// Lets the calls forked children send for `state` (a live Patch's) be recorded on it. Call untrack before it ends.
void track_child_calls(PatchState& state);
/// Stops recording children's calls on `state`; later ones are dropped.
void untrack_child_calls(PatchState& state);
/// In a process the test forked: sends `call`, which `state` answered there, to the test's process. No-op in
/// any other process.
void send_child_call(const PatchState& state, const Call& call);

}  // namespace testkit::detail
