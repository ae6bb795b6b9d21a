#include <testkit/run/result_cache.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <testkit/report/json_reader.hpp>
#include <testkit/report/report_files.hpp>

namespace testkit {
namespace {

using Json = nlohmann::json;

constexpr std::string_view schema = "testkit-cache";
constexpr int version = 1;

// Reads a cache document as nlohmann's parser walks it, without building the document: a cache holds an entry per
// test, and a run of 10,000 short tests would otherwise spend more time on it than on the tests. Anything that is
// not a cache ends the walk with `problem` set; fields it does not know are skipped.
class CacheReader final : public nlohmann::json_sax<Json> {
 public:
  ResultCache cache;
  std::string problem;
  bool saw_schema = false, saw_version = false;

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t value) override {
    if (value >= 0) return number(static_cast<std::uint64_t>(value));
    return in_entry() ? fail("a negative duration") : scalar();
  }
  bool number_unsigned(number_unsigned_t value) override { return number(value); }
  bool number_float(number_float_t, const string_t&) override {
    return in_entry() ? fail("a duration that is not a whole number of microseconds") : scalar();
  }
  bool string(string_t& value) override {
    if (depth_ == 1 && key_ == "schema") {
      saw_schema = value == schema;
      return saw_schema || fail("another schema");
    }
    if (!in_entry() || index_++ != 0) return scalar();
    const std::optional<Verdict> verdict = verdict_named(value);
    if (!verdict) return fail("an unknown verdict");
    entry_.verdict = *verdict;
    has_verdict_ = true;
    return true;
  }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override {
    if (in_entry()) {
      if (!has_verdict_ || !has_duration_) return fail("an entry without its verdict and duration");
      cache.insert_or_assign(std::move(name_), entry_);
    }
    return close();
  }
  bool key(string_t& value) override {
    if (depth_ == 2 && in_tests_)
      name_ = std::move(value);
    else if (depth_ == 1)
      key_ = std::move(value);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override {
    return fail(error.what());
  }

 private:
  // In [verdict, microseconds]: an entry of the tests object.
  [[nodiscard]] bool in_entry() const { return depth_ == 3 && in_tests_ && entry_open_; }

  bool number(std::uint64_t value) {
    if (depth_ == 1 && key_ == "version") {
      saw_version = value == version;
      return saw_version || fail("an unknown version");
    }
    if (!in_entry() || index_++ != 1) return scalar();
    if (value > std::uint64_t{1} << 50) return fail("a duration beyond reason");
    entry_.duration = std::chrono::microseconds(value);
    has_duration_ = true;
    return true;
  }
  bool scalar() { return depth_ == 2 && in_tests_ ? fail("an entry that is not [verdict, microseconds]") : true; }
  bool open(bool array) {
    if (depth_ == 0 && array) return fail("not an object");
    if (depth_ == 1 && key_ == "tests") {
      if (array) return fail("its tests are not an object");
      in_tests_ = true;
    }
    if (depth_ == 2 && in_tests_) {
      if (!array) return fail("an entry that is not [verdict, microseconds]");
      entry_open_ = true;
      index_ = 0;
      has_verdict_ = has_duration_ = false;
    }
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    if (depth_ == 2) entry_open_ = false;
    if (depth_ == 1) in_tests_ = false;
    return true;
  }
  bool fail(std::string what) {
    problem = std::move(what);
    return false;
  }

  std::size_t depth_ = 0;
  std::string key_;   // the top-level key being read
  std::string name_;  // the test whose entry is being read
  bool in_tests_ = false, entry_open_ = false, has_verdict_ = false, has_duration_ = false;
  std::size_t index_ = 0;  // of the next value in the entry
  CachedResult entry_{};
};

// `text` as a JSON string. Test names are identifiers, '.' and '/': the rare name that is not is escaped by nlohmann
// (invalid UTF-8 replaced).
void append_json_string(std::string& out, std::string_view text) {
  const bool plain = std::ranges::all_of(text, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
  });
  if (plain) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

// Holds an exclusive flock on a directory while alive (a lock file would be one more file to leave behind). Waits
// for it at most `patience`: runs that end together hold it for a millisecond each, but a process a test left behind
// could hold it for ever. Does nothing when the directory cannot be opened or locked (the update then runs unlocked,
// and the write says what is wrong).
class DirectoryLock {
 public:
  DirectoryLock(const std::filesystem::path& dir, std::chrono::milliseconds patience)
      : fd_(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ < 0) return;
    const auto give_up = std::chrono::steady_clock::now() + patience;
    // Short pauses: a run waiting behind another should not end much later than the lock is free.
    auto pause = std::chrono::microseconds(50);
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EINTR) continue;
      if (errno != EWOULDBLOCK) return;
      if (std::chrono::steady_clock::now() >= give_up) {
        timed_out_ = true;
        return;
      }
      std::this_thread::sleep_for(pause);
      pause = std::min<std::chrono::microseconds>(pause * 2, std::chrono::milliseconds(1));
    }
  }
  ~DirectoryLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the lock
  }
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

  /// True when another process held the lock for longer than the patience given.
  [[nodiscard]] bool timed_out() const { return timed_out_; }

 private:
  int fd_;
  bool timed_out_ = false;
};

