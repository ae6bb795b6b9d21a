#include "sysinfo.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sysinfo {
namespace {

// The value of "Key:   value" lines, or nullopt.
std::optional<std::string> field(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos || line.substr(0, colon) != key) continue;
    const auto start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return std::nullopt;
}

// "16303252 kB" -> bytes.
std::size_t kib_field_in_bytes(const std::string& path, const std::string& key) {
  const auto value = field(path, key);
  if (!value) throw std::runtime_error(path + " has no " + key);
  return std::stoull(*value) * 1024;
}

}  // namespace

std::size_t cpu_count() {
  std::ifstream in("/proc/cpuinfo");
  std::size_t count = 0;
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("processor", 0) == 0 && line.find(':') != std::string::npos) ++count;
  return count;
}

VirtualMemory virtual_memory() {
  VirtualMemory memory;
  memory.total = kib_field_in_bytes("/proc/meminfo", "MemTotal");
  memory.available = kib_field_in_bytes("/proc/meminfo", "MemAvailable");
  memory.used = memory.total - memory.available;
  memory.percent = std::round(1000.0 * static_cast<double>(memory.used) / static_cast<double>(memory.total)) / 10;
  return memory;
}

std::vector<int> pids() {
  std::vector<int> ids;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
      ids.push_back(std::stoi(name));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Process::Process(int pid) : pid_(pid) {
  const std::string status = "/proc/" + std::to_string(pid) + "/status";
  const auto name = field(status, "Name");
  if (!name) throw std::runtime_error("no such process: " + std::to_string(pid));
  name_ = *name;
  ppid_ = std::stoi(field(status, "PPid").value_or("0"));
  const auto rss = field(status, "VmRSS");
  rss_ = rss ? std::stoull(*rss) * 1024 : 0;
}

std::optional<Process> Process::parent() const {
  if (ppid_ == 0) return std::nullopt;
  try {
    return Process(ppid_);
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

}  // namespace sysinfo
