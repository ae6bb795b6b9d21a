#include <testkit/core/registration.hpp>

namespace testkit::detail {

const TestInfo& register_test(const char* suite, const char* name, const FixtureClass* fixture,
                              const std::source_location& where, Metadata&& meta, std::unique_ptr<TestCase> (*make)()) {
  return Registry::instance().add({.suite = suite,
                                   .name = name,
                                   .where = Location::from(where),
                                   .meta = std::move(meta),
                                   .fixture = fixture,
                                   .make = make});
}

bool register_module_hook(ModuleHookKind kind, void (*function)(), const std::source_location& where) {
  Registry::instance().add_module_hook({.kind = kind, .function = function, .where = Location::from(where)});
  return true;
}

}  // namespace testkit::detail
