#include <testkit/mock/fake_filesystem.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include <testkit/interpose/framework_io.hpp>
#include <testkit/interpose/patch_scope.hpp>
#include <testkit/mock/detail/fake_handlers.hpp>

namespace testkit {
namespace {

using detail::fakefs::FakeTree;
using detail::fakefs::Lookup;
using detail::fakefs::Node;
namespace fs = std::filesystem;

std::string absolute_in(const FakeTree& tree, const fs::path& path) {
  return detail::fakefs::lexically_absolute(tree.dir_path(*tree.cwd), path.native());
}

[[noreturn]] void refuse(const std::string& what, const std::string& path) {
  throw std::runtime_error("FakeFilesystem: " + what + ": " + path);
}

// A test that sets up a path under a pass-through prefix ("/proc/meminfo") takes that prefix over: from now
// on the fake answers for all of it, so the code under test sees the made-up files and nothing real beside.
void take_over_pass_through(FakeTree& tree, const std::string& path) {
  std::erase_if(tree.pass_through, [&](const std::string& prefix) { return detail::fakefs::is_under(path, prefix); });
}

// The directory `path` names, made (with parents) as needed.
std::shared_ptr<Node> ensure_directory(FakeTree& tree, const std::string& path) {
  take_over_pass_through(tree, path);
  std::shared_ptr<Node> dir = tree.root;
  std::string prefix;
  for (const auto& part : fs::path(path).relative_path()) {
    prefix += "/" + part.native();
    const Lookup found = tree.resolve(tree.root, prefix, true, true);
    if (found.error != 0) refuse("cannot reach", prefix);
    if (found.node == nullptr) {
      auto made = tree.make_node(Node::Type::directory, 0755);
      tree.attach(*found.parent, found.name, made);
      dir = made;
    } else if (!found.node->is_dir()) {
      refuse("not a directory", prefix);
    } else {
      dir = found.node;
    }
  }
  return dir;
}

// The parent directory of `path` (made as needed) and the last name.
std::pair<std::shared_ptr<Node>, std::string> place(FakeTree& tree, const std::string& path) {
  const fs::path full(path);
  if (!full.has_filename()) refuse("no file name in", path);
  return {ensure_directory(tree, full.parent_path().native()), full.filename().native()};
}

std::shared_ptr<Node> existing(const FakeTree& tree, const fs::path& path) {
  auto& mutable_tree = const_cast<FakeTree&>(tree);
  const Lookup found = mutable_tree.resolve(tree.root, absolute_in(tree, path), true, true);
  return found.error == 0 ? found.node : nullptr;
}

// Makes `contents` a file's bytes from offset 0 (the memfd is empty or freshly truncated).
void store_contents(int memfd, std::string_view contents) {
  if (::lseek(memfd, 0, SEEK_SET) != 0 || !detail::write_all(memfd, contents))
    throw std::runtime_error("FakeFilesystem: cannot write a memfd");
}

void mark(Node& node, void (*apply)(Node&)) {
  apply(node);
  if (node.is_dir())
    for (auto& [name, child] : node.entries) mark(*child, apply);
}

// Copies one real file, symlink or directory (recursively) into `dir` as `name`, read-only.
void import(FakeTree& tree, Node& dir, const std::string& name, const fs::path& real) {
  struct stat info {};
  if (::lstat(real.c_str(), &info) != 0) refuse("cannot read the real", real.native());
  std::shared_ptr<Node> node;
  if (S_ISDIR(info.st_mode)) {
    node = tree.make_node(Node::Type::directory, info.st_mode);
    tree.attach(dir, name, node);
    for (const auto& entry : fs::directory_iterator(real)) import(tree, *node, entry.path().filename(), entry.path());
  } else if (S_ISLNK(info.st_mode)) {
    node = tree.make_node(Node::Type::symlink, 0777);
    node->target = fs::read_symlink(real).native();
    tree.attach(dir, name, node);
  } else {
    node = tree.make_node(Node::Type::regular, info.st_mode);
    const int fd = ::open(real.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) refuse("cannot open the real", real.native());
    std::string contents;
    char buffer[65536];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) contents.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    store_contents(node->memfd, contents);
    const timespec times[2] = {info.st_atim, info.st_mtim};
    (void)::futimens(node->memfd, times);
    tree.attach(dir, name, node);
  }
  node->write_error = EACCES;  // pyfakefs's read_only: writing to an imported file is a permission error
  node->mtime = info.st_mtim;
}

void import_at(FakeTree& tree, const fs::path& real, const fs::path& target) {
  const std::string path = absolute_in(tree, target.empty() ? fs::absolute(real) : target);
  auto [dir, name] = place(tree, path);
  if (dir->entries.count(name) != 0) refuse("already exists", path);
  import(tree, *dir, name, real);
}

}  // namespace

