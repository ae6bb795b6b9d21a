// FakeFilesystem's test-facing API: setting up a tree, inspecting it, and the log of what the code did.
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <testkit/fake_fs.hpp>
#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;
using testkit::FakeFilesystem;
using Names = std::vector<std::string>;

TK_TEST(FakeFsApi, setup_is_visible_to_std_filesystem_and_inspection_sees_the_tree) {
  FakeFilesystem fake;
  fake.create_file("/data/in/a.txt", "alpha");
  fake.create_directory("/data/out");
  fake.create_symlink("in/a.txt", "/data/link");
  TK_EXPECT(fs::is_regular_file("/data/in/a.txt"));
  TK_EXPECT_EQ(fs::file_size("/data/in/a.txt"), 5u);
  TK_EXPECT(fs::is_directory("/data/out"));
  TK_EXPECT(fs::is_symlink("/data/link"));
  TK_EXPECT_EQ(fs::read_symlink("/data/link"), fs::path("in/a.txt"));
  TK_EXPECT_EQ(fake.read_file("/data/link"), "alpha");
  TK_EXPECT(fake.exists("/data/in"));
  TK_EXPECT(fake.is_directory("/data/in"));
  TK_EXPECT(!fake.exists("/data/missing"));
  TK_EXPECT_EQ(fake.list("/data"), (Names{"in", "link", "out"}));
  TK_EXPECT_EQ(fake.tree(), (Names{"/data/", "/data/in/", "/data/in/a.txt", "/data/link", "/data/out/", "/tmp/"}));
  TK_EXPECT_THROWS((void)fake.read_file("/data/in"), std::runtime_error);
  TK_EXPECT(fake.events().empty(), "setting up is not logged");
}

TK_TEST(FakeFsApi, the_real_disk_is_not_touched) {
  const fs::path real = "/tmp/testkit_fakefs_sentinel_" + std::to_string(::getpid());
  fs::create_directories(real);
  std::ofstream(real / "keep.txt") << "real";
  {
    FakeFilesystem fake;
    TK_EXPECT(!fs::exists(real), "the fake starts empty but for /tmp");
    fake.create_file(real / "keep.txt", "fake");
    fake.create_file(real / "sub/more.txt", "fake");
    TK_EXPECT_EQ(fs::remove_all(real), 4u);
    TK_EXPECT(!fs::exists(real));
    TK_EXPECT_EQ(fake.tree(), (Names{"/tmp/"}));
    std::ofstream(real.string() + ".new") << "x";  // creating under /tmp stays in the fake too
    TK_EXPECT(fake.exists(real.string() + ".new"));
  }
  std::ifstream in(real / "keep.txt");
  std::string contents;
  in >> contents;
  TK_EXPECT_EQ(contents, "real", "the sentinel on the real disk survived remove_all of the same path");
  TK_EXPECT(!fs::exists(real.string() + ".new"));
  fs::remove_all(real);
}

TK_TEST(FakeFsApi, events_log_what_the_code_did_in_order) {
  FakeFilesystem fake;
  fake.create_file("/w/old.txt", "1");
  fake.create_file("/w/gone.txt", "2");
  std::ofstream("/w/new.txt") << "hello";
  fs::create_directory("/w/sub");
  fs::rename("/w/old.txt", "/w/sub/moved.txt");
  fs::remove("/w/gone.txt");
  fs::remove_all("/w/sub");
  using Kind = testkit::FsEvent::Kind;
  const auto events = fake.events();
  TK_ASSERT_EQ(events.size(), 7u);
  TK_EXPECT((events[0].kind == Kind::created && events[0].path == "/w/new.txt"));
  TK_EXPECT((events[1].kind == Kind::written && events[1].path == "/w/new.txt"));
  TK_EXPECT((events[2].kind == Kind::created_directory && events[2].path == "/w/sub"));
  TK_EXPECT((events[3].kind == Kind::renamed && events[3].path == "/w/old.txt" && events[3].to == "/w/sub/moved.txt"));
  TK_EXPECT_EQ(fake.deleted(), (Names{"/w/gone.txt", "/w/sub/moved.txt", "/w/sub"}));
  TK_EXPECT_EQ(fake.created(), (Names{"/w/new.txt", "/w/sub"}));
  TK_EXPECT_EQ(fake.written(), (Names{"/w/new.txt"}));
}

