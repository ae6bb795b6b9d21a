// Dispatch state of the interposer (shared library testkit_interpose). Only trivially initialized
// thread_locals and constant-initialized atomics: interposed functions run before constructors do.
#include <testkit/mock/detail/dispatch.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <array>
#include <utility>

namespace testkit::detail {

std::atomic<int> active_handlers{0};

namespace {

thread_local PatchScope* thread_scope = nullptr;
thread_local int bypass_depth = 0;
thread_local bool resolving = false;
thread_local const Handler* running_handler = nullptr;

constinit std::array<std::atomic<void*>, function_count> real_functions{};

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

BypassPatches::BypassPatches() noexcept { ++bypass_depth; }
BypassPatches::~BypassPatches() { --bypass_depth; }

std::shared_ptr<Handler> find_handler(Function function) {
  if (bypass_depth > 0 || thread_scope == nullptr) return nullptr;
  return thread_scope->find(function);
}

std::shared_ptr<Handler> find_next_handler(Function function) {
  if (thread_scope == nullptr || running_handler == nullptr) return nullptr;
  return thread_scope->find_below(function, running_handler);
}

RunningHandler::RunningHandler(const Handler* handler) noexcept : previous_(std::exchange(running_handler, handler)) {}
RunningHandler::~RunningHandler() { running_handler = previous_; }

void* real_address(Function function) noexcept {
  std::atomic<void*>& slot = real_functions[static_cast<std::size_t>(function)];
  void* address = slot.load(std::memory_order_acquire);
  if (address != nullptr) [[likely]] return address;
  // dlsym may allocate or (in some glibc versions) open files; a call that comes back here while
  // resolving gets ENOSYS instead of endless recursion.
  if (resolving) return nullptr;
  resolving = true;
  const std::string_view name = function_name(function);
  char symbol[32] = {};
  name.copy(symbol, sizeof symbol - 1);
  address = ::dlsym(RTLD_NEXT, symbol);
  resolving = false;
  slot.store(address, std::memory_order_release);
  return address;
}

void resolve_real_functions() noexcept {
  for (std::size_t index = 0; index < function_count; ++index) (void)real_address(static_cast<Function>(index));
}

}  // namespace testkit::detail
