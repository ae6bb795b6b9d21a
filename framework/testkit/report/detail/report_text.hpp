#pragma once
/// Text helpers the file reports share: UTF-8 repair, control characters, size caps, XML escaping.

#include <cstddef>
#include <string>
#include <string_view>

#include <testkit/core/result.hpp>
#include <testkit/report/report_context.hpp>

namespace testkit::detail {

/// Longest text a report keeps of one field (a message, a captured stream); longer text loses its middle.
inline constexpr std::size_t max_report_field = std::size_t{64} << 10;

/// `text` with its middle replaced by "\n[... N bytes elided ...]\n" when longer than `limit`; the cut never
/// splits a UTF-8 sequence.
[[nodiscard]] std::string cap_text(std::string_view text, std::size_t limit = max_report_field);

/// Which characters besides invalid UTF-8 become visible escapes.
enum class Controls {
  keep,              ///< every control character stays (the format escapes them itself, as JSON does)
  keep_line_breaks,  ///< tab and newline stay; other C0 controls, CR and DEL become "\xNN"
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
