// The instructor's tests of the sysinfo assignment (a small psutil). The student's code reads /proc; each test
// builds the /proc it needs on a testkit::FakeFilesystem, so the answers are known in advance and the same on
// every machine: four CPUs, 16 GiB of memory, a process tree of three.
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <testkit/fake_fs.hpp>
#include <testkit/testkit.hpp>

#include "../student/sysinfo.hpp"

namespace {

constexpr std::size_t kib = 1024;

/// The /proc/<pid>/status of a process (the lines sysinfo reads, among others it must skip).
std::string status_file(const std::string& name, int pid, int ppid, const std::string& rss_line) {
  return "Name:\t" + name + "\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t" + std::to_string(pid) + "\nPid:\t" +
         std::to_string(pid) + "\nPPid:\t" + std::to_string(ppid) + "\nVmPeak:\t   20000 kB\n" + rss_line +
         "Threads:\t1\n";
}

/// A machine with 4 CPUs, 16 GiB of memory (4 GiB of it available) and the processes init(1) -> sshd(412)
/// -> bash(9001), plus the kernel thread kthreadd(2).
class FakeMachine : public testkit::TestCase {
 protected:
  void set_up() override {
    std::string cpuinfo;
    for (int cpu = 0; cpu < 4; ++cpu)
      cpuinfo += "processor\t: " + std::to_string(cpu) + "\nmodel name\t: Imaginary CPU @ 3.00GHz\n\n";
    fake_.create_file("/proc/cpuinfo", cpuinfo);
    fake_.create_file("/proc/meminfo",
                      "MemTotal:       16777216 kB\nMemFree:         1048576 kB\nMemAvailable:    4194304 kB\n"
                      "Buffers:          204800 kB\n");
    fake_.create_file("/proc/1/status", status_file("systemd", 1, 0, "VmRSS:\t   12000 kB\n"));
    fake_.create_file("/proc/2/status", status_file("kthreadd", 2, 0, ""));
    fake_.create_file("/proc/412/status", status_file("sshd", 412, 1, "VmRSS:\t    8000 kB\n"));
    fake_.create_file("/proc/9001/status", status_file("bash", 9001, 412, "VmRSS:\t    5120 kB\n"));
    fake_.create_directory("/proc/sys/kernel");
    fake_.create_symlink("9001", "/proc/self");
  }

  testkit::FakeFilesystem fake_;
};

TK_TEST_F(FakeMachine, counts_the_processors, .points = 1) { TK_EXPECT_EQ(sysinfo::cpu_count(), 4u); }

TK_TEST_F(FakeMachine, reads_virtual_memory_in_bytes, .points = 2) {
  const sysinfo::VirtualMemory memory = sysinfo::virtual_memory();
  TK_EXPECT_EQ(memory.total, 16777216 * kib);
  TK_EXPECT_EQ(memory.available, 4194304 * kib);
  TK_EXPECT_EQ(memory.used, memory.total - memory.available);
  TK_EXPECT_EQ(memory.percent, 75.0);
}

TK_TEST_F(FakeMachine, an_old_kernel_without_memavailable_raises, .points = 1) {
  fake_.create_file("/proc/meminfo", "MemTotal:       16777216 kB\nMemFree:         1048576 kB\n");
  TK_EXPECT_THROWS_WITH((void)sysinfo::virtual_memory(), std::runtime_error, "MemAvailable");
}

TK_TEST_F(FakeMachine, lists_only_numeric_entries_as_pids, .points = 1) {
  TK_EXPECT_EQ(sysinfo::pids(), (std::vector<int>{1, 2, 412, 9001}));
}

TK_TEST_F(FakeMachine, reads_a_process_status, .points = 2) {
  const sysinfo::Process bash(9001);
  TK_EXPECT_EQ(bash.name(), "bash");
  TK_EXPECT_EQ(bash.ppid(), 412);
  TK_EXPECT_EQ(bash.rss(), 5120 * kib);
}

TK_TEST_F(FakeMachine, walks_up_to_init, .points = 2) {
  std::vector<std::string> chain;
  for (std::optional<sysinfo::Process> process = sysinfo::Process(9001); process; process = process->parent())
    chain.push_back(process->name());
  TK_EXPECT_EQ(chain, (std::vector<std::string>{"bash", "sshd", "systemd"}));
}

TK_TEST_F(FakeMachine, a_kernel_thread_has_no_resident_memory, .points = 1) {
  TK_EXPECT_EQ(sysinfo::Process(2).rss(), 0u);
}

TK_TEST_F(FakeMachine, a_process_whose_parent_has_gone_has_no_parent, .points = 1) {
  fake_.create_file("/proc/777/status", status_file("orphan", 777, 4242, ""));
  TK_EXPECT(!sysinfo::Process(777).parent().has_value());
}

TK_TEST_F(FakeMachine, an_unknown_pid_raises_no_such_process, .points = 1) {
  TK_EXPECT_THROWS_WITH(sysinfo::Process(31337), std::runtime_error, "no such process");
}

// Without a fake, the same code reads the real /proc of the machine running the tests.
TK_TEST(RealMachine, agrees_with_the_kernel_about_itself) {
  TK_EXPECT_GE(sysinfo::cpu_count(), 1u);
  TK_EXPECT_GT(sysinfo::virtual_memory().total, 0u);
  const sysinfo::Process self(::getpid());
  TK_EXPECT_EQ(self.ppid(), ::getppid());
}

}  // namespace
