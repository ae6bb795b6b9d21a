#include <testkit/report/color.hpp>

#include <unistd.h>

#include <cstdlib>

namespace testkit {
namespace {

bool set_and_not(const char* name, std::string_view off) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' && value != off;
}

}  // namespace

bool use_color(ColorMode mode, int fd) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  if (set_and_not("NO_COLOR", "")) return false;
  if (set_and_not("CLICOLOR_FORCE", "0") || set_and_not("FORCE_COLOR", "0")) return true;
  const char* term = std::getenv("TERM");
  return ::isatty(fd) == 1 && !(term != nullptr && std::string_view(term) == "dumb");
}

Palette Palette::make(bool color) {
  if (!color) return {};
  return {"\033[31m", "\033[32m", "\033[33m", "\033[1m", "\033[2m", "\033[0m"};
}

}  // namespace testkit
