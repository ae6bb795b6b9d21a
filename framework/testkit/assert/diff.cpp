#include <testkit/assert/diff.hpp>

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include <testkit/assert/print.hpp>

namespace testkit::detail {
namespace {

enum class EditKind { keep, remove, add };

struct Edit {
  EditKind kind;
  std::size_t left;   // index into left (keep, remove)
  std::size_t right;  // index into right (keep, add)
};

// Largest middle part (after trimming the common prefix and suffix) that gets a real LCS; beyond it the
// whole middle is shown as removed then added, which is still a correct, if long, diff.
constexpr std::size_t max_lcs_cells = 4'000'000;
constexpr std::size_t context_lines = 3;

std::vector<Edit> edit_script(std::span<const std::string> a, std::span<const std::string> b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  const std::size_t n = a.size() - prefix - suffix;
  const std::size_t m = b.size() - prefix - suffix;

  std::vector<Edit> edits;
  for (std::size_t i = 0; i < prefix; ++i) edits.push_back({EditKind::keep, i, i});
  if ((n + 1) * (m + 1) <= max_lcs_cells) {
    // lcs[i][j]: length of the longest common subsequence of a[prefix+i..] and b[prefix+j..] (middle only).
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        edits.push_back({EditKind::keep, prefix + i++, prefix + j++});
      } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
        edits.push_back({EditKind::add, prefix + i, prefix + j++});
      } else {
        edits.push_back({EditKind::remove, prefix + i++, prefix + j});
      }
    }
    // Show removals before additions within a run of changes, as unified diffs do.
    for (auto run = edits.begin() + static_cast<std::ptrdiff_t>(prefix); run != edits.end();) {
      auto end = std::find_if(run, edits.end(), [](const Edit& e) { return e.kind == EditKind::keep; });
      std::stable_partition(run, end, [](const Edit& e) { return e.kind == EditKind::remove; });
      run = end == edits.end() ? end : end + 1;
    }
    // The partition moved edits past each other: renumber them so that each names its place on both
    // sides, which the hunk headers read.
    std::size_t left_at = prefix, right_at = prefix;
    for (auto e = edits.begin() + static_cast<std::ptrdiff_t>(prefix); e != edits.end(); ++e) {
      e->left = left_at;
      e->right = right_at;
      left_at += e->kind != EditKind::add;
      right_at += e->kind != EditKind::remove;
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) edits.push_back({EditKind::remove, prefix + i, prefix});
    for (std::size_t j = 0; j < m; ++j) edits.push_back({EditKind::add, prefix + n, prefix + j});
  }
  for (std::size_t k = 0; k < suffix; ++k) edits.push_back({EditKind::keep, prefix + n + k, prefix + m + k});
  return edits;
}

std::string visible(std::string_view line) {
  const std::string quoted = quote_string(line);
  return quoted.substr(1, quoted.size() - 2);  // escapes without the surrounding quotes
}

}  // namespace

