#pragma once
/// The HTML report's page around its JSON document: markup, style and script, all inline.

#include <string_view>

namespace testkit::detail {

/// From "<!DOCTYPE html>" to the opening tag of the <script type="application/json" id="tk-report"> element that
/// holds the report.
extern const std::string_view html_page_before_report;

/// From that element's closing tag to the end of the page: the script that renders the report. When it has
/// rendered, <html> has the attribute data-tk-rendered="true"; when it failed, data-tk-error holds the error.
extern const std::string_view html_page_after_report;

}  // namespace testkit::detail
