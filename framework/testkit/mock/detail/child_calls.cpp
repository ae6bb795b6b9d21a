#include <testkit/mock/detail/child_calls.hpp>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <testkit/core/child_log.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/record_fields.hpp>
#include <testkit/mock/detail/patch_state.hpp>

namespace testkit::detail {
namespace {

// The patch states children's calls may be recorded on. A child names a state by its address, which is the same in
// the test's process (the child is its fork); the address is only compared with these, never followed.
std::mutex tracked_mutex;
std::vector<PatchState*> tracked;

// A call argument list longer than any interposed function's is garbage.
constexpr std::uint64_t max_arguments = 16;

void record_child_call(std::string_view fields) {
  FieldReader in(fields);
  const std::uint64_t id = in.number();
  const std::uint64_t function = in.number();
  const std::uint64_t count = in.number();
  if (function >= function_count || count > max_arguments) throw std::runtime_error("malformed call record");
  Call call{.function = static_cast<Function>(function)};
  for (std::uint64_t i = 0; i < count; ++i) call.arguments.push_back(in.text());
  const std::lock_guard lock(tracked_mutex);
  const auto state = std::ranges::find_if(
      tracked, [id](const PatchState* candidate) { return reinterpret_cast<std::uintptr_t>(candidate) == id; });
  if (state != tracked.end()) (*state)->add_call(std::move(call));
}

}  // namespace

void track_child_calls(PatchState& state) {
  static std::once_flag installed;
  std::call_once(installed, [] { set_child_record_handler(patch_call_record, record_child_call); });
  const std::lock_guard lock(tracked_mutex);
  tracked.push_back(&state);
}

void untrack_child_calls(PatchState& state) {
  const std::lock_guard lock(tracked_mutex);
  std::erase(tracked, &state);
}

void send_child_call(const PatchState& state, const Call& call) {
  if (process_role().kind != ProcessKind::test_child) return;
  FieldWriter out;
  out.number(reinterpret_cast<std::uintptr_t>(&state))
      .number(static_cast<std::uint64_t>(call.function))
      .number(call.arguments.size());
  for (const std::string& argument : call.arguments) out.text(argument);
  (void)append_child_record(patch_call_record, out.take());
}

}  // namespace testkit::detail
