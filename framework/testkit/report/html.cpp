#include <testkit/report/html.hpp>

#include <testkit/report/detail/html_page.hpp>
#include <testkit/report/json.hpp>

namespace testkit {

std::string render_html_of_json(std::string_view json_report) {
  std::string page;
  page.reserve(detail::html_page_before_report.size() + json_report.size() + detail::html_page_after_report.size());
  page += detail::html_page_before_report;
  // In JSON a '<' can only stand inside a string, where "\u003c" means the same character; in a script element the
  // parser then meets no "</script", "<!--" or "<script" that would end or change it, whatever the tests printed.
  for (const char c : json_report) {
    if (c == '<')
      page += "\\u003c";
    else
      page += c;
  }
  page += detail::html_page_after_report;
  return page;
}

std::string render_html(const RunResult& run, const ReportContext& context) {
  return render_html_of_json(render_json(run, context));
}

}  // namespace testkit
