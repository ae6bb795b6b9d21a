#include <testkit/report/detail/report_text.hpp>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include <testkit/report/failure_text.hpp>

namespace testkit::detail {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

void append_escaped_byte(std::string& out, unsigned char byte) { out += fmt::format("\\x{:02x}", byte); }

// The length of the well-formed UTF-8 sequence at the start of `text`, or 0 when it is not one. Sequences
// that XML forbids (U+FFFE, U+FFFF) count as malformed too, so that every writer can keep what this accepts.
std::size_t sequence_length(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  std::size_t length = 0;
  char32_t code = 0;
  char32_t smallest = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, code = lead & 0x1F, smallest = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, code = lead & 0x0F, smallest = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, code = lead & 0x07, smallest = 0x10000;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (!is_continuation(byte)) return 0;
    code = (code << 6) | (byte & 0x3F);
  }
  if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF)
    return 0;
  return length;
}

// The number of lines of `text`: its line breaks, plus one for a last line without one.
std::size_t line_count(std::string_view text) {
  return static_cast<std::size_t>(std::ranges::count(text, '\n')) + (text.empty() || text.ends_with('\n') ? 0 : 1);
}

// Where the line after the first `lines` lines of `text` starts (the size of `text` when it has no more).
std::size_t line_start(std::string_view text, std::size_t lines) {
  std::size_t start = 0;
  for (; lines > 0 && start < text.size(); --lines) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) return text.size();
    start = end + 1;
  }
  return start;
}

}  // namespace

std::string cap_text(std::string_view text, const TextCap& cap) {
  const bool limits_lines = cap.lines != TextCap{}.lines;
  const bool too_many_lines = limits_lines && line_count(text) > cap.lines;
  if (text.size() <= cap.bytes && !too_many_lines) return std::string(text);
  std::size_t head = std::min(text.size(), cap.bytes / 2);
  std::size_t tail_start = text.size() - std::min(text.size(), cap.bytes / 2);
  if (too_many_lines) {
    head = std::min(head, line_start(text, cap.lines / 2) - (cap.lines / 2 > 0 ? 1 : 0));
    tail_start = std::max(tail_start, line_start(text, line_count(text) - cap.lines / 2));
  }
  while (head > 0 && is_continuation(static_cast<unsigned char>(text[head]))) --head;
  while (tail_start < text.size() && is_continuation(static_cast<unsigned char>(text[tail_start]))) ++tail_start;
  const std::string_view kept_head = text.substr(0, head);
  const std::string_view kept_tail = text.substr(tail_start);
  // Lines cut in two count as kept: the marker counts only the lines that are gone entirely.
  const std::size_t kept_lines = line_count(kept_head) + line_count(kept_tail);
  const std::size_t lost_lines = line_count(text) > kept_lines ? line_count(text) - kept_lines : 0;
  const std::string lines =
      limits_lines && lost_lines > 0 ? fmt::format(" ({} line{})", lost_lines, lost_lines == 1 ? "" : "s") : "";
  const char* separator = cap.one_line ? " " : "\n";
  return fmt::format("{}{}[... {} bytes{} elided{} ...]{}{}", kept_head, separator, tail_start - head, lines, cap.note,
                     separator, kept_tail);
}

Failure capped_failure(const Failure& failure, const TextCap& cap) {
  Failure capped = failure;
  for (std::string* field : {&capped.headline, &capped.details, &capped.message, &capped.stacktrace})
    *field = cap_text(*field, cap);
  return capped;
}

std::string clean_utf8(std::string_view text, Controls controls) {
  const bool for_terminal = controls == Controls::terminal || controls == Controls::terminal_line;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      const bool line_break = byte == '\t' || (byte == '\n' && controls != Controls::terminal_line);
      const bool control = (byte < 0x20 && !line_break) || byte == 0x7F;
      if (control && controls != Controls::keep)
        append_escaped_byte(out, byte);
      else
        out += static_cast<char>(byte);
      ++i;
    } else if (const std::size_t length = sequence_length(text.substr(i)); length > 0) {
      const bool c1_control = length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
      if (c1_control && for_terminal) {
        append_escaped_byte(out, byte);
        append_escaped_byte(out, static_cast<unsigned char>(text[i + 1]));
      } else {
        out.append(text.substr(i, length));
      }
      i += length;
    } else {
      append_escaped_byte(out, byte);
      ++i;
    }
  }
  return out;
}

std::string xml_escape(std::string_view text, bool attribute) {
  const std::string clean = clean_utf8(text, Controls::keep_line_breaks);
  std::string out;
  out.reserve(clean.size());
  for (const char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;  // also keeps "]]>" out of text nodes
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;  // attribute values would fold it to a space
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out += c;
    }
  }
  return out;
}

std::string failures_text(const TestResult& result, bool deterministic) {
  const FailureStyle style{.short_paths = deterministic, .stacktrace = !deterministic};
  std::string out;
  for (const Failure& failure : result.failures) {
    if (!out.empty()) out += '\n';
    // Capped before formatting, so that a 10 MB message is not indented line by line only to be cut.
    out += format_failure(capped_failure(failure, {}), style);
  }
  if (result.omitted_failures > 0)
    out += fmt::format("{}... and {} more failures", out.empty() ? "" : "\n", result.omitted_failures);
  return out;
}

std::string tmp_path_line(const TestResult& result) {
  if (result.tmp_path.empty()) return {};
  return fmt::format("tmp_path: {} ({})", result.tmp_path,
                     result.tmp_path_kept ? "kept" : "removed after the test; --keep-tmp keeps it");
}

std::string failure_report(const TestResult& result, bool deterministic) {
  std::string text = failures_text(result, deterministic);
  if (text.empty()) text = verdict_summary(result, deterministic);
  if (const std::string line = tmp_path_line(result); !line.empty()) text += "\n" + line;
  return text;
}

std::string verdict_summary(const TestResult& result, bool deterministic) {
  if (!result.failures.empty()) {
    const Failure& first = result.failures.front();
    return fmt::format("{}: {}", display_location(first.where, deterministic), first.headline);
  }
  switch (result.verdict) {
    case Verdict::unexpected_pass: return "passed, but was expected to fail: " + result.reason;
    case Verdict::expected_failure: return "failed as expected: " + result.reason;
    case Verdict::skipped: return result.reason;
    default: return std::string(to_string(result.verdict));
  }
}

std::string report_file_name(const std::string& file, bool deterministic) {
  return deterministic ? std::filesystem::path(file).filename().string() : file;
}

std::string seconds_text(std::chrono::nanoseconds duration) {
  return fmt::format("{:.3f}", std::chrono::duration<double>(duration).count());
}

}  // namespace testkit::detail
