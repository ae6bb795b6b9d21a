#include <testkit/core/stacktrace.hpp>

#include <dlfcn.h>
#include <dwarf.h>
#include <link.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <boost/core/demangle.hpp>
#include <boost/stacktrace.hpp>
#include <boost/stacktrace/safe_dump_to.hpp>

#include <testkit/core/dwarf_library.hpp>

namespace testkit::detail {
namespace {

// The qualified name of a demangled function, without a template function's leading return type.
std::string_view qualified_name(std::string_view function) {
  // Its parentheses are not a parameter list: without this, every function in an unnamed namespace
  // would get an empty name and be dropped as a library frame.
  constexpr std::string_view anonymous = "(anonymous namespace)";
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < function.size(); ++i) {
    if (function.substr(i).starts_with(anonymous)) {
      i += anonymous.size() - 1;
      continue;
    }
    const char c = function[i];
    if (c == '<' || c == '(') ++depth;
    if (c == '>' || c == ')') --depth;
    if (c == ' ' && depth == 0) start = i + 1;
    if (c == '(' && depth == 1) return function.substr(start, i - start);
  }
  return function.substr(start);
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  for (auto prefix : prefixes)
    if (text.starts_with(prefix)) return true;
  return false;
}

// A symbol's name without the suffix GCC gives the parts and copies of a function it made (`f.cold`, `f.part.0`,
// `f.isra.0`, `f.constprop.0`): a trace names the function the user wrote. No mangled or C name has a dot.
std::string without_clone_suffix(std::string symbol) {
  if (const std::size_t dot = symbol.find('.'); dot != std::string::npos && dot > 0) symbol.resize(dot);
  return symbol;
}

// What the debug information says of one code address.
struct SourceFrame {
  std::string function;  // demangled; empty when unknown
  std::string file;      // empty when unknown
  std::size_t line = 0;
};

// The debug information of the objects whose frames a trace shows, read with elfutils' libdwfl (loaded with the first
// trace, core/dwarf_library): an object is reported the first time one of its addresses is looked up, its symbol
// table is then read once, and only the compilation unit that holds an address is read. Nothing is read for the frames
// a trace leaves out (the C library's and the other system libraries': their separate debug information, such as
// libc6-dbg's, which valgrind installs, took 150 ms and 20 MB to load). One instance for the process, kept for every
// thread; a lock serializes the look-ups, as a Dwfl session is not thread-safe.
class Symbolizer {
 public:
  static Symbolizer& instance() {
    static Symbolizer symbolizer;  // never destroyed before a thread that still symbolizes
    return symbolizer;
  }

  // What is known of `address`, in the object `loaded` (from dladdr): the dynamic symbol's name when there is one,
  // else the symbol table's, else the debug information's; the file and line of the address in that function (for
  // code inlined into it, the line of the outermost inlined call).
  SourceFrame describe(const void* address, const Dl_info& loaded) {
    SourceFrame frame;
    if (loaded.dli_sname != nullptr) frame.function = boost::core::demangle(loaded.dli_sname);
    const auto pc = static_cast<Dwarf_Addr>(reinterpret_cast<std::uintptr_t>(address));
    const std::lock_guard lock(mutex_);
    Dwfl_Module* const module = module_of(pc, loaded);
    if (module == nullptr) return frame;
    const DwarfLibrary& dw = *dw_;
    std::string raw_function;  // mangled, as the tables give it
    if (frame.function.empty())
      if (const char* name = function_at(module, pc); name != nullptr) raw_function = name;
    Dwarf_Addr bias = 0;
    Dwarf_Die* const unit = dw.dwfl_module_addrdie(module, pc, &bias);
    if (unit != nullptr) describe_in_unit(dw, *unit, pc - bias, frame, raw_function);
    if (frame.file.empty())
      if (Dwfl_Line* const line = dw.dwfl_module_getsrc(module, pc); line != nullptr) {
        int number = 0;
        if (const char* file = dw.dwfl_lineinfo(line, nullptr, &number, nullptr, nullptr, nullptr); file != nullptr) {
          frame.file = file;
          frame.line = static_cast<std::size_t>(number);
        }
      }
    if (frame.function.empty() && !raw_function.empty())
      frame.function = boost::core::demangle(without_clone_suffix(raw_function).c_str());
    return frame;
  }

