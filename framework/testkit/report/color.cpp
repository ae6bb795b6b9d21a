#include <testkit/report/color.hpp>

#include <unistd.h>

namespace testkit {

bool use_color(ColorMode mode, const ColorEnvironment& environment, int fd) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  if (environment.no_color) return false;
  if (environment.force) return true;
  return ::isatty(fd) == 1 && !environment.dumb_terminal;
}

Palette Palette::make(bool color) {
  if (!color) return {};
  return {"\033[31m", "\033[32m", "\033[33m", "\033[1m", "\033[2m", "\033[0m"};
}

}  // namespace testkit
