#include <testkit/mock/gmock_bridge.hpp>

#include <mutex>
#include <string>
#include <string_view>

#include <gmock/gmock.h>

#include <testkit/core/context.hpp>
#include <testkit/core/test_info.hpp>
#include <testkit/core/thread_link.hpp>
#include <testkit/interpose/bypass.hpp>

// GoogleMock costs only the test binaries that use it. The runner initialises it on every start, but each of this
// file's references to GoogleTest and GoogleMock is weak: it does not pull their objects out of libgtest.a and
// libgmock.a (400 KB of code whose static initialisers read the environment, 0.05 ms of every start). A binary links
// them when its own code uses them (a mock class, a matcher, MockFilesystem), and then these resolve to them;
// otherwise they are null and nothing here runs (selftest/e2e/mock_output_test.cpp and
// selftest/unit/core/googletest_failure_test.cpp check the three kinds of binary).
asm(".weak _ZN7testing14InitGoogleTestEPiPPc");  // testing::InitGoogleTest(int*, char**), in libgtest
asm(".weak _ZN7testing32ScopedFakeTestPartResultReporterC2ENS0_13InterceptModeEPNS_19TestPartResultArrayE");
asm(".weak _ZN7testing32ScopedFakeTestPartResultReporterD2Ev");
// Two more, named so that the compiler knows their addresses may be null (which makes them weak too): the base
// class's type_info (libgtest) and testing::InitGoogleMock(int*, char**) (libgmock).
extern const char scoped_reporter_type_info __asm__("_ZTIN7testing32ScopedFakeTestPartResultReporterE")
    __attribute__((weak));
extern const char init_google_mock_code __asm__("_ZN7testing14InitGoogleMockEPiPPc") __attribute__((weak));

namespace testkit {
namespace {

bool googletest_linked() { return &scoped_reporter_type_info != nullptr; }
bool googlemock_linked() { return &init_google_mock_code != nullptr; }

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const std::size_t start = text.find_first_not_of("\n ");
  return start == std::string::npos ? std::string() : text.substr(start);
}

// Every thread that runs test code gets a forwarder: the test's own thread and the threads it starts. It forwards to
// whichever test is current when a failure is reported, so a thread keeps the one it got for its life: each later test
// there (and, in a forked run, each test process forked from a host, which made its own in its rehearsal) finds it
// made and installed.
void* attach_forwarder() {
  thread_local GmockFailureForwarder forwarder;
  return &forwarder;
}
void detach_forwarder(void* /*forwarder*/) noexcept {}

constexpr detail::TestThreadHook forwarding{attach_forwarder, detach_forwarder};

}  // namespace

// The base class's result array is never used: ReportTestPartResult is overridden.
GmockFailureForwarder::GmockFailureForwarder()
    : ScopedFakeTestPartResultReporter(INTERCEPT_ONLY_CURRENT_THREAD, nullptr) {}

void GmockFailureForwarder::ReportTestPartResult(const testing::TestPartResult& result) {
  if (result.type() == testing::TestPartResult::kSuccess) return;
  const detail::BypassPatches bypass;  // the failure's own I/O (stack traces, the wire) must be real
  const std::string message = trimmed(result.message());
  const std::size_t line_end = message.find('\n');
  detail::Context* const context = detail::current_context();
  Failure failure;
  if (result.file_name() != nullptr) {
    failure.where = {result.file_name(), result.line_number() > 0 ? static_cast<unsigned>(result.line_number()) : 0u};
  } else if (context != nullptr && context->test() != nullptr) {
    failure.where = context->test()->where;  // an unexpected call names no expectation: blame the test
  }
  failure.headline = "GoogleMock: " + message.substr(0, line_end);
  if (line_end != std::string::npos) failure.details = trimmed(message.substr(line_end + 1));
  detail::record_or_print(std::move(failure));
}

void init_gmock() {
  if (!googletest_linked()) return;  // no code of the binary can report a GoogleTest or GoogleMock failure
  static std::once_flag once;
  std::call_once(once, [] {
    int argc = 1;
    char name[] = "testkit";
    char* argv[] = {name, nullptr};
    if (googlemock_linked()) {
      testing::InitGoogleMock(&argc, argv);
    } else {
      testing::InitGoogleTest(&argc, argv);  // GoogleTest alone: matchers, ADD_FAILURE
    }
    detail::set_test_thread_hook(&forwarding);
  });
}

}  // namespace testkit