 private:
  Symbolizer() : dw_(dwarf_library()) {
    if (dw_ == nullptr) return;
    // Only the objects reported are read: no search of the system's debug directories for others.
    callbacks_ = {.find_elf = nullptr,
                  .find_debuginfo = find_separate_debuginfo,
                  .section_address = dw_->dwfl_offline_section_address,
                  .debuginfo_path = nullptr};
    dwfl_ = dw_->dwfl_begin(&callbacks_);
  }

  // Where libdwfl looks for the separate debug information of an object that has none in its file (a program built
  // without -g, a stripped library). Its standard search ends with the debuginfod client: loading it (libdebuginfod,
  // libcurl, GnuTLS, some 25 libraries) made the first failure of such a program cost milliseconds, and where
  // DEBUGINFOD_URLS is set (Debian's libdebuginfod-common sets it for login shells) it asks a server over the network.
  // So an object is looked up by its build ID in the local debug directories (/usr/lib/debug/.build-id), and only one
  // that names its debug file (.gnu_debuglink, as a stripped library does) gets the standard search.
  static int find_separate_debuginfo(Dwfl_Module* module, void** user_data, const char* module_name, Dwarf_Addr base,
                                     const char* file_name, const char* debuglink_file, GElf_Word debuglink_crc,
                                     char** debuginfo_file_name) {
    const DwarfLibrary& dw = *dwarf_library();  // loaded: the session calling back was made with it
    const auto search = debuglink_file != nullptr ? dw.dwfl_standard_find_debuginfo : dw.dwfl_build_id_find_debuginfo;
    return search(module, user_data, module_name, base, file_name, debuglink_file, debuglink_crc, debuginfo_file_name);
  }

  // The module of the object `loaded` that holds `pc`, reported now if it was not yet: the object's file (this
  // program's through /proc/self/exe, since dladdr names it as argv[0] did) at its load bias.
  Dwfl_Module* module_of(Dwarf_Addr pc, const Dl_info& loaded) {
    if (dwfl_ == nullptr || loaded.dli_fname == nullptr) return nullptr;
    const DwarfLibrary& dw = *dw_;
    if (Dwfl_Module* const known = dw.dwfl_addrmodule(dwfl_, pc); known != nullptr) return known;
    const auto base = reinterpret_cast<std::uintptr_t>(loaded.dli_fbase);
    if (!reported_.insert(base).second) return nullptr;  // reported before, and it does not hold `pc`
    std::string file = loaded.dli_fname;
    std::uintptr_t bias = base;
    if (const Loaded program = main_program(); program.first_segment == base) {
      file = "/proc/self/exe";
      bias = program.bias;
    }
    dw.dwfl_report_begin_add(dwfl_);
    Dwfl_Module* const module = dw.dwfl_report_elf(dwfl_, file.c_str(), file.c_str(), -1, bias, false);
    dw.dwfl_report_end(dwfl_, nullptr, nullptr);
    return module != nullptr ? dw.dwfl_addrmodule(dwfl_, pc) : nullptr;
  }

  // A function of a module's symbol table: where its code starts and ends, and its (mangled) name.
  struct FunctionSymbol {
    Dwarf_Addr start = 0;
    Dwarf_Addr end = 0;
    const char* name = nullptr;  // in the module's string table, which the session keeps
    bool global = false;         // not a local symbol
  };

  // The name of the function whose code holds `pc`, from `module`'s symbol table, or null. The table is read once
  // per module and sorted: libdwfl's own look-up (dwfl_module_addrname) reads every symbol for every address, which
  // made a trace cost milliseconds in a test binary with GoogleMock's thousands of symbols.
  const char* function_at(Dwfl_Module* module, Dwarf_Addr pc) {
    const auto [entry, made] = functions_.try_emplace(module);
    std::vector<FunctionSymbol>& table = entry->second;
    if (made) table = function_symbols(*dw_, module);
    const auto after =
        std::upper_bound(table.begin(), table.end(), pc,
                         [](Dwarf_Addr address, const FunctionSymbol& symbol) { return address < symbol.start; });
    if (after == table.begin()) return nullptr;
    const FunctionSymbol& symbol = *std::prev(after);
    return pc < symbol.end ? symbol.name : nullptr;
  }