// The cache's text around its entries; an entry is its head, the duration in microseconds and ']'.
const std::string& text_before_entries() {
  static const std::string text = fmt::format("{{\"schema\": \"{}\", \"version\": {}, \"tests\": {{", schema, version);
  return text;
}
constexpr std::string_view text_after_entries = "\n}}\n";

// `"Suite.name": ["verdict", `: an entry up to its duration.
void append_entry_head(std::string& out, std::string_view name, Verdict verdict) {
  append_json_string(out, name);
  out += ": [\"";
  out += to_string(verdict);
  out += "\", ";
}

// The text of the regular file `file`; nullopt when there is no such file, or when it cannot be read, with `problem`
// saying why (a file larger than any real suite's cache, of a million tests, is not read; neither is a FIFO, whose
// reading would wait for a writer).
std::optional<std::string> text_of(const std::filesystem::path& file, std::string& problem) {
  constexpr std::size_t largest = std::size_t{64} << 20;
  const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) problem = std::strerror(errno);
    return std::nullopt;
  }
  struct stat status {};
  if (::fstat(fd, &status) != 0)
    problem = std::strerror(errno);
  else if (!S_ISREG(status.st_mode))
    problem = "it is not a regular file";
  else if (static_cast<std::uintmax_t>(status.st_size) > largest)
    problem = "it is larger than 64 MiB";
  std::string text;
  std::array<char, 16384> buffer;
  while (problem.empty()) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got == 0) break;
    if (got < 0 && errno != EINTR) problem = std::strerror(errno);
    if (got > 0) text.append(buffer.data(), static_cast<std::size_t>(got));
    if (text.size() > largest) problem = "it is larger than 64 MiB";
  }
  ::close(fd);
  if (!problem.empty()) return std::nullopt;
  return text;
}

// render_result_cache of `entries`: (name, CachedResult) pairs sorted by name, as ResultCache and RunRecord hold them.
template <class Entries> std::string render_entries(const Entries& entries) {
  // Written by hand, one test a line, for the same reason as CacheReader.
  std::string out = text_before_entries();
  out.reserve(out.size() + entries.size() * 48);
  const char* separator = "\n";
  for (const auto& [name, result] : entries) {
    out += separator;
    append_entry_head(out, name, result.verdict);
    out += std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(result.duration).count());
    out += ']';
    separator = ",\n";
  }
  out += text_after_entries;
  return out;
}

// holds_within_noise of `entries`: (name, CachedResult) pairs sorted by name, as ResultCache and RunRecord hold them.
template <class Entries> bool entries_hold(std::string_view text, const Entries& entries) {
  const auto take = [&text](std::string_view part) {
    if (!text.starts_with(part)) return false;
    text.remove_prefix(part.size());
    return true;
  };
  if (!take(text_before_entries())) return false;
  std::string expected;
  const char* separator = "\n";
  for (const auto& [name, result] : entries) {
    expected = separator;
    append_entry_head(expected, name, result.verdict);
    if (!take(expected)) return false;
    std::int64_t microseconds = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), microseconds);
    if (error != std::errc{} || microseconds < 0) return false;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    if (!take("]") || !is_run_to_run_noise(std::chrono::microseconds(microseconds), result.duration)) return false;
    separator = ",\n";
  }
  return take(text_after_entries) && text.empty();
}

// One test's entry as a run records it: its full name (within RunRecord::names) and result.
struct RecordedEntry {
  std::string_view name;
  CachedResult result;
};

// What a run records, sorted by name as the file is, built without a string or a tree node per test (a map of
// 10,000 names cost a tenth of an in-process run of trivial tests).
struct RunRecord {
  std::unique_ptr<char[]> names;         // every full name, one after the other
  std::vector<RecordedEntry> entries{};  // a repeated test's runs add up in one entry
};

RunRecord record_of(const RunResult& run) {
  std::size_t length = 0;
  for (const TestResult& result : run.results)
    result.test->full_name_parts([&length](std::string_view part) { length += part.size(); });
  RunRecord record{.names = std::make_unique_for_overwrite<char[]>(length)};
  record.entries.reserve(run.results.size());
  char* next = record.names.get();
  for (const TestResult& result : run.results) {
    char* const name = next;
    result.test->full_name_parts([&next](std::string_view part) { next = std::ranges::copy(part, next).out; });
    record.entries.push_back({{name, next}, {result.verdict, result.duration}});
  }
  std::ranges::stable_sort(record.entries, {}, &RecordedEntry::name);  // a test's runs stay in the order they ended
  // A test that ran several times (--repeat) counts as failed if any run failed, with its longest run.
  std::vector<RecordedEntry>& entries = record.entries;
  std::size_t kept = 0;
  for (std::size_t index = 1; index < entries.size(); ++index) {
    if (entries[index].name != entries[kept].name) {
      entries[++kept] = entries[index];
      continue;
    }
    CachedResult& into = entries[kept].result;
    if (!into.failed()) into.verdict = entries[index].result.verdict;
    into.duration = std::max(into.duration, entries[index].result.duration);
  }
  entries.resize(std::min(entries.size(), kept + 1));
  return record;
}

