#pragma once
/// For scenario binaries: a log of what ran in which process, in the file an environment variable names, that the
/// selftest driving the scenario reads afterwards.

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace testkit::e2e {

/// Appends "<what> <pid>" to the file named by the environment variable `variable`, in one write (O_APPEND keeps
/// concurrent lines whole); nothing when it is unset.
inline void note_in_log(const char* variable, const std::string& what) {
  const char* path = std::getenv(variable);
  if (path == nullptr) return;
  const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;
  const std::string line = what + " " + std::to_string(::getpid()) + "\n";
  [[maybe_unused]] const auto written = ::write(fd, line.data(), line.size());
  ::close(fd);
}

}  // namespace testkit::e2e