  // `module`'s functions by address; of aliases (one address, several names), a global one.
  static std::vector<FunctionSymbol> function_symbols(const DwarfLibrary& dw, Dwfl_Module* module) {
    std::vector<FunctionSymbol> table;
    const int count = dw.dwfl_module_getsymtab(module);
    for (int index = 0; index < count; ++index) {
      GElf_Sym symbol;
      GElf_Addr address = 0;
      GElf_Word section = 0;
      const char* name = dw.dwfl_module_getsym_info(module, index, &symbol, &address, &section, nullptr, nullptr);
      const int type = GELF_ST_TYPE(symbol.st_info);
      if (name == nullptr || *name == '\0' || section == SHN_UNDEF || symbol.st_size == 0 ||
          (type != STT_FUNC && type != STT_GNU_IFUNC))
        continue;
      table.push_back({.start = address,
                       .end = address + symbol.st_size,
                       .name = name,
                       .global = GELF_ST_BIND(symbol.st_info) != STB_LOCAL});
    }
    std::ranges::sort(table, [](const FunctionSymbol& left, const FunctionSymbol& right) {
      return left.start != right.start ? left.start < right.start : left.global > right.global;
    });
    const auto aliases = std::ranges::unique(table, {}, &FunctionSymbol::start);
    table.erase(aliases.begin(), aliases.end());
    return table;
  }

  // Where this program itself is loaded: the address of its first segment (dladdr's dli_fbase for its code) and its
  // load bias (0 for a program that is not position-independent).
  struct Loaded {
    std::uintptr_t first_segment = 0;
    std::uintptr_t bias = 0;
  };
  static Loaded main_program() {
    Loaded program;
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* data) {
          auto& found = *static_cast<Loaded*>(data);
          for (int index = 0; index < info->dlpi_phnum; ++index)
            if (info->dlpi_phdr[index].p_type == PT_LOAD) {
              found.first_segment = info->dlpi_addr + info->dlpi_phdr[index].p_vaddr -
                                    info->dlpi_phdr[index].p_offset;  // where its ELF header is mapped
              break;
            }
          found.bias = info->dlpi_addr;
          return 1;  // the first object is the program
        },
        &program);
    return program;
  }

  // Fills in the file and line of `pc` (an address of `unit`'s object, without its bias), and the debug information's
  // function name when the symbol tables have none.
  static void describe_in_unit(const DwarfLibrary& dw, Dwarf_Die& unit, Dwarf_Addr pc, SourceFrame& frame,
                               std::string& raw_function) {
    // The scopes that hold the address, innermost first; when it is code inlined into a function, the scopes that
    // hold the innermost inlined call (dwarf_getscopes continues with where the inlined function was declared, not
    // where it was called). That call may be inside a block of the inlined code (a loop's, a branch's).
    Dwarf_Die* innermost = nullptr;
    const int innermost_count = dw.dwarf_getscopes(&unit, pc, &innermost);
    Dwarf_Die* scopes = innermost;
    int count = innermost_count;
    Dwarf_Die* around = nullptr;
    Dwarf_Die* const innermost_end = innermost + std::max(innermost_count, 0);
    const auto inlined = std::find_if(
        innermost, innermost_end, [&](Dwarf_Die& scope) { return dw.dwarf_tag(&scope) == DW_TAG_inlined_subroutine; });
    if (inlined != innermost_end) {
      const int around_count = dw.dwarf_getscopes_die(inlined, &around);
      if (around_count > 0) {
        scopes = around;
        count = around_count;
      }
    }
    Dwarf_Die* outermost_inlined = nullptr;
    Dwarf_Die* function = nullptr;
    for (int index = 0; index < count && function == nullptr; ++index) {
      const int tag = dw.dwarf_tag(&scopes[index]);
      if (tag == DW_TAG_inlined_subroutine) outermost_inlined = &scopes[index];
      if (tag == DW_TAG_subprogram) function = &scopes[index];
    }
    if (function != nullptr && raw_function.empty() && frame.function.empty()) {
      Dwarf_Attribute attribute;
      const char* name = dw.dwarf_formstring(dw.dwarf_attr_integrate(function, DW_AT_linkage_name, &attribute));
      if (name == nullptr) name = dw.dwarf_diename(function);
      if (name != nullptr) raw_function = name;
    }
    if (outermost_inlined != nullptr) {
      // The address is in code inlined into the function: its place in the function is the inlined call's.
      Dwarf_Attribute attribute;
      Dwarf_Word file_index = 0;
      Dwarf_Word line = 0;
      Dwarf_Files* files = nullptr;
      std::size_t file_count = 0;
      if (dw.dwarf_formudata(dw.dwarf_attr(outermost_inlined, DW_AT_call_file, &attribute), &file_index) == 0 &&
          dw.dwarf_formudata(dw.dwarf_attr(outermost_inlined, DW_AT_call_line, &attribute), &line) == 0 &&
          dw.dwarf_getsrcfiles(&unit, &files, &file_count) == 0 && file_index < file_count)
        if (const char* file = dw.dwarf_filesrc(files, file_index, nullptr, nullptr); file != nullptr) {
          frame.file = file;
          frame.line = static_cast<std::size_t>(line);
        }
    }
    std::free(innermost);
    std::free(around);
  }

  const DwarfLibrary* dw_;  // null when libdw cannot be loaded
  Dwfl_Callbacks callbacks_{};
  std::mutex mutex_;
  Dwfl* dwfl_ = nullptr;
  std::set<std::uintptr_t> reported_;                              // the objects reported, by where they are loaded
  std::map<Dwfl_Module*, std::vector<FunctionSymbol>> functions_;  // each module's, once looked up
};

