// The fake tree's bookkeeping: nodes, path resolution as the kernel walks it, permissions, the descriptor
// table, the event log and capacity.
#include <testkit/mock/detail/fake_tree.hpp>

#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

#include <testkit/interpose/dispatch.hpp>

namespace testkit::detail::fakefs {
namespace {

constexpr int max_symlinks = 40;  // the kernel's MAXSYMLINKS

Lookup failed(int error) {
  Lookup out;
  out.error = error;
  return out;
}

}  // namespace

Node::Node(Type type_, mode_t mode_, ino_t ino_) : type(type_), mode(mode_ & 07777), ino(ino_) {
  atime = mtime = ctime = now();
}

Node::~Node() {
  // The tree may die outside a handler; reach the kernel whatever is patched.
  if (memfd >= 0) (void)call_real<Function::close>(memfd);
}

mode_t Node::type_bits() const {
  switch (type) {
    case Type::directory: return S_IFDIR;
    case Type::regular: return S_IFREG;
    case Type::symlink: return S_IFLNK;
  }
  return 0;
}

void Node::touch() { mtime = ctime = now(); }

timespec now() {
  timespec time{};
  ::clock_gettime(CLOCK_REALTIME, &time);
  return time;
}

std::string lexically_absolute(std::string_view base, std::string_view path) {
  std::string joined =
      !path.empty() && path[0] == '/' ? std::string(path) : std::string(base) + "/" + std::string(path);
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (const std::string_view part : parts) (out += '/') += part;
  return out.empty() ? "/" : out;
}

bool is_under(std::string_view path, std::string_view prefix) {
  if (prefix == "/") return true;
  return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

FakeTree::FakeTree() : euid(::geteuid()), egid(::getegid()) {
  umask_bits = ::umask(022);
  ::umask(umask_bits);
  root = make_node(Node::Type::directory, 0755);
  root->parent = root.get();
  cwd = root;
  auto tmp = make_node(Node::Type::directory, 01777);
  attach(*root, "tmp", tmp);
}

FakeTree::~FakeTree() {
  for (DirStream* stream : streams) delete stream;  // streams the code under test never closed
}

Where FakeTree::where(int dirfd, const char* path) {
  Where out;
  if (path == nullptr) {
    out.error = EFAULT;
    return out;
  }
  std::string base = "/";
  if (path[0] == '/') {
    out.start = root;
  } else if (dirfd == AT_FDCWD) {
    out.start = cwd;
    base = dir_path(*cwd);
  } else if (OpenFile* const file = open_file(dirfd)) {
    out.start = file->node;
    if (!file->node->is_dir() && path[0] != '\0') out.error = ENOTDIR;
    base = file->node->is_dir() ? dir_path(*file->node) : file->path;
  } else {
    out.real = true;  // a descriptor the fake did not open: the real disk answers
    return out;
  }
  out.absolute = lexically_absolute(base, path);
  for (const std::string& prefix : pass_through)
    if (is_under(out.absolute, prefix)) out.real = true;
  return out;
}

namespace {

// The shared_ptr owning directory `dir` (null for a removed one).
std::shared_ptr<Node> owner_of(const std::shared_ptr<Node>& root, Node* dir) {
  if (dir == nullptr) return nullptr;
  if (dir == root.get()) return root;
  if (dir->parent == nullptr) return nullptr;
  const auto it = dir->parent->entries.find(dir->name);
  return it == dir->parent->entries.end() ? nullptr : it->second;
}

struct Walker {
  FakeTree& tree;
  bool as_test;
  int links = 0;

  Lookup walk(std::shared_ptr<Node> dir, std::string_view path, bool follow) {
    if (path.empty()) return failed(ENOENT);
    if (path.size() >= PATH_MAX) return failed(ENAMETOOLONG);
    if (path[0] == '/') dir = tree.root;
    std::vector<std::string_view> parts;
    for (std::string_view rest = path; !rest.empty();) {
      const std::size_t slash = rest.find('/');
      if (slash != 0) parts.push_back(rest.substr(0, slash));
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    const bool trailing = path.back() == '/';
    if (parts.empty()) {
      Lookup out;
      out.parent = tree.root;
      out.name = "/";
      out.node = tree.root;
      return out;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::string_view part = parts[i];
      if (!dir->is_dir()) return failed(ENOTDIR);
      if (!as_test && (dir->denied || !tree.permits(*dir, 1))) return failed(EACCES);
      if (part.size() > NAME_MAX) return failed(ENAMETOOLONG);
      std::shared_ptr<Node> next;
      if (part == ".") {
        next = dir;
      } else if (part == "..") {
        next = owner_of(tree.root, dir->parent);
        if (next == nullptr) return failed(ENOENT);
      } else if (const auto it = dir->entries.find(std::string(part)); it != dir->entries.end()) {
        next = it->second;
      }
      if (i + 1 == parts.size()) {
        if (next != nullptr && next->is_link() && (follow || trailing)) {
          if (++links > max_symlinks) return failed(ELOOP);
          Lookup target = walk(dir, next->target, true);
          if (target.error == 0 && trailing) {
            if (target.node != nullptr && !target.node->is_dir()) return failed(ENOTDIR);
            target.trailing_slash = true;
          }
          return target;
        }
        if (next != nullptr && trailing && !next->is_dir()) return failed(ENOTDIR);
        Lookup out;
        out.parent = dir;
        out.name = std::string(part);
        out.node = std::move(next);
        out.trailing_slash = trailing;
        return out;
      }
      if (next == nullptr) return failed(ENOENT);
      if (next->is_link()) {
        if (++links > max_symlinks) return failed(ELOOP);
        const Lookup target = walk(dir, next->target, true);
        if (target.error != 0) return target;
        if (target.node == nullptr) return failed(ENOENT);
        next = target.node;
      }
      dir = std::move(next);
    }
    return failed(ENOENT);
  }
};

}  // namespace

Lookup FakeTree::resolve(const std::shared_ptr<Node>& start, std::string_view path, bool follow, bool as_test) {
  Walker walker{*this, as_test};
  return walker.walk(start, path, follow);
}

std::string FakeTree::dir_path(const Node& dir) const {
  std::vector<const std::string*> names;
  for (const Node* node = &dir; node != root.get(); node = node->parent) {
    if (node->parent == nullptr) return "/";  // removed: paths below it are no longer anywhere
    names.push_back(&node->name);
  }
  std::string out;
  for (auto it = names.rbegin(); it != names.rend(); ++it) (out += '/') += **it;
  return out.empty() ? "/" : out;
}

std::string FakeTree::entry_path(const Node& dir, std::string_view name) const {
  std::string out = dir_path(dir);
  if (name == "/" || name.empty()) return out;
  if (out != "/") out += '/';
  return out += name;
}

bool FakeTree::permits(const Node& node, int want) const {
  if (euid == 0) {
    // Root passes every check but executing a file no one may execute.
    if ((want & 1) != 0 && !node.is_dir()) return (node.mode & 0111) != 0;
    return true;
  }
  const mode_t bits = node.uid == euid ? node.mode >> 6 : node.gid == egid ? node.mode >> 3 : node.mode;
  return (static_cast<int>(bits) & want) == want;
}

int FakeTree::may_change(const Node& dir) const {
  if (dir.denied) return EACCES;
  if (dir.write_error != 0) return dir.write_error;
  if (!permits(dir, 3)) return EACCES;
  return 0;
}

int FakeTree::injected(Function function, const std::string& absolute) const {
  for (const FaultRule& rule : faults) {
    if (rule.path != absolute) continue;
    for (std::size_t i = 0; i < rule.target.count; ++i)
      if (rule.target.functions[i] == function) return rule.error;
  }
  return 0;
}

std::shared_ptr<Node> FakeTree::make_node(Node::Type type, mode_t mode) {
  auto node = std::make_shared<Node>(type, mode, next_ino++);
  node->uid = euid;
  node->gid = egid;
  if (type == Node::Type::directory) node->links = 2;
  if (type == Node::Type::regular) node->memfd = ::memfd_create("testkit-fake-file", MFD_CLOEXEC);
  return node;
}

void FakeTree::attach(Node& dir, const std::string& name, const std::shared_ptr<Node>& node) {
  dir.entries[name] = node;
  if (node->is_dir()) {
    node->parent = &dir;
    node->name = name;
    node->links = 2 + static_cast<nlink_t>(std::count_if(node->entries.begin(), node->entries.end(),
                                                         [](const auto& entry) { return entry.second->is_dir(); }));
    ++dir.links;
  } else {
    ++node->links;
  }
  dir.touch();
}

void FakeTree::detach(Node& dir, const std::string& name) {
  const auto it = dir.entries.find(name);
  if (it == dir.entries.end()) return;
  const std::shared_ptr<Node> node = it->second;
  dir.entries.erase(it);
  if (node->is_dir()) {
    node->parent = nullptr;
    node->links = 0;
    --dir.links;
  } else {
    --node->links;
    node->ctime = now();
  }
  dir.touch();
}

void FakeTree::fill_stat(const Node& node, struct stat* info) const {
  std::memset(info, 0, sizeof *info);
  info->st_dev = device;
  info->st_ino = node.ino;
  info->st_mode = node.type_bits() | node.mode;
  info->st_nlink = node.links;
  info->st_uid = node.uid;
  info->st_gid = node.gid;
  info->st_blksize = 4096;
  info->st_atim = node.atime;
  info->st_mtim = node.mtime;
  info->st_ctim = node.ctime;
  if (node.is_file()) {
    struct stat real {};
    if (::fstat(node.memfd, &real) == 0) {
      info->st_size = real.st_size;
      info->st_blocks = real.st_blocks;
      info->st_atim = real.st_atim;
      info->st_mtim = real.st_mtim;
      info->st_ctim = real.st_ctim;
    }
  } else if (node.is_dir()) {
    info->st_size = 4096;
    info->st_blocks = 8;
  } else {
    info->st_size = static_cast<off_t>(node.target.size());
  }
}

OpenFile* FakeTree::open_file(int fd) {
  const auto it = files.find(fd);
  if (it == files.end()) return nullptr;
  struct stat real {};
  if (::fstat(fd, &real) != 0 || real.st_dev != it->second.real_dev || real.st_ino != it->second.real_ino) {
    files.erase(it);  // closed behind the interposer's back (fclose) and reused
    return nullptr;
  }
  return &it->second;
}

void FakeTree::remember(int fd, std::shared_ptr<Node> node, std::string path) {
  struct stat real {};
  (void)::fstat(fd, &real);
  files[fd] = OpenFile{std::move(node), real.st_dev, real.st_ino, std::move(path), false};
}

void FakeTree::log(FsEvent::Kind kind, std::string path, std::string to) {
  events.push_back(FsEvent{kind, std::move(path), std::move(to)});
}

std::uintmax_t FakeTree::used_bytes() const {
  std::uintmax_t total = 0;
  std::unordered_set<ino_t> seen;
  std::vector<const Node*> pending{root.get()};
  while (!pending.empty()) {
    const Node* const dir = pending.back();
    pending.pop_back();
    for (const auto& [name, node] : dir->entries) {
      if (node->is_dir()) pending.push_back(node.get());
      if (!node->is_file() || !seen.insert(node->ino).second) continue;
      struct stat real {};
      if (::fstat(node->memfd, &real) == 0) total += static_cast<std::uintmax_t>(real.st_size);
    }
  }
  return total;
}

std::uintmax_t FakeTree::room() const {
  if (!capacity) return UINTMAX_MAX;
  const std::uintmax_t used = used_bytes();
  return used >= *capacity ? 0 : *capacity - used;
}

int FakeTree::open_directory_fd(const std::shared_ptr<Node>& dir, const std::string& path, int flags) {
  const int fd = ::memfd_create("testkit-fake-dir", (flags & O_CLOEXEC) != 0 ? MFD_CLOEXEC : 0u);
  if (fd >= 0) remember(fd, dir, path);
  return fd;
}

}  // namespace testkit::detail::fakefs
