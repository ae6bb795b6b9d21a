// The HTML report as a person gets it: the timeline its JSON holds (each test's start and job slot, forked and on a
// thread pool), the page opened in a real browser (headless Chromium: it renders without a script error, and its
// table and timeline hold every test of the run; a screenshot is left in the build tree), and the start-up check
// of its path.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;
using testkit::selftest::run_process;
using Json = nlohmann::json;

// Each test of a report, as "name verdict", sorted.
std::vector<std::string> tests_of(const Json& report) {
  std::vector<std::string> tests;
  for (const Json& test : report["tests"])
    tests.push_back(test["full_name"].get<std::string>() + " " + test["verdict"].get<std::string>());
  std::ranges::sort(tests);
  return tests;
}

// The tests of a run with -j 3 sit on slots 0 to 2, start within the run, and never overlap on one slot.
void check_timeline(const Json& report) {
  TK_ASSERT_EQ(report["jobs"], 3);
  const double run = report["duration_s"].get<double>();
  std::map<int, std::vector<std::pair<double, double>>> lanes;
  for (const Json& test : report["tests"]) {
    const int slot = test["slot"].get<int>();
    const double start = test["started_s"].get<double>();
    const double end = start + test["duration_s"].get<double>();
    TK_EXPECT((slot >= 0 && slot < 3), "slot {}", slot);
    TK_EXPECT((start >= 0 && end <= run + 1e-6), "{} from {} s to {} s of a {} s run", test["full_name"], start, end,
              run);
    lanes[slot].emplace_back(start, end);
  }
  for (auto& [slot, intervals] : lanes) {
    std::ranges::sort(intervals);
    for (std::size_t i = 1; i < intervals.size(); ++i)
      TK_EXPECT_GE(intervals[i].first, intervals[i - 1].second - 1e-6, "two tests at once on slot {}", slot);
  }
}

TK_TEST(HtmlReport, json_places_every_test_on_a_job_slot_forked_and_on_threads) {
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--no-fork"}}) {
    TK_SUBTEST("{}", mode.empty() ? "forked" : "--no-fork") {
      const std::string json = (testkit::tmp_path() / (mode.empty() ? "forked.json" : "threads.json")).string();
      std::vector<std::string> arguments{"-j", "3", "--json", json};
      arguments.insert(arguments.end(), mode.begin(), mode.end());
      const auto result = run_scenario(scenario_failures, arguments);
      TK_ASSERT_EQ(result.exit_code, 1, "stderr: {}", result.err);
      check_timeline(Json::parse(read_file(json)));
    };
  }
}

TK_TEST(HtmlReport, an_unwritable_path_is_a_usage_error_before_any_test_runs) {
  for (const std::string path : {"/proc/report.html", "/nonexistent/dir/report.html", "/tmp/"}) {
    const auto result = run_scenario(scenario_pass, {"--html", path});
    TK_EXPECT_EQ(result.exit_code, 2);
    TK_EXPECT_CONTAINS(result.err, "cannot write the HTML report to '" + path + "'");
    TK_EXPECT_EQ(result.out, "", "no test ran");
  }
}

// The chromium of Debian's package, when installed.
std::string find_chromium() {
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (::access(path, X_OK) == 0) return path;
  return {};
}

