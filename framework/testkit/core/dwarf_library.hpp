#pragma once
/// elfutils' libdw, which gives a stack trace its function names, files and lines, loaded when the first trace is
/// described: a test binary does not load it and the four libraries it needs at start-up (a third of a millisecond
/// of every run), and a run that fails nothing never does.

#include <elfutils/libdwfl.h>

namespace testkit::detail {

// The functions of libdw that core/stacktrace.cpp calls.
// clang-format off
#define TK_DETAIL_LIBDW_FUNCTIONS(X)                                                                     \
  X(dwfl_begin) X(dwfl_addrmodule) X(dwfl_report_begin_add) X(dwfl_report_elf)                           \
  X(dwfl_report_end) X(dwfl_module_getsymtab) X(dwfl_module_getsym_info) X(dwfl_module_addrdie)          \
  X(dwfl_module_getsrc) X(dwfl_lineinfo) X(dwfl_standard_find_debuginfo) X(dwfl_build_id_find_debuginfo) \
  X(dwfl_offline_section_address) X(dwarf_getscopes) X(dwarf_getscopes_die) X(dwarf_tag)                 \
  X(dwarf_formstring) X(dwarf_attr_integrate) X(dwarf_diename) X(dwarf_formudata)                        \
  X(dwarf_attr) X(dwarf_getsrcfiles) X(dwarf_filesrc)
// clang-format on

/// Pointers to those functions in the loaded library, each named as the function is.
struct DwarfLibrary {
#define TK_DETAIL_LIBDW_POINTER(name) decltype(&::name) name = nullptr;
  TK_DETAIL_LIBDW_FUNCTIONS(TK_DETAIL_LIBDW_POINTER)
#undef TK_DETAIL_LIBDW_POINTER
};

/// libdw's functions, loaded by the first call (thread-safe; later calls return the same); null when libdw.so.1
/// cannot be loaded or lacks one of them, and a trace then shows what the dynamic symbol table knows.
const DwarfLibrary* dwarf_library();

}  // namespace testkit::detail
