#include <testkit/run/sanitizer_report.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <span>

#include <fmt/format.h>

#include <testkit/assert/diff.hpp>
#include <testkit/report/failure_text.hpp>

namespace testkit::detail {
namespace {

constexpr std::size_t max_leaks_shown = 5;

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

template <typename Number> std::optional<Number> number_in(std::string_view text, int base = 10) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc{} || end == text.data()) return std::nullopt;
  return value;
}

bool is_frame_line(std::string_view line) { return trimmed(line).starts_with('#'); }

// The address of a report's frame line, "#3 0x55d0c1a2 in List<int>::push_front(int) /src/list.hpp:20:5".
std::optional<void*> address_of_frame(std::string_view line) {
  line = trimmed(line);
  const auto hex = line.find(" 0x");
  if (hex == std::string_view::npos) return std::nullopt;
  const auto address = number_in<std::uintptr_t>(line.substr(hex + 3), 16);
  if (!address) return std::nullopt;
  return reinterpret_cast<void*>(*address);
}

// The addresses of the frame lines that start at lines[at], up to the first line that is not one (`at` ends past
// them). Inlined calls are frames of one address: it is kept once.
std::vector<void*> frames_from(const std::vector<std::string>& lines, std::size_t& at) {
  std::vector<void*> frames;
  for (; at < lines.size() && is_frame_line(lines[at]); ++at)
    if (const auto address = address_of_frame(lines[at]); address && (frames.empty() || frames.back() != *address))
      frames.push_back(*address);
  return frames;
}

// "file:line" at the end of `text`, as a location; empty when it has none.
Location location_at_end(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return {};
  const auto line = number_in<unsigned>(text.substr(colon + 1));
  if (!line) return {};
  return {std::string(text.substr(0, colon)), *line};
}

// The place of the first frame of a described trace ("#0 f at /src/a.cpp:12"); empty when it names none.
Location first_place(std::string_view trace) {
  const std::string_view first = trace.substr(0, trace.find('\n'));
  const auto at = first.rfind(" at ");
  return at == std::string_view::npos ? Location{} : location_at_end(first.substr(at + 4));
}

// The place of the first frame in the code under test among `frames` (report lines), as the report's own symbolizer
// names it: inlined calls included, which describing the frames' addresses folds into their callers, so that a leak
// or a bad access is placed at the student's line rather than at the test that called it. The runtime's frames (paths
// relative to its build, "../../../../src/libsanitizer/..."), the C library's, the standard library's headers and
// testkit's are not that code.
Location first_code_place(std::span<const std::string> frames) {
  for (const std::string_view frame : frames) {
    const std::string_view text = trimmed(frame);
    const auto in = text.find(" in ");
    if (in == std::string_view::npos) continue;
    const std::string_view rest = text.substr(in + 4);
    const auto space = rest.rfind(' ');
    if (space == std::string_view::npos) continue;
    const std::string_view function = rest.substr(0, space);
    std::string_view place = rest.substr(space + 1);
    if (place.starts_with('(') || place.starts_with("../") || place.starts_with("/usr/") ||
        place.find("/testkit/") != std::string_view::npos || function.starts_with("std::") ||
        function.starts_with("__"))
      continue;
    // "file:line:column" or "file:line".
    Location where = location_at_end(place);
    if (!where.file.empty()) {
      if (Location without_column = location_at_end(where.file); !without_column.file.empty()) return without_column;
      return where;
    }
  }
  return {};
}

std::string plural(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

// `text` on lines of its own below the line before, indented.
std::string indented(std::string_view text) { return "\n" + indent_lines(text, "  "); }

// The report's lines worth a reader's time: not its banners ("=====", "==1234==ABORTING") and hints.
bool is_noise(std::string_view line) {
  return line.empty() || line.starts_with("==") || line.starts_with("HINT") || line.starts_with("Address 0x");
}

}  // namespace

std::vector<Leak> parse_leak_report(std::string_view report) {
  std::vector<Leak> leaks;
  const std::vector<std::string> lines = split_lines(report);
  for (std::size_t at = 0; at < lines.size();) {
    const std::string_view line = trimmed(lines[at++]);
    const bool direct = line.starts_with("Direct leak of ");
    if (!direct && !line.starts_with("Indirect leak of ")) continue;
    Leak leak{.direct = direct};
    const std::size_t size_at = line.find(" of ") + 4;
    leak.bytes = number_in<std::size_t>(line.substr(size_at)).value_or(0);
    if (const auto in = line.find(" in ", size_at); in != std::string_view::npos)
      leak.objects = number_in<std::size_t>(line.substr(in + 4)).value_or(0);
    const std::size_t first_frame = at;
    leak.frames = frames_from(lines, at);
    leak.allocated_at = first_code_place(std::span(lines).subspan(first_frame, at - first_frame));
    leaks.push_back(std::move(leak));
  }
  return leaks;
}

std::vector<Leak> new_leaks(const std::vector<Leak>& before, const std::vector<Leak>& after) {
  std::map<std::vector<void*>, const Leak*> earlier;
  for (const Leak& leak : before) earlier.emplace(leak.frames, &leak);
  std::vector<Leak> added;
  for (const Leak& leak : after) {
    const auto found = earlier.find(leak.frames);
    if (found == earlier.end()) {
      added.push_back(leak);
    } else if (leak.bytes > found->second->bytes) {
      Leak grown = leak;
      grown.bytes -= found->second->bytes;
      grown.objects -= std::min(grown.objects, found->second->objects);
      added.push_back(std::move(grown));
    }
  }
  return added;
}

