#include <testkit/core/tmp_path.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include <testkit/core/black_box.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/remove_tree.hpp>
#include <testkit/core/thread_link.hpp>
#include <testkit/interpose/bypass.hpp>

namespace testkit {
namespace detail {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view name_prefix = "testkit-";
// Keeps the name well below NAME_MAX with the prefix and mkdtemp's suffix; the start of a name says the most.
constexpr std::size_t max_name_bytes = 120;

// The root without a trailing separator, so that a made path's parent compares equal to it.
fs::path tmp_root() {
  const char* const root = process_role().tmp_root;
  fs::path normal = fs::path(root != nullptr && *root != '\0' ? root : "/tmp").lexically_normal();
  if (!normal.has_filename() && normal.has_parent_path() && normal != normal.root_path()) normal = normal.parent_path();
  return normal;
}

// "Suite.name/3" as a file name a shell needs no quotes for: letters, digits, '.', '-' and '_' stay, the rest
// become '_'.
std::string file_name_of(const TestInfo* test) {
  std::string name = test != nullptr ? test->full_name() : "test";
  if (name.size() > max_name_bytes) name.resize(max_name_bytes);
  for (char& c : name) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!plain) c = '_';
  }
  if (name.starts_with('.')) name.front() = '_';  // not a hidden file, nor "." or ".."
  return name;
}

// A forked test process notes its directory where its supervisor finds it even after a crash. A path that does not
// fit is not noted at all: a cut one could name another directory.
void note_in_black_box(const std::string& path) {
  BlackBox* const box = process_role().black_box;
  if (box == nullptr || path.size() >= sizeof box->tmp_path) return;
  // Tests run from inside the process's test (a selftest's pool) may get here at once.
  static std::mutex noting;
  const std::lock_guard lock(noting);
  std::memcpy(box->tmp_path, path.c_str(), path.size() + 1);
}

}  // namespace

fs::path TestTmpDir::get(const TestInfo* test, bool outermost) {
  const std::lock_guard lock(mutex_);
  if (finished_)
    throw std::logic_error("testkit::tmp_path() called after its test ended (in a thread it left running)");
  if (!path_.empty()) return path_;
  std::string pattern = (tmp_root() / (std::string(name_prefix) + file_name_of(test) + "-XXXXXX")).string();
  const BypassPatches bypass;  // the test's patches and fakes are for its own code, not for making its directory
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::system_error(errno, std::generic_category(), "testkit::tmp_path(): cannot make " + pattern);
  path_ = std::move(pattern);
  maker_ = ::getpid();
  if (outermost) note_in_black_box(path_);
  return path_;
}

void TestTmpDir::finish(TestResult& result) noexcept {
  const std::lock_guard lock(mutex_);
  finished_ = true;
  if (path_.empty()) return;
  try {
    result.tmp_path = path_;
  } catch (...) {
    // Without memory for its name the result does not mention the directory; it is still removed.
  }
  const bool keep = process_role().keep_tmp || maker_ != ::getpid();
  result.tmp_path_kept = keep || !remove_tree(path_);
}

void finish_tmp_path(TestResult& result) noexcept {
  if (TestLink* const link = thread_test_link()) link->tmp_dir.finish(result);
}

bool remove_leftover_tmp_path(const std::string& path) noexcept {
  try {
    const fs::path leftover(path);
    // The black box is the test process's memory: only a directory tmp_path() can have made is removed.
    if (leftover.parent_path() != tmp_root() || !leftover.filename().string().starts_with(name_prefix)) return false;
    return remove_tree(path);
  } catch (...) {
    return false;  // out of memory: the directory stays, as after a --no-fork crash
  }
}

}  // namespace detail

std::filesystem::path tmp_path() {
  detail::TestLink* const link = detail::thread_test_link();
  if (link == nullptr)
    throw std::logic_error(
        "testkit::tmp_path() called outside a running test (it is for set_up, the test body, tear_down, cleanups "
        "and threads they start; not for main() or set_up_class)");
  bool outermost = false;
  {
    const std::lock_guard lock(link->mutex);
    if (link->context == nullptr)
      throw std::logic_error("testkit::tmp_path() called after its test ended (in a thread it left running)");
    outermost = link->context->streams();
  }
  return link->tmp_dir.get(link->test, outermost);
}

}  // namespace testkit
