#include <testkit/program/input.hpp>

#include <fmt/format.h>

#include <testkit/interpose/dispatch.hpp>
#include <testkit/interpose/patch_scope.hpp>
#include <testkit/program/detail/std_streams.hpp>
#include <testkit/program/detail/stream_routes.hpp>

namespace testkit {
namespace {

using detail::StreamRoutes;

// read() on descriptor 0 reads the test's Input; everything else goes on to what was there before.
ssize_t read_answer(int fd, void* buffer, std::size_t count) {
  if (fd == 0)
    if (const auto got = StreamRoutes::instance().read(static_cast<char*>(buffer), count))
      return static_cast<ssize_t>(*got);
  return detail::call_next<Function::read>(fd, buffer, count);
}

}  // namespace

struct Input::State {
  detail::InputBuffer buffer;
  std::shared_ptr<detail::PatchScope> scope;
  std::uint64_t serial = 0;
};

Input::Input(std::string text, std::source_location where) : state_(std::make_unique<State>()) {
  state_->buffer.text = std::move(text);
  detail::install_stream_routers();
  detail::reset_standard_input();  // an end of file met before is not this text's
  state_->scope = detail::patch_scope_for_this_thread();
  state_->scope->add(Function::read, std::make_shared<detail::TypedHandler<Function::read>>(read_answer), state_.get(),
                     fmt::format("Input made at {}:{}", where.file_name(), where.line()));
  state_->serial = StreamRoutes::instance().add(state_->scope.get(), state_->buffer);
}

Input::~Input() {
  StreamRoutes::instance().remove(state_->serial);
  state_->scope->remove(state_.get());
  detail::reset_standard_input();  // the next reader does not meet this text's end
}

std::string Input::remaining() const {
  const auto lock = StreamRoutes::instance().lock();
  return state_->buffer.text.substr(state_->buffer.position);
}

}  // namespace testkit
