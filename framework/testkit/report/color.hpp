#pragma once
/// Whether the console uses ANSI colours.

#include <string_view>

namespace testkit {

enum class ColorMode { automatic, always, never };

/// Decides colour for output on file descriptor `fd`: --color always/never wins; in auto mode a non-empty
/// NO_COLOR turns it off, a CLICOLOR_FORCE or FORCE_COLOR other than "0" on, else a terminal with TERM
/// other than "dumb" gets colour.
[[nodiscard]] bool use_color(ColorMode mode, int fd);

/// ANSI sequences, or empty strings when colour is off.
struct Palette {
  std::string_view red{}, green{}, yellow{}, bold{}, dim{}, reset{};
  [[nodiscard]] static Palette make(bool color);
};

}  // namespace testkit
