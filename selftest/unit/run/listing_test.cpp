// The listings: format_listing (--list, one test a line with its metadata as a trailing note), format_gtest_listing
// (--gtest_list_tests, as CMake's gtest_discover_tests reads it) and format_json_listing (--list=json).
#include <testkit/run/listing.hpp>

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

namespace {

using namespace std::chrono_literals;

/// A test named Suite.name with `meta` and `param`, for listing only (it cannot run).
testkit::TestInfo listed(std::string name, testkit::Metadata meta = {}, std::string param = {}) {
  return {.suite = "Suite", .name = std::move(name), .meta = std::move(meta), .param = std::move(param)};
}

std::vector<const testkit::TestInfo*> plan_of(const std::vector<testkit::TestInfo>& tests) {
  std::vector<const testkit::TestInfo*> plan;
  for (const testkit::TestInfo& test : tests) plan.push_back(&test);
  return plan;
}

std::string listing_of(const std::vector<testkit::TestInfo>& tests) { return testkit::format_listing(plan_of(tests)); }

TK_TEST(Listing, empty_plan_lists_nothing) { TK_EXPECT_EQ(listing_of({}), ""); }

TK_TEST(Listing, plain_tests_are_one_full_name_a_line_in_plan_order) {
  TK_EXPECT_EQ(listing_of({listed("b"), listed("a")}), "Suite.b\nSuite.a\n");
}

TK_TEST(Listing, each_metadata_field_has_its_note) {
  TK_EXPECT_EQ(listing_of({listed("p/0", {}, "3")}), "Suite.p/0  # param = 3\n");
  TK_EXPECT_EQ(listing_of({listed("t", {.tags = {"fast", "db"}})}), "Suite.t  # tags: fast, db\n");
  TK_EXPECT_EQ(listing_of({listed("s", {.skip = "flaky"})}), "Suite.s  # skip: flaky\n");
  TK_EXPECT_EQ(listing_of({listed("x", {.xfail = "bug 7"})}), "Suite.x  # xfail: bug 7\n");
  TK_EXPECT_EQ(listing_of({listed("o", {.timeout = 2s})}), "Suite.o  # timeout: 2000 ms\n");
  TK_EXPECT_EQ(listing_of({listed("g", {.points = 5})}), "Suite.g  # points: 5\n");
  TK_EXPECT_EQ(listing_of({listed("r", {.retries = 2})}), "Suite.r  # retries: 2\n");
  TK_EXPECT_EQ(listing_of({listed("n", {.retries = 0})}), "Suite.n  # retries: 0\n");
}

// testkit-run reads a test's .retries from the binary's listing: set (0 included) or not.
TK_TEST(JsonListing, retries_are_listed_and_read_back) {
  std::deque<testkit::TestInfo> tests{listed("set", {.retries = 3}), listed("never", {.retries = 0}), listed("unset")};
  std::vector<const testkit::TestInfo*> plan;
  for (const testkit::TestInfo& test : tests) plan.push_back(&test);
  std::deque<testkit::TestInfo> read;
  TK_ASSERT_EQ(testkit::read_json_listing(testkit::format_json_listing(plan), read), "");
  TK_ASSERT_EQ(read.size(), 3u);
  TK_EXPECT(read[0].meta.retries == std::optional<unsigned>(3));
  TK_EXPECT(read[1].meta.retries == std::optional<unsigned>(0));
  TK_EXPECT_FALSE(read[2].meta.retries.has_value());
  std::deque<testkit::TestInfo> refused;
  TK_EXPECT_CONTAINS(testkit::read_json_listing(R"({"schema": "testkit-listing", "version": 1, "tests": [
      {"name": "S.t", "suite": "S", "test": "t", "retries": -1}]})",
                                                refused),
                     "\"retries\" is not a number from 0 to 1000");
}

TK_TEST(Listing, notes_are_joined_in_field_order) {
  const testkit::TestInfo everything = listed(
      "all/1", {.tags = {"slow"}, .skip = "no GPU", .xfail = "bug 3", .timeout = 1500ms, .points = 2.5}, "\"ab\"");
  TK_EXPECT_EQ(
      listing_of({everything}),
      "Suite.all/1  # param = \"ab\"; tags: slow; skip: no GPU; xfail: bug 3; timeout: 1500 ms; points: 2.5\n");
}

TK_TEST(Listing, only_tests_with_metadata_get_a_note) {
  TK_EXPECT_EQ(listing_of({listed("plain"), listed("tagged", {.tags = {"net"}}), listed("again")}),
               "Suite.plain\nSuite.tagged  # tags: net\nSuite.again\n");
}

TK_TEST(GtestListing, suites_end_in_a_dot_and_tests_are_indented) {
  std::vector<testkit::TestInfo> tests{listed("a"), listed("p/0", {}, "3"), listed("p/1", {}, "\"two\nlines\"")};
  tests.push_back({.suite = "Other", .name = "b"});
  tests.push_back({.suite = "Suite", .name = "late"});  // listed with its suite, as gtest groups by suite
  TK_EXPECT_EQ(testkit::format_gtest_listing(plan_of(tests)),
               "Suite.\n"
               "  a\n"
               "  p/0  # GetParam() = 3\n"
               "  p/1  # GetParam() = \"two lines\"\n"
               "  late\n"
               "Other.\n"
               "  b\n");
  TK_EXPECT_EQ(testkit::format_gtest_listing({}), "");
}

