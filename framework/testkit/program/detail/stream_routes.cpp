#include <testkit/program/detail/stream_routes.hpp>

#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <new>
#include <stdexcept>

#include <testkit/core/child_log.hpp>
#include <testkit/core/record_fields.hpp>
#include <testkit/interpose/patch_scope.hpp>

namespace testkit::detail {
namespace {

// Far below the 64 MiB a child log record may hold.
constexpr std::size_t max_record_bytes = std::size_t{1} << 20;

}  // namespace

StreamRoutes& StreamRoutes::instance() {
  // Never destroyed: std::cout and stdout route through it until the process ends, static destructors included.
  static StreamRoutes* const routes = new StreamRoutes;
  return *routes;
}

StreamRoutes::StreamRoutes() {
  set_child_record_handler(output_record, deliver_child_output);
  ::pthread_atfork(nullptr, nullptr, after_fork_in_child);
}

std::uint64_t StreamRoutes::add(PatchScope* scope, CaptureBuffer& capture) {
  const std::lock_guard lock(mutex_);
  entries_.push_back({next_serial(), scope, &capture, nullptr, false});
  return entries_.back().serial;
}

std::uint64_t StreamRoutes::add(PatchScope* scope, InputBuffer& input) {
  const std::lock_guard lock(mutex_);
  entries_.push_back({next_serial(), scope, nullptr, &input, false});
  return entries_.back().serial;
}

std::uint64_t StreamRoutes::next_serial() {
  // The process id in the high half: a child's own captures never take the number of one of the test's process.
  return static_cast<std::uint64_t>(::getpid()) << 32 | (next_serial_++ & 0xffffffffu);
}

void StreamRoutes::remove(std::uint64_t serial) noexcept {
  const std::lock_guard lock(mutex_);
  std::erase_if(entries_, [serial](const Entry& entry) { return entry.serial == serial; });
}

StreamRoutes::Entry* StreamRoutes::newest(bool capture) {
  PatchScope* const scope = thread_patch_scope();
  if (scope == nullptr) return nullptr;
  for (auto entry = entries_.rbegin(); entry != entries_.rend(); ++entry)
    if (entry->scope == scope && (capture ? entry->capture != nullptr : entry->input != nullptr)) return &*entry;
  return nullptr;
}

bool StreamRoutes::write(OutputStream stream, std::string_view bytes) {
  std::unique_lock lock(mutex_);
  Entry* const entry = newest(true);
  if (entry == nullptr) return false;
  if (!entry->inherited) {
    append_to_capture(*entry->capture, stream, bytes);
    return true;
  }
  // A process the test forked without exec: the capture is the test's process's, which collects what the child
  // sends through the test's child log. A process that is no test's child writes where it would have.
  const std::uint64_t serial = entry->serial;
  lock.unlock();
  do {
    const std::string_view piece = bytes.substr(0, max_record_bytes);
    FieldWriter fields;
    fields.number(serial).number(static_cast<std::uint64_t>(stream)).text(piece);
    if (!append_child_record(output_record, fields.take())) return false;
    bytes.remove_prefix(piece.size());
  } while (!bytes.empty());
  return true;
}

std::optional<std::size_t> StreamRoutes::read(char* buffer, std::size_t size) {
  const std::lock_guard lock(mutex_);
  Entry* const entry = newest(false);
  if (entry == nullptr) return std::nullopt;
  InputBuffer& input = *entry->input;
  const std::size_t count = std::min(size, input.text.size() - input.position);
  input.text.copy(buffer, count, input.position);
  input.position += count;
  return count;
}

std::optional<int> StreamRoutes::peek(bool take) {
  const std::lock_guard lock(mutex_);
  Entry* const entry = newest(false);
  if (entry == nullptr) return std::nullopt;
  InputBuffer& input = *entry->input;
  if (input.position == input.text.size()) return -1;
  const auto byte = static_cast<unsigned char>(input.text[input.position]);
  if (take) ++input.position;
  return byte;
}

std::optional<bool> StreamRoutes::put_back(int byte) {
  const std::lock_guard lock(mutex_);
  Entry* const entry = newest(false);
  if (entry == nullptr) return std::nullopt;
  InputBuffer& input = *entry->input;
  if (input.position == 0) return false;
  if (byte >= 0 && static_cast<unsigned char>(input.text[input.position - 1]) != byte) return false;
  --input.position;
  return true;
}

bool StreamRoutes::has_input() {
  const std::lock_guard lock(mutex_);
  return newest(false) != nullptr;
}

void StreamRoutes::forget_all() noexcept {
  const std::lock_guard lock(mutex_);
  entries_.clear();
}

void StreamRoutes::deliver_child_output(std::string_view fields) {
  FieldReader in(fields);
  const std::uint64_t serial = in.number();
  const std::uint64_t stream = in.number();
  if (stream != static_cast<std::uint64_t>(OutputStream::out) &&
      stream != static_cast<std::uint64_t>(OutputStream::err))
    throw std::runtime_error("malformed output record");
  const std::string bytes = in.text();
  StreamRoutes& routes = instance();
  const std::lock_guard lock(routes.mutex_);
  // The serial is only compared with the live entries': a capture that ended since drops what arrives for it.
  const auto entry = std::ranges::find_if(routes.entries_, [serial](const Entry& candidate) {
    return candidate.serial == serial && candidate.capture && !candidate.inherited;
  });
  if (entry != routes.entries_.end()) append_to_capture(*entry->capture, static_cast<OutputStream>(stream), bytes);
}

void StreamRoutes::after_fork_in_child() noexcept {
  StreamRoutes& routes = instance();
  // Only the forking thread exists here: a lock another thread held at the fork would never be released.
  new (&routes.mutex_) std::mutex;
  // The captures are the parent's (what the child writes goes there); an Input is read from this process's copy.
  for (Entry& entry : routes.entries_) entry.inherited = true;
}

void append_to_capture(CaptureBuffer& capture, OutputStream stream, std::string_view bytes) {
  std::string& kept = stream == OutputStream::out ? capture.out : capture.err;
  std::size_t room = bytes.size();
  if (capture.limit != 0) room = kept.size() < capture.limit ? std::min(room, capture.limit - kept.size()) : 0;
  kept.append(bytes.substr(0, room));
  capture.dropped += bytes.size() - room;
}

}  // namespace testkit::detail
