// A host worker's start: the descriptors testkit-run passes it (--testkit-worker-host) and the plan it builds from the
// list of its tests, which puts each test at the supervisor's plan index.
#include <testkit/run/host_worker.hpp>

#include <deque>
#include <optional>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

using testkit::TestInfo;

std::deque<TestInfo> registered() {
  return {{.suite = "Shelf", .name = "add"}, {.suite = "Shelf", .name = "remove"}, {.suite = "Free", .name = "one"}};
}

TK_TEST(HostWorker, takes_four_distinct_descriptors) {
  const auto channels = testkit::parse_host_worker_channels("3,4,5,6");
  TK_ASSERT(channels.has_value());
  TK_EXPECT_EQ(channels->socket_fd, 3);
  TK_EXPECT_EQ(channels->failures_fd, 4);
  TK_EXPECT_EQ(channels->black_box_fd, 5);
  TK_EXPECT_EQ(channels->tests_fd, 6);
  for (const char* bad : {"", "3,4,5", "3,4,5,6,7", "3,4,4,6", "2,4,5,6", "3,4,5,x", "3,,5,6"})
    TK_EXPECT_FALSE(testkit::parse_host_worker_channels(bad).has_value(), "{}", bad);
}

TK_TEST(HostWorker, its_plan_holds_each_listed_test_at_its_plan_index) {
  const std::deque<TestInfo> tests = registered();
  const auto plan = testkit::detail::host_worker_plan("4 Shelf.remove\n1 Shelf.add\n6 Shelf.add\n", tests);
  TK_ASSERT(plan.has_value());
  TK_ASSERT_EQ(plan->size(), 7u);
  TK_EXPECT(((*plan)[1] == &tests[0] && (*plan)[6] == &tests[0]), "--repeat lists a test at several indices");
  TK_EXPECT((*plan)[4] == &tests[1]);
  for (std::size_t index : {0, 2, 3, 5}) TK_EXPECT((*plan)[index] == nullptr, "index {}", index);
}

TK_TEST(HostWorker, a_name_the_binary_lacks_is_a_null_entry) {
  const std::deque<TestInfo> tests = registered();
  const auto plan = testkit::detail::host_worker_plan("0 Shelf.add\n1 Shelf.missing\n", tests);
  TK_ASSERT(plan.has_value());
  TK_EXPECT((*plan)[0] == &tests[0]);
  TK_EXPECT((*plan)[1] == nullptr);
}

TK_TEST(HostWorker, a_malformed_list_is_refused) {
  const std::deque<TestInfo> tests = registered();
  for (const char* bad :
       {"0 Shelf.add", "x Shelf.add\n", "0Shelf.add\n", "0\n", "-1 Shelf.add\n", "10000000 Shelf.add\n"})
    TK_EXPECT_FALSE(testkit::detail::host_worker_plan(bad, tests).has_value(), "{}", bad);
  TK_EXPECT(testkit::detail::host_worker_plan("", tests).has_value(), "no test: an empty plan");
}

}  // namespace
