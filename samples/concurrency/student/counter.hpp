#pragma once
// The student's code for the concurrency lecture: the race condition of two threads incrementing a shared
// counter, and its fix with a lock.

#include <cstddef>
#include <mutex>

namespace concurrency {

/// A counter whose increment reads, then writes: two threads can both read 42 and both write 43.
class UnsafeCounter {
 public:
  void increment();
  [[nodiscard]] long value() const { return value_; }

 private:
  long value_ = 0;
};

/// The fix: the read and the write happen under one lock.
class LockedCounter {
 public:
  void increment();
  [[nodiscard]] long value() const;

 private:
  mutable std::mutex mutex_;
  long value_ = 0;
};

/// Starts `threads` threads that each call counter.increment() `times` times, and waits for them.
template <class Counter> void increment_concurrently(Counter& counter, std::size_t threads, std::size_t times);

}  // namespace concurrency