Failure leak_failure(const TestInfo& test, const std::vector<Leak>& leaks, const DescribeFrames& describe) {
  std::vector<const Leak*> ordered;
  for (const Leak& leak : leaks) ordered.push_back(&leak);
  std::ranges::stable_partition(ordered, [](const Leak* leak) { return leak->direct; });
  std::size_t bytes = 0;
  std::size_t objects = 0;
  for (const Leak& leak : leaks) {
    bytes += leak.bytes;
    objects += leak.objects;
  }
  Failure failure{
      .where = test.where,
      .phase = "test",
      .headline = fmt::format("leaked {} in {} (LeakSanitizer)", plural(bytes, "byte"), plural(objects, "allocation"))};
  for (std::size_t index = 0; index < ordered.size() && index < max_leaks_shown; ++index) {
    const Leak& leak = *ordered[index];
    const std::string trace = describe(leak.frames);
    if (index == 0) {
      if (Location where = leak.allocated_at.file.empty() ? first_place(trace) : leak.allocated_at; !where.file.empty())
        failure.where = std::move(where);
    }
    failure.details +=
        fmt::format("{}{} leak of {} in {}, allocated at:{}", index ? "\n" : "", leak.direct ? "direct" : "indirect",
                    plural(leak.bytes, "byte"), plural(leak.objects, "object"),
                    indented(trace.empty() ? "(no frame in the test's code)" : trace));
  }
  if (ordered.size() > max_leaks_shown)
    failure.details += fmt::format("\n... and {} more", plural(ordered.size() - max_leaks_shown, "leak"));
  failure.details += "\nmemory the test allocated and did not free; the whole report is in its stderr";
  return failure;
}

Failure memory_error_failure(const TestInfo& test, std::string_view report, const DescribeFrames& describe) {
  Failure failure{.where = test.where, .phase = "test", .headline = "AddressSanitizer reported an error"};
  const std::vector<std::string> lines = split_lines(report);
  std::size_t at = 0;
  while (at < lines.size()) {
    const std::string_view line = lines[at++];
    if (const auto error = line.find("ERROR: AddressSanitizer: "); error != std::string_view::npos) {
      std::string_view headline = trimmed(line.substr(error + 7));
      headline = headline.substr(0, headline.find(" at pc "));
      if (headline.ends_with(':')) headline.remove_suffix(1);
      failure.headline = std::string(headline);
      break;
    }
  }
  // The access ("READ of size 4 at 0x... thread T0") and its stack, then what the report says of the memory (where
  // it was freed, allocated), each with its stack, up to the summary.
  bool access_stack_seen = false;
  Location access_place;
  while (at < lines.size()) {
    const std::string_view line = trimmed(lines[at]);
    if (line.starts_with("SUMMARY:") || line.starts_with("Shadow bytes")) break;
    if (!is_frame_line(line)) {
      if (!is_noise(line)) failure.details += fmt::format("{}{}", failure.details.empty() ? "" : "\n", line);
      ++at;
      continue;
    }
    const std::size_t first_frame = at;
    const std::string trace = describe(frames_from(lines, at));
    if (!access_stack_seen) {
      access_stack_seen = true;
      failure.stacktrace = trace;
      access_place = first_code_place(std::span(lines).subspan(first_frame, at - first_frame));
    } else if (!trace.empty()) {
      failure.details += indented(trace);
    }
  }
  if (access_place.file.empty()) access_place = first_place(failure.stacktrace);
  if (!access_place.file.empty()) failure.where = std::move(access_place);
  failure.details += fmt::format("{}the whole report is in the test's stderr", failure.details.empty() ? "" : "\n");
  return failure;
}

bool is_deadly_signal_report(std::string_view report) {
  constexpr std::string_view error = "ERROR: AddressSanitizer: ";
  const auto at = report.find(error);
  if (at == std::string_view::npos) return false;
  const std::string_view kind = report.substr(at + error.size());
  for (const std::string_view signal : {"SEGV ", "BUS ", "FPE ", "ILL ", "ABRT ", "TRAP ", "stack-overflow "})
    if (kind.starts_with(signal)) return true;
  return false;
}

Failure summary_failure(const TestInfo& test, std::string_view summary) {
  summary = trimmed(summary);
  if (summary.starts_with("SUMMARY: ")) summary.remove_prefix(9);
  Failure failure{.where = test.where, .phase = "test", .headline = std::string(summary)};
  // "ThreadSanitizer: data race /src/a.cpp:12 in f": the kind, the place, the function.
  const auto place_at = summary.find(" /");
  if (place_at == std::string_view::npos) return failure;
  failure.headline = std::string(summary.substr(0, place_at));
  const std::string_view rest = summary.substr(place_at + 1);
  if (Location where = location_at_end(rest.substr(0, rest.find(' '))); !where.file.empty())
    failure.where = std::move(where);
  failure.details = fmt::format("at {}\nthe whole report is in the test's stderr", rest);
  return failure;
}

}  // namespace testkit::detail
