// readable_roots: the places that, granted readable, leave exactly the hidden paths unreadable.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <testkit/run/detail/hidden_paths.hpp>
#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;
using testkit::detail::readable_roots;
using testkit::detail::ReadableRoot;

// tree/a/b/{hidden.txt, neighbour.txt}, tree/a/c/, tree/d.txt and tree/link -> a/b/hidden.txt.
fs::path make_tree() {
  const fs::path tree = fs::weakly_canonical(testkit::tmp_path()) / "tree";
  fs::create_directories(tree / "a" / "b");
  fs::create_directories(tree / "a" / "c");
  std::ofstream(tree / "a" / "b" / "hidden.txt") << "secret";
  std::ofstream(tree / "a" / "b" / "neighbour.txt") << "public";
  std::ofstream(tree / "d.txt") << "public";
  fs::create_symlink(tree / "a" / "b" / "hidden.txt", tree / "link");
  return tree;
}

bool has(const std::vector<ReadableRoot>& roots, const fs::path& path, bool is_directory) {
  return std::ranges::any_of(
      roots, [&](const ReadableRoot& root) { return root.path == path.string() && root.is_directory == is_directory; });
}

bool covers(const std::vector<ReadableRoot>& roots, const fs::path& path) {
  return std::ranges::any_of(roots, [&](const ReadableRoot& root) {
    const fs::path granted(root.path);
    return std::mismatch(granted.begin(), granted.end(), path.begin(), path.end()).first == granted.end();
  });
}

}  // namespace

TK_TEST(ReadableRoots, everything_but_the_hidden_file_and_the_way_to_it) {
  const fs::path tree = make_tree();
  const auto roots = readable_roots({(tree / "a" / "b" / "hidden.txt").string()});
  TK_EXPECT(has(roots, tree / "a" / "b" / "neighbour.txt", false));
  TK_EXPECT(has(roots, tree / "a" / "c", true));
  TK_EXPECT(has(roots, tree / "d.txt", false));
  TK_EXPECT(has(roots, "/etc", true), "the rest of the filesystem stays readable");
  TK_EXPECT_FALSE(covers(roots, tree / "a" / "b" / "hidden.txt"));
  TK_EXPECT_FALSE(covers(roots, tree / "a"), "listing a directory on the way would list the hidden file");
  TK_EXPECT_FALSE(covers(roots, tree / "link"), "a link is judged at its target");
}

TK_TEST(ReadableRoots, a_hidden_directory_hides_what_is_beneath_it) {
  const fs::path tree = make_tree();
  const auto roots = readable_roots({(tree / "a" / "b" / "hidden.txt").string(), (tree / "a").string()});
  TK_EXPECT_FALSE(covers(roots, tree / "a" / "c"));
  TK_EXPECT_FALSE(covers(roots, tree / "a" / "b" / "neighbour.txt"));
  TK_EXPECT(has(roots, tree / "d.txt", false));
}

TK_TEST(ReadableRoots, nothing_hidden_is_everything_readable_and_a_hidden_root_is_nothing) {
  const auto everything = readable_roots({});
  TK_ASSERT_EQ(everything.size(), 1u);
  TK_EXPECT_EQ(everything.front().path, "/");
  TK_EXPECT(readable_roots({"/"}).empty());
}

TK_TEST(ReadableRoots, a_hidden_path_that_does_not_exist_hides_nothing_else) {
  const fs::path tree = make_tree();
  const auto roots = readable_roots({(tree / "a" / "missing" / "x.txt").string()});
  TK_EXPECT(has(roots, tree / "a" / "c", true));
  TK_EXPECT(has(roots, tree / "a" / "b", true));
}
