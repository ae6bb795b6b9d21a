// 200 tests that each sleep 10 ms: I/O-bound work whose wall time parallel runs should divide.
#include <chrono>
#include <ranges>
#include <thread>

#include <testkit/testkit.hpp>

TK_TEST_P(Sleep, ten_ms, std::views::iota(0, 200)) { std::this_thread::sleep_for(std::chrono::milliseconds(10)); }
