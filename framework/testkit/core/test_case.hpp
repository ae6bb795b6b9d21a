#pragma once
/// The base class of every test: per-test and per-class fixtures, cleanups.

#include <functional>
#include <vector>

namespace testkit {

namespace detail {
struct TestCaseAccess;
}

/// Derive a fixture from TestCase and write its tests with TK_TEST_F; each test runs on a fresh instance.
/// Order: set_up_class (once per class), then per test: set_up, body, tear_down, cleanups in reverse order,
/// then tear_down_class after the class's last test. If set_up fails (fatal assertion, exception, skip), the
/// body and tear_down do not run but cleanups still do. All hooks run on the test's thread.
/// Example:
///   class Inventory : public testkit::TestCase {
///    protected:
///     void set_up() override { store.add("apple", 3); }
///     Store store;
///   };
///   TK_TEST_F(Inventory, removes_items) { store.remove("apple"); TK_ASSERT_EQ(store.count("apple"), 0); }
class TestCase {
 public:
  virtual ~TestCase() = default;
  TestCase(const TestCase&) = delete;
  TestCase& operator=(const TestCase&) = delete;

  /// Runs before each test.
  virtual void set_up() {}
  /// Runs after each test whose set_up completed, even when the body failed.
  virtual void tear_down() {}
  /// Runs once before the first test of the class (hide it with a static member of the same name).
  static void set_up_class() {}
  /// Runs once after the last test of the class, if set_up_class succeeded.
  static void tear_down_class() {}

  /// Registers `cleanup` to run after tear_down, last registered first, even when set_up failed.
  void add_cleanup(std::function<void()> cleanup) { cleanups_.push_back(std::move(cleanup)); }

 protected:
  TestCase() = default;

 private:
  /// The test's body, written by TK_TEST / TK_TEST_F.
  virtual void test_body() = 0;

  friend struct detail::TestCaseAccess;
  std::vector<std::function<void()>> cleanups_;
};

namespace detail {
/// The runner's way into a TestCase's private parts.
struct TestCaseAccess {
  static void run_body(TestCase& test) { test.test_body(); }
  static std::vector<std::function<void()>> take_cleanups(TestCase& test) { return std::move(test.cleanups_); }
};
}  // namespace detail

}  // namespace testkit