FakeFilesystem::FakeFilesystem() : scope_(detail::patch_scope_for_this_thread()) {
  const detail::BypassPatches bypass;
  tree_ = std::make_shared<FakeTree>();
  // The code under test's std::filesystem::temp_directory_path() ($TMPDIR, else /tmp) checks that its directory
  // exists: it does (empty) in the fake. Asked here with patches bypassed, it answers from the real disk.
  std::error_code error;
  if (const fs::path temp = fs::temp_directory_path(error); !error && temp.is_absolute())
    (void)ensure_directory(*tree_, detail::fakefs::lexically_absolute("/", temp.native()));
  detail::fakefs::install_path_handlers(*scope_, this, tree_);
  detail::fakefs::install_descriptor_handlers(*scope_, this, tree_);
}

FakeFilesystem::~FakeFilesystem() {
  const detail::BypassPatches bypass;
  scope_->remove(this);
}

void FakeFilesystem::create_file(const fs::path& path, std::string_view contents, fs::perms perms) {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  const std::string full = absolute_in(*tree_, path);
  auto [dir, name] = place(*tree_, full);
  std::shared_ptr<Node> node;
  if (const auto it = dir->entries.find(name); it != dir->entries.end()) {
    node = it->second;
    if (!node->is_file()) refuse("not a regular file", full);
    if (::ftruncate(node->memfd, 0) != 0) refuse("cannot truncate", full);
    node->mode = static_cast<mode_t>(perms) & 07777;
  } else {
    node = tree_->make_node(Node::Type::regular, static_cast<mode_t>(perms));
    tree_->attach(*dir, name, node);
  }
  store_contents(node->memfd, contents);
}

void FakeFilesystem::create_directory(const fs::path& path) {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  (void)ensure_directory(*tree_, absolute_in(*tree_, path));
}

void FakeFilesystem::create_symlink(const fs::path& target, const fs::path& link) {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  const std::string full = absolute_in(*tree_, link);
  auto [dir, name] = place(*tree_, full);
  if (dir->entries.count(name) != 0) refuse("already exists", full);
  auto node = tree_->make_node(Node::Type::symlink, 0777);
  node->target = target.native();
  tree_->attach(*dir, name, node);
}

void FakeFilesystem::set_mtime(const fs::path& path, fs::file_time_type time) {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  const auto node = existing(*tree_, path);
  if (node == nullptr) refuse("no such file", path.native());
  const auto since_epoch = std::chrono::file_clock::to_sys(time).time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const timespec mtime{
      static_cast<time_t>(seconds.count()),
      static_cast<long>(std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds).count())};
  if (node->is_file()) {
    const timespec times[2] = {{0, UTIME_OMIT}, mtime};
    (void)::futimens(node->memfd, times);
  } else {
    node->mtime = mtime;
  }
}

void FakeFilesystem::add_real_directory(const fs::path& real, const fs::path& target) {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  if (!fs::is_directory(real)) refuse("not a real directory", real.native());
  import_at(*tree_, real, target);
}

