#include <testkit/core/context.hpp>

#include <atomic>
#include <cstdio>
#include <utility>

#include <testkit/core/process_role.hpp>
#include <testkit/interpose/bypass.hpp>

namespace testkit::detail {
namespace {
thread_local Context* current = nullptr;
thread_local Context* made_here = nullptr;  // the innermost live context this thread made

// Whether a context of this process streams its failures now (see Context's constructor).
std::atomic<bool> stream_claimed{false};

bool claim_stream() { return process_role().send_failure == nullptr || !stream_claimed.exchange(true); }

}  // namespace

Context::Context(const TestInfo* test, bool streams)
    : test_(test),
      streams_(streams && claim_stream()),
      holds_the_stream_(streams_ && process_role().send_failure != nullptr),
      made_before_(std::exchange(made_here, this)) {}

Context::~Context() {
  if (holds_the_stream_) stream_claimed = false;
  made_here = made_before_;
}

void Context::add_failure(Failure failure) {
  const BypassPatches bypass;  // streaming a failure to the supervisor is framework I/O, never patched
  const std::lock_guard lock(mutex_);
  if (failure.phase.empty()) failure.phase = phase_;
  if (failure.subtest.empty()) failure.subtest = subtest_;
  ++recorded_;
  if (failures_.size() >= max_kept_failures) return;
  if (streams_ && process_role().send_failure != nullptr) process_role().send_failure(failure);
  failures_.push_back(std::move(failure));
}

void Context::stream_failures() {
  const std::lock_guard lock(mutex_);
  streams_ = true;
}

void Context::set_phase(std::string phase) {
  const std::lock_guard lock(mutex_);
  phase_ = std::move(phase);
}

std::string Context::subtest() const {
  const std::lock_guard lock(mutex_);
  return subtest_;
}

void Context::set_subtest(std::string label) {
  const std::lock_guard lock(mutex_);
  subtest_ = std::move(label);
}

bool Context::wants_stacktrace() const {
  const std::lock_guard lock(mutex_);
  return recorded_ < max_traced_failures;
}

bool Context::has_failures() const {
  const std::lock_guard lock(mutex_);
  return recorded_ > 0;
}

std::vector<Failure> Context::take_failures(std::size_t& omitted) {
  const std::lock_guard lock(mutex_);
  omitted = recorded_ - failures_.size();
  recorded_ = 0;
  return std::exchange(failures_, {});
}

Context* current_context() noexcept { return current; }

void count_assertion() noexcept {
  if (current == nullptr) return;
  if (current == made_here)
    current->count_own_assertion();
  else
    current->count_assertion();
}

bool record_or_print(Failure failure) {
  if (current != nullptr) {
    current->add_failure(std::move(failure));
    return true;
  }
  std::fprintf(stderr, "testkit: %s:%u: %s (outside a running test)\n%s%s", failure.where.file.c_str(),
               failure.where.line, failure.headline.c_str(), failure.details.c_str(),
               failure.details.empty() ? "" : "\n");
  return false;
}

void forget_inherited_context() noexcept {
  current = nullptr;
  stream_claimed = false;
}

void adopt_context(Context& context) noexcept { current = &context; }

ContextScope::ContextScope(Context& context) : previous_(std::exchange(current, &context)) {}

ContextScope::~ContextScope() { current = previous_; }

}  // namespace testkit::detail
