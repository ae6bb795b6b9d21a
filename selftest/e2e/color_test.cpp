// --color and the colour variables of a test binary whose stdout is a pipe (not a terminal).
#include <string>
#include <utility>
#include <vector>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using Variables = std::vector<std::pair<std::string, std::string>>;

// Whether the console output of a few passing tests is coloured with these arguments and variables.
// (Passing tests keep it fast: a failure's stack trace costs a scenario run a tenth of a second.)
bool colored(std::vector<std::string> arguments, Variables variables = {}) {
  arguments.insert(arguments.end(), {"--filter", "Arithmetic.*"});
  const auto result = run_scenario(scenario_pass, arguments, {.set_env = std::move(variables)});
  TK_EXPECT_EQ(result.exit_code, 0, "the run itself must work");
  TK_EXPECT_EQ(lines_of(result.out).size(), 6u, "the run itself must work");
  return has_ansi_escape(result.out);
}

TK_TEST(Color, always_colors_the_output) { TK_EXPECT(colored({"--color", "always"})); }

TK_TEST(Color, never_and_auto_on_a_pipe_do_not) {
  TK_EXPECT_FALSE(colored({"--color", "never"}));
  TK_EXPECT_FALSE(colored({"--color", "auto"}));
  TK_EXPECT_FALSE(colored({}));
}

TK_TEST(Color, mode_names_ignore_case) { TK_EXPECT(colored({"--color", "ALWAYS"})); }

TK_TEST(Color, force_variables_color_auto_mode) {
  TK_EXPECT(colored({}, {{"FORCE_COLOR", "1"}}));
  TK_EXPECT(colored({"--color", "auto"}, {{"CLICOLOR_FORCE", "1"}}));
  TK_EXPECT_FALSE(colored({}, {{"FORCE_COLOR", "0"}}));
  TK_EXPECT_FALSE(colored({}, {{"CLICOLOR_FORCE", "0"}}));
}

TK_TEST(Color, no_color_wins_over_force_in_auto_mode) {
  TK_EXPECT_FALSE(colored({}, {{"NO_COLOR", "1"}, {"FORCE_COLOR", "1"}}));
  TK_EXPECT_FALSE(colored({"--color", "auto"}, {{"NO_COLOR", "yes"}, {"CLICOLOR_FORCE", "1"}}));
}

TK_TEST(Color, an_empty_no_color_is_ignored) { TK_EXPECT(colored({}, {{"NO_COLOR", ""}, {"FORCE_COLOR", "1"}})); }

TK_TEST(Color, the_flag_wins_over_the_variables) {
  TK_EXPECT(colored({"--color", "always"}, {{"NO_COLOR", "1"}}));
  TK_EXPECT_FALSE(colored({"--color", "never"}, {{"FORCE_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}}));
}

TK_TEST(Color, the_closing_line_stays_plain) {
  const auto result = run_scenario(scenario_failures, {"--color", "always"});
  TK_EXPECT_EQ(last_line(result.out), "1 passed, 11 failed, 1 skipped");
}

TK_TEST(Color, colored_output_is_the_plain_output_plus_escapes) {
  const auto plain = run_scenario(scenario_failures, {"--color", "never", "--deterministic"});
  auto colored_out = run_scenario(scenario_failures, {"--color", "always", "--deterministic"}).out;
  for (std::size_t at; (at = colored_out.find("\033[")) != std::string::npos;)
    colored_out.erase(at, colored_out.find('m', at) - at + 1);
  TK_EXPECT_EQ(colored_out, plain.out);
}

}  // namespace
