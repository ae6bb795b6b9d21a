#pragma once
/// Receiving the events of a run.

#include <memory>
#include <vector>

#include <testkit/report/event.hpp>

namespace testkit {

/// Gets a run's events in firing order, on one thread at a time; every hook is a no-op by default.
/// References inside an event are valid only during the call.
class Listener {
 public:
  virtual ~Listener() = default;
  virtual void on(const RunStarted&) {}
  virtual void on(const TestStarted&) {}
  virtual void on(const TestEnded&) {}
  virtual void on(const RunEnded&) {}
};

/// Passes every event to each of its listeners, in the order they were added.
class ListenerGroup final : public Listener {
 public:
  void add(std::unique_ptr<Listener> listener) { listeners_.push_back(std::move(listener)); }
  void on(const RunStarted& event) override { forward(event); }
  void on(const TestStarted& event) override { forward(event); }
  void on(const TestEnded& event) override { forward(event); }
  void on(const RunEnded& event) override { forward(event); }

 private:
  template <class Event> void forward(const Event& event) {
    for (auto& listener : listeners_) listener->on(event);
  }
  std::vector<std::unique_ptr<Listener>> listeners_;
};

}  // namespace testkit
