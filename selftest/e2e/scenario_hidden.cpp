// Tests that try to read what the instructor hides: the source of a hidden test (this file, since it holds one) and
// a directory given to --sandbox-hide (hidden_dir/ beside this binary). Each passes when the reading fails, so that
// under testkit-run --sandbox all of them pass, and without the sandbox the peeking ones fail.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;

// What reading `path` gives; "" when it cannot be opened.
std::string contents(const fs::path& path) {
  std::ifstream file(path);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

fs::path hidden_dir() { return fs::read_symlink("/proc/self/exe").parent_path() / "hidden_dir"; }

}  // namespace

TK_TEST(Secret, expected_values, .visibility = testkit::Visibility::hidden) { TK_EXPECT_EQ(6 * 7, 42); }

TK_TEST(Peek, the_hidden_tests_source) {
  const std::string source = contents(__FILE__);
  TK_EXPECT(source.empty(), "read {} bytes of the hidden test's source", source.size());
}

TK_TEST(Peek, a_hidden_directory) {
  const std::string answer = contents(hidden_dir() / "answer.txt");
  TK_EXPECT(answer.empty(), "read the hidden answer: {}", answer);
}

TK_TEST(Peek, the_listing_of_the_hidden_sources_directory) {
  std::error_code error;
  const fs::directory_iterator listing(fs::path(__FILE__).parent_path(), error);
  TK_EXPECT(error, "listed the directory that holds the hidden test's source");
}

// What is not hidden stays readable: a neighbour of the hidden source, the system's files.
TK_TEST(Read, a_neighbour_of_the_hidden_source) {
  TK_EXPECT_CONTAINS(contents(fs::path(__FILE__).parent_path() / "scenario.hpp"), "#pragma once");
}

TK_TEST(Read, the_systems_files) { TK_EXPECT_CONTAINS(contents("/etc/os-release"), "NAME="); }
