#include <testkit/run/output_collector.hpp>

#include <algorithm>

namespace testkit::detail {

void OutputCollector::append(std::string_view bytes) {
  total_ += bytes.size();
  const std::size_t to_head = std::min(bytes.size(), head_limit_ - head_.size());
  head_.append(bytes.substr(0, to_head));
  bytes.remove_prefix(to_head);
  if (bytes.empty()) return;
  if (bytes.size() >= tail_limit_) {
    tail_.assign(bytes.substr(bytes.size() - tail_limit_));
    return;
  }
  tail_.append(bytes);
  if (tail_.size() > 2 * tail_limit_) tail_.erase(0, tail_.size() - tail_limit_);
}

CapturedOutput OutputCollector::take() {
  if (tail_.size() > tail_limit_) tail_.erase(0, tail_.size() - tail_limit_);
  CapturedOutput out{std::move(head_), std::move(tail_), total_};
  head_.clear();
  tail_.clear();
  total_ = 0;
  return out;
}

}  // namespace testkit::detail