// Puts the entries of `record` into `cache`, in place of the earlier entries of their tests.
void add_record(ResultCache& cache, const RunRecord& record) {
  for (const auto& [name, result] : record.entries) cache.insert_or_assign(std::string(name), result);
}

}  // namespace

std::filesystem::path cache_file_of(const CacheSettings& settings, const std::filesystem::path& binary) {
  const std::filesystem::path dir =
      settings.dir.empty() ? binary.parent_path() / ".testkit" : std::filesystem::path(settings.dir);
  return dir / (binary.filename().string() + ".json");
}

std::string render_result_cache(const ResultCache& cache) { return render_entries(cache); }

bool is_run_to_run_noise(std::chrono::nanoseconds recorded, std::chrono::nanoseconds now) {
  const std::chrono::nanoseconds difference = now > recorded ? now - recorded : recorded - now;
  return difference <= std::max<std::chrono::nanoseconds>(recorded / 4, std::chrono::milliseconds(1));
}

bool holds_within_noise(std::string_view text, const ResultCache& cache) { return entries_hold(text, cache); }

ResultCache parse_result_cache(std::string_view text) {
  CacheReader reader;
  const bool parsed = Json::sax_parse(text, &reader);
  if (!parsed) throw std::invalid_argument(reader.problem.empty() ? "not JSON" : reader.problem);
  if (!reader.saw_schema) throw std::invalid_argument("not a testkit-cache document");
  if (!reader.saw_version) throw std::invalid_argument("no version");
  return std::move(reader.cache);
}

ResultCache read_result_cache(const std::filesystem::path& file, std::string& warning) {
  std::string problem;
  const std::optional<std::string> text = text_of(file, problem);
  if (!text) {
    if (!problem.empty()) warning = fmt::format("cannot read the result cache {}: {}", file.string(), problem);
    return {};
  }
  try {
    return parse_result_cache(*text);
  } catch (const std::invalid_argument& problem) {
    warning = fmt::format("ignoring the result cache {}, which is not one ({})", file.string(), problem.what());
    return {};
  }
}

std::size_t record_run(ResultCache& cache, const RunResult& run) {
  const RunRecord record = record_of(run);
  add_record(cache, record);
  return record.entries.size();
}

std::string update_result_cache(const std::filesystem::path& file, const RunResult& run, std::size_t registered,
                                std::chrono::milliseconds lock_patience) {
  const auto cannot = [&](const std::string& why) {
    return fmt::format("cannot write the result cache {}: {}", file.string(), why);
  };
  std::error_code error;
  const bool made = !file.parent_path().empty() && std::filesystem::create_directories(file.parent_path(), error);
  if (error) return cannot(error.message());
  // As pytest does for .pytest_cache: a cache made inside a source tree stays out of git.
  if (made) std::ofstream(file.parent_path() / ".gitignore") << "# The result cache of testkit's runs\n*\n";
  const DirectoryLock lock(file.parent_path(), lock_patience);
  if (lock.timed_out())
    return cannot(fmt::format("another process has held its directory locked for {} ms", lock_patience.count()));
  std::string unread;  // a missing or unreadable file counts as an empty cache, as does one that is not a cache
  const std::string text = text_of(file, unread).value_or("");
  // As pytest does with its last failures: a run that changes nothing writes nothing (no file created, exchanged
  // into place and removed), and the file keeps its time stamp. Parsing costs more than the rest together (a run of
  // 1,000 trivial tests: 4 of 6 M instructions): a run that replaces every entry that matters is compared with the
  // file, and written, as it is recorded, without parsing the file or building a cache.
  const RunRecord record = record_of(run);
  std::string rendered;
  if (record.entries.size() >= registered) {
    if (entries_hold(text, record.entries)) return {};
    rendered = render_entries(record.entries);
  } else {
    ResultCache cache;
    try {
      cache = parse_result_cache(text);
    } catch (const std::invalid_argument&) {
      // a file that is not a cache was reported when the run read it
    }
    add_record(cache, record);
    if (holds_within_noise(text, cache)) return {};
    rendered = render_result_cache(cache);
  }
  try {
    write_report_file(file.string(), rendered);
  } catch (const std::exception& failure) {
    return cannot(failure.what());
  }
  return {};
}

}  // namespace testkit
