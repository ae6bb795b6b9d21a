#pragma once
/// Text helpers the reports share: UTF-8 repair, control characters, size caps, XML escaping.

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include <testkit/core/failure.hpp>
#include <testkit/core/result.hpp>
#include <testkit/report/report_context.hpp>

namespace testkit::detail {

/// Longest text a report keeps of one field (a message, a captured stream); longer text loses its middle.
inline constexpr std::size_t max_report_field = std::size_t{64} << 10;

/// How much of a long text cap_text keeps, and how it marks the cut.
struct TextCap {
  std::size_t bytes = max_report_field;  ///< longest text kept whole; a longer one keeps bytes / 2 at each end
  /// Most lines kept whole; text of more lines keeps lines / 2 at each end, and the marker counts the whole
  /// lines it replaces. No limit by default.
  std::size_t lines = std::numeric_limits<std::size_t>::max();
  std::string_view note{};  ///< added to the marker after "elided", e.g. where the rest can be read
  bool one_line = false;    ///< the marker between spaces instead of on a line of its own
};

/// `text` unchanged when it fits `cap`, else its head and tail with "\n[... N bytes elided ...]\n" between them
/// ("[... N bytes (K lines) elided<note> ...]" when `cap` limits lines too); the cut never splits a UTF-8 sequence.
[[nodiscard]] std::string cap_text(std::string_view text, const TextCap& cap = {});

/// `failure` with its headline, details, message and stack trace each capped as `cap` says.
[[nodiscard]] Failure capped_failure(const Failure& failure, const TextCap& cap);

/// Which characters besides invalid UTF-8 become visible escapes.
enum class Controls {
  keep,              ///< every control character stays (the format escapes them itself, as JSON does)
  keep_line_breaks,  ///< tab and newline stay; other C0 controls, CR and DEL become "\xNN"
  /// For a terminal: as keep_line_breaks, and the C1 controls U+0080-U+009F too ("\xc2\x9b"), which terminals
  /// obey like their ESC forms.
  terminal,
  terminal_line,  ///< as terminal, and newline too: text that must stay on one line (names, reasons)
};

/// Valid UTF-8 in which every byte that is not part of a well-formed sequence (overlong forms, surrogates,
/// code points past U+10FFFF, U+FFFE/U+FFFF included) is written "\xNN", and controls as `controls` says.
[[nodiscard]] std::string clean_utf8(std::string_view text, Controls controls);

/// `text` made safe for an XML 1.0 text node (or attribute value with `attribute`): cleaned with
/// keep_line_breaks, then & < > (and " plus tab and newline in attributes) as character references.
[[nodiscard]] std::string xml_escape(std::string_view text, bool attribute = false);

/// Every failure of `result` as the console words them (no colour; short paths and no traces when
/// deterministic), one after the other, then a line counting omitted failures; empty when none.
[[nodiscard]] std::string failures_text(const TestResult& result, bool deterministic);

/// "tmp_path: DIR (removed after the test; --keep-tmp keeps it)", or "tmp_path: DIR (kept)": the tmp_path()
/// directory of `result`, for a person to look into; empty when the test made none.
[[nodiscard]] std::string tmp_path_line(const TestResult& result);

/// What the file reports say of a test that did not pass: its failures_text, else its verdict_summary, then its
/// tmp_path_line when it has one.
[[nodiscard]] std::string failure_report(const TestResult& result, bool deterministic);

/// One line saying why a test that recorded no failure still has its verdict ("passed, but was expected to
/// fail: bug 12"), or its first failure's headline with its location.
[[nodiscard]] std::string verdict_summary(const TestResult& result, bool deterministic);

/// A source file as reports name it: the base name when deterministic, else as compiled.
[[nodiscard]] std::string report_file_name(const std::string& file, bool deterministic);

/// Seconds with exactly three decimals ("0.012"), as JUnit's time attributes want them.
[[nodiscard]] std::string seconds_text(std::chrono::nanoseconds duration);

}  // namespace testkit::detail
