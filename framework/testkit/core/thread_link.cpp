#include <testkit/core/thread_link.hpp>

#include <algorithm>
#include <atomic>
#include <optional>
#include <utility>

#include <testkit/interpose/patch_scope.hpp>
#include <testkit/interpose/thread_hooks.hpp>

namespace testkit::detail {
namespace {

thread_local TestLink* thread_link = nullptr;
thread_local Context* thread_relay = nullptr;
std::atomic<const TestThreadHook*> test_thread_hook{nullptr};

// What a started thread inherits (made in the parent) and what it changed (restored when it leaves).
struct Inherited {
  std::shared_ptr<PatchScope> scope;
  std::shared_ptr<TestLink> link;
  PatchScope* previous_scope = nullptr;
  TestLink* previous_link = nullptr;
  std::optional<Context> relay;
  std::optional<ContextScope> context_scope;
  std::optional<TestThreadAttachment> attachment;
};

void* capture() noexcept {
  PatchScope* const scope = thread_patch_scope();
  TestLink* const link = thread_link;
  if (scope == nullptr && link == nullptr) return nullptr;
  try {
    auto* const inherited = new Inherited;
    if (scope != nullptr) inherited->scope = scope->shared_from_this();
    if (link != nullptr) inherited->link = link->shared_from_this();
    return inherited;
  } catch (...) {
    return nullptr;  // out of memory: the thread starts without the test's state
  }
}

void enter(void* raw) noexcept {
  auto& inherited = *static_cast<Inherited*>(raw);
  inherited.previous_scope = exchange_thread_patch_scope(inherited.scope.get());
  inherited.previous_link = std::exchange(thread_link, inherited.link.get());
  if (!inherited.link) return;
  try {
    // The thread records into its own context; the link moves the failures into the test's while the
    // test runs, so a thread that outlives its test never touches a dead Context.
    inherited.relay.emplace(inherited.link->test);
    {
      const std::lock_guard lock(inherited.link->mutex);
      inherited.link->relays.push_back(&*inherited.relay);
    }
    inherited.context_scope.emplace(*inherited.relay);
    thread_relay = &*inherited.relay;
    inherited.attachment.emplace();
  } catch (...) {
    // Without memory the thread runs outside the test; its failures are printed instead of counted.
  }
}

void leave(void* raw) noexcept {
  auto* const inherited = static_cast<Inherited*>(raw);
  inherited->attachment.reset();
  thread_relay = nullptr;
  if (inherited->relay) {
    const std::lock_guard lock(inherited->link->mutex);
    auto& relays = inherited->link->relays;
    relays.erase(std::remove(relays.begin(), relays.end(), &*inherited->relay), relays.end());
    inherited->link->collect_locked(*inherited->relay);
  }
  inherited->context_scope.reset();
  thread_link = inherited->previous_link;
  (void)exchange_thread_patch_scope(inherited->previous_scope);
  delete inherited;
}

// A fatal assertion in a started thread ends that thread as if its function had returned: the failure is
// already recorded for the test, and letting FatalFailure escape the thread would call std::terminate.
// Other exceptions (and pthread_exit's forced unwind) pass through as they would without testkit.
void* run(void* (*routine)(void*), void* argument) {
  try {
    return routine(argument);
  } catch (const FatalFailure&) {
    return nullptr;
  }
}

void discard(void* raw) noexcept { delete static_cast<Inherited*>(raw); }

constexpr ThreadHooks hooks{capture, enter, run, leave, discard};

}  // namespace

void TestLink::collect_locked(Context& relay) {
  std::size_t omitted = 0;
  std::vector<Failure> failures = relay.take_failures(omitted);
  if (context == nullptr) return;
  for (Failure& failure : failures) context->add_failure(std::move(failure));
  context->add_assertions(relay.assertions());
}

void TestLink::close() {
  // Under the lock a relay cannot be destroyed: its thread removes it under the same lock.
  const std::lock_guard lock(mutex);
  for (Context* relay : relays) collect_locked(*relay);
  context = nullptr;
}

TestLink* thread_test_link() noexcept { return thread_link; }

Context* thread_relay_context() noexcept { return thread_relay; }

TestLink* exchange_thread_test_link(TestLink* link) noexcept { return std::exchange(thread_link, link); }

void install_thread_hooks() noexcept { set_thread_hooks(&hooks); }

void set_test_thread_hook(const TestThreadHook* hook) noexcept { test_thread_hook.store(hook); }

TestThreadAttachment::TestThreadAttachment() : hook_(test_thread_hook.load()) {
  if (hook_ != nullptr) attached_ = hook_->attach();
}

TestThreadAttachment::~TestThreadAttachment() {
  if (hook_ != nullptr) hook_->detach(attached_);
}

}  // namespace testkit::detail
