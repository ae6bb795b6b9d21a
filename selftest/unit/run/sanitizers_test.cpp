// Sanitizers: which sanitizer runtimes a process runs with, and which a binary links, found at run time.
#include <testkit/run/sanitizers.hpp>

#include <elf.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

using testkit::Sanitizers;

/// The first file of the system's library directories whose name starts with `prefix` ("libasan.so"), or "".
std::string system_library(const std::string& prefix) {
  for (const char* directory : {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"}) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error))
      if (entry.path().filename().string().starts_with(prefix)) return entry.path().string();
  }
  return "";
}

TK_TEST(Sanitizers, this_process_has_the_runtimes_it_was_built_with) {
  const Sanitizers found = testkit::sanitizers_of_this_process();
#if defined(__SANITIZE_ADDRESS__)
  TK_EXPECT(found.address);
  TK_EXPECT(found.needs_address_space());
#elif defined(__SANITIZE_THREAD__)
  TK_EXPECT(found.thread);
  TK_EXPECT_EQ(found.timeout_factor(), 5.0);
#else
  TK_EXPECT_FALSE(found.address || found.thread || found.leak, "{}", found.names());
#endif
  const Sanitizers binary = testkit::sanitizers_of_binary("/proc/self/exe");
  TK_EXPECT_EQ(binary.address, found.address, "the ELF file says what the process runs");
  TK_EXPECT_EQ(binary.thread, found.thread);
}

TK_TEST(Sanitizers, a_runtime_library_is_recognised_by_its_entry_point) {
  for (const auto& [prefix, which] :
       {std::pair{"libasan.so", &Sanitizers::address}, std::pair{"libtsan.so", &Sanitizers::thread},
        std::pair{"libubsan.so", &Sanitizers::undefined}}) {
    const std::string library = system_library(prefix);
    if (library.empty()) continue;  // gcc installs them; a machine without one has nothing to check here
    const Sanitizers found = testkit::sanitizers_of_binary(library);
    TK_EXPECT(found.*which, "{}: {}", library, found.names());
  }
}

TK_TEST(Sanitizers, what_is_not_a_readable_elf_file_has_none) {
  const std::filesystem::path directory = testkit::tmp_path();
  std::ofstream(directory / "script.sh") << "#!/bin/sh\necho libasan.so\n";
  // The ELF magic, then a header whose tables lie far outside the file.
  Elf64_Ehdr header{};
  std::copy_n(ELFMAG, SELFMAG, header.e_ident);
  header.e_ident[EI_CLASS] = ELFCLASS64;
  header.e_shoff = 1u << 30;
  header.e_shnum = 60000;
  header.e_shentsize = sizeof(Elf64_Shdr);
  std::ofstream(directory / "lying.elf", std::ios::binary).write(reinterpret_cast<const char*>(&header), sizeof header);
  std::ofstream(directory / "short.elf", std::ios::binary) << ELFMAG;
  for (const std::filesystem::path& path :
       {directory / "script.sh", directory / "lying.elf", directory / "short.elf", directory / "missing", directory})
    TK_EXPECT_FALSE(testkit::sanitizers_of_binary(path.string()).any(), "{}", path.string());
}

TK_TEST(Sanitizers, the_timeout_factor_is_the_largest_that_applies) {
  TK_EXPECT_EQ(Sanitizers{}.timeout_factor(), 1.0);
  TK_EXPECT_EQ((Sanitizers{.address = true, .undefined = true}).timeout_factor(), 3.0);
  TK_EXPECT_EQ((Sanitizers{.undefined = true}).timeout_factor(), 2.0);
  TK_EXPECT_EQ((Sanitizers{.valgrind = true}).timeout_factor(), 20.0);
  TK_EXPECT_EQ((Sanitizers{.address = true, .undefined = true}).names(),
               "AddressSanitizer, UndefinedBehaviorSanitizer");
  TK_EXPECT_FALSE((Sanitizers{.undefined = true}).needs_address_space());
}

}  // namespace
