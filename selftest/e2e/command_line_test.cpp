// What a test binary's command line selects: --list, --filter, --tag and --exclude-tag.
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using Names = std::vector<std::string>;

// The names of the tests a console output reports, in order ("PASS  Suite.name (0.1 ms)" -> "Suite.name").
Names tests_reported(const std::string& out) {
  Names names;
  for (const std::string& line : lines_of(out)) {
    for (const std::string_view label : {"PASS  ", "FAIL  ", "SKIP  ", "XFAIL ", "XPASS "}) {
      if (!line.starts_with(label)) continue;
      const std::string rest = line.substr(label.size());
      names.push_back(rest.substr(0, rest.find_first_of(" :")));
    }
  }
  return names;
}

// The tests a run reports, in plan order (--deterministic: parallel runs otherwise report as tests finish).
Names run_selecting(const std::vector<std::string>& arguments) {
  std::vector<std::string> all = arguments;
  all.insert(all.end(), {"--color", "never", "--deterministic"});
  return tests_reported(run_scenario(scenario_pass, all).out);
}

TK_TEST(CommandLine, list_prints_every_test_with_its_metadata_and_runs_none) {
  const auto result = run_scenario(scenario_pass, {"--list"});
  TK_EXPECT_EQ(result.exit_code, 0);
  TK_EXPECT_EQ(result.out,
               "Arithmetic.adds\n"
               "Arithmetic.compares  # tags: fast\n"
               "Strings.concatenates  # tags: fast, text\n"
               "Strings.slow_search  # tags: slow\n"
               "Skipping.by_metadata  # skip: needs a network\n"
               "Skipping.at_run_time\n"
               "Expected.failure  # xfail: rounding bug\n"
               "Counter.starts_with_three_values\n"
               "Counter.throws_when_asked\n");
  TK_EXPECT_EQ(result.err, "");
}

TK_TEST(CommandLine, list_shows_only_the_selected_tests) {
  TK_EXPECT_EQ(run_scenario(scenario_pass, {"--list", "--filter", "Strings.*"}).out,
               "Strings.concatenates  # tags: fast, text\nStrings.slow_search  # tags: slow\n");
  TK_EXPECT_EQ(run_scenario(scenario_pass, {"--list", "--tag", "fast"}).out,
               "Arithmetic.compares  # tags: fast\nStrings.concatenates  # tags: fast, text\n");
}

TK_TEST(CommandLine, filter_runs_the_matching_tests_in_registration_order) {
  TK_EXPECT_EQ(run_selecting({"--filter", "Counter.*:Arithmetic.*"}),
               (Names{"Arithmetic.adds", "Arithmetic.compares", "Counter.starts_with_three_values",
                      "Counter.throws_when_asked"}));
}

TK_TEST(CommandLine, filter_excludes_what_follows_the_dash) {
  TK_EXPECT_EQ(run_selecting({"--filter", "Arithmetic.*:Counter.*-Counter.throws_*:*.adds"}),
               (Names{"Arithmetic.compares", "Counter.starts_with_three_values"}));
  TK_EXPECT_EQ(run_selecting({"--filter", "-S*"}),
               (Names{"Arithmetic.adds", "Arithmetic.compares", "Expected.failure", "Counter.starts_with_three_values",
                      "Counter.throws_when_asked"}));
}

TK_TEST(CommandLine, filter_question_mark_matches_one_character) {
  TK_EXPECT_EQ(run_selecting({"--filter", "Arithmetic.add?"}), (Names{"Arithmetic.adds"}));
  TK_EXPECT_EQ(run_selecting({"--filter", "Arithmetic.add"}), Names{});
}

TK_TEST(CommandLine, tag_runs_tests_having_any_of_the_tags) {
  TK_EXPECT_EQ(run_selecting({"--tag", "fast"}), (Names{"Arithmetic.compares", "Strings.concatenates"}));
  TK_EXPECT_EQ(run_selecting({"--tag", "slow", "--tag", "text"}),
               (Names{"Strings.concatenates", "Strings.slow_search"}));
}

TK_TEST(CommandLine, exclude_tag_leaves_tests_out) {
  TK_EXPECT_EQ(run_selecting({"--exclude-tag", "fast", "--filter", "Arithmetic.*:Strings.*"}),
               (Names{"Arithmetic.adds", "Strings.slow_search"}));
  TK_EXPECT_EQ(run_selecting({"--tag", "fast", "--exclude-tag", "text"}), (Names{"Arithmetic.compares"}));
}

TK_TEST(CommandLine, the_header_counts_the_selected_tests) {
  const auto result = run_scenario(scenario_pass, {"--filter", "Strings.*", "--color", "never"});
  TK_EXPECT_EQ(lines_of(result.out).front(), "Running 2 tests");
  const auto one = run_scenario(scenario_pass, {"--filter", "Strings.slow_search", "--color", "never"});
  TK_EXPECT_EQ(lines_of(one.out).front(), "Running 1 test");
}

TK_TEST(CommandLine, every_test_reports_its_verdict) {
  const auto result = run_scenario(scenario_pass, {"--color", "never"});
  TK_EXPECT_EQ(lines_starting_with(result.out, "PASS  ").size(), 6u);
  TK_EXPECT_EQ(lines_starting_with(result.out, "SKIP  Skipping.by_metadata: needs a network").size(), 1u);
  TK_EXPECT_EQ(lines_starting_with(result.out, "SKIP  Skipping.at_run_time: only on 64 cores").size(), 1u);
  TK_EXPECT_EQ(lines_starting_with(result.out, "XFAIL Expected.failure: rounding bug").size(), 1u);
}

}  // namespace
