#include <testkit/report/failure_text.hpp>

#include <string.h>

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace testkit {

std::string display_location(const Location& where, bool short_paths) {
  std::filesystem::path file(where.file);
  if (short_paths) {
    file = file.filename();
  } else if (file.is_absolute()) {
    std::error_code error;
    const auto cwd = std::filesystem::current_path(error);
    const auto relative = file.lexically_relative(cwd);
    if (!error && !relative.empty() && *relative.begin() != "..") file = relative;
  }
  return fmt::format("{}:{}", file.string(), where.line);
}

std::string signal_name(int signal) {
  const char* abbreviation = ::sigabbrev_np(signal);
  return abbreviation != nullptr ? fmt::format("SIG{}", abbreviation) : fmt::format("signal {}", signal);
}

std::string describe_signal(int signal) {
  std::string name = signal_name(signal);
  return name.starts_with("SIG") ? fmt::format("{} (signal {})", name, signal) : name;
}

std::string indent_lines(std::string_view text, std::string_view indent) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) out.append(indent).append(text.substr(start, end - start));
    if (end == text.size()) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string format_failure(const Failure& failure, const FailureStyle& style) {
  const Palette& p = style.palette;
  std::string out;
  if (!failure.phase.empty() && failure.phase != "test") out += fmt::format("[{}] ", failure.phase);
  if (!failure.subtest.empty()) out += fmt::format("[subtest {}] ", failure.subtest);
  out +=
      fmt::format("{}: {}{}{}", display_location(failure.where, style.short_paths), p.bold, failure.headline, p.reset);
  if (!failure.details.empty()) out += "\n" + indent_lines(failure.details, "  ");
  if (!failure.message.empty()) out += "\n" + indent_lines("message: " + failure.message, "  ");
  if (style.stacktrace && !failure.stacktrace.empty())
    out += fmt::format("\n  {}stack trace:{}\n{}", p.dim, p.reset, indent_lines(failure.stacktrace, "    "));
  return out;
}

}  // namespace testkit
