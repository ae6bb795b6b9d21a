// Directory streams over fake directories: opendir/fdopendir hand out a DirStream as DIR*; readdir returns
// ".", ".." and the entries in name order as the first readdir saw them.
#include <testkit/mock/detail/fake_calls.hpp>

#include <fcntl.h>

#include <cstring>

namespace testkit::detail::fakefs {
namespace {

unsigned char dirent_type(const Node& node) { return node.is_dir() ? DT_DIR : node.is_file() ? DT_REG : DT_LNK; }

dirent* fill(DirStream& stream, std::string_view name, const Node& node) {
  dirent& entry = stream.entry;
  entry.d_ino = node.ino;
  entry.d_off = stream.position;
  entry.d_reclen = sizeof entry;
  entry.d_type = dirent_type(node);
  const std::size_t length = std::min(name.size(), sizeof entry.d_name - 1);
  std::memcpy(entry.d_name, name.data(), length);
  entry.d_name[length] = '\0';
  return &entry;
}

}  // namespace

DIR* opendir_at(FakeTree& tree, const Where& at, const char* path) {
  const Lookup found = tree.resolve(at.start, path, true);
  if (found.error != 0) return failure<DIR*>(found.error);
  if (found.node == nullptr) return failure<DIR*>(ENOENT);
  if (!found.node->is_dir()) return failure<DIR*>(ENOTDIR);
  if (found.node->denied || !tree.permits(*found.node, 4)) return failure<DIR*>(EACCES);
  const int fd = tree.open_directory_fd(found.node, path_of(tree, found), O_CLOEXEC);
  if (fd < 0) return nullptr;
  return stream_for(tree, fd, found.node);
}

DIR* stream_for(FakeTree& tree, int fd, const std::shared_ptr<Node>& dir) {
  auto* const stream = new DirStream;
  stream->fd = fd;
  stream->dir = dir;
  tree.streams.insert(stream);
  return reinterpret_cast<DIR*>(stream);
}

dirent* next_entry(FakeTree& tree, DirStream& stream) {
  Node& dir = *stream.dir;
  if (stream.position == 0) {
    stream.position = 1;
    if (dir.parent != nullptr || &dir == tree.root.get())  // a removed directory lists nothing more
      stream.listed.assign(dir.entries.begin(), dir.entries.end());
    return fill(stream, ".", dir);
  }
  if (stream.position == 1) {
    stream.position = 2;
    const Node* const parent = dir.parent == nullptr ? &dir : dir.parent;
    return fill(stream, "..", *parent);
  }
  const auto index = static_cast<std::size_t>(stream.position - 2);
  if (index >= stream.listed.size()) return nullptr;
  ++stream.position;
  return fill(stream, stream.listed[index].first, *stream.listed[index].second);
}

}  // namespace testkit::detail::fakefs
