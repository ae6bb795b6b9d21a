// use_color: the --color mode, the NO_COLOR / CLICOLOR_FORCE / FORCE_COLOR / TERM variables (as the environment
// reader reads them) and whether the descriptor is a terminal; Palette's escapes.
#include <testkit/report/color.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <map>
#include <string>

#include <testkit/run/environment.hpp>
#include <testkit/testkit.hpp>

namespace {

using testkit::ColorMode;

/// Decides colour with the colour variables set to `variables` (and no others).
class ColorVariables : public testkit::TestCase {
 protected:
  void set_up() override {
    int fds[2];
    TK_ASSERT_EQ(::pipe(fds), 0);
    pipe_ = fds[1];
    add_cleanup([fds] {
      ::close(fds[0]);
      ::close(fds[1]);
    });
  }

  void set(const char* name, const char* value) { variables_[name] = value; }
  void unset(const char* name) { variables_.erase(name); }

  bool use_color(ColorMode mode, int fd) const {
    std::string error;
    const testkit::EnvironmentSettings environment = testkit::read_environment(
        [this](const char* name) -> const char* {
          const auto found = variables_.find(name);
          return found == variables_.end() ? nullptr : found->second.c_str();
        },
        error);
    return testkit::use_color(mode, environment.color, fd);
  }

  int pipe_ = -1;  ///< the write end of a pipe: not a terminal

 private:
  std::map<std::string, std::string> variables_;
};

TK_TEST_F(ColorVariables, always_and_never_ignore_the_environment) {
  set("NO_COLOR", "1");
  TK_EXPECT(use_color(ColorMode::always, pipe_));
  unset("NO_COLOR");
  set("FORCE_COLOR", "1");
  TK_EXPECT_FALSE(use_color(ColorMode::never, pipe_));
}

TK_TEST_F(ColorVariables, auto_mode_on_a_pipe_has_no_color) { TK_EXPECT_FALSE(use_color(ColorMode::automatic, pipe_)); }

TK_TEST_F(ColorVariables, force_variables_turn_color_on_unless_zero) {
  set("FORCE_COLOR", "1");
  TK_EXPECT(use_color(ColorMode::automatic, pipe_));
  set("FORCE_COLOR", "0");
  TK_EXPECT_FALSE(use_color(ColorMode::automatic, pipe_));
  unset("FORCE_COLOR");
  set("CLICOLOR_FORCE", "yes");
  TK_EXPECT(use_color(ColorMode::automatic, pipe_));
  set("CLICOLOR_FORCE", "0");
  TK_EXPECT_FALSE(use_color(ColorMode::automatic, pipe_));
  set("CLICOLOR_FORCE", "");
  TK_EXPECT_FALSE(use_color(ColorMode::automatic, pipe_));
}

TK_TEST_F(ColorVariables, a_non_empty_no_color_wins_over_force) {
  set("FORCE_COLOR", "1");
  set("NO_COLOR", "1");
  TK_EXPECT_FALSE(use_color(ColorMode::automatic, pipe_));
  set("NO_COLOR", "");
  TK_EXPECT(use_color(ColorMode::automatic, pipe_));
}

TK_TEST_F(ColorVariables, a_terminal_gets_color_unless_dumb_or_no_color) {
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0) TK_SKIP("no pseudo-terminal available");
  add_cleanup([master] { ::close(master); });
  TK_ASSERT_EQ(::grantpt(master), 0);
  TK_ASSERT_EQ(::unlockpt(master), 0);
  const int terminal = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
  TK_ASSERT_GE(terminal, 0);
  add_cleanup([terminal] { ::close(terminal); });

  TK_EXPECT(use_color(ColorMode::automatic, terminal));
  set("TERM", "xterm-256color");
  TK_EXPECT(use_color(ColorMode::automatic, terminal));
  set("TERM", "dumb");
  TK_EXPECT_FALSE(use_color(ColorMode::automatic, terminal));
  set("FORCE_COLOR", "1");
  TK_EXPECT(use_color(ColorMode::automatic, terminal), "FORCE_COLOR wins over TERM=dumb");
  set("TERM", "xterm");
  set("NO_COLOR", "1");
  TK_EXPECT_FALSE(use_color(ColorMode::automatic, terminal));
}

TK_TEST(Palette, is_empty_without_color) {
  const auto p = testkit::Palette::make(false);
  for (const std::string_view sequence : {p.red, p.green, p.yellow, p.bold, p.dim, p.reset})
    TK_EXPECT(sequence.empty());
}

TK_TEST(Palette, holds_ansi_sequences_with_color) {
  const auto p = testkit::Palette::make(true);
  TK_EXPECT_EQ(p.reset, "\033[0m");
  TK_EXPECT_EQ(p.red, "\033[31m");
  for (const std::string_view sequence : {p.red, p.green, p.yellow, p.bold, p.dim}) {
    TK_EXPECT(sequence.starts_with("\033["));
    TK_EXPECT(sequence.ends_with("m"));
    TK_EXPECT_NE(sequence, p.reset);
  }
}

}  // namespace