void FakeFilesystem::add_real_file(const fs::path& real, const fs::path& target) {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  if (!fs::is_regular_file(real)) refuse("not a real file", real.native());
  import_at(*tree_, real, target);
}

void FakeFilesystem::pass_through(const fs::path& prefix) {
  const std::lock_guard lock(tree_->mutex);
  tree_->pass_through.push_back(detail::fakefs::lexically_absolute("/", prefix.native()));
}

bool FakeFilesystem::exists(const fs::path& path) const {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  return existing(*tree_, path) != nullptr;
}

bool FakeFilesystem::is_directory(const fs::path& path) const {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  const auto node = existing(*tree_, path);
  return node != nullptr && node->is_dir();
}

std::string FakeFilesystem::read_file(const fs::path& path) const {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  const auto node = existing(*tree_, path);
  if (node == nullptr || !node->is_file()) refuse("no such regular file", path.native());
  std::string contents;
  char buffer[65536];
  for (ssize_t n; (n = ::pread(node->memfd, buffer, sizeof buffer, static_cast<off_t>(contents.size()))) > 0;)
    contents.append(buffer, static_cast<std::size_t>(n));
  return contents;
}

std::vector<std::string> FakeFilesystem::list(const fs::path& dir) const {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  const auto node = existing(*tree_, dir);
  if (node == nullptr || !node->is_dir()) refuse("no such directory", dir.native());
  std::vector<std::string> names;
  for (const auto& [name, child] : node->entries) names.push_back(name);
  return names;
}

std::vector<std::string> FakeFilesystem::tree() const {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  std::vector<std::string> paths;
  std::vector<std::pair<const Node*, std::string>> pending{{tree_->root.get(), ""}};
  while (!pending.empty()) {
    auto [dir, prefix] = pending.back();
    pending.pop_back();
    for (const auto& [name, child] : dir->entries) {
      std::string path = prefix + "/" + name;
      if (child->is_dir()) {
        paths.push_back(path + "/");
        pending.emplace_back(child.get(), path);
      } else {
        paths.push_back(path);
      }
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<FsEvent> FakeFilesystem::events() const {
  const std::lock_guard lock(tree_->mutex);
  return tree_->events;
}

namespace {
std::vector<std::string> paths_of(const std::vector<FsEvent>& events, FsEvent::Kind a, FsEvent::Kind b) {
  std::vector<std::string> paths;
  for (const FsEvent& event : events)
    if (event.kind == a || event.kind == b) paths.push_back(event.path);
  return paths;
}
}  // namespace

std::vector<std::string> FakeFilesystem::deleted() const {
  return paths_of(events(), FsEvent::Kind::deleted, FsEvent::Kind::removed_directory);
}

std::vector<std::string> FakeFilesystem::created() const {
  return paths_of(events(), FsEvent::Kind::created, FsEvent::Kind::created_directory);
}

std::vector<std::string> FakeFilesystem::written() const {
  return paths_of(events(), FsEvent::Kind::written, FsEvent::Kind::written);
}

void FakeFilesystem::set_capacity(std::uintmax_t bytes) {
  const std::lock_guard lock(tree_->mutex);
  tree_->capacity = bytes;
}

void FakeFilesystem::make_read_only(const fs::path& path) {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  const auto node = existing(*tree_, path);
  if (node == nullptr) refuse("no such file", path.native());
  mark(*node, [](Node& each) { each.write_error = EROFS; });
}

void FakeFilesystem::deny_access(const fs::path& path) {
  const detail::BypassPatches bypass;
  const std::lock_guard lock(tree_->mutex);
  const auto node = existing(*tree_, path);
  if (node == nullptr) refuse("no such file", path.native());
  mark(*node, [](Node& each) { each.denied = true; });
}

void FakeFilesystem::fail(const Target& call, const fs::path& path, int error) {
  const std::lock_guard lock(tree_->mutex);
  tree_->faults.push_back({call, absolute_in(*tree_, path), error});
}

}  // namespace testkit
