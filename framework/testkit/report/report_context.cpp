#include <testkit/report/report_context.hpp>

#include <unistd.h>

#include <array>
#include <filesystem>

namespace testkit {

ReportContext ReportContext::now(std::string_view program, bool deterministic) {
  ReportContext context;
  context.program = std::filesystem::path(program).filename().string();
  if (context.program.empty()) context.program = "tests";
  context.deterministic = deterministic;
  context.started = std::chrono::system_clock::now();
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) == 0) context.hostname = host.data();
  return context;
}

}  // namespace testkit
