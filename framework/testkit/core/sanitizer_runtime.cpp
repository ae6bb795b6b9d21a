#include <testkit/core/sanitizer_runtime.hpp>

#include <dlfcn.h>

namespace testkit::detail {
namespace {

template <typename Function> void look_up(Function*& function, const char* name) {
  function = reinterpret_cast<Function*>(::dlsym(RTLD_DEFAULT, name));
}

SanitizerRuntime find_runtime() {
  SanitizerRuntime runtime;
  look_up(runtime.recoverable_leak_check, "__lsan_do_recoverable_leak_check");
  look_up(runtime.disable_leak_reports, "__lsan_disable");
  look_up(runtime.enable_leak_reports, "__lsan_enable");
  look_up(runtime.set_error_report_callback, "__asan_set_error_report_callback");
  look_up(runtime.set_death_callback, "__sanitizer_set_death_callback");
  look_up(runtime.current_ub_report, "__ubsan_get_current_report_data");
  if (runtime.disable_leak_reports == nullptr || runtime.enable_leak_reports == nullptr)
    runtime.disable_leak_reports = runtime.enable_leak_reports = nullptr;
  return runtime;
}

}  // namespace

const SanitizerRuntime& sanitizer_runtime() {
  static const SanitizerRuntime runtime = find_runtime();
  return runtime;
}

LeaksIgnored::LeaksIgnored() {
  if (auto* disable = sanitizer_runtime().disable_leak_reports) disable();
}

LeaksIgnored::~LeaksIgnored() {
  if (auto* enable = sanitizer_runtime().enable_leak_reports) enable();
}

}  // namespace testkit::detail
