// Patch scopes (shared library testkit_interpose). The thread's scope pointer is a trivially initialized
// thread_local, read by every interposed call that finds handlers installed.
#include <testkit/interpose/patch_scope.hpp>

#include <algorithm>
#include <iterator>
#include <utility>

#include <testkit/interpose/dispatch.hpp>

namespace testkit::detail {
namespace {

thread_local PatchScope* thread_scope = nullptr;

// A patch scope made for a thread that had none; it ends with the thread.
struct OwnScope {
  std::shared_ptr<PatchScope> scope;
  ~OwnScope() {
    if (thread_scope == scope.get()) thread_scope = nullptr;
  }
};
thread_local OwnScope own_scope;

}  // namespace

PatchScope::~PatchScope() { (void)remove_all(); }

void PatchScope::add(Function function, std::shared_ptr<Handler> handler, const void* owner, std::string label) {
  const std::lock_guard lock(mutex_);
  entries_.push_back({function, std::move(handler), owner, std::move(label)});
  active_handlers.fetch_add(1, std::memory_order_relaxed);
}

void PatchScope::remove(const void* owner) {
  std::vector<Entry> removed;  // destroyed after unlocking: a handler's destructor may do anything
  const std::lock_guard lock(mutex_);
  const auto kept = std::stable_partition(entries_.begin(), entries_.end(),
                                          [owner](const Entry& entry) { return entry.owner != owner; });
  const auto count = static_cast<int>(entries_.end() - kept);
  std::move(kept, entries_.end(), std::back_inserter(removed));
  entries_.erase(kept, entries_.end());
  active_handlers.fetch_sub(count, std::memory_order_relaxed);
}

std::vector<std::string> PatchScope::remove_all() {
  std::vector<Entry> removed;
  std::vector<std::string> labels;
  {
    const std::lock_guard lock(mutex_);
    removed.swap(entries_);
    active_handlers.fetch_sub(static_cast<int>(removed.size()), std::memory_order_relaxed);
  }
  std::vector<const void*> owners;
  for (const Entry& entry : removed) {
    if (std::find(owners.begin(), owners.end(), entry.owner) != owners.end()) continue;
    owners.push_back(entry.owner);
    labels.push_back(entry.label);
  }
  return labels;
}

std::shared_ptr<Handler> PatchScope::find(Function function) const {
  const std::lock_guard lock(mutex_);
  for (auto entry = entries_.rbegin(); entry != entries_.rend(); ++entry)
    if (entry->function == function) return entry->handler;
  return nullptr;
}

std::shared_ptr<Handler> PatchScope::find_below(Function function, const Handler* above) const {
  const std::lock_guard lock(mutex_);
  auto entry = std::find_if(entries_.rbegin(), entries_.rend(),
                            [above](const Entry& candidate) { return candidate.handler.get() == above; });
  if (entry == entries_.rend()) return nullptr;
  for (++entry; entry != entries_.rend(); ++entry)
    if (entry->function == function) return entry->handler;
  return nullptr;
}

PatchScope* thread_patch_scope() noexcept { return thread_scope; }

PatchScope* exchange_thread_patch_scope(PatchScope* scope) noexcept { return std::exchange(thread_scope, scope); }

std::shared_ptr<PatchScope> patch_scope_for_this_thread() {
  if (thread_scope != nullptr) return thread_scope->shared_from_this();
  own_scope.scope = std::make_shared<PatchScope>();
  thread_scope = own_scope.scope.get();
  return own_scope.scope;
}

}  // namespace testkit::detail
