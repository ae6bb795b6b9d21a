// Interposed pthread_create (shared library testkit_interpose): a thread a test starts inherits what the test's
// thread had (its patches, its Context, its GoogleMock reporter) through the hooks core installs.
#include <testkit/interpose/detail/exported.hpp>
#include <testkit/interpose/thread_hooks.hpp>

#include <dlfcn.h>
#include <pthread.h>

#include <new>

namespace testkit::detail {
namespace {

std::atomic<const ThreadHooks*> thread_hooks{nullptr};

using CreateFunction = int(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);

CreateFunction* real_pthread_create() noexcept {
  static std::atomic<CreateFunction*> resolved{nullptr};
  CreateFunction* function = resolved.load(std::memory_order_acquire);
  if (function == nullptr) {
    function = reinterpret_cast<CreateFunction*>(::dlsym(RTLD_NEXT, "pthread_create"));
    resolved.store(function, std::memory_order_release);
  }
  return function;
}

// ThreadSanitizer's runtime comes first in the lookup order, so it sees pthread_create before this file does and
// hands it its own start routine: wrapping that would run the inheriting code (which allocates) in the new thread
// before TSan has set the thread up, and crash. Under TSan threads therefore start without inheriting the test.
bool under_thread_sanitizer() noexcept {
  static const bool present = ::dlsym(RTLD_DEFAULT, "__tsan_init") != nullptr;
  return present;
}

struct Start {
  void* (*routine)(void*);
  void* argument;
  const ThreadHooks* hooks;
  void* inherited;
};

// Leaves the inherited state also when the thread ends by pthread_exit (a forced unwind runs destructors).
struct Leave {
  const ThreadHooks* hooks;
  void* inherited;
  ~Leave() { hooks->leave(inherited); }
};

void* start_inheriting(void* raw) {
  const Start start = *static_cast<Start*>(raw);
  delete static_cast<Start*>(raw);
  start.hooks->enter(start.inherited);
  const Leave leave{start.hooks, start.inherited};
  return start.hooks->run(start.routine, start.argument);
}

}  // namespace

void set_thread_hooks(const ThreadHooks* hooks) noexcept { thread_hooks.store(hooks, std::memory_order_release); }

}  // namespace testkit::detail

extern "C" __attribute__((visibility("default"))) int pthread_create(pthread_t* thread,
                                                                     const pthread_attr_t* attributes,
                                                                     void* (*routine)(void*), void* argument) noexcept {
  using namespace testkit::detail;
  CreateFunction* const create = real_pthread_create();
  if (create == nullptr) return ENOSYS;
  if (under_thread_sanitizer()) return create(thread, attributes, routine, argument);
  const ThreadHooks* const hooks = thread_hooks.load(std::memory_order_acquire);
  void* const inherited = hooks != nullptr ? hooks->capture() : nullptr;
  if (inherited == nullptr) return create(thread, attributes, routine, argument);
  auto* const start = new (std::nothrow) Start{routine, argument, hooks, inherited};
  if (start == nullptr) {
    hooks->discard(inherited);
    return EAGAIN;
  }
  const int error = create(thread, attributes, start_inheriting, start);
  if (error != 0) {
    delete start;
    hooks->discard(inherited);
  }
  return error;
}
