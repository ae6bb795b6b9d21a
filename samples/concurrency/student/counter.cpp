#include "counter.hpp"

#include <cstddef>
#include <latch>
#include <thread>
#include <vector>

namespace concurrency {

void UnsafeCounter::increment() {
  const long read = value_;
  std::this_thread::yield();  // the OS may interrupt a thread here; yielding makes it happen every time
  value_ = read + 1;
}

void LockedCounter::increment() {
  const std::lock_guard lock(mutex_);
  const long read = value_;
  std::this_thread::yield();
  value_ = read + 1;
}

long LockedCounter::value() const {
  const std::lock_guard lock(mutex_);
  return value_;
}

template <class Counter> void increment_concurrently(Counter& counter, std::size_t threads, std::size_t times) {
  // Every thread starts counting once all exist: a thread started first could otherwise finish alone before the
  // others run (on a busy machine it did), and the race would not show.
  std::latch all_started(static_cast<std::ptrdiff_t>(threads));
  std::vector<std::jthread> workers;
  for (std::size_t t = 0; t < threads; ++t)
    workers.emplace_back([&counter, &all_started, times] {
      all_started.arrive_and_wait();
      for (std::size_t i = 0; i < times; ++i) counter.increment();
    });
}

template void increment_concurrently(UnsafeCounter&, std::size_t, std::size_t);
template void increment_concurrently(LockedCounter&, std::size_t, std::size_t);

}  // namespace concurrency
