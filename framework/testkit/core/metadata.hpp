#pragma once
/// Per-test settings given in the test macros.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace testkit {

/// Who sees a test's result in graded reports (Gradescope's values); students see `visible` ones at once.
enum class Visibility { visible, hidden, after_due_date, after_published };

/// "visible", "hidden", "after_due_date" or "after_published", as Gradescope spells them.
[[nodiscard]] constexpr std::string_view to_string(Visibility visibility) {
  switch (visibility) {
    case Visibility::hidden: return "hidden";
    case Visibility::after_due_date: return "after_due_date";
    case Visibility::after_published: return "after_published";
    case Visibility::visible: break;
  }
  return "visible";
}

/// The visibility `text` names as to_string spells it, or nullopt.
[[nodiscard]] constexpr std::optional<Visibility> visibility_named(std::string_view text) {
  for (const Visibility visibility :
       {Visibility::visible, Visibility::hidden, Visibility::after_due_date, Visibility::after_published})
    if (to_string(visibility) == text) return visibility;
  return std::nullopt;
}

/// Settings of one test, written as designated initializers after the test's name, in this field order: tags,
/// skip, xfail, timeout, points, visibility, retries.
/// Example: TK_TEST(Grades, mean, .tags = {"stats"}, .timeout = 2s, .points = 5) { ... }
/// Example: TK_TEST(Network, reconnects, .timeout = 5s, .retries = 2) { ... }
/// Example: TK_TEST(Grades, secret_case, .points = 2, .visibility = testkit::Visibility::hidden) { ... }
struct Metadata {
  std::vector<std::string> tags{};              ///< labels selected with --tag / --exclude-tag
  std::string skip{};                           ///< non-empty: not run, reported skipped with this reason
  std::string xfail{};                          ///< non-empty: expected to fail, for this reason
  std::chrono::milliseconds timeout{0};         ///< 0 means the runner's default
  double points = 0;                            ///< weight of the test in graded reports
  Visibility visibility = Visibility::visible;  ///< who sees the result in graded reports (Gradescope)
  /// How many times the test runs again after a failing attempt, instead of the runner's --retries (0: never
  /// again); none: as --retries says. A later pass makes it flaky.
  std::optional<unsigned> retries{};
};

}  // namespace testkit
