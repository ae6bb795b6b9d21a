#include <testkit/run/result_cache.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <testkit/report/json_reader.hpp>
#include <testkit/report/report_files.hpp>

namespace testkit {
namespace {

using Json = nlohmann::json;

constexpr std::string_view schema = "testkit-cache";
constexpr int version = 1;

CachedResult cached_result_of(const Json& entry) {
  if (!entry.is_object()) throw std::invalid_argument("an entry is not an object");
  const std::optional<Verdict> verdict = verdict_named(entry.at("verdict").get<std::string>());
  if (!verdict) throw std::invalid_argument("an entry has an unknown verdict");
  const double seconds = entry.at("duration_s").get<double>();
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 1e9)
    throw std::invalid_argument("an entry has a duration that is not a number of seconds");
  return {.verdict = *verdict, .duration = std::chrono::nanoseconds(std::llround(seconds * 1e9))};
}

// Holds an exclusive flock on a directory while alive (a lock file would be one more file to leave behind); does
// nothing when the directory cannot be opened (the update then runs unlocked, and the write says what is wrong).
class DirectoryLock {
 public:
  explicit DirectoryLock(const std::filesystem::path& dir)
      : fd_(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0)
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
  }
  ~DirectoryLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the lock
  }
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  int fd_;
};

}  // namespace

std::filesystem::path cache_file_of(const CacheSettings& settings, const std::filesystem::path& binary) {
  const std::filesystem::path dir =
      settings.dir.empty() ? binary.parent_path() / ".testkit" : std::filesystem::path(settings.dir);
  return dir / (binary.filename().string() + ".json");
}

std::string render_result_cache(const ResultCache& cache) {
  Json tests = Json::object();
  for (const auto& [name, result] : cache)
    tests[name] = {{"verdict", to_string(result.verdict)},
                   {"duration_s", std::chrono::duration<double>(result.duration).count()}};
  const Json document = {{"schema", schema}, {"version", version}, {"tests", std::move(tests)}};
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

ResultCache parse_result_cache(std::string_view text) {
  try {
    const Json document = Json::parse(text);
    if (!document.is_object() || document.value("schema", "") != schema)
      throw std::invalid_argument("not a testkit-cache document");
    if (document.at("version").get<int>() != version) throw std::invalid_argument("an unknown version");
    const Json& tests = document.at("tests");
    if (!tests.is_object()) throw std::invalid_argument("its tests are not an object");
    ResultCache cache;
    for (const auto& [name, entry] : tests.items()) cache.emplace(name, cached_result_of(entry));
    return cache;
  } catch (const Json::exception& error) {
    throw std::invalid_argument(error.what());
  }
}

ResultCache read_result_cache(const std::filesystem::path& file, std::string& warning) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int why = errno;
    if (why != ENOENT) warning = fmt::format("cannot read the result cache {}: {}", file.string(), std::strerror(why));
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_result_cache(std::move(text).str());
  } catch (const std::invalid_argument& error) {
    warning = fmt::format("ignoring the result cache {}, which is not one ({})", file.string(), error.what());
    return {};
  }
}

void record_run(ResultCache& cache, const RunResult& run) {
  std::map<std::string, CachedResult, std::less<>> ran;
  for (const TestResult& result : run.results) {
    const auto [entry, first] =
        ran.try_emplace(result.test->full_name(), CachedResult{result.verdict, result.duration});
    if (first) continue;
    CachedResult& kept = entry->second;
    if (!kept.failed()) kept.verdict = result.verdict;
    kept.duration = std::max(kept.duration, result.duration);
  }
  for (auto& [name, result] : ran) cache.insert_or_assign(name, result);
}

std::string update_result_cache(const std::filesystem::path& file, const RunResult& run) {
  const auto cannot = [&](const std::string& why) {
    return fmt::format("cannot write the result cache {}: {}", file.string(), why);
  };
  std::error_code error;
  if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path(), error);
  if (error) return cannot(error.message());
  const DirectoryLock lock(file.parent_path());
  std::string ignored;  // a file that is not a cache was reported when the run read it
  ResultCache cache = read_result_cache(file, ignored);
  record_run(cache, run);
  try {
    write_report_file(file.string(), render_result_cache(cache));
  } catch (const std::exception& failure) {
    return cannot(failure.what());
  }
  return {};
}

}  // namespace testkit
