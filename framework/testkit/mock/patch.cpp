#include <testkit/mock/patch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>

#include <fmt/format.h>

#include <testkit/core/child_log.hpp>
#include <testkit/interpose/patch_scope.hpp>
#include <testkit/mock/detail/child_calls.hpp>
#include <testkit/mock/detail/patch_state.hpp>

namespace testkit {
namespace detail {
namespace {
std::atomic<std::uint64_t> next_call_order{1};
}

void PatchState::add_call(Call call) {
  call.order = next_call_order.fetch_add(1, std::memory_order_relaxed);
  const std::lock_guard lock(mutex);
  calls.push_back(std::move(call));
}

std::pair<Outcome, std::any> PatchState::take(Call call) {
  call.order = next_call_order.fetch_add(1, std::memory_order_relaxed);
  send_child_call(*this, call);  // a process the test forked: the test's process records it too
  const std::lock_guard lock(mutex);
  calls.push_back(std::move(call));
  const Call& recorded = calls.back();
  const std::size_t number = calls.size();
  switch (mode) {
    case Mode::through: return {Outcome::through(), {}};
    case Mode::fixed: return {fixed, {}};
    case Mode::sequence: return {number <= sequence.size() ? sequence[number - 1] : Outcome::through(), {}};
    case Mode::nth: return {number == nth ? fixed : Outcome::through(), {}};
    case Mode::answer: {
      // The answer runs unlocked: it may be slow or make calls that other threads' patched calls wait for.
      const std::function<Outcome(const Call&)> copy = answer;
      const Call argument = recorded;
      mutex.unlock();
      Outcome outcome = copy(argument);
      mutex.lock();
      return {outcome, {}};
    }
    case Mode::typed:
      if (recorded.function == typed_function) return {Outcome::through(), typed_answer};
      return {Outcome::through(), {}};
  }
  return {Outcome::through(), {}};
}

std::string call_text(std::string_view function, const std::vector<std::string>& arguments) {
  return fmt::format("{}({})", function, fmt::join(arguments, ", "));
}

std::string join_call_texts(const std::vector<Call>& calls, std::string_view separator, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < calls.size() && i < limit; ++i) {
    if (i > 0) text += separator;
    text += calls[i].text();
  }
  if (calls.size() > limit)
    fmt::format_to(std::back_inserter(text), "{}... ({} more)", separator, calls.size() - limit);
  return text;
}

}  // namespace detail

std::string Call::text() const { return detail::call_text(function_name(function), arguments); }

std::string Call::path() const {
  for (const std::string& argument : arguments)
    if (argument.find('/') != std::string::npos || (!argument.empty() && argument[0] == '.')) return argument;
  return arguments.empty() ? std::string() : arguments.front();
}

long long Call::number(std::size_t index) const {
  if (index >= arguments.size()) return 0;
  return std::strtoll(arguments[index].c_str(), nullptr, 10);
}

Patch::Patch(const Target& target, std::source_location where)
    : target_name_(target.name),
      state_(std::make_shared<detail::PatchState>()),
      scope_(detail::patch_scope_for_this_thread()) {
  const std::string label = fmt::format("Patch of {} made at {}:{}", target.name, where.file_name(), where.line());
  for (std::size_t i = 0; i < target.count; ++i)
    scope_->add(target.functions[i], detail::make_patch_handler(target.functions[i], state_), this, label);
  detail::track_child_calls(*state_);
}

Patch::~Patch() {
  detail::untrack_child_calls(*state_);
  scope_->remove(this);
}

Patch& Patch::returns(long long value) {
  const std::lock_guard lock(state_->mutex);
  state_->mode = detail::PatchState::Mode::fixed;
  state_->fixed = Outcome::returning(value);
  return *this;
}

Patch& Patch::fails(int error) {
  const std::lock_guard lock(state_->mutex);
  state_->mode = detail::PatchState::Mode::fixed;
  state_->fixed = Outcome::failing(error);
  return *this;
}

Patch& Patch::results(std::vector<Outcome> outcomes) {
  const std::lock_guard lock(state_->mutex);
  state_->mode = detail::PatchState::Mode::sequence;
  state_->sequence = std::move(outcomes);
  return *this;
}

Patch& Patch::fails_call(std::size_t nth, int error) {
  const std::lock_guard lock(state_->mutex);
  state_->mode = detail::PatchState::Mode::nth;
  state_->nth = nth;
  state_->fixed = Outcome::failing(error);
  return *this;
}

Patch& Patch::invokes(std::function<Outcome(const Call&)> answer) {
  const std::lock_guard lock(state_->mutex);
  state_->mode = detail::PatchState::Mode::answer;
  state_->answer = std::move(answer);
  return *this;
}

Patch& Patch::set_typed_answer(Function function, std::any answer) {
  const std::lock_guard lock(state_->mutex);
  state_->mode = detail::PatchState::Mode::typed;
  state_->typed_function = function;
  state_->typed_answer = std::move(answer);
  return *this;
}

Patch& Patch::calls_through() {
  const std::lock_guard lock(state_->mutex);
  state_->mode = detail::PatchState::Mode::through;
  return *this;
}

std::vector<Call> Patch::calls() const {
  detail::collect_child_records();
  const std::lock_guard lock(state_->mutex);
  return state_->calls;
}

std::size_t Patch::call_count() const {
  detail::collect_child_records();
  const std::lock_guard lock(state_->mutex);
  return state_->calls.size();
}

std::size_t Patch::count_calls_with(const std::vector<std::string>& leading) const {
  detail::collect_child_records();
  const std::lock_guard lock(state_->mutex);
  return static_cast<std::size_t>(std::count_if(state_->calls.begin(), state_->calls.end(), [&](const Call& call) {
    return call.arguments.size() >= leading.size() &&
           std::equal(leading.begin(), leading.end(), call.arguments.begin());
  }));
}

std::string Patch::describe_calls() const {
  const std::vector<Call> recorded = calls();
  return recorded.empty() ? "(no calls)" : detail::join_call_texts(recorded, "\n");
}

std::uint64_t Patch::first_call_order() const {
  detail::collect_child_records();
  const std::lock_guard lock(state_->mutex);
  return state_->calls.empty() ? 0 : state_->calls.front().order;
}

bool called_in_order(std::initializer_list<const Patch*> patches) {
  std::uint64_t previous = 0;
  for (const Patch* patch : patches) {
    const std::uint64_t order = patch->first_call_order();
    if (order == 0 || order <= previous) return false;
    previous = order;
  }
  return true;
}

}  // namespace testkit
