#include <testkit/run/detail/host_child_check.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>

namespace testkit::detail {
namespace {

// The text of the small /proc file `path`, or "".
std::string read_proc_file(const char* path) {
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  char buffer[4096];
  const ssize_t got = ::read(fd, buffer, sizeof buffer);
  ::close(fd);
  return got > 0 ? std::string(buffer, static_cast<std::size_t>(got)) : std::string();
}

// The number after `key` ("Pid:\t") on its line of `text`, or nullopt.
std::optional<pid_t> number_after(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos || (at > 0 && text[at - 1] != '\n')) return std::nullopt;
  text.remove_prefix(at + key.size());
  pid_t number = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || (end != text.data() + text.size() && *end != '\n')) return std::nullopt;
  return number;
}

// The parent of process `pid`, from /proc/PID/stat (the field after the command name, which may hold anything but
// ends at the last ')'); -1 when it cannot be read.
pid_t parent_of(pid_t pid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
  const std::string stat = read_proc_file(path);
  const std::size_t name_end = stat.rfind(')');
  if (name_end == std::string::npos || name_end + 4 >= stat.size()) return -1;
  const char* const fields = stat.data() + name_end + 4;  // ") S PPID ..."
  pid_t parent = -1;
  const auto [end, error] = std::from_chars(fields, stat.data() + stat.size(), parent);
  return error == std::errc{} && end != fields ? parent : -1;
}

}  // namespace

std::optional<pid_t> hosted_process_id(int pidfd, pid_t host) {
  if (pidfd < 0 || host <= 0) return std::nullopt;
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/fdinfo/%d", pidfd);
  const auto id = [&] { return number_after(read_proc_file(path), "Pid:\t"); };
  const std::optional<pid_t> pid = id();
  if (pid == -1) return 0;                     // it has ended and been reaped
  if (!pid || *pid <= 0) return std::nullopt;  // not a pidfd, or of a process in no namespace of ours (0)
  bool descends = false;
  for (pid_t ancestor = parent_of(*pid), steps = 0; ancestor > 0 && steps < 3 && !descends;
       ancestor = parent_of(ancestor), ++steps)
    descends = ancestor == host;
  // Whether it was reaped meanwhile, or is still there (a zombie counts), so that its id was not reused by another
  // process between the reads.
  const std::optional<pid_t> now = id();
  if (now == -1) return 0;
  return descends && now == pid ? pid : std::nullopt;
}

}  // namespace testkit::detail
