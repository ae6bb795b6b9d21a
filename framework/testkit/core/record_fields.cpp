#include <testkit/core/record_fields.hpp>

#include <cstring>
#include <stdexcept>

namespace testkit::detail {
namespace {

// A failure carries at most this many raw frames; more is garbage.
constexpr std::uint64_t max_frames = 4096;

// A record is bounded by its capped fields; anything bigger is garbage.
constexpr std::uint32_t max_record_bytes = 64u << 20;

}  // namespace

FieldWriter& FieldWriter::number(std::uint64_t value) {
  bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  return *this;
}

FieldWriter& FieldWriter::text(std::string_view value) {
  number(value.size());
  bytes_.append(value);
  return *this;
}

std::uint64_t FieldReader::number() {
  need(sizeof(std::uint64_t));
  std::uint64_t value;
  std::memcpy(&value, bytes_.data(), sizeof value);
  bytes_.remove_prefix(sizeof value);
  return value;
}

std::string FieldReader::text() {
  const std::uint64_t size = number();
  need(size);
  std::string value(bytes_.substr(0, size));
  bytes_.remove_prefix(size);
  return value;
}

void FieldReader::need(std::uint64_t size) const {
  if (bytes_.size() < size) throw std::runtime_error("truncated record");
}

std::string frame_record(std::uint8_t kind, std::string_view fields) {
  const auto length = static_cast<std::uint32_t>(fields.size() + 1);
  std::string out(reinterpret_cast<const char*>(&length), sizeof length);
  out += static_cast<char>(kind);
  return out.append(fields);
}

void FrameReader::feed(std::string_view bytes) {
  if (offset_ == buffer_.size()) {  // every record handed out: start over rather than grow
    buffer_.clear();
    offset_ = 0;
  }
  buffer_.append(bytes);
}

std::optional<Frame> FrameReader::next() {
  std::uint32_t length;
  if (pending() < sizeof length) return std::nullopt;
  std::memcpy(&length, buffer_.data() + offset_, sizeof length);
  if (length == 0 || length > max_record_bytes) throw std::runtime_error("malformed record length");
  if (pending() < sizeof length + length) return std::nullopt;
  const std::string_view body(buffer_.data() + offset_ + sizeof length, length);
  offset_ += sizeof length + length;
  return Frame{static_cast<std::uint8_t>(body[0]), body.substr(1)};
}

void write_failure(FieldWriter& out, const Failure& failure) {
  out.text(failure.where.file).number(failure.where.line);
  for (const std::string* text :
       {&failure.phase, &failure.subtest, &failure.headline, &failure.details, &failure.message, &failure.stacktrace})
    out.text(*text);
  out.number(failure.frames.size());
  for (void* frame : failure.frames) out.number(reinterpret_cast<std::uintptr_t>(frame));
}

Failure read_failure(FieldReader& in) {
  Failure failure;
  failure.where.file = in.text();
  failure.where.line = static_cast<unsigned>(in.number());
  for (std::string* text :
       {&failure.phase, &failure.subtest, &failure.headline, &failure.details, &failure.message, &failure.stacktrace})
    *text = in.text();
  const std::uint64_t frame_count = in.number();
  if (frame_count > max_frames) throw std::runtime_error("too many frames in a failure record");
  for (std::uint64_t i = 0; i < frame_count; ++i) failure.frames.push_back(reinterpret_cast<void*>(in.number()));
  return failure;
}

}  // namespace testkit::detail
