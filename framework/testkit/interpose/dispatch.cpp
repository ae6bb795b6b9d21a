// Dispatch state of the interposer (shared library testkit_interpose). Only trivially initialized
// thread_locals and constant-initialized atomics: interposed functions run before constructors do.
#include <testkit/interpose/dispatch.hpp>

#include <utility>

namespace testkit::detail {

std::atomic<int> active_handlers{0};

namespace {

thread_local int bypass_depth = 0;
thread_local const Handler* running_handler = nullptr;

}  // namespace

BypassPatches::BypassPatches() noexcept { ++bypass_depth; }
BypassPatches::~BypassPatches() { --bypass_depth; }

std::shared_ptr<Handler> find_handler(Function function) {
  PatchScope* const scope = thread_patch_scope();
  if (bypass_depth > 0 || scope == nullptr) return nullptr;
  return scope->find(function);
}

std::shared_ptr<Handler> find_next_handler(Function function) {
  PatchScope* const scope = thread_patch_scope();
  if (scope == nullptr || running_handler == nullptr) return nullptr;
  return scope->find_below(function, running_handler);
}

RunningHandler::RunningHandler(const Handler* handler) noexcept : previous_(std::exchange(running_handler, handler)) {}
RunningHandler::~RunningHandler() { running_handler = previous_; }

}  // namespace testkit::detail