// Runs headless Chromium on the page at `path` with `options`, in a profile of the test's own.
testkit::selftest::ProcessResult chromium(const std::string& browser, const std::string& path,
                                          std::vector<std::string> options) {
  options.insert(options.begin(), {"--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                                   "--user-data-dir=" + (testkit::tmp_path() / "profile").string()});
  options.push_back("file://" + path);
  return run_process(browser, options, {.timeout = 120s});
}

// A test's row in the table (groups: name, verdict) and its bar on the timeline (groups: verdict, name), as Chromium
// writes them in the DOM it dumps.
const std::string table_row = R"re(<tr class="test" data-name="([^"]*)" data-verdict="([a-z_]+)")re";
const std::string timeline_bar = R"re(<div class="bar v-([a-z_]+)" data-name="([^"]*)")re";

// The page's script ran to its end: it marked <html> rendered, and no error was caught.
void check_rendered(const std::string& dom) {
  const std::size_t start = dom.find("<html");
  TK_ASSERT_NE(start, std::string::npos, "no <html> in the DOM: {}", dom.substr(0, 2000));
  const std::string tag = dom.substr(start, dom.find('>', start) - start + 1);
  TK_EXPECT_CONTAINS(tag, "data-tk-rendered=\"true\"", "the script did not finish");
  TK_EXPECT_NOT_CONTAINS(tag, "data-tk-error", "a script error");
}

// Each match of `pattern` in `text`, its groups 1 and 2 joined by a space, sorted.
std::vector<std::string> matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> found;
  const std::regex regex(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), regex); it != std::sregex_iterator(); ++it)
    found.push_back((*it)[1].str() + " " + (*it)[2].str());
  std::ranges::sort(found);
  return found;
}

TK_TEST(HtmlReport, renders_in_a_browser_with_every_test_in_its_table_and_timeline, .timeout = 240s) {
  const std::string browser = find_chromium();
  if (browser.empty()) TK_SKIP("chromium is not installed (apt-get install chromium; scripts/install-deps does)");
  const std::string html = (testkit::tmp_path() / "report.html").string();
  const std::string json = (testkit::tmp_path() / "report.json").string();
  const auto run = run_scenario(scenario_failures, {"-j", "3", "--html", html, "--json", json});
  TK_ASSERT_EQ(run.exit_code, 1, "stderr: {}", run.err);
  const std::vector<std::string> expected = tests_of(Json::parse(read_file(json)));
  TK_ASSERT_EQ(expected.size(), 13u);

  const auto dom = chromium(browser, html, {"--dump-dom"});
  TK_ASSERT_EQ(dom.exit_code, 0, "chromium: {}", dom.err);
  check_rendered(dom.out);
  TK_EXPECT_EQ(matches(dom.out, table_row), expected, "the table");
  TK_EXPECT_EQ(matches(dom.out, timeline_bar).size(), expected.size(), "the timeline");
  std::vector<std::string> bars;
  for (const std::string& bar : matches(dom.out, timeline_bar)) {
    const std::size_t space = bar.find(' ');
    bars.push_back(bar.substr(space + 1) + " " + bar.substr(0, space));
  }
  std::ranges::sort(bars);
  TK_EXPECT_EQ(bars, expected, "the timeline");
  TK_EXPECT_CONTAINS(dom.out, "Failures (11)");

  // For people (and the README's picture): what the page looks like, in the build tree.
  const std::string screenshot = std::string(build_dir) + "/html-report.png";
  std::filesystem::remove(screenshot);
  const auto shot = chromium(browser, html, {"--screenshot=" + screenshot, "--window-size=1280,900"});
  TK_ASSERT_EQ(shot.exit_code, 0, "chromium: {}", shot.err);
  TK_EXPECT(read_file(screenshot).starts_with("\x89PNG\r\n"), "no screenshot in {}", screenshot);
}

// What tests print cannot stop the page from rendering: escape sequences, malformed UTF-8, a 10 MiB message.
TK_TEST(HtmlReport, renders_hostile_output_as_text, .timeout = 240s) {
  const std::string browser = find_chromium();
  if (browser.empty()) TK_SKIP("chromium is not installed (apt-get install chromium; scripts/install-deps does)");
  const std::string html = (testkit::tmp_path() / "hostile.html").string();
  const auto run = run_scenario(scenario_hostile, {"--html", html});
  TK_ASSERT_EQ(run.exit_code, 1, "stderr: {}", run.err);
  const auto dom = chromium(browser, html, {"--dump-dom"});
  TK_ASSERT_EQ(dom.exit_code, 0, "chromium: {}", dom.err);
  check_rendered(dom.out);
  TK_EXPECT_EQ(matches(dom.out, table_row).size(), 3u);
}

// A run with --retries and --repeat: flaky tests have a verdict and a colour of their own, a section after the
// failures with their failed attempts, and the tests that did not pass every run are named with their pass ratio.
TK_TEST(HtmlReport, renders_flaky_tests_with_their_attempts_and_pass_ratios, .timeout = 240s) {
  const std::string browser = find_chromium();
  if (browser.empty()) TK_SKIP("chromium is not installed (apt-get install chromium; scripts/install-deps does)");
  const std::string html = (testkit::tmp_path() / "flaky.html").string();
  const auto run = run_scenario(scenario_retries,
                                {"--retries", "2", "--repeat", "2", "-j", "1",      // one job: the attempt counts of
                                 "--filter", "Retries.flaky_twice:Retries.passes",  // two runs at once would race
                                 "--deterministic", "--html", html},
                                {.set_env = {{"TK_SCENARIO_RETRY_DIR", testkit::tmp_path().string()}}});
  TK_ASSERT_EQ(run.exit_code, 1, "stdout: {} stderr: {}", run.out, run.err);
  const auto dom = chromium(browser, html, {"--dump-dom"});
  TK_ASSERT_EQ(dom.exit_code, 0, "chromium: {}", dom.err);
  check_rendered(dom.out);
  // flaky_twice passes on its first run's third attempt, then at once; passes passes once, then fails three attempts.
  TK_EXPECT_EQ(matches(dom.out, table_row),
               (std::vector<std::string>{"Retries.flaky_twice flaky", "Retries.flaky_twice passed",
                                         "Retries.passes failed", "Retries.passes passed"}));
  TK_EXPECT_CONTAINS(dom.out, "Flaky (1)");
  TK_EXPECT_CONTAINS(dom.out, "Did not pass every run: Retries.passes 1/2");
  TK_EXPECT_CONTAINS(dom.out, "attempt 2 of 3 <span class=\"badge v-failed\"");
}

}  // namespace
