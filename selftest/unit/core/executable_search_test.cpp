// find_executable (core/executable_search.hpp): the first executable regular file of a name in a PATH list, with an
// empty entry read as the working directory or left out.
#include <testkit/core/executable_search.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <testkit/core/process_role.hpp>
#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;
using testkit::detail::EmptyPathEntry;
using testkit::detail::find_executable;

void place(const fs::path& file, fs::perms permissions) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "#!/bin/sh\n";
  fs::permissions(file, permissions);
}

TK_TEST(ExecutableSearch, finds_the_first_executable_regular_file_of_the_name) {
  const fs::path root = testkit::tmp_path();
  place(root / "unreadable" / "tool", fs::perms::owner_read);
  fs::create_directories(root / "directory" / "tool");
  place(root / "first" / "tool", fs::perms::owner_all);
  place(root / "second" / "tool", fs::perms::owner_all);
  const std::string path = (root / "missing").string() + ":" + (root / "unreadable").string() + ":" +
                           (root / "directory").string() + ":" + (root / "first").string() + ":" +
                           (root / "second").string();
  TK_EXPECT_EQ(find_executable("tool", path, EmptyPathEntry::skipped), (root / "first" / "tool").string());
  TK_EXPECT_EQ(find_executable("other", path, EmptyPathEntry::skipped), "");
  TK_EXPECT_EQ(find_executable("tool", "", EmptyPathEntry::skipped), "");
}

TK_TEST(ExecutableSearch, an_empty_entry_is_the_working_directory_or_nothing) {
  if (testkit::detail::process_role().black_box == nullptr)
    TK_SKIP("run forked: it changes the working directory, which in-process tests on other threads share");
  const fs::path root = testkit::tmp_path();
  place(root / "tool", fs::perms::owner_all);
  TK_ASSERT_EQ(::chdir(root.c_str()), 0);  // the runner puts the working directory back after the test
  TK_EXPECT_EQ(find_executable("tool", "/nonexistent::/also-nonexistent", EmptyPathEntry::current_directory), "./tool");
  TK_EXPECT_EQ(find_executable("tool", "", EmptyPathEntry::current_directory), "./tool");
  TK_EXPECT_EQ(find_executable("tool", "/nonexistent::/also-nonexistent", EmptyPathEntry::skipped), "");
}

}  // namespace
