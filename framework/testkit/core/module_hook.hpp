#pragma once
/// A set-up or tear-down of a whole run of the test binary: unittest's setUpModule and tearDownModule.

#include <testkit/core/location.hpp>

namespace testkit {

enum class ModuleHookKind { set_up_module, tear_down_module };

/// One function given to TK_SET_UP_MODULE or TK_TEAR_DOWN_MODULE, where it was written.
struct ModuleHook {
  ModuleHookKind kind = ModuleHookKind::set_up_module;
  void (*function)() = nullptr;
  Location where{};
};

}  // namespace testkit
