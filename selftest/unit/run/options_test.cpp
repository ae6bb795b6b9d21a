// parse_options: the command line of a test binary. Errors print to stderr and help to stdout on purpose.
#include <testkit/run/options.hpp>

#include <initializer_list>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

using testkit::ColorMode;
using testkit::ParsedOptions;
namespace exit_code = testkit::exit_code;

/// Parses `arguments` as the command line after the program name.
ParsedOptions parse(std::initializer_list<const char*> arguments) {
  std::vector<const char*> argv{"selftest_run"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return testkit::parse_options(static_cast<int>(argv.size()), argv.data());
}

TK_TEST(Options, no_arguments_give_the_defaults) {
  const ParsedOptions parsed = parse({});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::success);
  TK_ASSERT(parsed.options.has_value());
  const testkit::Options& options = *parsed.options;
  TK_EXPECT_FALSE(options.list);
  TK_EXPECT_EQ(options.filter, "");
  TK_EXPECT(options.tags.empty());
  TK_EXPECT(options.exclude_tags.empty());
  TK_EXPECT(options.color == ColorMode::automatic);
  TK_EXPECT_FALSE(options.deterministic);
}

TK_TEST(Options, filter_takes_the_next_argument_or_an_equals_value) {
  const ParsedOptions spaced = parse({"--filter", "Math.*-Math.slow"});
  TK_ASSERT(spaced.options.has_value());
  TK_EXPECT_EQ(spaced.options->filter, "Math.*-Math.slow");
  const ParsedOptions joined = parse({"--filter=Strings.upper"});
  TK_ASSERT(joined.options.has_value());
  TK_EXPECT_EQ(joined.options->filter, "Strings.upper");
}

TK_TEST(Options, tag_and_exclude_tag_accumulate_when_repeated) {
  const ParsedOptions parsed = parse({"--tag", "fast", "--exclude-tag", "net", "--tag", "db", "--exclude-tag=slow"});
  TK_ASSERT(parsed.options.has_value());
  const std::vector<std::string> tags{"fast", "db"};
  const std::vector<std::string> excluded{"net", "slow"};
  TK_EXPECT_EQ(parsed.options->tags, tags);
  TK_EXPECT_EQ(parsed.options->exclude_tags, excluded);
}

TK_TEST(Options, flags_switch_on_list_and_deterministic) {
  const ParsedOptions parsed = parse({"--list", "--deterministic"});
  TK_ASSERT(parsed.options.has_value());
  TK_EXPECT(parsed.options->list);
  TK_EXPECT(parsed.options->deterministic);
}

TK_TEST(Options, color_accepts_auto_always_never) {
  const std::vector<std::pair<const char*, ColorMode>> cases{{"auto", ColorMode::automatic},
                                                             {"always", ColorMode::always},
                                                             {"never", ColorMode::never},
                                                             {"NEVER", ColorMode::never}};
  for (const auto& [text, mode] : cases) {
    const ParsedOptions parsed = parse({"--color", text});
    TK_ASSERT(parsed.options.has_value(), "--color {}", text);
    TK_EXPECT(parsed.options->color == mode, "--color {}", text);
  }
}

TK_TEST(Options, bad_color_is_a_usage_error) {
  const ParsedOptions parsed = parse({"--color", "purple"});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error);
  TK_EXPECT_FALSE(parsed.options.has_value());
}

TK_TEST(Options, unknown_flag_is_a_usage_error) {
  const ParsedOptions parsed = parse({"--frobnicate"});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error);
  TK_EXPECT_FALSE(parsed.options.has_value());
}

TK_TEST(Options, stray_argument_is_a_usage_error) {
  const ParsedOptions parsed = parse({"Math.add"});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error);
  TK_EXPECT_FALSE(parsed.options.has_value());
}

TK_TEST(Options, option_without_its_value_is_a_usage_error) {
  const ParsedOptions parsed = parse({"--filter"});
  TK_EXPECT_EQ(parsed.exit_code, exit_code::usage_error);
  TK_EXPECT_FALSE(parsed.options.has_value());
}

TK_TEST(Options, help_ends_at_once_with_success) {
  for (const char* flag : {"--help", "-h"}) {
    const ParsedOptions parsed = parse({flag});
    TK_EXPECT_EQ(parsed.exit_code, exit_code::success, "{}", flag);
    TK_EXPECT_FALSE(parsed.options.has_value(), "{}", flag);
  }
}

TK_TEST(Options, exit_codes_are_the_documented_numbers) {
  TK_EXPECT_EQ(exit_code::success, 0);
  TK_EXPECT_EQ(exit_code::tests_failed, 1);
  TK_EXPECT_EQ(exit_code::usage_error, 2);
  TK_EXPECT_EQ(exit_code::internal_error, 3);
  TK_EXPECT_EQ(exit_code::no_tests, 5);
}

}  // namespace
