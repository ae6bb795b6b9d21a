#include <testkit/run/listing.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace testkit {

std::string format_listing(std::span<const TestInfo* const> plan) {
  std::string out;
  for (const TestInfo* test : plan) {
    const Metadata& meta = test->meta;
    std::vector<std::string> notes;
    if (!test->param.empty()) notes.push_back("param = " + test->param);
    if (!meta.tags.empty()) notes.push_back(fmt::format("tags: {}", fmt::join(meta.tags, ", ")));
    if (!meta.skip.empty()) notes.push_back("skip: " + meta.skip);
    if (!meta.xfail.empty()) notes.push_back("xfail: " + meta.xfail);
    if (meta.timeout.count() > 0) notes.push_back(fmt::format("timeout: {} ms", meta.timeout.count()));
    if (meta.points != 0) notes.push_back(fmt::format("points: {}", meta.points));
    out += test->full_name();
    if (!notes.empty()) out += fmt::format("  # {}", fmt::join(notes, "; "));
    out += '\n';
  }
  return out;
}

}  // namespace testkit
