// A crafted test binary for the end-to-end selftests of the result cache (cache_test.cpp): quick tests, one that fails
// unless TK_SCENARIO_CACHE_FIXED is set, and two slow ones registered last (one free, one of a fixture class, which
// its class host forks), so that only the durations the cache keeps can make a parallel run start them first.
#include <chrono>
#include <cstdlib>
#include <thread>

#include <testkit/testkit.hpp>

namespace {

using namespace std::chrono_literals;

TK_TEST(Cache, first) {}

TK_TEST(Cache, fails) { TK_EXPECT(std::getenv("TK_SCENARIO_CACHE_FIXED") != nullptr, "not fixed yet"); }

TK_TEST(Cache, quick_a) { std::this_thread::sleep_for(20ms); }

TK_TEST(Cache, quick_b) { std::this_thread::sleep_for(20ms); }

class Hosted : public testkit::TestCase {
 public:
  static void set_up_class() {}
};

TK_TEST_F(Hosted, quick) { std::this_thread::sleep_for(20ms); }

TK_TEST(Cache, slow) { std::this_thread::sleep_for(600ms); }

TK_TEST_F(Hosted, slow) { std::this_thread::sleep_for(600ms); }

}  // namespace