bool is_system_library(std::string_view object) {
  return object.starts_with("/lib/") || object.starts_with("/usr/lib/") || object.starts_with("/lib64/");
}

bool is_runner_root(std::string_view name) { return name.starts_with("testkit::detail::run_guarded"); }

// Frames of testkit itself, Boost and the standard library, which say nothing about the test.
bool is_library_frame(std::string_view name, std::string_view file) {
  return name.empty() || starts_with_any(name, {"testkit::", "boost::", "std::", "__", "_start"}) ||
         file.starts_with("/usr/include/");
}

}  // namespace

std::string describe_test_frames(std::span<void* const> addresses) {
  Symbolizer& symbolizer = Symbolizer::instance();
  std::vector<std::string> lines;
  std::size_t repeats = 0;  // of the last line: deep recursion shows once, with a count
  for (void* address : addresses) {
    // A return address points after its call, which may be past the end of the function when the callee
    // does not return (abort): look up the call instruction itself.
    void* const call = static_cast<char*>(address) - 1;
    Dl_info loaded;
    const bool found = dladdr(call, &loaded) != 0;
    // Frames of the C library and the other system libraries (raise, abort, start_thread, clone...).
    if (found && loaded.dli_fname != nullptr && is_system_library(loaded.dli_fname)) continue;
    const SourceFrame frame = found ? symbolizer.describe(call, loaded) : SourceFrame{};
    const std::string_view name = qualified_name(frame.function);
    if (is_runner_root(name)) break;
    if (is_library_frame(name, frame.file)) continue;
    std::string line = frame.function;
    if (!frame.file.empty()) line += fmt::format(" at {}:{}", frame.file, frame.line);
    if (!lines.empty() && lines.back() == line) {
      ++repeats;
      continue;
    }
    if (repeats > 0) lines.back() += fmt::format(" (and {} more times)", repeats);
    repeats = 0;
    lines.push_back(std::move(line));
    if (lines.size() == max_trace_frames) break;
  }
  if (repeats > 0) lines.back() += fmt::format(" (and {} more times)", repeats);
  std::string out;
  for (std::size_t index = 0; index < lines.size(); ++index)
    out += fmt::format("{}#{} {}", index ? "\n" : "", index, lines[index]);
  return out;
}

std::size_t dump_frames(std::uintptr_t* frames, std::size_t capacity) noexcept {
  // safe_dump_to stores a null frame after the last one and counts it: callers must not see it.
  const std::size_t stored = boost::stacktrace::safe_dump_to(frames, capacity * sizeof *frames);
  return stored > 0 ? stored - 1 : 0;
}

void prepare_frame_dumps() noexcept {
  static bool prepared = false;
  if (prepared) return;
  // The unwinder loads its library on first use.
  std::uintptr_t frames[4];
  (void)dump_frames(frames, std::size(frames));
  prepared = true;
}

std::vector<void*> capture_frames() {
  const boost::stacktrace::stacktrace trace;
  std::vector<void*> addresses;
  addresses.reserve(trace.size());
  for (const auto& frame : trace) addresses.push_back(const_cast<void*>(frame.address()));
  return addresses;
}

std::string test_code_stacktrace() { return describe_test_frames(capture_frames()); }

}  // namespace testkit::detail
