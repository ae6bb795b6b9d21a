#pragma once
/// Strings for nlohmann::json, which throws on malformed UTF-8 when it dumps.

#include <string>
#include <string_view>

#include <testkit/report/detail/report_text.hpp>

namespace testkit::detail {

/// `text` capped at max_report_field with malformed UTF-8 written "\xNN"; JSON escapes the controls itself.
[[nodiscard]] inline std::string json_text(std::string_view text) { return clean_utf8(cap_text(text), Controls::keep); }

}  // namespace testkit::detail
