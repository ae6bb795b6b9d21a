#include <testkit/mock/detail/thread_scope.hpp>

#include <algorithm>
#include <optional>
#include <utility>

#include <testkit/mock/gmock_bridge.hpp>

namespace testkit::detail {
namespace {

thread_local TestLink* thread_link = nullptr;

// A patch scope made for a thread that had none; it ends with the thread.
struct OwnScope {
  std::shared_ptr<PatchScope> scope;
  ~OwnScope() {
    if (thread_patch_scope() == scope.get()) (void)exchange_thread_patch_scope(nullptr);
  }
};
thread_local OwnScope own_scope;

// What a started thread inherits (made in the parent) and what it changed (restored when it leaves).
struct Inherited {
  std::shared_ptr<PatchScope> scope;
  std::shared_ptr<TestLink> link;
  PatchScope* previous_scope = nullptr;
  TestLink* previous_link = nullptr;
  std::optional<Context> relay;
  std::optional<ContextScope> context_scope;
  std::optional<GmockFailureForwarder> forwarder;
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
    inherited.forwarder.emplace();
  } catch (...) {
    // Without memory the thread runs outside the test; its failures are printed instead of counted.
  }
}

void leave(void* raw) noexcept {
  auto* const inherited = static_cast<Inherited*>(raw);
  inherited->forwarder.reset();
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
}

void TestLink::close() {
  // Under the lock a relay cannot be destroyed: its thread removes it under the same lock.
  const std::lock_guard lock(mutex);
  for (Context* relay : relays) collect_locked(*relay);
  context = nullptr;
}

std::shared_ptr<PatchScope> patch_scope_for_this_thread() {
  if (PatchScope* const scope = thread_patch_scope()) return scope->shared_from_this();
  own_scope.scope = std::make_shared<PatchScope>();
  (void)exchange_thread_patch_scope(own_scope.scope.get());
  return own_scope.scope;
}

TestLink* thread_test_link() noexcept { return thread_link; }

TestLink* exchange_thread_test_link(TestLink* link) noexcept { return std::exchange(thread_link, link); }

void install_thread_hooks() noexcept { set_thread_hooks(&hooks); }

}  // namespace testkit::detail
