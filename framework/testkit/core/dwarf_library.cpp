#include <testkit/core/dwarf_library.hpp>

#include <dlfcn.h>

namespace testkit::detail {
namespace {

template <typename Function> bool load(void* library, const char* name, Function& function) {
  function = reinterpret_cast<Function>(::dlsym(library, name));
  return function != nullptr;
}

const DwarfLibrary* load_dwarf_library() {
  // Kept loaded for the process: the symbolizer's session lives as long.
  void* const library = ::dlopen("libdw.so.1", RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) return nullptr;
  static DwarfLibrary functions;
#define TK_DETAIL_LIBDW_LOAD(name) load(library, #name, functions.name)&&
  const bool complete = TK_DETAIL_LIBDW_FUNCTIONS(TK_DETAIL_LIBDW_LOAD) true;
#undef TK_DETAIL_LIBDW_LOAD
  return complete ? &functions : nullptr;
}

}  // namespace

const DwarfLibrary* dwarf_library() {
  static const DwarfLibrary* const loaded = load_dwarf_library();
  return loaded;
}

}  // namespace testkit::detail
