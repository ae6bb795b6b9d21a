#include <testkit/run/environment.hpp>

#include <stdlib.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include <testkit/run/options.hpp>

namespace testkit {
namespace {

std::string value_of(const EnvironmentLookup& lookup, const char* name) {
  const char* value = lookup(name);
  return value != nullptr ? value : "";
}

// A whole number below 2^32, or nullopt.
std::optional<std::size_t> parse_count(std::string_view text) {
  std::size_t value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc{} || end != text.data() + text.size() || text.empty() || value > 0xffffffffu) return {};
  return value;
}

// The shard that the variables `index_name` and `count_name` give; neither set gives nullopt.
std::optional<Shard> read_shard(const EnvironmentLookup& lookup, const char* index_name, const char* count_name,
                                std::string& error) {
  const std::string index_text = value_of(lookup, index_name);
  const std::string count_text = value_of(lookup, count_name);
  if (index_text.empty() && count_text.empty()) return {};
  if (index_text.empty() || count_text.empty()) {
    error = fmt::format("{} is set but {} is not; set both or neither", index_text.empty() ? count_name : index_name,
                        index_text.empty() ? index_name : count_name);
    return {};
  }
  const std::optional<std::size_t> index = parse_count(index_text);
  const std::optional<std::size_t> count = parse_count(count_text);
  if (!index || !count || *count == 0 || *index >= *count) {
    error = fmt::format("{}={} and {}={} do not name a shard: the count must be at least 1 and the index a whole "
                        "number below it",
                        index_name, index_text, count_name, count_text);
    return {};
  }
  return Shard{.index = *index, .count = *count};
}

}  // namespace

EnvironmentSettings read_environment(const EnvironmentLookup& lookup, std::string& error) {
  EnvironmentSettings settings;
  // GoogleTest's names win over Bazel's: they are what a user sets by hand, Bazel sets its own for every test.
  settings.shard = read_shard(lookup, "GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", error);
  if (!settings.shard && error.empty()) settings.shard = read_shard(lookup, "TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS", error);
  settings.shard_status_file = value_of(lookup, "GTEST_SHARD_STATUS_FILE");
  if (settings.shard_status_file.empty()) settings.shard_status_file = value_of(lookup, "TEST_SHARD_STATUS_FILE");
  settings.filter = value_of(lookup, "TESTBRIDGE_TEST_ONLY");
  settings.premature_exit_file = value_of(lookup, "TEST_PREMATURE_EXIT_FILE");
  settings.temp_dir = value_of(lookup, "TEST_TMPDIR");
  return settings;
}

std::string apply_environment(const EnvironmentSettings& settings, Options& options) {
  if (options.filter.empty()) options.filter = settings.filter;
  if (settings.shard) options.shard = *settings.shard;
  if (!settings.temp_dir.empty()) ::setenv("TMPDIR", settings.temp_dir.c_str(), /*overwrite=*/0);
  if (!settings.shard_status_file.empty()) {
    std::FILE* status = std::fopen(settings.shard_status_file.c_str(), "a");
    if (status == nullptr)
      return fmt::format("cannot create the shard status file {}: {}", settings.shard_status_file, std::strerror(errno));
    std::fclose(status);
  }
  return {};
}

PrematureExitFile::PrematureExitFile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) return;
  // Failing to create it is not worth stopping the run for: Bazel then only misses the premature-exit signal.
  if (std::FILE* file = std::fopen(path_.c_str(), "w")) std::fclose(file);
}

PrematureExitFile::~PrematureExitFile() {
  if (!path_.empty()) std::remove(path_.c_str());
}

}  // namespace testkit
