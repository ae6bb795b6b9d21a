#pragma once
/// Whether the console uses ANSI colours.

#include <string_view>

namespace testkit {

enum class ColorMode { automatic, always, never };

/// What the environment says about colour (read by the runner's environment reader).
struct ColorEnvironment {
  bool no_color = false;       ///< NO_COLOR is set and not empty
  bool force = false;          ///< CLICOLOR_FORCE or FORCE_COLOR is set to something other than "" and "0"
  bool dumb_terminal = false;  ///< TERM is "dumb"
};

/// Decides colour for output on file descriptor `fd`: --color always/never wins; in auto mode `environment`'s
/// no_color turns it off, its force on, else a terminal that is not dumb gets colour.
[[nodiscard]] bool use_color(ColorMode mode, const ColorEnvironment& environment, int fd);

/// ANSI sequences, or empty strings when colour is off.
struct Palette {
  std::string_view red{}, green{}, yellow{}, bold{}, dim{}, reset{};
  [[nodiscard]] static Palette make(bool color);
};

}  // namespace testkit
