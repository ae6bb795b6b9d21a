#pragma once
/// Golden files (ApprovalTests, pytest snapshots): TK_EXPECT_GOLDEN compares a text with a file kept next to the test
/// source, and --update-golden writes that file instead.

#include <source_location>
#include <string>
#include <string_view>
#include <utility>

#include <testkit/assert/handler.hpp>
#include <testkit/assert/macros.hpp>
#include <testkit/core/black_box.hpp>
#include <testkit/program/text.hpp>

namespace testkit {

/// The file TK_EXPECT_GOLDEN at `where` compares with for `name`: `name` itself when it is an absolute path, else
/// golden/<name> in the directory of the source file (as the compiler was given it; a relative one is taken from the
/// working directory, the build directory when the build gave relative paths). Throws std::invalid_argument for an
/// empty name or one with "..".
[[nodiscard]] std::string golden_path(std::string_view name,
                                      const std::source_location& where = std::source_location::current());

}  // namespace testkit

namespace testkit::detail {

/// Why `text` does not match the golden file `name` of the test source at `where` with `options`: "" when it
/// matches; with --update-golden (the process role's update_golden), "" once the file holds `text` (written only when
/// it did not match). A missing file says how to create it; a mismatch shows a line diff (-golden +actual).
[[nodiscard]] std::string golden_mismatch(const std::source_location& where, std::string_view text,
                                          std::string_view name, const testkit::Text& options);

/// TK_EXPECT_GOLDEN with options: fails at `site` with golden_mismatch's details.
template <class T, class... Message>
void check_golden(const AssertionSite& site, const T& text, std::string_view name, const testkit::Text& options,
                  const Message&... message) {
  static_assert(TextLike<T>, "TK_EXPECT_GOLDEN compares a text (a string, a string view) with its golden file");
  std::string mismatch = golden_mismatch(site.where, std::string_view(text), name, options);
  if (mismatch.empty()) [[likely]]
    return assertion_passed(site.where);
  assertion_failed(site, sizeof...(Message), std::move(mismatch), format_message(message...));
}

/// TK_EXPECT_GOLDEN without options: an exact comparison.
template <class T, class... Message>
void check_golden(const AssertionSite& site, const T& text, std::string_view name, const Message&... message) {
  check_golden(site, text, name, testkit::Text{}, message...);
}

}  // namespace testkit::detail

/// `text` equals the golden file `name` (golden/<name> next to the test source; see testkit::golden_path), exactly or
/// as a testkit::Text after the name says. Run with --update-golden to write the file from `text`.
/// TK_EXPECT_GOLDEN(run_program({"./report"}).out, "report.txt")
#define TK_ASSERT_GOLDEN(...) TK_DETAIL_CALL(true, "TK_ASSERT_GOLDEN", check_golden, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_GOLDEN(...) TK_DETAIL_CALL(false, "TK_EXPECT_GOLDEN", check_golden, #__VA_ARGS__, __VA_ARGS__)
