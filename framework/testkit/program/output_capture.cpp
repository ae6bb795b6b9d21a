#include <testkit/program/output_capture.hpp>

#include <sys/uio.h>

#include <optional>
#include <string>

#include <fmt/format.h>

#include <testkit/core/child_log.hpp>
#include <testkit/core/context.hpp>
#include <testkit/interpose/dispatch.hpp>
#include <testkit/interpose/patch_scope.hpp>
#include <testkit/program/detail/std_streams.hpp>
#include <testkit/program/detail/stream_routes.hpp>

namespace testkit {
namespace {

using detail::OutputStream;
using detail::StreamRoutes;

std::optional<OutputStream> standard_output(int fd) {
  if (fd == 1) return OutputStream::out;
  if (fd == 2) return OutputStream::err;
  return std::nullopt;
}

// write() and writev() on descriptors 1 and 2 reach the routes; everything else goes on to what was there before.
ssize_t write_answer(int fd, const void* bytes, std::size_t count) {
  if (const auto stream = standard_output(fd);
      stream && StreamRoutes::instance().write(*stream, {static_cast<const char*>(bytes), count}))
    return static_cast<ssize_t>(count);
  return detail::call_next<Function::write>(fd, bytes, count);
}

ssize_t writev_answer(int fd, const struct iovec* vector, int count) {
  if (const auto stream = standard_output(fd); stream && count >= 0) {
    std::string bytes;
    for (int i = 0; i < count; ++i) bytes.append(static_cast<const char*>(vector[i].iov_base), vector[i].iov_len);
    if (StreamRoutes::instance().write(*stream, bytes)) return static_cast<ssize_t>(bytes.size());
  }
  return detail::call_next<Function::writev>(fd, vector, count);
}

}  // namespace

struct OutputCapture::State {
  detail::CaptureBuffer buffer;
  std::shared_ptr<detail::PatchScope> scope;
  std::uint64_t serial = 0;
  std::source_location where;
};

OutputCapture::OutputCapture(std::size_t limit, std::source_location where) : state_(std::make_unique<State>()) {
  state_->buffer.limit = limit;
  state_->where = where;
  detail::install_stream_routers();
  detail::flush_standard_output();  // what was written before the capture is not the capture's
  state_->scope = detail::patch_scope_for_this_thread();
  const std::string label = fmt::format("OutputCapture made at {}:{}", where.file_name(), where.line());
  state_->scope->add(Function::write, std::make_shared<detail::TypedHandler<Function::write>>(write_answer),
                     state_.get(), label);
  state_->scope->add(Function::writev, std::make_shared<detail::TypedHandler<Function::writev>>(writev_answer),
                     state_.get(), label);
  state_->serial = StreamRoutes::instance().add(state_->scope.get(), state_->buffer);
}

OutputCapture::~OutputCapture() {
  // What the code left in a buffered stream, and what its forked children sent, belong to this capture.
  detail::flush_standard_output();
  detail::collect_child_records();
  StreamRoutes& routes = StreamRoutes::instance();
  routes.remove(state_->serial);
  state_->scope->remove(state_.get());
  std::size_t dropped = 0;
  {
    const auto lock = routes.lock();
    dropped = state_->buffer.dropped;
  }
  if (dropped > 0)
    detail::record_or_print({.where = Location::from(state_->where),
                             .headline = "OutputCapture dropped output past its limit",
                             .details = fmt::format("it keeps the first {} bytes of each stream; {} more were written",
                                                    state_->buffer.limit, dropped)});
}

std::string OutputCapture::out() const {
  detail::flush_standard_output();
  detail::collect_child_records();
  const auto lock = StreamRoutes::instance().lock();
  return state_->buffer.out;
}

std::string OutputCapture::err() const {
  detail::flush_standard_output();
  detail::collect_child_records();
  const auto lock = StreamRoutes::instance().lock();
  return state_->buffer.err;
}

void OutputCapture::clear() {
  detail::flush_standard_output();
  detail::collect_child_records();
  const auto lock = StreamRoutes::instance().lock();
  state_->buffer.out.clear();
  state_->buffer.err.clear();
}

}  // namespace testkit
