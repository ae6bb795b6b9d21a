#pragma once
/// testkit::Patch: replaces one libc function (or a family) for the calling test and the threads it starts.

#include <any>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

#include <testkit/interpose/dispatch.hpp>
#include <testkit/mock/call.hpp>
#include <testkit/mock/targets.hpp>

namespace testkit {

namespace detail {
struct PatchState;
}

/// Replaces `target` for the test running on the constructing thread (and threads it starts) until the
/// Patch is destroyed; records every call. A call "goes through" to what was installed before the Patch
/// (an older Patch, a FakeFilesystem, a FakeNetwork), else to libc. Not copyable or movable; configure
/// it from the test's thread.
/// Example:
///   testkit::Patch disk{testkit::libc::write};
///   disk.fails_call(3, ENOSPC);   // the third write fails, the others are real
///   TK_EXPECT_EQ(save_report(), "disk full");
///   TK_EXPECT_EQ(disk.call_count(), 3u);
class Patch {
 public:
  /// Installs the patch; until configured, calls go through (and are recorded).
  explicit Patch(const Target& target, std::source_location where = std::source_location::current());
  ~Patch();
  Patch(const Patch&) = delete;
  Patch& operator=(const Patch&) = delete;

  /// Every call returns `value` (pointer results: as an address) and leaves errno alone.
  Patch& returns(long long value);
  /// Every call fails with `error` (-1 or null, errno = error; getaddrinfo returns `error`).
  Patch& fails(int error);
  /// Successive calls get successive outcomes; calls after the last one go through.
  Patch& results(std::vector<Outcome> outcomes);
  /// Call number `nth` (from 1) fails with `error`; every other call goes through.
  Patch& fails_call(std::size_t nth, int error);
  /// Every call is answered by `answer` (which may return Outcome::through()).
  Patch& invokes(std::function<Outcome(const Call&)> answer);
  /// Calls to `F` are answered by `answer`, which has F's own signature (open's mode is always passed).
  template <Function F, class Answer> Patch& answers(Answer answer) {
    return set_typed_answer(F, std::any(std::function<detail::SignatureOf<F>>(std::move(answer))));
  }
  /// Back to the default: every call goes through.
  Patch& calls_through();

  /// The recorded calls, oldest first.
  [[nodiscard]] std::vector<Call> calls() const;
  [[nodiscard]] std::size_t call_count() const;
  [[nodiscard]] bool called() const { return call_count() > 0; }
  /// Some call's leading arguments were `arguments` (compared as Call shows them).
  template <class... Args> [[nodiscard]] bool called_with(const Args&... arguments) const {
    return count_calls_with({detail::describe_argument(arguments)...}) > 0;
  }
  /// Exactly one call was made, and its leading arguments were `arguments`.
  template <class... Args> [[nodiscard]] bool called_once_with(const Args&... arguments) const {
    return call_count() == 1 && count_calls_with({detail::describe_argument(arguments)...}) == 1;
  }
  /// The recorded calls as Call::text() shows them, oldest first, one per line; "(no calls)" when there
  /// are none. For messages: TK_EXPECT_EQ(p.call_count(), 2u, "{}", p.describe_calls())
  [[nodiscard]] std::string describe_calls() const;
  /// The name of the patched target: the function ("unlink") or the family ("deletion").
  [[nodiscard]] const std::string& target_name() const { return target_name_; }
  /// The order number of the first recorded call, or 0 if none.
  [[nodiscard]] std::uint64_t first_call_order() const;

 private:
  Patch& set_typed_answer(Function function, std::any answer);
  [[nodiscard]] std::size_t count_calls_with(const std::vector<std::string>& leading) const;

  std::string target_name_;
  std::shared_ptr<detail::PatchState> state_;
  std::shared_ptr<detail::PatchScope> scope_;
};

/// Each patch was called, and the first calls came in the order given.
[[nodiscard]] bool called_in_order(std::initializer_list<const Patch*> patches);

}  // namespace testkit
