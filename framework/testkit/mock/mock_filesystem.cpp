#include <testkit/mock/mock_filesystem.hpp>

#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <testkit/core/context.hpp>
#include <testkit/mock/detail/mock_methods.hpp>
#include <testkit/mock/detail/watched_paths.hpp>

namespace testkit {
namespace {

// Which calls reach the mock's methods: every one until a prefix is watched, then those naming a watched
// path; the others go on as if there were no mock. Around a call that reaches GoogleMock a trace (printed
// with every failure GoogleMock reports there) says what the mock watches, so that a failure tells the
// test's situation and not only a path: a strict mock that sees everything fails on the runtime's own
// calls, which name files the test never mentioned.
class PathGate {
 public:
  PathGate(std::shared_ptr<const detail::WatchedPaths> watched, std::optional<Location> test)
      : watched_(std::move(watched)), test_(std::move(test)) {}

  template <Function F, class ToMock, class... Args> detail::ResultOf<F> answer(ToMock&& to_mock, Args... args) const {
    std::optional<testing::ScopedTrace> trace;
    if (watched_->empty()) {
      if (test_) trace.emplace(test_->file.c_str(), static_cast<int>(test_->line), every_call_note);
      return to_mock();
    }
    const std::tuple<Args...> arguments{args...};
    std::string named = detail::path_argument<F, 0>(arguments);
    std::string prefix = watched_->covering(named);
    if (prefix.empty()) {
      named = detail::path_argument<F, 1>(arguments);
      prefix = watched_->covering(named);
    }
    if (prefix.empty()) return detail::call_next<F>(args...);
    if (test_) {
      trace.emplace(
          test_->file.c_str(), static_cast<int>(test_->line),
          fmt::format("MockFilesystem watches \"{}\"; this {}() names \"{}\"", prefix, function_name(F), named));
    }
    return to_mock();
  }

 private:
  static constexpr const char* every_call_note =
      "MockFilesystem sees every path call of the test, also those the C++ runtime and libraries make by "
      "themselves (iostreams, locale and configuration files); to mock only the test's own paths, watch them: "
      "MockFilesystem fs{\"/data\"} or fs.watch(\"/data\")";

  std::shared_ptr<const detail::WatchedPaths> watched_;
  std::optional<Location> test_;  // where the test that made the mock is declared
};

std::optional<Location> current_test_location() {
  const detail::Context* const context = detail::current_context();
  if (context == nullptr || context->test() == nullptr) return std::nullopt;
  return context->test()->where;
}

}  // namespace

MockFilesystem::MockFilesystem()
    : watched_(std::make_shared<detail::WatchedPaths>()), scope_(detail::patch_scope_for_this_thread()) {
  const std::string label = "MockFilesystem";
  const PathGate gate(watched_, current_test_location());
  TK_INTERPOSED_PATH_FUNCTIONS(TK_MOCK_ROUTE_GATED)
}

MockFilesystem::MockFilesystem(const std::filesystem::path& prefix) : MockFilesystem() { watch(prefix); }

// Routes end before GoogleMock verifies the expectations (in the members' destructors, after this body).
MockFilesystem::~MockFilesystem() { scope_->remove(this); }

MockFilesystem& MockFilesystem::watch(const std::filesystem::path& prefix) {
  // std::filesystem::absolute asks getcwd, which a FakeFilesystem of the test answers; the mock does not.
  watched_->add(detail::absolute_path(AT_FDCWD, std::filesystem::absolute(prefix).c_str()));
  return *this;
}

std::vector<std::string> MockFilesystem::watched() const { return watched_->prefixes(); }

}  // namespace testkit
