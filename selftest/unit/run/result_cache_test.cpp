// The result cache file: its JSON round trip, merging a run into earlier entries, what a corrupt or missing file
// gives, and the atomic, locked update.
#include <testkit/run/result_cache.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

using namespace std::chrono_literals;
using testkit::CachedResult;
using testkit::ResultCache;
using testkit::Verdict;

std::string contents(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write(const std::filesystem::path& file, const std::string& text) { std::ofstream(file) << text; }

/// Tests to point results at; a deque keeps them where they are.
const std::deque<testkit::TestInfo>& tests() {
  static const std::deque<testkit::TestInfo> registered{
      {.suite = "A", .name = "slow"}, {.suite = "A", .name = "fails"}, {.suite = "B", .name = "new"}};
  return registered;
}

testkit::TestResult result(std::size_t test, Verdict verdict, std::chrono::nanoseconds duration) {
  return {.test = &tests()[test], .verdict = verdict, .duration = duration};
}

TK_TEST(ResultCache, render_then_parse_gives_the_same_cache) {
  const ResultCache cache{{"A.slow", {Verdict::passed, 1500ms}},
                          {"A.fails", {Verdict::crashed, 3ms}},
                          {"P.param/2", {Verdict::skipped, 0ns}}};
  const ResultCache back = testkit::parse_result_cache(testkit::render_result_cache(cache));
  TK_ASSERT_EQ(back.size(), cache.size());
  for (const auto& [name, cached] : cache) {
    TK_ASSERT(back.contains(name), "{} is lost", name);
    TK_EXPECT(back.at(name).verdict == cached.verdict, "{}", name);
    TK_EXPECT_EQ(back.at(name).duration.count(), cached.duration.count(), "{}", name);
  }
  TK_EXPECT(back.at("A.fails").failed());
  TK_EXPECT_FALSE(back.at("P.param/2").failed());
}

TK_TEST(ResultCache, a_quarter_or_a_millisecond_is_run_to_run_noise) {
  TK_EXPECT(testkit::is_run_to_run_noise(100ms, 124ms));
  TK_EXPECT(testkit::is_run_to_run_noise(100ms, 76ms));
  TK_EXPECT_FALSE(testkit::is_run_to_run_noise(100ms, 126ms));
  TK_EXPECT_FALSE(testkit::is_run_to_run_noise(100ms, 74ms));
  TK_EXPECT(testkit::is_run_to_run_noise(0ns, 1ms));
  TK_EXPECT(testkit::is_run_to_run_noise(20us, 900us));
  TK_EXPECT_FALSE(testkit::is_run_to_run_noise(20us, 1100us));
  TK_EXPECT(testkit::is_run_to_run_noise(10s, 12'500ms));
  TK_EXPECT_FALSE(testkit::is_run_to_run_noise(10s, 12'600ms));
}

TK_TEST(ResultCache, a_text_holds_a_cache_whose_verdicts_and_names_it_has_and_durations_within_noise) {
  const ResultCache cache{{"A.slow", {Verdict::passed, 1500ms}}, {"A.fails", {Verdict::failed, 3ms}}};
  const std::string text = testkit::render_result_cache(cache);
  TK_EXPECT(testkit::holds_within_noise(text, cache));
  TK_EXPECT(testkit::holds_within_noise(
      text, {{"A.slow", {Verdict::passed, 1700ms}}, {"A.fails", {Verdict::failed, 3500us}}}));
  TK_EXPECT_FALSE(
      testkit::holds_within_noise(text, {{"A.slow", {Verdict::passed, 2000ms}}, {"A.fails", {Verdict::failed, 3ms}}}));
  TK_EXPECT_FALSE(
      testkit::holds_within_noise(text, {{"A.slow", {Verdict::passed, 1500ms}}, {"A.fails", {Verdict::passed, 3ms}}}));
  TK_EXPECT_FALSE(testkit::holds_within_noise(text, {{"A.slow", {Verdict::passed, 1500ms}}}));
  TK_EXPECT_FALSE(testkit::holds_within_noise(
      text,
      {{"A.slow", {Verdict::passed, 1500ms}}, {"A.fails", {Verdict::failed, 3ms}}, {"B.new", {Verdict::passed, 1ms}}}));
  TK_EXPECT_FALSE(testkit::holds_within_noise("", cache));
  TK_EXPECT_FALSE(testkit::holds_within_noise(text + " ", cache));
  TK_EXPECT_FALSE(testkit::holds_within_noise(text.substr(0, text.size() - 1), cache));
  TK_EXPECT(testkit::holds_within_noise(testkit::render_result_cache({}), {}));
}

TK_TEST(ResultCache, the_file_says_what_it_is) {
  const std::string text = testkit::render_result_cache({{"A.slow", {Verdict::failed, 250ms}}});
  TK_EXPECT_CONTAINS(text, "\"schema\": \"testkit-cache\"");
  TK_EXPECT_CONTAINS(text, "\n\"A.slow\": [\"failed\", 250000]");
}

TK_TEST(ResultCache, what_is_not_a_cache_is_refused) {
  for (const char* text :
       {"", "{", "[]", "{\"schema\": \"testkit-report\", \"version\": 1, \"tests\": {}}",
        "{\"schema\": \"testkit-cache\", \"version\": 2, \"tests\": {}}",
        "{\"schema\": \"testkit-cache\", \"version\": 1, \"tests\": []}",
        "{\"schema\": \"testkit-cache\", \"version\": 1, \"tests\": {\"A.b\": [\"great\", 1]}}",
        "{\"schema\": \"testkit-cache\", \"version\": 1, \"tests\": {\"A.b\": [\"passed\", -1]}}",
        "{\"schema\": \"testkit-cache\", \"version\": 1, \"tests\": {\"A.b\": [\"passed\", 0.5]}}",
        "{\"schema\": \"testkit-cache\", \"version\": 1, \"tests\": {\"A.b\": [\"passed\"]}}",
        "{\"schema\": \"testkit-cache\", \"version\": 1, \"tests\": {\"A.b\": {}}}",
        "{\"schema\": \"testkit-cache\", \"version\": 1, \"tests\": {\"A.b\": 3}}", "{\"version\": 1, \"tests\": {}}"})
    TK_EXPECT_THROWS((void)testkit::parse_result_cache(text), std::invalid_argument, "{}", text);
}

TK_TEST(ResultCache, unknown_fields_are_skipped_and_odd_names_survive) {
  const ResultCache cache = testkit::parse_result_cache(
      "{\"note\": {\"a\": [1, -2, {\"b\": null}]}, \"schema\": \"testkit-cache\", \"tests\": "
      "{\"A.b\": [\"crashed\", 7, \"later\"]}, \"version\": 1, \"more\": -3.5}");
  TK_ASSERT_EQ(cache.size(), 1u);
  TK_EXPECT(cache.at("A.b").verdict == Verdict::crashed);
  TK_EXPECT_EQ(cache.at("A.b").duration, std::chrono::nanoseconds(7us));
  const ResultCache odd{{"Q.\"quoted\"\\/\n", {Verdict::passed, 1us}}};
  TK_EXPECT_EQ(testkit::parse_result_cache(testkit::render_result_cache(odd)).count("Q.\"quoted\"\\/\n"), 1u);
}

TK_TEST(ResultCache, a_run_replaces_the_entries_of_its_tests_and_keeps_the_others) {
  ResultCache cache{{"A.fails", {Verdict::failed, 10ms}}, {"Gone.test", {Verdict::timed_out, 2s}}};
  testkit::RunResult run;
  run.results = {result(0, Verdict::passed, 700ms), result(1, Verdict::passed, 20ms)};
  testkit::record_run(cache, run);
  TK_ASSERT_EQ(cache.size(), 3u);
  TK_EXPECT(cache.at("A.fails").verdict == Verdict::passed);
  TK_EXPECT_EQ(cache.at("A.fails").duration, std::chrono::nanoseconds(20ms));
  TK_EXPECT_EQ(cache.at("A.slow").duration, std::chrono::nanoseconds(700ms));
  TK_EXPECT(cache.at("Gone.test").verdict == Verdict::timed_out, "a test that did not run keeps its failure");
}

TK_TEST(ResultCache, a_repeated_test_failed_if_any_run_failed_and_took_its_longest) {
  ResultCache cache;
  testkit::RunResult run;
  run.results = {result(1, Verdict::passed, 5ms),   result(0, Verdict::passed, 700ms),
                 result(1, Verdict::crashed, 30ms), result(0, Verdict::failed, 600ms),
                 result(1, Verdict::passed, 9ms),   result(0, Verdict::timed_out, 650ms)};
  TK_EXPECT_EQ(testkit::record_run(cache, run), 2u);
  TK_ASSERT_EQ(cache.size(), 2u);
  TK_EXPECT(cache.at("A.fails").verdict == Verdict::crashed);
  TK_EXPECT_EQ(cache.at("A.fails").duration, std::chrono::nanoseconds(30ms));
  TK_EXPECT(cache.at("A.slow").verdict == Verdict::failed, "its first failure");
  TK_EXPECT_EQ(cache.at("A.slow").duration, std::chrono::nanoseconds(700ms));
}

TK_TEST(ResultCache, a_missing_file_is_an_empty_cache_without_a_word) {
  std::string warning;
  TK_EXPECT(testkit::read_result_cache(testkit::tmp_path() / "none.json", warning).empty());
  TK_EXPECT_EQ(warning, "");
}

TK_TEST(ResultCache, a_corrupt_file_is_an_empty_cache_with_a_one_line_warning) {
  const std::filesystem::path file = testkit::tmp_path() / "corrupt.json";
  write(file, "{\"schema\": \"testkit-cache\", \"version\": 1, \"tests\": {\"A.b\": ");
  std::string warning;
  TK_EXPECT(testkit::read_result_cache(file, warning).empty());
  TK_EXPECT_CONTAINS(warning, file.string());
  TK_EXPECT_EQ(warning.find('\n'), std::string::npos);
}

TK_TEST(ResultCache, an_unreadable_file_is_an_empty_cache_with_a_warning) {
  const std::filesystem::path dir = testkit::tmp_path() / "a_directory.json";
  std::filesystem::create_directory(dir);
  std::string warning;
  TK_EXPECT(testkit::read_result_cache(dir, warning).empty());
  TK_EXPECT_CONTAINS(warning, dir.string());
}

TK_TEST(ResultCache, a_file_larger_than_any_cache_is_not_read) {
  const std::filesystem::path file = testkit::tmp_path() / "binary.json";
  write(file, testkit::render_result_cache({{"A.slow", {Verdict::failed, 250ms}}}));
  std::filesystem::resize_file(file, std::uintmax_t{65} << 20);  // sparse: what a planted file could be
  std::string warning;
  TK_EXPECT(testkit::read_result_cache(file, warning).empty());
  TK_EXPECT_CONTAINS(warning, "larger than 64 MiB");
}

TK_TEST(ResultCache, a_fifo_in_the_place_of_the_file_is_neither_waited_for_nor_kept) {
  const std::filesystem::path file = testkit::tmp_path() / "binary.json";
  TK_ASSERT_EQ(::mkfifo(file.c_str(), 0600), 0);  // opening it to read would wait for a writer
  std::string warning;
  TK_EXPECT(testkit::read_result_cache(file, warning).empty());
  TK_EXPECT_CONTAINS(warning, "not a regular file");
  testkit::RunResult run;
  run.results = {result(0, Verdict::passed, 1ms)};
  TK_ASSERT_EQ(testkit::update_result_cache(file, run, tests().size()), "");
  TK_EXPECT(std::filesystem::is_regular_file(file));
  TK_EXPECT_EQ(testkit::read_result_cache(file, warning).size(), 1u);
}

TK_TEST(ResultCache, a_directory_locked_for_longer_than_the_patience_leaves_the_file_alone) {
  const std::filesystem::path file = testkit::tmp_path() / "binary.json";
  const int held = ::open(testkit::tmp_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  TK_ASSERT(held >= 0);
  TK_ASSERT_EQ(::flock(held, LOCK_EX), 0);  // as a process that a test left behind could hold it
  testkit::RunResult run;
  run.results = {result(0, Verdict::passed, 1ms)};
  const std::string problem = testkit::update_result_cache(file, run, tests().size(), 50ms);
  TK_EXPECT_CONTAINS(problem, "another process has held its directory locked for 50 ms");
  TK_EXPECT_CONTAINS(problem, file.string());
  TK_EXPECT_FALSE(std::filesystem::exists(file));
  ::close(held);
  TK_EXPECT_EQ(testkit::update_result_cache(file, run, tests().size(), 50ms), "");
  TK_EXPECT(std::filesystem::exists(file));
}

TK_TEST(ResultCache, update_creates_the_directory_and_merges_with_the_file) {
  const std::filesystem::path file = testkit::tmp_path() / "deep" / "er" / "binary.json";
  testkit::RunResult first;
  first.results = {result(1, Verdict::failed, 40ms)};
  TK_ASSERT_EQ(testkit::update_result_cache(file, first, tests().size()), "");
  testkit::RunResult second;
  second.results = {result(0, Verdict::passed, 900ms)};
  TK_ASSERT_EQ(testkit::update_result_cache(file, second, tests().size()), "");
  std::string warning;
  const ResultCache cache = testkit::read_result_cache(file, warning);
  TK_EXPECT_EQ(warning, "");
  TK_ASSERT_EQ(cache.size(), 2u);
  TK_EXPECT(cache.at("A.fails").failed(), "a filtered run must not forget another test's failure");
  TK_EXPECT_EQ(cache.at("A.slow").duration, std::chrono::nanoseconds(900ms));
  TK_EXPECT_EQ(contents(file.parent_path() / ".gitignore"), "# The result cache of testkit's runs\n*\n");
}

TK_TEST(ResultCache, update_replaces_the_file_by_rename_and_leaves_no_temporary) {
  const std::filesystem::path file = testkit::tmp_path() / "binary.json";
  write(file, "{\"schema\": \"testkit-cache\", \"version\": 1, \"tests\": {}}\n");
  const std::string before = contents(file);
  std::ifstream open_before(file);  // a reader that opened the old file keeps reading it: the file was not rewritten
  testkit::RunResult run;
  run.results = {result(2, Verdict::passed, 1ms)};
  TK_ASSERT_EQ(testkit::update_result_cache(file, run, tests().size()), "");
  TK_EXPECT_EQ(std::string(std::istreambuf_iterator<char>(open_before), {}), before);
  TK_EXPECT_CONTAINS(contents(file), "B.new");
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(testkit::tmp_path()))
    names.insert(entry.path().filename().string());
  TK_EXPECT_EQ(names, (std::set<std::string>{"binary.json"}));
}

TK_TEST(ResultCache, a_run_that_changes_nothing_a_schedule_uses_leaves_the_file_as_it_is) {
  const std::filesystem::path file = testkit::tmp_path() / "binary.json";
  const auto run_of = [](std::vector<testkit::TestResult> results) {
    testkit::RunResult run;
    run.results = std::move(results);
    return run;
  };
  const auto inode = [&] {
    struct stat status {};
    return ::stat(file.c_str(), &status) == 0 ? status.st_ino : ino_t{0};
  };
  TK_ASSERT_EQ(testkit::update_result_cache(file, run_of({result(0, Verdict::passed, 100ms)}), tests().size()), "");
  const std::string written = contents(file);
  const auto first = inode();
  // Again, a little slower: the same file, not rewritten.
  TK_ASSERT_EQ(testkit::update_result_cache(file, run_of({result(0, Verdict::passed, 110ms)}), tests().size()), "");
  TK_EXPECT_EQ(inode(), first);
  TK_EXPECT_EQ(contents(file), written);
  // Every registered test, the same as the file holds: not rewritten either.
  const auto whole = [&](Verdict verdict, std::chrono::nanoseconds duration) {
    return run_of({result(0, Verdict::passed, 100ms), result(1, verdict, duration), result(2, Verdict::passed, 0ns)});
  };
  TK_ASSERT_EQ(testkit::update_result_cache(file, whole(Verdict::passed, 5ms), tests().size()), "");
  const std::string all = contents(file);
  const auto second = inode();
  TK_EXPECT(second != first);
  TK_ASSERT_EQ(testkit::update_result_cache(file, whole(Verdict::passed, 5500us), tests().size()), "");
  TK_EXPECT_EQ(inode(), second);
  TK_EXPECT_EQ(contents(file), all);
  // A verdict that changed and a duration beyond the noise are written.
  TK_ASSERT_EQ(testkit::update_result_cache(file, whole(Verdict::failed, 5ms), tests().size()), "");
  TK_EXPECT_CONTAINS(contents(file), "\"A.fails\": [\"failed\", 5000]");
  TK_ASSERT_EQ(testkit::update_result_cache(file, whole(Verdict::failed, 9ms), tests().size()), "");
  TK_EXPECT_CONTAINS(contents(file), "\"A.fails\": [\"failed\", 9000]");
}

TK_TEST(ResultCache, updates_that_run_at_once_lose_no_test) {
  const std::filesystem::path file = testkit::tmp_path() / "binary.json";
  std::deque<testkit::TestInfo> many;
  for (int i = 0; i < 8; ++i) many.push_back({.suite = "Many", .name = "t" + std::to_string(i)});
  std::vector<std::string> problems(many.size());
  {
    std::vector<std::jthread> writers;
    for (std::size_t i = 0; i < many.size(); ++i)
      writers.emplace_back([&, i] {
        testkit::RunResult run;
        run.results = {{.test = &many[i], .verdict = Verdict::failed}};
        problems[i] = testkit::update_result_cache(file, run, many.size());
      });
  }
  for (const std::string& problem : problems) TK_EXPECT_EQ(problem, "");
  std::string warning;
  TK_EXPECT_EQ(testkit::read_result_cache(file, warning).size(), many.size());
}

TK_TEST(ResultCache, a_run_of_every_registered_test_drops_the_tests_that_no_longer_exist) {
  const std::filesystem::path file = testkit::tmp_path() / "binary.json";
  write(file,
        testkit::render_result_cache({{"Deleted.test", {Verdict::failed, 1ms}}, {"A.slow", {Verdict::failed, 1ms}}}));
  testkit::RunResult partial;
  partial.results = {result(0, Verdict::passed, 2ms), result(1, Verdict::passed, 2ms)};
  TK_ASSERT_EQ(testkit::update_result_cache(file, partial, tests().size()), "");
  std::string warning;
  TK_EXPECT(testkit::read_result_cache(file, warning).contains("Deleted.test"), "a partial run keeps every entry");
  testkit::RunResult whole;
  whole.results = {result(0, Verdict::passed, 2ms), result(1, Verdict::passed, 2ms), result(2, Verdict::failed, 3ms),
                   result(2, Verdict::passed, 1ms)};
  TK_ASSERT_EQ(testkit::update_result_cache(file, whole, tests().size()), "");
  const ResultCache cache = testkit::read_result_cache(file, warning);
  TK_EXPECT_EQ(cache.size(), 3u);
  TK_EXPECT_FALSE(cache.contains("Deleted.test"));
  TK_EXPECT(cache.at("B.new").failed());
}

TK_TEST(ResultCache, update_repairs_a_corrupt_file) {
  const std::filesystem::path file = testkit::tmp_path() / "binary.json";
  write(file, "not json");
  testkit::RunResult run;
  run.results = {result(0, Verdict::passed, 1ms)};
  TK_ASSERT_EQ(testkit::update_result_cache(file, run, tests().size()), "");
  std::string warning;
  TK_EXPECT_EQ(testkit::read_result_cache(file, warning).size(), 1u);
  TK_EXPECT_EQ(warning, "");
}

TK_TEST(ResultCache, an_unwritable_place_is_a_message_not_an_exception) {
  const std::filesystem::path blocker = testkit::tmp_path() / "a_file";
  write(blocker, "");
  testkit::RunResult run;
  run.results = {result(0, Verdict::passed, 1ms)};
  const std::string problem = testkit::update_result_cache(blocker / "cache" / "binary.json", run, tests().size());
  TK_EXPECT_CONTAINS(problem, "cannot write the result cache");
  TK_EXPECT_CONTAINS(problem, (blocker / "cache" / "binary.json").string());
}

TK_TEST(ResultCache, the_file_is_named_after_the_binary_beside_it_or_in_the_chosen_directory) {
  TK_EXPECT_EQ(testkit::cache_file_of({}, "/build/tests/unit_tests"),
               std::filesystem::path("/build/tests/.testkit/unit_tests.json"));
  TK_EXPECT_EQ(testkit::cache_file_of({.dir = "/var/cache/tk"}, "/build/tests/unit_tests"),
               std::filesystem::path("/var/cache/tk/unit_tests.json"));
}

}  // namespace