TK_TEST(JsonListing, every_test_with_its_metadata) {
  std::vector<testkit::TestInfo> tests{
      listed("t/1", {.tags = {"slow", "db"}, .skip = "no GPU", .xfail = "bug", .timeout = 1500ms, .points = 2.5},
             "\"é\""),
      listed("plain")};
  tests[0].where = {.file = "dir/t.cpp", .line = 12};
  const auto listing = nlohmann::json::parse(testkit::format_json_listing(plan_of(tests)));
  TK_EXPECT_EQ(listing["schema"], "testkit-listing");
  TK_EXPECT_EQ(listing["version"], 1);
  TK_ASSERT_EQ(listing["tests"].size(), 2u);
  const auto& first = listing["tests"][0];
  TK_EXPECT_EQ(first["name"], "Suite.t/1");
  TK_EXPECT_EQ(first["suite"], "Suite");
  TK_EXPECT_EQ(first["test"], "t/1");
  TK_EXPECT_EQ(first["file"], "dir/t.cpp");
  TK_EXPECT_EQ(first["line"], 12);
  TK_EXPECT_EQ(first["tags"], nlohmann::json({"slow", "db"}));
  TK_EXPECT_EQ(first["skip"], "no GPU");
  TK_EXPECT_EQ(first["xfail"], "bug");
  TK_EXPECT_EQ(first["timeout_ms"], 1500);
  TK_EXPECT_EQ(first["points"], 2.5);
  TK_EXPECT_EQ(first["param"], "\"é\"");
  TK_EXPECT_EQ(listing["tests"][1]["tags"], nlohmann::json::array());
}

TK_TEST(JsonListing, invalid_utf8_is_replaced_not_thrown) {
  const std::vector<testkit::TestInfo> tests{listed("bytes", {}, "\xff\xfe")};
  const auto listing = nlohmann::json::parse(testkit::format_json_listing(plan_of(tests)));
  TK_EXPECT_EQ(listing["tests"][0]["param"], "\xef\xbf\xbd\xef\xbf\xbd");
}

}  // namespace

namespace {

// testkit-run runs each class of a binary in one host worker: the listing names each test's class, and reading it
// back gives the tests of one class one FixtureClass (the free tests one too), distinct from another listing's.
TK_TEST(JsonListing, classes_are_listed_and_read_back_as_one_fixture_each) {
  const testkit::FixtureClass shelf{.name = "Shelf"};
  std::vector<testkit::TestInfo> tests{listed("a"), listed("b"), listed("free1"), listed("c"), listed("free2")};
  for (int index : {0, 1, 3}) tests[static_cast<std::size_t>(index)].fixture = &shelf;
  const std::string text = testkit::format_json_listing(plan_of(tests));
  const auto listing = nlohmann::json::parse(text);
  TK_EXPECT_EQ(listing["tests"][0]["class"], "Shelf");
  TK_EXPECT_EQ(listing["tests"][2]["class"], "");
  std::deque<testkit::TestInfo> read;
  TK_ASSERT_EQ(testkit::read_json_listing(text, read), "");
  TK_ASSERT_EQ(read.size(), 5u);
  TK_ASSERT((read[0].fixture != nullptr && read[2].fixture != nullptr));
  TK_EXPECT_EQ(read[0].fixture->name, "Shelf");
  TK_EXPECT((read[0].fixture == read[1].fixture && read[1].fixture == read[3].fixture));
  TK_EXPECT((read[2].fixture == read[4].fixture && read[2].fixture != read[0].fixture));
  TK_EXPECT_EQ(read[2].fixture->name, "");
  TK_EXPECT(read[0].fixture->set_up_class == nullptr, "a listed class has no hooks here: they run in the binary");
  std::deque<testkit::TestInfo> again;
  TK_ASSERT_EQ(testkit::read_json_listing(text, again), "");
  TK_EXPECT(again[0].fixture != read[0].fixture, "another listing (another binary) has classes of its own");
}

// A class that only inherits TestCase's empty class hooks needs no host: its tests are listed as free ones.
TK_TEST(JsonListing, a_class_without_class_hooks_of_its_own_is_listed_as_none) {
  const testkit::FixtureClass plain{.name = "Plain",
                                    .set_up_class = &testkit::TestCase::set_up_class,
                                    .tear_down_class = &testkit::TestCase::tear_down_class};
  const testkit::FixtureClass torn_down{
      .name = "TornDown", .set_up_class = &testkit::TestCase::set_up_class, .tear_down_class = [] {}};
  std::vector<testkit::TestInfo> tests{listed("a"), listed("b")};
  tests[0].fixture = &plain;
  tests[1].fixture = &torn_down;
  const auto listing = nlohmann::json::parse(testkit::format_json_listing(plan_of(tests)));
  TK_EXPECT_EQ(listing["tests"][0]["class"], "");
  TK_EXPECT_EQ(listing["tests"][1]["class"], "TornDown");
}

// A listing made before listings named classes groups each suite's tests.
TK_TEST(JsonListing, a_listing_without_classes_groups_by_suite) {
  std::deque<testkit::TestInfo> read;
  TK_ASSERT_EQ(testkit::read_json_listing(R"({"schema": "testkit-listing", "version": 1, "tests": [
      {"name": "A.x", "suite": "A", "test": "x"}, {"name": "B.y", "suite": "B", "test": "y"},
      {"name": "A.z", "suite": "A", "test": "z"}]})",
                                          read),
               "");
  TK_ASSERT_EQ(read.size(), 3u);
  TK_EXPECT((read[0].fixture == read[2].fixture && read[0].fixture != read[1].fixture));
  TK_EXPECT_EQ(read[1].fixture->name, "B");
}

}  // namespace