TK_TEST(FakeFsApi, add_real_directory_imports_a_read_only_copy) {
  const fs::path real = "/tmp/testkit_fakefs_import_" + std::to_string(::getpid());
  fs::create_directories(real / "sub");
  std::ofstream(real / "sub" / "data.csv") << "1,2\n";
  {
    FakeFilesystem fake;
    fake.add_real_directory(real, "/input");
    fake.add_real_file(real / "sub" / "data.csv");
    TK_EXPECT_EQ(fake.read_file("/input/sub/data.csv"), "1,2\n");
    TK_EXPECT_EQ(fake.read_file(real / "sub" / "data.csv"), "1,2\n");
    std::error_code error;
    TK_EXPECT(!fs::remove("/input/sub/data.csv", error));
    TK_EXPECT_EQ(error.value(), EACCES);
    std::ofstream out("/input/sub/data.csv");
    TK_EXPECT(!out.is_open(), "imported files cannot be written");
    fs::create_directories("/input2");
    fs::copy("/input", "/input2", fs::copy_options::recursive);
    TK_EXPECT_EQ(fake.read_file("/input2/sub/data.csv"), "1,2\n", "copies of them are ordinary files");
    TK_EXPECT(fs::remove("/input2/sub/data.csv"));
  }
  TK_EXPECT(fs::exists(real / "sub" / "data.csv"));
  fs::remove_all(real);
}

TK_TEST(FakeFsApi, modification_times_are_set_and_read_back) {
  FakeFilesystem fake;
  fake.create_file("/m/old.txt", "o");
  fake.create_directory("/m/dir");
  const auto then = fs::file_time_type::clock::now() - std::chrono::hours(48);
  fake.set_mtime("/m/old.txt", then);
  fake.set_mtime("/m/dir", then);
  TK_EXPECT(fs::last_write_time("/m/old.txt") == then);
  TK_EXPECT(fs::last_write_time("/m/dir") == then);
  std::ofstream("/m/new.txt") << "n";
  TK_EXPECT(fs::last_write_time("/m/new.txt") > then + std::chrono::hours(47));
  const auto later = then + std::chrono::hours(1);
  fs::last_write_time("/m/old.txt", later);
  TK_EXPECT(fs::last_write_time("/m/old.txt") == later);
  // README's calendar date: set_mtime takes a file_time_type; from_sys makes one from a system_clock time.
  const std::chrono::sys_seconds day{std::chrono::sys_days{std::chrono::year{2024} / 1 / 15}};
  fake.set_mtime("/m/old.txt", fs::file_time_type::clock::from_sys(day));
  struct stat info {};
  TK_ASSERT_EQ(::stat("/m/old.txt", &info), 0);
  TK_EXPECT_EQ(info.st_mtime, 1'705'276'800, "2024-01-15 00:00:00 UTC");
}

TK_TEST(FakeFsApi, temp_directory_path_exists_in_the_fake) {
  FakeFilesystem fake;
  const fs::path tmp = fs::temp_directory_path();
  TK_EXPECT(fs::is_directory(tmp));
  std::ofstream(tmp / "scratch") << "x";
  TK_EXPECT(fake.exists(tmp / "scratch"));
}

TK_TEST(FakeFsApi, pass_through_prefixes_reach_the_disk) {
  FakeFilesystem fake;
  std::ofstream("/dev/null") << "discarded";
  TK_EXPECT(fs::exists("/dev/null"), "/dev passes through by default");
  const fs::path real = "/tmp/testkit_fakefs_through_" + std::to_string(::getpid());
  fake.pass_through(real);
  fs::create_directories(real);
  std::ofstream(real / "f") << "disk";
  TK_EXPECT(!fake.exists(real / "f"));
  std::error_code error;
  fs::rename(real / "f", "/tmp/in_the_fake", error);
  TK_EXPECT_EQ(error.value(), EXDEV, "renaming between the fake and the disk crosses devices");
  fs::remove_all(real);
}

TK_TEST(FakeFsApi, setting_up_a_file_under_a_pass_through_prefix_takes_the_prefix_over) {
  FakeFilesystem fake;
  TK_EXPECT(fs::exists("/proc/self/status"), "/proc passes through by default");
  fake.create_file("/proc/meminfo", "MemTotal: 1024 kB\n");
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  std::getline(meminfo, line);
  TK_EXPECT_EQ(line, "MemTotal: 1024 kB");
  TK_EXPECT(!fs::exists("/proc/self/status"), "the fake answers for all of /proc now");
  TK_EXPECT(fs::exists("/dev/null"), "other prefixes still pass through");
}

}  // namespace
