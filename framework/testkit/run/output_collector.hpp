#pragma once
/// Keeping a bounded amount of what a test writes to one stream.

#include <cstddef>
#include <string>
#include <string_view>

#include <testkit/core/result.hpp>

namespace testkit::detail {

/// Keeps the first `head_limit` and the last `tail_limit` bytes of a stream and counts all of it.
class OutputCollector {
 public:
  static constexpr std::size_t default_limit = 64 * 1024;

  explicit OutputCollector(std::size_t head_limit = default_limit, std::size_t tail_limit = default_limit)
      : head_limit_(head_limit), tail_limit_(tail_limit) {}

  void append(std::string_view bytes);
  [[nodiscard]] std::size_t total() const { return total_; }
  /// What was kept; the collector is left empty.
  [[nodiscard]] CapturedOutput take();

 private:
  std::size_t head_limit_;
  std::size_t tail_limit_;
  std::string head_;
  std::string tail_;  // may grow to twice tail_limit_ before it is trimmed, so trimming is amortized
  std::size_t total_ = 0;
};

}  // namespace testkit::detail
