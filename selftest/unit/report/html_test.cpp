// The HTML report is the JSON report inside a page: the document it embeds parses to the same JSON as --json writes,
// nothing a test printed can end the element that holds it, and the page fetches nothing. (That the page renders in
// a browser is checked by selftest/e2e/html_browser_test.cpp, with headless Chromium.)
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <testkit/report/html.hpp>
#include <testkit/report/json.hpp>
#include <testkit/testkit.hpp>

namespace {

using namespace std::chrono_literals;
using testkit::ReportContext;
using testkit::RunResult;
using testkit::TestInfo;
using testkit::Verdict;

constexpr std::string_view report_start = "<script type=\"application/json\" id=\"tk-report\">";

const TestInfo breaker{.suite = "Page</script>", .name = "breaks_out<!--", .where = {"/src/<b>.cpp", 3}};
const TestInfo plain{.suite = "Math", .name = "adds", .where = {"/src/math_test.cpp", 9}};

const std::string hostile =
    "</script><script>alert(1)</script> </SCRIPT > <!-- <script> \\u003c \x01\xff\xfe \u2028 end";

testkit::CapturedOutput captured(std::string text) {
  const std::size_t size = text.size();
  return {.head = std::move(text), .total_bytes = size};
}

RunResult hostile_run() {
  return {.results = {{.test = &breaker,
                       .verdict = Verdict::failed,
                       .failures = {{.where = {"/src/<b>.cpp", 4},
                                     .phase = "test",
                                     .headline = hostile,
                                     .details = hostile,
                                     .message = hostile}},
                       .reason = hostile,
                       .duration = 2ms,
                       .started = 1ms,
                       .slot = 1,
                       .out = captured(hostile),
                       .err = captured(hostile)},
                      {.test = &plain, .verdict = Verdict::passed, .duration = 1ms, .slot = 0}},
          .duration = 5ms};
}

ReportContext context(bool deterministic) {
  return {.program = "page<tests>", .seed = 3, .deterministic = deterministic, .hostname = "host</script>", .jobs = 2};
}

// The text of the page's JSON element.
std::string embedded_report(const std::string& page) {
  const std::size_t start = page.find(report_start);
  TK_ASSERT_NE(start, std::string::npos, "no report element in the page");
  const std::size_t begin = start + report_start.size();
  const std::size_t end = page.find("</script>", begin);
  TK_ASSERT_NE(end, std::string::npos, "the report element does not end");
  return page.substr(begin, end - begin);
}

// `text` with each "\u003c" that is an escape (not preceded by an escaped backslash, as the test texts never have
// it) written '<' again.
std::string restore_less_than_signs(std::string_view text) {
  constexpr std::string_view escape = "\\u003c";
  std::string restored;
  for (std::size_t at = 0; at < text.size();) {
    if (text.substr(at).starts_with(escape) && (at == 0 || text[at - 1] != '\\')) {
      restored += '<';
      at += escape.size();
    } else {
      restored += text[at++];
    }
  }
  return restored;
}

std::size_t count_case_insensitive(std::string text, std::string_view needle) {
  std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

TK_TEST(HtmlReport, embeds_the_json_report_unchanged) {
  for (const bool deterministic : {false, true}) {
    TK_SUBTEST("{}", deterministic ? "deterministic" : "timed") {
      const RunResult run = hostile_run();
      const std::string json = testkit::render_json(run, context(deterministic));
      const std::string embedded = embedded_report(testkit::render_html(run, context(deterministic)));
      TK_EXPECT_EQ(nlohmann::json::parse(embedded), nlohmann::json::parse(json));
      // Only the '<' differ: the text is the JSON report's, byte for byte, once they are put back.
      TK_EXPECT_EQ(restore_less_than_signs(embedded), json);
    };
  }
}

TK_TEST(HtmlReport, no_text_of_a_test_ends_or_opens_a_script_element) {
  const std::string page = testkit::render_html(hostile_run(), context(false));
  const std::string embedded = embedded_report(page);
  TK_EXPECT_EQ(embedded.find('<'), std::string::npos, "a raw '<' inside the report element");
  TK_EXPECT_CONTAINS(embedded, "alert(1)");  // the text is there, as JSON escapes
  // The page's own two script elements end, and nothing else does.
  TK_EXPECT_EQ(count_case_insensitive(page, "</script"), 2u);
  TK_EXPECT_EQ(count_case_insensitive(page, "<!--"), 0u);
  TK_EXPECT_EQ(count_case_insensitive(page, "<script"), 2u);
}

TK_TEST(HtmlReport, writes_every_less_than_sign_as_a_json_escape) {
  TK_EXPECT_CONTAINS(testkit::render_html_of_json(R"({"a": "x<y</script>"})"), R"({"a": "x\u003cy\u003c/script>"})");
  const std::string page = testkit::render_html_of_json("{}");
  TK_EXPECT(page.starts_with("<!DOCTYPE html>\n"));
  TK_EXPECT(page.ends_with("</html>\n"));
}

TK_TEST(HtmlReport, needs_nothing_from_the_network) {
  const std::string page = testkit::render_html(RunResult{}, context(false));
  for (const std::string_view fetch : {"http:", "https:", "src=", "url(", "@import", "<link", "<iframe", "<img"})
    TK_EXPECT_EQ(count_case_insensitive(page, fetch), 0u, "the page would fetch something: {}", fetch);
  TK_EXPECT_CONTAINS(page, "content=\"default-src 'none';");  // and the browser is told to refuse any fetch
}

TK_TEST(HtmlReport, stays_small) {
  // The page without its report: markup, style and script. A report of a few tests stays a few pages of text.
  const std::string page = testkit::render_html_of_json("{}");
  TK_EXPECT_LT(page.size(), std::size_t{32} << 10);
}

}  // namespace
