#include <testkit/run/wire.hpp>

#include <cstring>
#include <stdexcept>

namespace testkit::detail {
namespace {

enum class RecordType : std::uint8_t { failure = 1, end = 2 };

// A record is bounded by its capped fields; anything bigger is garbage on the channel.
constexpr std::uint32_t max_record_bytes = 64u << 20;

void put_u64(std::string& out, std::uint64_t value) { out.append(reinterpret_cast<const char*>(&value), sizeof value); }
void put_text(std::string& out, std::string_view text) {
  put_u64(out, text.size());
  out.append(text);
}

class Fields {
 public:
  explicit Fields(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t u64() {
    need(sizeof(std::uint64_t));
    std::uint64_t value;
    std::memcpy(&value, bytes_.data(), sizeof value);
    bytes_.remove_prefix(sizeof value);
    return value;
  }
  std::string text() {
    const std::uint64_t size = u64();
    need(size);
    std::string value(bytes_.substr(0, size));
    bytes_.remove_prefix(size);
    return value;
  }

 private:
  void need(std::uint64_t size) const {
    if (bytes_.size() < size) throw std::runtime_error("truncated record on the result channel");
  }
  std::string_view bytes_;
};

std::string encode_fields(const Failure& failure) {
  std::string out;
  put_text(out, failure.where.file);
  put_u64(out, failure.where.line);
  for (const std::string* text :
       {&failure.phase, &failure.subtest, &failure.headline, &failure.details, &failure.message, &failure.stacktrace})
    put_text(out, *text);
  put_u64(out, failure.frames.size());
  for (void* frame : failure.frames) put_u64(out, reinterpret_cast<std::uintptr_t>(frame));
  return out;
}

std::string encode_fields(const EndRecord& end) {
  std::string out;
  put_u64(out, static_cast<std::uint64_t>(end.verdict));
  put_text(out, end.reason);
  put_u64(out, static_cast<std::uint64_t>(end.duration.count()));
  put_u64(out, end.omitted_failures);
  return out;
}

Failure decode_failure(Fields fields) {
  Failure failure;
  failure.where.file = fields.text();
  failure.where.line = static_cast<unsigned>(fields.u64());
  for (std::string* text :
       {&failure.phase, &failure.subtest, &failure.headline, &failure.details, &failure.message, &failure.stacktrace})
    *text = fields.text();
  const std::uint64_t frame_count = fields.u64();
  if (frame_count > 4096) throw std::runtime_error("too many frames in a failure record");
  for (std::uint64_t i = 0; i < frame_count; ++i) failure.frames.push_back(reinterpret_cast<void*>(fields.u64()));
  return failure;
}

EndRecord decode_end(Fields fields) {
  EndRecord end;
  const std::uint64_t verdict = fields.u64();
  if (verdict > static_cast<std::uint64_t>(Verdict::output_limit))
    throw std::runtime_error("bad verdict in END record");
  end.verdict = static_cast<Verdict>(verdict);
  end.reason = fields.text();
  end.duration = std::chrono::nanoseconds(static_cast<std::int64_t>(fields.u64()));
  end.omitted_failures = fields.u64();
  return end;
}

}  // namespace

std::string encode(const Record& record) {
  const bool is_failure = std::holds_alternative<Failure>(record);
  const std::string fields = std::visit([](const auto& r) { return encode_fields(r); }, record);
  const auto length = static_cast<std::uint32_t>(fields.size() + 1);
  std::string out(reinterpret_cast<const char*>(&length), sizeof length);
  out += static_cast<char>(is_failure ? RecordType::failure : RecordType::end);
  return out + fields;
}

std::optional<Record> RecordReader::next() {
  if (pending() < sizeof(std::uint32_t)) return std::nullopt;
  std::uint32_t length;
  std::memcpy(&length, buffer_.data() + offset_, sizeof length);
  if (length == 0 || length > max_record_bytes) throw std::runtime_error("malformed record on the result channel");
  if (pending() < sizeof length + length) return std::nullopt;
  const std::string_view body(buffer_.data() + offset_ + sizeof length, length);
  offset_ += sizeof length + length;
  const auto type = static_cast<RecordType>(body[0]);
  const Fields fields(body.substr(1));
  std::optional<Record> record;
  if (type == RecordType::failure)
    record = decode_failure(fields);
  else if (type == RecordType::end)
    record = decode_end(fields);
  else
    throw std::runtime_error("unknown record type on the result channel");
  if (offset_ == buffer_.size()) {
    buffer_.clear();
    offset_ = 0;
  }
  return record;
}

}  // namespace testkit::detail
