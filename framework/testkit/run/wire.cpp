#include <testkit/run/wire.hpp>

#include <stdexcept>

#include <testkit/core/record_fields.hpp>

namespace testkit::detail {
namespace {

enum class RecordType : std::uint8_t { failure = 1, end = 2 };

std::string encode_fields(const Failure& failure) {
  FieldWriter out;
  write_failure(out, failure);
  return out.take();
}

std::string encode_fields(const EndRecord& end) {
  FieldWriter out;
  out.number(static_cast<std::uint64_t>(end.verdict))
      .text(end.reason)
      .number(static_cast<std::uint64_t>(end.duration.count()))
      .number(end.omitted_failures)
      .number(end.assertions);
  return out.take();
}

EndRecord decode_end(FieldReader fields) {
  EndRecord end;
  const std::uint64_t verdict = fields.number();
  // flaky is the runner's word on several attempts: no test process says it.
  if (verdict > static_cast<std::uint64_t>(Verdict::memory_error) ||
      verdict == static_cast<std::uint64_t>(Verdict::flaky))
    throw std::runtime_error("bad verdict in END record");
  end.verdict = static_cast<Verdict>(verdict);
  end.reason = fields.text();
  end.duration = std::chrono::nanoseconds(static_cast<std::int64_t>(fields.number()));
  end.omitted_failures = fields.number();
  end.assertions = fields.number();
  return end;
}

}  // namespace

std::string encode(const Record& record) {
  const bool is_failure = std::holds_alternative<Failure>(record);
  const std::string fields = std::visit([](const auto& r) { return encode_fields(r); }, record);
  return frame_record(static_cast<std::uint8_t>(is_failure ? RecordType::failure : RecordType::end), fields);
}

std::optional<Record> RecordReader::next() {
  const std::optional<Frame> frame = frames_.next();
  if (!frame) return std::nullopt;
  FieldReader fields(frame->fields);
  switch (static_cast<RecordType>(frame->kind)) {
    case RecordType::failure: return read_failure(fields);
    case RecordType::end: return decode_end(fields);
  }
  throw std::runtime_error("unknown record type on the result channel");
}

}  // namespace testkit::detail
