#include <testkit/run/settings.hpp>

#include <charconv>
#include <cstdio>
#include <random>
#include <utility>

namespace testkit {

std::optional<double> parse_timeout_scale(std::string_view text) {
  double factor = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), factor);
  if (error != std::errc{} || end != text.data() + text.size() || !(factor > 0 && factor <= 1000)) return std::nullopt;
  return factor;
}

ParsedSettings read_settings(int argc, const char* const* argv, const EnvironmentLookup& lookup,
                             std::vector<std::string> binaries) {
  ParsedSettings parsed = parse_command_line(argc, argv, std::move(binaries));
  if (!parsed.settings) return parsed;
  Settings& settings = *parsed.settings;
  std::string problem;
  const EnvironmentSettings environment = read_environment(lookup, problem);
  if (problem.empty()) problem = apply_environment(environment, argc > 0 ? argv[0] : "test", settings);
  if (!problem.empty()) {
    std::fprintf(stderr, "testkit: %s\n", problem.c_str());
    return {.exit_code = exit_code::usage_error};
  }
  // As in gtest, its listing shows every test whatever the shard: tools list once, then run each shard.
  if (settings.list_format == ListFormat::gtest) settings.shard = {};
  if (settings.shuffle && !settings.seed) settings.seed = std::random_device{}();
  return parsed;
}

}  // namespace testkit
