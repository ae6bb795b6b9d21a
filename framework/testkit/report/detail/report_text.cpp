#include <testkit/report/detail/report_text.hpp>

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

}  // namespace

std::string cap_text(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t head = limit / 2;
  while (head > 0 && is_continuation(static_cast<unsigned char>(text[head]))) --head;
  std::size_t tail_start = text.size() - limit / 2;
  while (tail_start < text.size() && is_continuation(static_cast<unsigned char>(text[tail_start]))) ++tail_start;
  return fmt::format("{}\n[... {} bytes elided ...]\n{}", text.substr(0, head), tail_start - head,
                     text.substr(tail_start));
}

std::string clean_utf8(std::string_view text, Controls controls) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      const bool control = (byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F;
      if (control && controls == Controls::keep_line_breaks)
        append_escaped_byte(out, byte);
      else
        out += static_cast<char>(byte);
      ++i;
    } else if (const std::size_t length = sequence_length(text.substr(i)); length > 0) {
      out.append(text.substr(i, length));
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
    Failure capped = failure;
    for (std::string* field : {&capped.headline, &capped.details, &capped.message, &capped.stacktrace})
      if (field->size() > max_report_field) *field = cap_text(*field);
    out += format_failure(capped, style);
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
