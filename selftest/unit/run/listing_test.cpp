// format_listing: the --list text, one test a line with its metadata as a trailing note.
#include <testkit/run/listing.hpp>

#include <chrono>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

using namespace std::chrono_literals;

/// A test named Suite.name with `meta` and `param`, for listing only (it cannot run).
testkit::TestInfo listed(std::string name, testkit::Metadata meta = {}, std::string param = {}) {
  return {.suite = "Suite", .name = std::move(name), .meta = std::move(meta), .param = std::move(param)};
}

std::string listing_of(const std::vector<testkit::TestInfo>& tests) {
  std::vector<const testkit::TestInfo*> plan;
  for (const testkit::TestInfo& test : tests) plan.push_back(&test);
  return testkit::format_listing(plan);
}

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

}  // namespace
