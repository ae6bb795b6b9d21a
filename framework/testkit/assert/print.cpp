#include <testkit/assert/print.hpp>

#include <algorithm>

namespace testkit::detail {
namespace {

void append_escaped(std::string& out, char c, char quote) {
  switch (c) {
    case '\n': out += "\\n"; return;
    case '\t': out += "\\t"; return;
    case '\r': out += "\\r"; return;
    case '\0': out += "\\0"; return;
    case '\\': out += "\\\\"; return;
    default: break;
  }
  if (c == quote) {
    out += '\\';
    out += c;
  } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
    out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
  } else {
    out += c;  // bytes >= 0x80 pass through so that UTF-8 text stays readable
  }
}

}  // namespace

std::string quote_string(std::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  for (char c : text) append_escaped(out, c, '"');
  return out + '"';
}

std::string quote_char(char c) {
  std::string out = "'";
  append_escaped(out, c, '\'');
  return out + '\'';
}

std::string print_bytes(const void* object, std::size_t size) {
  constexpr std::size_t shown = 32;
  const auto* bytes = static_cast<const unsigned char*>(object);
  std::string out = fmt::format("{}-byte object <", size);
  for (std::size_t i = 0; i < std::min(size, shown); ++i) out += fmt::format("{}{:02X}", i ? " " : "", bytes[i]);
  if (size > shown) out += " ...";
  return out + ">";
}

std::string print_enum(const std::type_info& type, long long value) {
  return fmt::format("{}({})", type_name(type), value);
}

std::string print_pointer(const void* pointer) { return pointer ? fmt::format("{}", pointer) : "nullptr"; }

}  // namespace testkit::detail
