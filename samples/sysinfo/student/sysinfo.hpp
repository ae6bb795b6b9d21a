#pragma once
// The student's code: a small psutil for Linux. Everything it knows it reads from /proc, so tests can feed it
// any machine through a FakeFilesystem.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sysinfo {

/// The CPUs listed in /proc/cpuinfo (one "processor : N" line each).
[[nodiscard]] std::size_t cpu_count();

/// psutil.virtual_memory(), in bytes, from /proc/meminfo.
struct VirtualMemory {
  std::size_t total = 0;
  std::size_t available = 0;
  std::size_t used = 0;  ///< total - available
  double percent = 0;    ///< used / total * 100, rounded to one decimal
};
/// Throws std::runtime_error when /proc/meminfo lacks MemTotal or MemAvailable.
[[nodiscard]] VirtualMemory virtual_memory();

/// The ids of the running processes: the numeric entries of /proc, ascending.
[[nodiscard]] std::vector<int> pids();

/// psutil.Process: what /proc/<pid>/status says of one process.
class Process {
 public:
  /// Throws std::runtime_error ("no such process") when /proc/<pid>/status cannot be read.
  explicit Process(int pid);
  [[nodiscard]] int pid() const { return pid_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] int ppid() const { return ppid_; }
  /// The parent, or nullopt for pid 1 and for a parent that has gone.
  [[nodiscard]] std::optional<Process> parent() const;
  /// Resident memory (VmRSS) in bytes; 0 for kernel threads, which have none.
  [[nodiscard]] std::size_t rss() const { return rss_; }

 private:
  int pid_;
  std::string name_;
  int ppid_ = 0;
  std::size_t rss_ = 0;
};

}  // namespace sysinfo
