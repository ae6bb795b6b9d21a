// What a test binary's console shows of hostile test output: control characters and malformed UTF-8 only as
// visible \xNN escapes (with --color always too, whose own colours still work), no line a test could forge, and
// a 10 MiB failure message cut to its ends on the console while the file reports keep 64 KiB of it.
#include <algorithm>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <testkit/report/console.hpp>
#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;

constexpr std::size_t huge = (std::size_t{10} << 20) + 10;  // the message of Hostile.huge_message

// True when `text` holds a byte that drives a terminal: a C0 control but tab and newline, DEL, or a C1 control.
bool has_control(std::string_view text) {
  const auto control = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F;
  };
  return std::ranges::any_of(text, control) || text.find("\xc2\x9b") != std::string_view::npos;
}

TK_TEST(HostileOutput, controls_reach_the_console_only_as_escapes) {
  const auto result =
      run_scenario(scenario_hostile, {"--color", "never", "--deterministic", "--filter", "Hostile.d*:Hostile.f*"});
  TK_EXPECT_EQ(result.exit_code, 1, "stderr: {}", result.err);
  TK_EXPECT_FALSE(has_control(result.out), "{}", result.out);
  const std::string block = report_of(result.out, "Hostile.drives_the_terminal");
  TK_EXPECT_CONTAINS(block, "\n    message: \\x1b]0;pwned\\x07 \\x1b[2J\n");
  TK_EXPECT_CONTAINS(block, ": uncaught exception in test: std::runtime_error: \\x1b[2J from what()\n");
  TK_EXPECT_CONTAINS(block, "\n  | \\x1b]0;pwned\\x07\\x1b[2J\\x1b[H stdout\n");
  TK_EXPECT_CONTAINS(block, "\n  | \\xc2\\x9b2J \\xff stderr\n");
  TK_EXPECT_CONTAINS(result.out, "\nSKIP  Hostile.forges_a_verdict_line: reason\\x0aPASS  Grading.everything\n");
  TK_EXPECT(lines_starting_with(result.out, "PASS").empty(), "{}", result.out);
}

TK_TEST(HostileOutput, color_always_keeps_the_reporters_colours_and_no_others) {
  const auto result = run_scenario(scenario_hostile, {"--color", "always", "--filter", "Hostile.drives_the_terminal"});
  TK_EXPECT_EQ(result.exit_code, 1, "stderr: {}", result.err);
  TK_EXPECT_CONTAINS(result.out, "\033[31mFAIL \033[0m Hostile.drives_the_terminal");
  TK_EXPECT_CONTAINS(result.out, "\\x1b]0;pwned\\x07");
  for (const std::string_view sent : {"\033]", "\033[2J", "\033[H", "\007", "\xc2\x9b"})
    TK_EXPECT_EQ(result.out.find(sent), std::string::npos, "a sequence the test sent reached the console");
}

TK_TEST(HostileOutput, a_huge_message_is_cut_on_the_console_and_kept_in_the_reports) {
  const std::string json_path = temporary_path(*this, "hostile.json");
  const auto result = run_scenario(scenario_hostile, {"--color", "never", "--deterministic", "--filter",
                                                      "Hostile.huge_message", "--json", json_path});
  TK_EXPECT_EQ(result.exit_code, 1, "stderr: {}", result.err);
  TK_EXPECT_LT(result.out.size(), 2 * testkit::ConsoleReporter::max_shown_bytes);
  TK_EXPECT_CONTAINS(result.out, "\n    message: start xxx");
  TK_EXPECT_CONTAINS(result.out,
                     fmt::format("xxx\n    [... {} bytes elided; the file reports keep up to 64 KiB ...]\n    xxx",
                                 huge - testkit::ConsoleReporter::max_shown_bytes));
  TK_EXPECT_CONTAINS(result.out, "xxx end\n");

  const auto json = nlohmann::json::parse(read_file(json_path));
  const std::string message = json["tests"][0]["failures"][0]["message"];
  TK_EXPECT(message.starts_with("start xxx"));
  TK_EXPECT(message.ends_with("xxx end"));
  TK_EXPECT_CONTAINS(message, fmt::format("\n[... {} bytes elided ...]\n", huge - (std::size_t{64} << 10)));
}

}  // namespace
