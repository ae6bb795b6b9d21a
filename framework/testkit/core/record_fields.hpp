#pragma once
/// The fields of the records testkit passes between processes (the supervisor's wire, a test's child log): numbers
/// and texts written in order, read back with bounds. Bytes from another process are input, never memory.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <testkit/core/failure.hpp>

namespace testkit::detail {

/// Appends fields to a byte string: 8-byte numbers, and texts as their length then their bytes.
class FieldWriter {
 public:
  FieldWriter& number(std::uint64_t value);
  FieldWriter& text(std::string_view value);
  /// The bytes written so far.
  [[nodiscard]] std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

/// Reads fields back in the order they were written. Throws std::runtime_error when the bytes run out before a
/// field does (a length that points past the end included).
class FieldReader {
 public:
  explicit FieldReader(std::string_view bytes) : bytes_(bytes) {}
  [[nodiscard]] std::uint64_t number();
  [[nodiscard]] std::string text();

 private:
  void need(std::uint64_t size) const;
  std::string_view bytes_;
};

/// One record cut out of a byte stream: its kind and its fields.
struct Frame {
  std::uint8_t kind = 0;
  std::string_view fields{};  ///< valid until the FrameReader that gave it is used again
};

/// `fields` framed as one record of `kind`: a 4-byte length, the kind byte, then the fields.
[[nodiscard]] std::string frame_record(std::uint8_t kind, std::string_view fields);

/// Cuts a byte stream back into framed records; bytes may arrive in any chunks. Not thread-safe.
class FrameReader {
 public:
  /// Appends bytes read from the stream.
  void feed(std::string_view bytes);
  /// The next complete record, or nullopt when more bytes are needed. Throws std::runtime_error on a record
  /// length of 0 or above 64 MiB (garbage: nothing testkit writes is that large).
  [[nodiscard]] std::optional<Frame> next();
  /// Bytes received that do not make a complete record (non-zero at the end means a cut-off record).
  [[nodiscard]] std::size_t pending() const { return buffer_.size() - offset_; }

 private:
  std::string buffer_;
  std::size_t offset_ = 0;
};

/// Writes every field of `failure`, raw stack frames included.
void write_failure(FieldWriter& out, const Failure& failure);
/// Reads a failure that write_failure wrote. Throws std::runtime_error on malformed fields (more than 4096 frames).
[[nodiscard]] Failure read_failure(FieldReader& in);

}  // namespace testkit::detail
