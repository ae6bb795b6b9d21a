// The real-function table (shared library testkit_interpose): constant-initialized, because interposed
// functions run before constructors do.
#include <testkit/interpose/real_functions.hpp>

#include <dlfcn.h>

#include <array>
#include <atomic>
#include <string_view>

namespace testkit::detail {
namespace {

thread_local bool resolving = false;

constinit std::array<std::atomic<void*>, function_count> real_functions{};

}  // namespace

void* real_address(Function function) noexcept {
  std::atomic<void*>& slot = real_functions[static_cast<std::size_t>(function)];
  void* address = slot.load(std::memory_order_acquire);
  if (address != nullptr) [[likely]]
    return address;
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
