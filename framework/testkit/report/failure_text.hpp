#pragma once
/// A failure as readable text, shared by the console and the file reports.

#include <string>
#include <string_view>

#include <testkit/core/failure.hpp>
#include <testkit/report/color.hpp>

namespace testkit {

/// How a failure is written out.
struct FailureStyle {
  bool short_paths = false;  ///< file names without their directories (deterministic output)
  bool stacktrace = true;    ///< include the stack trace
  Palette palette{};         ///< colours, none by default
};

/// "file:line" for people: the base name with short_paths, else relative to the working directory when
/// the file lies under it.
[[nodiscard]] std::string display_location(const Location& where, bool short_paths);

/// The failure as lines: "[phase] [subtest] file:line: headline", then its details, message and trace,
/// each continuation line indented by two spaces. No trailing newline.
[[nodiscard]] std::string format_failure(const Failure& failure, const FailureStyle& style);

/// "SIGINT" for SIGINT, "signal 77" for a signal without a name.
[[nodiscard]] std::string signal_name(int signal);

/// "SIGSEGV (signal 11)", or "signal 77" for a signal without a name: how a crash report names it.
[[nodiscard]] std::string describe_signal(int signal);

/// Every line of `text` prefixed with `indent` (empty lines stay empty).
[[nodiscard]] std::string indent_lines(std::string_view text, std::string_view indent);

}  // namespace testkit
