#include <testkit/run/sanitizers.hpp>

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace testkit {
namespace {

// What one runtime's name says: a library's file name ("libasan.so.8") or a symbol ("__asan_init").
void note_runtime(Sanitizers& found, std::string_view name) {
  const auto has = [&](std::string_view part) { return name.find(part) != std::string_view::npos; };
  if (has("libasan.so") || name == "__asan_init") found.address = true;
  if (has("libtsan.so") || name == "__tsan_init") found.thread = true;
  if (has("liblsan.so") || name == "__lsan_init") found.leak = true;
  if (has("libubsan.so") || name.starts_with("__ubsan_handle_")) found.undefined = true;
}

// A bounded, read-only view of an ELF file, mapped rather than read: a test binary with debug information is tens
// of megabytes, of which only the headers, the dynamic section and the dynamic symbols are looked at.
class ElfImage {
 public:
  explicit ElfImage(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat status {};
    if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0) {
      void* mapped = ::mmap(nullptr, static_cast<std::size_t>(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (mapped != MAP_FAILED) {
        data_ = static_cast<const char*>(mapped);
        size_ = static_cast<std::size_t>(status.st_size);
      }
    }
    ::close(fd);
  }
  ~ElfImage() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }
  ElfImage(const ElfImage&) = delete;
  ElfImage& operator=(const ElfImage&) = delete;

  template <typename T> [[nodiscard]] const T* at(std::uint64_t offset, std::uint64_t count = 1) const {
    if (data_ == nullptr || offset > size_ || count > (size_ - offset) / sizeof(T)) return nullptr;
    return reinterpret_cast<const T*>(data_ + offset);  // NOLINT: ELF structures are read in place
  }
  // The NUL-terminated string at `offset` of the string table `table`, or "" when it does not end within it.
  [[nodiscard]] std::string_view string(const Elf64_Shdr& table, std::uint64_t offset) const {
    const char* start = at<char>(table.sh_offset, table.sh_size);
    if (start == nullptr || offset >= table.sh_size) return {};
    const std::string_view text(start + offset, table.sh_size - offset);
    const std::size_t end = text.find('\0');
    return end == std::string_view::npos ? std::string_view{} : text.substr(0, end);
  }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

// Reads the DT_NEEDED entries of each dynamic section and the names of the dynamic symbol table (a statically linked
// runtime exports its entry points there; the full symbol table of a large binary is not worth its time).
void scan_sections(const ElfImage& image, const Elf64_Ehdr& header, Sanitizers& found) {
  const auto* sections = image.at<Elf64_Shdr>(header.e_shoff, header.e_shnum);
  if (sections == nullptr || header.e_shentsize != sizeof(Elf64_Shdr)) return;
  for (std::size_t index = 0; index < header.e_shnum; ++index) {
    const Elf64_Shdr& section = sections[index];
    if (section.sh_link >= header.e_shnum) continue;
    const Elf64_Shdr& strings = sections[section.sh_link];
    if (section.sh_type == SHT_DYNAMIC) {
      const std::size_t count = section.sh_size / sizeof(Elf64_Dyn);
      if (const auto* entries = image.at<Elf64_Dyn>(section.sh_offset, count))
        for (std::size_t entry = 0; entry < count; ++entry)
          if (entries[entry].d_tag == DT_NEEDED) note_runtime(found, image.string(strings, entries[entry].d_un.d_val));
    } else if (section.sh_type == SHT_DYNSYM) {
      const std::size_t count = section.sh_size / sizeof(Elf64_Sym);
      if (const auto* symbols = image.at<Elf64_Sym>(section.sh_offset, count))
        for (std::size_t symbol = 0; symbol < count; ++symbol)
          if (symbols[symbol].st_shndx != SHN_UNDEF)
            note_runtime(found, image.string(strings, symbols[symbol].st_name));
    }
  }
}

}  // namespace

double Sanitizers::timeout_factor() const {
  double factor = 1;
  if (undefined || leak) factor = 2;
  if (address) factor = 3;
  if (thread) factor = 5;
  if (valgrind) factor = 20;
  return factor;
}

std::string Sanitizers::names() const {
  std::string text;
  for (const auto& [on, name] :
       {std::pair{address, "AddressSanitizer"}, std::pair{thread, "ThreadSanitizer"}, std::pair{leak, "LeakSanitizer"},
        std::pair{undefined, "UndefinedBehaviorSanitizer"}, std::pair{valgrind, "valgrind"}})
    if (on) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

Sanitizers sanitizers_of_this_process() {
  Sanitizers found;
  for (const char* symbol : {"__asan_init", "__tsan_init", "__lsan_init", "__ubsan_handle_add_overflow"})
    if (::dlsym(RTLD_DEFAULT, symbol) != nullptr) note_runtime(found, symbol);
  if (found.address) found.leak = false;  // AddressSanitizer's runtime carries LeakSanitizer's entry points
  const char* preload = std::getenv("LD_PRELOAD");
  found.valgrind = preload != nullptr && std::strstr(preload, "vgpreload") != nullptr;
  return found;
}

Sanitizers sanitizers_of_binary(const std::string& path) {
  Sanitizers found;
  const ElfImage image(path);
  const auto* header = image.at<Elf64_Ehdr>(0);
  if (header == nullptr || std::memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 ||
      header->e_ident[EI_CLASS] != ELFCLASS64)
    return found;
  scan_sections(image, *header, found);
  return found;
}

}  // namespace testkit
