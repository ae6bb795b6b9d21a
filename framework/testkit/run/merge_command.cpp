#include <testkit/run/merge_command.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <testkit/report/console.hpp>
#include <testkit/report/report_files.hpp>
#include <testkit/report/shard_merge.hpp>
#include <testkit/run/exit_code.hpp>
#include <testkit/run/report_options.hpp>

namespace testkit {
namespace {

int merge_error(const std::string& problem) {
  std::fprintf(stderr, "testkit-run --merge: %s\n", problem.c_str());
  return exit_code::usage_error;
}

// Reads each file into `shards`.
std::string read_shards(const std::vector<std::string>& paths, std::vector<ShardReport>& shards) {
  for (const std::string& path : paths) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return "cannot read " + path;
    const std::string text(std::istreambuf_iterator<char>(file), {});
    ShardReport& shard = shards.emplace_back();
    shard.path = path;
    if (std::string problem = read_json_report(text, shard.report); !problem.empty()) return path + ": " + problem;
  }
  return {};
}

}  // namespace

int run_merge(int argc, const char* const* argv) {
  CLI::App app(
      "testkit-run --merge: merges the JSON reports (--json) of every shard of a run into the reports of one run. "
      "Exit codes: 0 no test failed, 1 a test failed, 2 usage error or shards that do not make one run.",
      "testkit-run --merge");
  app.set_help_flag("-h,--help", "Print this help and exit");
  std::vector<std::string> inputs;
  app.add_option("reports", inputs, "The JSON reports of the shards, one per shard")
      ->required()
      ->type_name("SHARD.json");
  ReportArguments arguments;
  add_report_options(app, arguments);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return exit_code::success;
  } catch (const CLI::ParseError& error) {
    return merge_error(error.what());
  }
  ReportPaths paths;
  if (std::string problem = resolve_report_paths(arguments, "merged", paths); !problem.empty())
    return merge_error(problem);
  if (std::string problem = check_report_paths(paths); !problem.empty()) return merge_error(problem);
  std::vector<ShardReport> shards;
  if (std::string problem = read_shards(inputs, shards); !problem.empty()) return merge_error(problem);
  MergedRun merged;
  if (std::string problem = merge_shard_reports(shards, merged); !problem.empty()) return merge_error(problem);

  std::FILE* const console = paths.tap_stdout ? stderr : stdout;
  const Tally tally = merged.run.tally();
  std::fprintf(console, "Merged %zu shard%s of %s: %zu tests\n%s\n", shards.size(), shards.size() == 1 ? "" : "s",
               merged.context.program.c_str(), merged.run.results.size(), summary_line(tally).c_str());
  ReportWriter writer(paths, merged.context);
  writer.on(RunEnded{merged.run});
  for (const std::string& error : writer.errors()) std::fprintf(stderr, "testkit-run --merge: %s\n", error.c_str());
  const bool failed = tally.failed > 0 || merged.run.interrupted_by != 0 || !writer.errors().empty();
  return failed ? exit_code::tests_failed : exit_code::success;
}

}  // namespace testkit
