#include <testkit/run/result_sink.hpp>

namespace testkit::detail {

ResultSink::ResultSink(Listener& listener, std::span<const TestInfo* const> plan, bool in_plan_order)
    : listener_(listener), plan_(plan), in_plan_order_(in_plan_order) {
  run_.results.reserve(plan.size());
}

void ResultSink::started(std::size_t plan_index) {
  if (!in_plan_order_) listener_.on(TestStarted{*plan_[plan_index]});
}

void ResultSink::finished(std::size_t plan_index, TestResult result) {
  if (!in_plan_order_) return emit(std::move(result));
  held_.emplace(plan_index, std::move(result));
  for (auto next = held_.find(next_in_order_); next != held_.end(); next = held_.find(++next_in_order_)) {
    emit(std::move(next->second));
    held_.erase(next);
  }
}

void ResultSink::release_held() {
  for (auto& [plan_index, result] : held_) emit(std::move(result));
  held_.clear();
}

void ResultSink::emit(TestResult result) {
  if (in_plan_order_) listener_.on(TestStarted{*result.test});
  listener_.on(TestEnded{result});
  run_.results.push_back(std::move(result));
}

}  // namespace testkit::detail
