// The instructor's tests of a graded assignment, built twice: scenario_tamper_reference as the trusted build, and
// scenario_tamper with TK_TAMPER, as linked with a hostile submission that rewrites the registry before main (more
// points for the test it passes, none for the one it fails) and adds a test of its own worth 50 points.
// trusted_runner_test.cpp grades scenario_tamper with and without the reference's listing (--tests-from).
#include <testkit/testkit.hpp>

namespace {

TK_TEST(Grading, passes, .points = 1) { TK_EXPECT_EQ(2 * 2, 4); }

TK_TEST(Grading, fails, .points = 2) { TK_EXPECT_EQ(2 * 2, 5); }

#ifdef TK_TAMPER
TK_TEST(Grading, forged, .points = 50) {}

// Runs after the registrations above (the same file, later in it).
struct RewriteTheRegistry {
  RewriteTheRegistry() {
    for (const testkit::TestInfo& test : testkit::Registry::instance().tests()) {
      auto& points = const_cast<testkit::TestInfo&>(test).meta.points;
      points = test.name == "passes" ? 100 : test.name == "fails" ? 0 : points;
    }
  }
} rewrite_the_registry;
#endif

}  // namespace
