#include <testkit/run/environment.hpp>

#include <stdlib.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include <testkit/run/filter.hpp>
#include <testkit/run/report_options.hpp>
#include <testkit/run/settings.hpp>

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

// A colour variable that is set to something other than `off` ("" and "0" are "not set" for some of them).
bool set_and_not(const EnvironmentLookup& lookup, const char* name, std::string_view off) {
  const char* value = lookup(name);
  return value != nullptr && *value != '\0' && value != off;
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
    error = fmt::format(
        "{}={} and {}={} do not name a shard: the count must be at least 1 and the index a whole "
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
  if (!settings.shard && error.empty())
    settings.shard = read_shard(lookup, "TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS", error);
  settings.filter = value_of(lookup, "TESTBRIDGE_TEST_ONLY");
  settings.gtest_output = value_of(lookup, "GTEST_OUTPUT");
  settings.xml_output_file = value_of(lookup, "XML_OUTPUT_FILE");
  settings.color = {.no_color = set_and_not(lookup, "NO_COLOR", ""),
                    .force = set_and_not(lookup, "CLICOLOR_FORCE", "0") || set_and_not(lookup, "FORCE_COLOR", "0"),
                    .dumb_terminal = value_of(lookup, "TERM") == "dumb"};
  settings.run.shard_status_file = value_of(lookup, "GTEST_SHARD_STATUS_FILE");
  if (settings.run.shard_status_file.empty())
    settings.run.shard_status_file = value_of(lookup, "TEST_SHARD_STATUS_FILE");
  settings.run.premature_exit_file = value_of(lookup, "TEST_PREMATURE_EXIT_FILE");
  settings.run.temp_dir = value_of(lookup, "TEST_TMPDIR");
  settings.tmpdir = value_of(lookup, "TMPDIR");
  settings.timeout_scale = value_of(lookup, "TESTKIT_TIMEOUT_SCALE");
  settings.cache_dir = value_of(lookup, "TESTKIT_CACHE_DIR");
  for (const char* name : {"ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"})
    if (const char* value = lookup(name)) settings.sanitizer_options.emplace_back(name, value);
  return settings;
}

const char* process_environment(const char* name) { return std::getenv(name); }

std::string apply_environment(const EnvironmentSettings& environment, std::string_view program, Settings& settings) {
  if (settings.filter.empty()) {
    settings.filter = environment.filter;
    if (std::string problem = filter_problem(settings.filter, settings.binaries); !problem.empty())
      return "TESTBRIDGE_TEST_ONLY: " + problem;
  }
  if (environment.shard) settings.shard = *environment.shard;
  if (!settings.timeout_scale && !environment.timeout_scale.empty() &&
      !(settings.timeout_scale = parse_timeout_scale(environment.timeout_scale)))
    return "TESTKIT_TIMEOUT_SCALE takes a factor above 0 and up to 1000, not '" + environment.timeout_scale + "'";
  settings.color_environment = environment.color;
  settings.run_environment = environment.run;
  settings.execution.sandbox.kept_environment = environment.sanitizer_options;
  if (settings.cache.dir.empty()) settings.cache.dir = environment.cache_dir;
  // What TMPDIR will be once prepare_environment has run: the tests' TMPDIR, where tmp_path() makes directories.
  const std::string tmp_root = !environment.tmpdir.empty()         ? environment.tmpdir
                               : !environment.run.temp_dir.empty() ? environment.run.temp_dir
                                                                   : settings.tmp_root;
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(tmp_root, error);
  settings.tmp_root = error ? tmp_root : absolute.string();
  // The JUnit path: --junit-xml, then --gtest_output, then GTEST_OUTPUT, then Bazel's XML_OUTPUT_FILE.
  std::string& junit = settings.reports.junit_xml;
  if (junit.empty() && !environment.gtest_output.empty()) {
    if (std::string problem = junit_path_of_gtest_output(environment.gtest_output, program, junit); !problem.empty())
      return "GTEST_OUTPUT " + problem;
  }
  if (junit.empty()) junit = environment.xml_output_file;
  return {};
}

void forget_test_selection() {
  for (const char* name :
       {"GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", "TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS", "TESTBRIDGE_TEST_ONLY"})
    ::unsetenv(name);
}

std::string prepare_environment(const RunEnvironment& run) {
  if (!run.temp_dir.empty()) ::setenv("TMPDIR", run.temp_dir.c_str(), /*overwrite=*/0);
  if (!run.shard_status_file.empty()) {
    std::FILE* status = std::fopen(run.shard_status_file.c_str(), "a");
    if (status == nullptr)
      return fmt::format("cannot create the shard status file {}: {}", run.shard_status_file, std::strerror(errno));
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
