// valgrind_command: where --valgrind finds valgrind, and the options each test's worker runs under.
#include <testkit/run/valgrind_command.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

// An executable file named valgrind in `directory`.
void place_valgrind(const std::filesystem::path& directory, std::filesystem::perms permissions) {
  std::filesystem::create_directories(directory);
  std::ofstream(directory / "valgrind") << "#!/bin/sh\n";
  std::filesystem::permissions(directory / "valgrind", permissions);
}

TK_TEST(ValgrindCommand, finds_the_first_executable_valgrind_on_the_path) {
  const std::filesystem::path root = testkit::tmp_path();
  place_valgrind(root / "not_executable", std::filesystem::perms::owner_read);
  place_valgrind(root / "first", std::filesystem::perms::owner_all);
  place_valgrind(root / "second", std::filesystem::perms::owner_all);
  const std::string path = (root / "missing").string() + "::" + (root / "not_executable").string() + ":" +
                           (root / "first").string() + ":" + (root / "second").string();
  const std::optional<std::vector<std::string>> command = testkit::valgrind_command(path);
  TK_ASSERT(command.has_value());
  TK_EXPECT_EQ(command->front(), (root / "first" / "valgrind").string());
}

TK_TEST(ValgrindCommand, runs_memcheck_with_its_report_in_the_tests_stderr_and_no_check_at_exit) {
  const std::filesystem::path root = testkit::tmp_path();
  place_valgrind(root, std::filesystem::perms::owner_all);
  const std::optional<std::vector<std::string>> command = testkit::valgrind_command(root.string());
  TK_ASSERT(command.has_value());
  const std::vector<std::string> options(command->begin() + 1, command->end());
  TK_EXPECT_EQ(options,
               (std::vector<std::string>{
                   "--tool=memcheck", "--log-fd=2", "-q", "--leak-check=no", "--show-leak-kinds=definite,indirect",
                   "--errors-for-leak-kinds=definite,indirect", "--child-silent-after-fork=yes"}));
}

TK_TEST(ValgrindCommand, none_without_valgrind_on_the_path) {
  TK_EXPECT_FALSE(testkit::valgrind_command("").has_value());
  TK_EXPECT_FALSE(testkit::valgrind_command((testkit::tmp_path() / "empty").string()).has_value());
}

}  // namespace
