#include <testkit/report/report_files.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include <testkit/interpose/framework_io.hpp>
#include <testkit/report/gradescope.hpp>
#include <testkit/report/html.hpp>
#include <testkit/report/json.hpp>
#include <testkit/report/junit.hpp>
#include <testkit/report/tap.hpp>

namespace testkit {
namespace {

namespace fs = std::filesystem;

// The process umask, read once. umask() can only be read by setting it, so this runs at start-up, from
// check_report_paths, before any test thread could create a file in between.
mode_t process_umask() {
  static const mode_t mask = [] {
    const mode_t old = ::umask(022);
    ::umask(old);
    return old;
  }();
  return mask;
}

struct NamedReport {
  std::string_view format;
  const std::string* path;
  std::string (*render)(const RunResult&, const ReportContext&);
};

std::vector<NamedReport> file_reports(const ReportPaths& paths) {
  std::vector<NamedReport> reports;
  const auto add = [&](std::string_view format, const std::string& path, auto render) {
    if (!path.empty()) reports.push_back({format, &path, render});
  };
  add("JUnit XML", paths.junit_xml, &render_junit);
  add("TAP", paths.tap, &render_tap);
  add("JSON", paths.json, &render_json);
  add("Gradescope", paths.gradescope, &render_gradescope);
  add("HTML", paths.html, &render_html);
  return reports;
}

fs::path directory_of(const std::string& path) {
  fs::path directory = fs::path(path).parent_path();
  return directory.empty() ? fs::path(".") : directory;
}

// Creates the empty temporary file that a report is written to before it is renamed to `path`, in the same
// directory; returns its descriptor (and its name in `temporary`), or -1 with errno set.
int create_temporary_next_to(const std::string& path, std::string& temporary) {
  temporary = (directory_of(path) / ("." + fs::path(path).filename().string() + ".XXXXXX")).string();
  return ::mkostemp(temporary.data(), O_CLOEXEC);
}

// Puts the file `temporary` in the place of `path` atomically: a reader sees the old file or the new one, never
// neither. Returns false with errno set when it cannot. ext4 starts writing a file's data out when a rename replaces
// another file (auto_da_alloc), which makes a rename over an existing file cost a run half a millisecond of system
// time: an existing regular file is exchanged with the new one instead (renameat2 RENAME_EXCHANGE), which ext4 does
// not flush, and the old one, now at the temporary name, is removed. (A power cut right after a run may then leave
// an empty file, which the result cache reads as no cache and every report reader as a broken report of an
// unfinished run.)
bool replace_with(const std::string& temporary, const std::string& path) {
  struct stat existing;
  if (::lstat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
    if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) == 0) {
      ::unlink(temporary.c_str());
      return true;
    }
    // Not every filesystem can exchange (EINVAL): a plain rename then.
  }
  return ::rename(temporary.c_str(), path.c_str()) == 0;
}

std::string check_one(const std::string& path) {
  std::error_code error;
  if (path.ends_with('/') || fs::is_directory(path, error)) return "it is a directory";
  const fs::path directory = directory_of(path);
  if (!fs::exists(directory, error)) return fmt::format("directory '{}' does not exist", directory.string());
  if (!fs::is_directory(directory, error)) return fmt::format("'{}' is not a directory", directory.string());
  // A report replaces its file by renaming a new one onto it: that would replace a device (/dev/null, /dev/stdout)
  // or a pipe with a regular file, which is never what was meant.
  if (fs::exists(path, error) && !fs::is_regular_file(path, error))
    return "it is not a regular file (a report replaces its file, it does not write into it)";
  // Creating the file the report will be written to is the only test that counts: access(2) passes where creation
  // fails (/proc for root; mounts and Landlock rules it does not ask).
  std::string temporary;
  const int fd = create_temporary_next_to(path, temporary);
  if (fd < 0) return fmt::format("cannot create files in '{}': {}", directory.string(), std::strerror(errno));
  ::close(fd);
  ::unlink(temporary.c_str());
  return {};
}

}  // namespace

std::string check_report_paths(const ReportPaths& paths) {
  static_cast<void>(process_umask());
  const std::vector<NamedReport> reports = file_reports(paths);
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const NamedReport& report = reports[i];
    if (const std::string problem = check_one(*report.path); !problem.empty())
      return fmt::format("cannot write the {} report to '{}': {}", report.format, *report.path, problem);
    for (std::size_t j = 0; j < i; ++j)
      if (fs::weakly_canonical(*reports[j].path) == fs::weakly_canonical(*report.path))
        return fmt::format("the {} and {} reports would both be written to '{}'", reports[j].format, report.format,
                           *report.path);
  }
  return {};
}

void write_report_file(const std::string& path, std::string_view text) {
  std::string temporary;
  const int fd = create_temporary_next_to(path, temporary);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot create a file next to " + path);
  try {
    if (!detail::write_all(fd, text)) throw std::system_error(errno, std::generic_category(), "write");
    if (::fchmod(fd, 0666 & ~process_umask()) != 0) throw std::system_error(errno, std::generic_category(), "fchmod");
    if (::close(fd) != 0) throw std::system_error(errno, std::generic_category(), "close");
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  if (!replace_with(temporary, path)) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw std::system_error(error, std::generic_category(), "cannot rename a file to " + path);
  }
}

ReportWriter::ReportWriter(ReportPaths paths, ReportContext context)
    : paths_(std::move(paths)), context_(std::move(context)) {}

void ReportWriter::on(const RunStarted& event) {
  // A run that dies before its first test ends still leaves (empty) reports behind.
  partial_ = {};
  partial_.results.reserve(event.plan.size());
  started_ = std::chrono::steady_clock::now();
  spent_ = {};
  dirty_ = true;
  write_if_due();
}

void ReportWriter::on(const TestStarted&) { write_if_due(); }

void ReportWriter::on(const TestEnded& event) {
  partial_.results.push_back(event.result);
  dirty_ = true;
  write_if_due();
}

void ReportWriter::on(const RunEnded& event) { write_files(event.run, true); }

bool ReportWriter::within_rewrite_budget(std::size_t finished, std::chrono::nanoseconds spent,
                                         std::chrono::nanoseconds elapsed) {
  constexpr std::size_t always_rewritten = 100;
  constexpr std::chrono::milliseconds allowance{250};
  return (finished <= always_rewritten && spent <= allowance) || spent <= elapsed / 20;
}

void ReportWriter::write_if_due() {
  const auto start = std::chrono::steady_clock::now();
  if (!dirty_ || !within_rewrite_budget(partial_.results.size(), spent_, start - started_)) return;
  write_files(partial_, false);
  dirty_ = false;
  spent_ += std::chrono::steady_clock::now() - start;
}

void ReportWriter::write_files(const RunResult& run, bool final) {
  for (const NamedReport& report : file_reports(paths_)) {
    try {
      write_report_file(*report.path, report.render(run, context_));
    } catch (const std::exception& error) {
      // A rewrite during the run may fail for a moment (a full disk); only the final write must succeed.
      if (final) errors_.push_back(fmt::format("cannot write the {} report: {}", report.format, error.what()));
    }
  }
  if (final && paths_.tap_stdout) {
    std::fputs(render_tap(run, context_).c_str(), stdout);
    std::fflush(stdout);
  }
}

}  // namespace testkit