namespace {

// Unchanged lines show as `left` has them, or as `right` has them with `keep_from_right`.
std::string render_diff(const std::vector<Edit>& edits, std::span<const std::string> left,
                        std::span<const std::string> right, bool indexed, bool keep_from_right = false) {
  std::string out;
  std::size_t k = 0;
  while (k < edits.size()) {
    if (edits[k].kind == EditKind::keep) {
      ++k;
      continue;
    }
    // A hunk: this change and the following ones separated by at most 2 * context unchanged lines.
    const std::size_t begin = k >= context_lines ? k - context_lines : 0;
    std::size_t last_change = k;
    for (std::size_t j = k + 1; j < edits.size(); ++j) {
      if (edits[j].kind == EditKind::keep) continue;
      if (j - last_change - 1 > 2 * context_lines) break;
      last_change = j;
    }
    const std::size_t end = std::min(edits.size(), last_change + 1 + context_lines);
    if (!indexed) {
      std::size_t left_count = 0, right_count = 0;
      for (std::size_t e = begin; e < end; ++e) {
        left_count += edits[e].kind != EditKind::add;
        right_count += edits[e].kind != EditKind::remove;
      }
      out +=
          fmt::format("@@ -{},{} +{},{} @@\n", edits[begin].left + 1, left_count, edits[begin].right + 1, right_count);
    } else if (!out.empty()) {
      out += "...\n";
    }
    for (std::size_t e = begin; e < end; ++e) {
      const Edit& edit = edits[e];
      const char mark = edit.kind == EditKind::keep ? ' ' : edit.kind == EditKind::remove ? '-' : '+';
      const bool from_left = edit.kind == EditKind::remove || (edit.kind == EditKind::keep && !keep_from_right);
      const std::string& line = from_left ? left[edit.left] : right[edit.right];
      out += mark;
      if (indexed) out += fmt::format("[{}] ", from_left ? edit.left : edit.right);
      out += indexed ? line : visible(line);
      out += '\n';
    }
    k = end;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace

std::string unified_diff(std::span<const std::string> left, std::span<const std::string> right, bool indexed) {
  return render_diff(edit_script(left, right), left, right, indexed);
}

std::string unified_diff(std::span<const std::string> left, std::span<const std::string> right,
                         std::span<const std::string> left_keys, std::span<const std::string> right_keys) {
  return render_diff(edit_script(left_keys, right_keys), left, right, false, /*keep_from_right=*/true);
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t newline; (newline = text.find('\n', start)) != std::string_view::npos; start = newline + 1)
    lines.emplace_back(text.substr(start, newline - start));
  lines.emplace_back(text.substr(start));
  return lines;
}

namespace {

std::string describe_line_difference(std::string_view left, std::string_view right) {
  constexpr std::size_t around = 20;
  const auto mismatch = std::mismatch(left.begin(), left.end(), right.begin(), right.end());
  const auto offset = static_cast<std::size_t>(mismatch.first - left.begin());
  const std::size_t from = offset > around ? offset - around : 0;
  const auto excerpt = [&](std::string_view text) {
    std::string shown = (from > 0 ? "..." : "") + visible(text.substr(from, 2 * around));
    if (from + 2 * around < text.size()) shown += "...";
    return shown;
  };
  std::string out;
  if (offset == left.size() || offset == right.size()) {
    const bool left_longer = left.size() > right.size();
    out = fmt::format("{} has {} more characters after offset {}", left_longer ? "left" : "right",
                      (left_longer ? left.size() : right.size()) - offset, offset);
  } else {
    out = fmt::format("first difference at offset {}: {} vs {}", offset, quote_char(left[offset]),
                      quote_char(right[offset]));
  }
  if (std::max(left.size(), right.size()) > 2 * around)
    out += fmt::format("\n  left:  {}\n  right: {}", excerpt(left), excerpt(right));
  return out;
}

}  // namespace

std::string describe_text_difference(std::string_view left, std::string_view right) {
  if (left.find('\n') == std::string_view::npos && right.find('\n') == std::string_view::npos)
    return describe_line_difference(left, right);
  const std::vector<std::string> left_lines = split_lines(left);
  const std::vector<std::string> right_lines = split_lines(right);
  return "diff (-left +right):\n" + unified_diff(left_lines, right_lines);
}

std::string describe_sequence_difference(const SequenceComparison& c) {
  constexpr std::size_t listed = 5;
  std::string out;
  if (c.left_size != c.right_size)
    out += fmt::format("sizes differ: left has {} elements, right has {}\n", c.left_size, c.right_size);
  if (!c.mismatches.empty()) {
    const std::size_t first = c.mismatches.front();
    out += fmt::format("first difference at index {}: {} vs {}\n", first,
                       first < c.left.size() ? c.left[first] : c.first_mismatch_left,
                       first < c.right.size() ? c.right[first] : c.first_mismatch_right);
    if (c.mismatches.size() > 1 && c.left_size == c.right_size) {
      out += "also differ at index";
      for (std::size_t k = 1; k < std::min(c.mismatches.size(), listed + 1); ++k)
        out += fmt::format("{} {}", k > 1 ? "," : "", c.mismatches[k]);
      if (c.mismatches.size() > listed + 1) out += fmt::format(" and {} more", c.mismatches.size() - listed - 1);
      out += '\n';
    }
  }
  if (c.left_size != c.right_size) {
    // The printed elements are all equal when the sizes differ only past them: then there is no diff to show.
    const std::string diff = unified_diff(c.left, c.right, true);
    if (!diff.empty()) out += "diff (-left +right):\n" + diff + '\n';
  }
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace testkit::detail
