// Cost of FakeFilesystem against a real tmpfs directory (/dev/shm): create+write, read and delete 10,000
// small files with POSIX calls, median of 5 runs each. Prints a Markdown table (ratio: fake / tmpfs).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <testkit/fake_fs.hpp>

namespace {

constexpr int files = 10'000;
constexpr int runs = 5;
const std::string contents = "a small file of forty bytes, give or ta\n";

using Clock = std::chrono::steady_clock;

struct Phases {
  double create = 0, read = 0, remove = 0;  // milliseconds
};

double since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

Phases run_once(const std::string& dir) {
  Phases phases;
  std::vector<std::string> names;
  for (int i = 0; i < files; ++i) names.push_back(dir + "/f" + std::to_string(i));
  auto start = Clock::now();
  for (const std::string& name : names) {
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ::write(fd, contents.data(), contents.size()) != static_cast<ssize_t>(contents.size())) std::abort();
    ::close(fd);
  }
  phases.create = since(start);
  start = Clock::now();
  char buffer[64];
  for (const std::string& name : names) {
    const int fd = ::open(name.c_str(), O_RDONLY);
    if (fd < 0 || ::read(fd, buffer, sizeof buffer) != static_cast<ssize_t>(contents.size())) std::abort();
    ::close(fd);
  }
  phases.read = since(start);
  start = Clock::now();
  for (const std::string& name : names)
    if (::unlink(name.c_str()) != 0) std::abort();
  phases.remove = since(start);
  return phases;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::array<double, 3> medians(const std::vector<Phases>& all) {
  std::vector<double> create, read, remove;
  for (const Phases& each : all) {
    create.push_back(each.create);
    read.push_back(each.read);
    remove.push_back(each.remove);
  }
  return {median(create), median(read), median(remove)};
}

}  // namespace

int main() {
  const std::string real_dir = "/dev/shm/testkit_fake_fs_bench_" + std::to_string(::getpid());
  std::vector<Phases> real, fake;
  for (int run = 0; run < runs; ++run) {
    std::filesystem::create_directory(real_dir);
    real.push_back(run_once(real_dir));
    std::filesystem::remove_all(real_dir);
    testkit::FakeFilesystem fake_fs;
    fake_fs.create_directory("/bench");
    fake.push_back(run_once("/bench"));
  }
  const auto r = medians(real);
  const auto f = medians(fake);
  const char* const phases[] = {"create + write 40 B", "open + read", "unlink"};
  std::printf("| %d files, median of %d | tmpfs (/dev/shm) [ms] | FakeFilesystem [ms] | fake / tmpfs |\n", files, runs);
  std::printf("|:---|---:|---:|---:|\n");
  for (int i = 0; i < 3; ++i)
    std::printf("| %s | %.1f | %.1f | %.1f× |\n", phases[i], r[static_cast<std::size_t>(i)],
                f[static_cast<std::size_t>(i)], f[static_cast<std::size_t>(i)] / r[static_cast<std::size_t>(i)]);
}
