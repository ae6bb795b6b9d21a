// What TK_TEST and TK_TEST_F put in the Registry: names, location, fixture class, metadata fields.
#include <chrono>
#include <cstddef>
#include <string>

#include <testkit/core/lifecycle.hpp>

#include <testkit/testkit.hpp>

#include "registered.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::Verdict;
using testkit::selftest::find_registered;
using testkit::selftest::without_skip;

class Shelf : public testkit::TestCase {
 public:
  static void set_up_class() {}

 protected:
  void set_up() override { items_ = 3; }
  int items_ = 0;
};

constexpr unsigned every_field_line = __LINE__ + 1;
TK_TEST_F(Shelf, with_every_field, .tags = {"slow", "db"}, .skip = "inspected by Registration tests", .xfail = "bug 7",
          .timeout = 1500ms, .points = 2.5) {
  TK_EXPECT_EQ(items_, 4);
}

TK_TEST_F(Shelf, without_metadata) { TK_EXPECT_EQ(items_, 3); }

TK_TEST(RegistrationFree, with_some_fields, .timeout = 2s, .points = 5) {}

/// The position of a registered test in the Registry.
std::ptrdiff_t position_of(const testkit::TestInfo* test) {
  const auto& tests = testkit::Registry::instance().tests();
  for (std::size_t i = 0; i < tests.size(); ++i)
    if (&tests[i] == test) return static_cast<std::ptrdiff_t>(i);
  return -1;
}

TK_TEST(Registration, fixture_test_has_its_suite_name_and_location) {
  const testkit::TestInfo* test = find_registered("Shelf.with_every_field");
  TK_ASSERT(test != nullptr);
  TK_EXPECT_EQ(test->suite, "Shelf");
  TK_EXPECT_EQ(test->name, "with_every_field");
  TK_EXPECT_CONTAINS(test->where.file, "registration_test.cpp");
  TK_EXPECT_EQ(test->where.line, every_field_line);
  TK_EXPECT_EQ(test->param, "");
}

TK_TEST(Registration, designated_initializers_land_in_the_metadata) {
  const testkit::TestInfo* test = find_registered("Shelf.with_every_field");
  TK_ASSERT(test != nullptr);
  const std::vector<std::string> expected_tags{"slow", "db"};
  TK_EXPECT_EQ(test->meta.tags, expected_tags);
  TK_EXPECT_EQ(test->meta.skip, "inspected by Registration tests");
  TK_EXPECT_EQ(test->meta.xfail, "bug 7");
  TK_EXPECT_EQ(test->meta.timeout.count(), 1500);
  TK_EXPECT_EQ(test->meta.points, 2.5);
}

TK_TEST(Registration, omitted_fields_keep_their_defaults) {
  const testkit::TestInfo* some = find_registered("RegistrationFree.with_some_fields");
  TK_ASSERT(some != nullptr);
  TK_EXPECT_EQ(some->meta.timeout.count(), 2000);
  TK_EXPECT_EQ(some->meta.points, 5.0);
  TK_EXPECT(some->meta.tags.empty());
  TK_EXPECT_EQ(some->meta.skip, "");
  TK_EXPECT_EQ(some->meta.xfail, "");
  const testkit::TestInfo* none = find_registered("Shelf.without_metadata");
  TK_ASSERT(none != nullptr);
  TK_EXPECT_EQ(none->meta.timeout.count(), 0);
  TK_EXPECT_EQ(none->meta.points, 0.0);
}

TK_TEST(Registration, tests_of_one_fixture_share_its_class_hooks) {
  const testkit::TestInfo* first = find_registered("Shelf.with_every_field");
  const testkit::TestInfo* second = find_registered("Shelf.without_metadata");
  TK_ASSERT(first != nullptr);
  TK_ASSERT(second != nullptr);
  TK_ASSERT(first->fixture != nullptr);
  TK_EXPECT_EQ(first->fixture, second->fixture);
  TK_EXPECT_EQ(first->fixture->name, "Shelf");
  // Shelf hides set_up_class with its own and inherits tear_down_class.
  TK_EXPECT(first->fixture->set_up_class == &Shelf::set_up_class);
  TK_EXPECT(first->fixture->tear_down_class == &testkit::TestCase::tear_down_class);
}

TK_TEST(Registration, plain_test_has_no_fixture_class) {
  const testkit::TestInfo* test = find_registered("RegistrationFree.with_some_fields");
  TK_ASSERT(test != nullptr);
  TK_EXPECT(test->fixture == nullptr);
}

TK_TEST(Registration, tests_are_kept_in_registration_order) {
  const auto first = position_of(find_registered("Shelf.with_every_field"));
  const auto second = position_of(find_registered("Shelf.without_metadata"));
  const auto third = position_of(find_registered("RegistrationFree.with_some_fields"));
  TK_EXPECT_GE(first, 0);
  TK_EXPECT_EQ(second, first + 1);
  TK_EXPECT_EQ(third, first + 2);
}

TK_TEST(Registration, the_factory_makes_the_fixture_with_the_body) {
  const testkit::TestInfo* test = find_registered("Shelf.with_every_field");
  TK_ASSERT(test != nullptr);
  const testkit::TestResult result = testkit::detail::run_test(without_skip(*test));
  // set_up put 3 items on the shelf and the body expects 4: the xfail mark turns that into an expected failure.
  TK_EXPECT(result.verdict == Verdict::expected_failure);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "TK_EXPECT_EQ(items_, 4)");
  TK_EXPECT_EQ(result.failures[0].details.empty(), false);
}

}  // namespace
