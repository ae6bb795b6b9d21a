#pragma once
/// The records a forked test process sends its supervisor: each failure as it happens, then END.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <testkit/core/record_fields.hpp>
#include <testkit/core/result.hpp>

namespace testkit::detail {

/// The last record of a test that ran to its end.
struct EndRecord {
  Verdict verdict = Verdict::passed;
  std::string reason{};
  std::chrono::nanoseconds duration{};
  std::uint64_t omitted_failures = 0;
  std::uint64_t assertions = 0;  ///< TK_ assertions the test executed (TestResult::assertions)
};

using Record = std::variant<Failure, EndRecord>;

/// A record as bytes: a 4-byte length, a type byte, then the fields.
[[nodiscard]] std::string encode(const Record& record);

/// Cuts a byte stream back into records. Bytes may arrive in any chunks.
class RecordReader {
 public:
  /// Appends bytes read from the pipe.
  void feed(std::string_view bytes) { frames_.feed(bytes); }
  /// The next complete record, if one has arrived; nullopt when more bytes are needed.
  /// Throws std::runtime_error on a malformed record (a test that wrote to the result fd itself).
  [[nodiscard]] std::optional<Record> next();
  /// Bytes received that do not make a complete record (non-zero at EOF means a cut-off record).
  [[nodiscard]] std::size_t pending() const { return frames_.pending(); }

 private:
  FrameReader frames_;
};

}  // namespace testkit::detail
