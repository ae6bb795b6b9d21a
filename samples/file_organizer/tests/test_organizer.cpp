// The instructor's tests of the file-organizer assignment. Every test runs on a testkit::FakeFilesystem: the
// student's code calls std::filesystem, fstream, fnmatch and libarchive as usual, and sees a made-up
// Downloads folder instead of the disk. Nothing real is listed, copied or deleted, tests can run in parallel,
// and the fake keeps a log of what the code did ("deleted exactly these files").
#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>

#include <testkit/fake_fs.hpp>
#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "../student/organizer.hpp"

namespace {

namespace fs = std::filesystem;
using Names = std::vector<std::string>;

const fs::path downloads = "/home/student/Downloads";

/// A student's Downloads folder on a fake filesystem, fresh for every test.
class DownloadsTest : public testkit::TestCase {
 protected:
  void set_up() override {
    fake_.create_file(downloads / "report.txt", "quarterly numbers\n");
    fake_.create_file(downloads / "notes.txt", "buy milk\n");
    fake_.create_file(downloads / "photo.png", std::string(2048, 'p'));
    fake_.create_file(downloads / "README", "no extension\n");
    fake_.create_file(downloads / ".hidden.txt", "dot files match only dot patterns\n");
    fake_.create_file(downloads / "trip/day1/beach.png", "sand");
    fake_.create_file(downloads / "trip/day1/notes.txt", "sunny");
    fake_.create_directory(downloads / "empty");
  }

  testkit::FakeFilesystem fake_;
};

TK_TEST_F(DownloadsTest, lists_the_regular_files_sorted, .points = 1) {
  TK_EXPECT_EQ(organizer::list_files(downloads),
               (Names{".hidden.txt", "README", "notes.txt", "photo.png", "report.txt"}));
}

TK_TEST_F(DownloadsTest, listing_a_missing_folder_raises_filesystem_error, .points = 1) {
  try {
    (void)organizer::list_files("/home/student/Desktop");
    TK_FAIL("no exception");
  } catch (const fs::filesystem_error& error) {
    TK_EXPECT_EQ(error.code(), std::errc::no_such_file_or_directory);
  }
}

TK_TEST_F(DownloadsTest, reports_sizes_and_modification_times, .points = 1) {
  const auto new_year = fs::file_time_type::clock::now() - std::chrono::days(30);
  fake_.set_mtime(downloads / "photo.png", new_year);
  const std::vector<organizer::FileInfo> infos = organizer::attributes(downloads);
  TK_ASSERT_EQ(infos.size(), 5u);
  TK_EXPECT_EQ(infos[3].name, "photo.png");
  TK_EXPECT_EQ(infos[3].size, 2048u);
  TK_EXPECT_EQ(infos[3].modified, new_year);
  TK_EXPECT_EQ(infos[4].size, 18u);
}

TK_TEST_F(DownloadsTest, matches_shell_patterns_without_dot_files, .points = 1) {
  TK_EXPECT_EQ(organizer::matching(downloads, "*.txt"), (Names{"notes.txt", "report.txt"}));
  TK_EXPECT_EQ(organizer::matching(downloads, ".*"), (Names{".hidden.txt"}));
  TK_EXPECT_EQ(organizer::matching(downloads, "[pr]*"), (Names{"photo.png", "report.txt"}));
  TK_EXPECT(organizer::matching(downloads, "*.pdf").empty());
}

TK_TEST_F(DownloadsTest, finds_matches_at_any_depth, .points = 1) {
  TK_EXPECT_EQ(organizer::find_recursive(downloads, "*.png"), (Names{"photo.png", "trip/day1/beach.png"}));
  TK_EXPECT_EQ(organizer::find_recursive(downloads, "notes.*"), (Names{"notes.txt", "trip/day1/notes.txt"}));
}

TK_TEST_F(DownloadsTest, deletes_exactly_the_matching_files, .points = 2) {
  const std::vector<fs::path> deleted = organizer::delete_matching(downloads, "*.txt");
  TK_EXPECT_EQ(deleted.size(), 2u);
  // The fake's log says what the code really deleted, in order: not the dot file, nothing below trip/.
  TK_EXPECT_EQ(fake_.deleted(), (Names{(downloads / "notes.txt").string(), (downloads / "report.txt").string()}));
  TK_EXPECT(fake_.exists(downloads / ".hidden.txt"));
  TK_EXPECT(fake_.exists(downloads / "trip/day1/notes.txt"));
}

TK_TEST_F(DownloadsTest, each_deletion_is_one_remove_call, .points = 1) {
  // A GoogleMock expectation on top of the fake: calls it lets through still delete from the fake tree.
  testing::NiceMock<testkit::MockFilesystem> calls;
  EXPECT_CALL(calls, remove(testing::EndsWith(".txt"))).Times(2);
  EXPECT_CALL(calls, remove(testing::EndsWith(".png"))).Times(0);
  (void)organizer::delete_matching(downloads, "*.txt");
  TK_EXPECT(!fake_.exists(downloads / "report.txt"));
}

TK_TEST_F(DownloadsTest, a_file_that_cannot_be_deleted_raises, .points = 1) {
  fake_.fail(testkit::libc::deletion, downloads / "report.txt", EBUSY);
  TK_EXPECT_THROWS(organizer::delete_matching(downloads, "*.txt"), fs::filesystem_error);
  TK_EXPECT(fake_.exists(downloads / "report.txt"));
}

TK_TEST_F(DownloadsTest, copies_a_file_into_a_folder, .points = 1) {
  fake_.create_directory("/backup");
  const fs::path copy = organizer::copy_into(downloads / "report.txt", "/backup");
  TK_EXPECT_EQ(copy, fs::path("/backup/report.txt"));
  TK_EXPECT_EQ(fake_.read_file(copy), "quarterly numbers\n");
  TK_EXPECT(fake_.exists(downloads / "report.txt"), "copying keeps the original");
}

TK_TEST_F(DownloadsTest, copies_a_tree_but_never_over_an_existing_one, .points = 1) {
  fake_.create_directory("/backup");
  organizer::copy_tree(downloads / "trip", "/backup/trip");
  TK_EXPECT_EQ(fake_.read_file("/backup/trip/day1/beach.png"), "sand");
  TK_EXPECT_THROWS(organizer::copy_tree(downloads / "trip", "/backup/trip"), fs::filesystem_error);
}

TK_TEST_F(DownloadsTest, moves_files_and_folders, .points = 1) {
  organizer::move_into(downloads / "trip", downloads / "empty");
  TK_EXPECT(fake_.exists(downloads / "empty/trip/day1/beach.png"));
  TK_EXPECT(!fake_.exists(downloads / "trip"));
}

TK_TEST_F(DownloadsTest, sorts_files_into_folders_by_extension, .points = 2) {
  TK_EXPECT_EQ(organizer::organize_by_extension(downloads), 5u);
  TK_EXPECT_EQ(fake_.list(downloads / "txt"), (Names{".hidden.txt", "notes.txt", "report.txt"}));
  TK_EXPECT_EQ(fake_.list(downloads / "png"), (Names{"photo.png"}));
  TK_EXPECT_EQ(fake_.list(downloads / "other"), (Names{"README"}));
  TK_EXPECT(fake_.deleted().empty(), "moving is not deleting");
}

TK_TEST_F(DownloadsTest, an_archive_unpacks_to_the_same_tree, .points = 2) {
  organizer::make_archive("/backup.tar.gz", downloads / "trip");
  organizer::unpack_archive("/backup.tar.gz", "/restored");
  TK_EXPECT_EQ(fake_.read_file("/restored/day1/beach.png"), "sand");
  TK_EXPECT_EQ(fake_.read_file("/restored/day1/notes.txt"), "sunny");
}

/// Writes a tar archive with one entry named `name` (as a hostile archive would).
void write_tar_with_entry(const fs::path& archive_path, const std::string& name) {
  const std::unique_ptr<archive, decltype(&archive_write_free)> out(archive_write_new(), &archive_write_free);
  archive_write_set_format_pax_restricted(out.get());
  archive_write_open_filename(out.get(), archive_path.c_str());
  const std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(), &archive_entry_free);
  archive_entry_set_pathname(entry.get(), name.c_str());
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  archive_entry_set_size(entry.get(), 4);
  archive_write_header(out.get(), entry.get());
  archive_write_data(out.get(), "evil", 4);
  archive_write_close(out.get());
}

TK_TEST_F(DownloadsTest, refuses_entries_that_escape_the_target, .points = 2) {
  write_tar_with_entry("/evil.tar", "../../etc/passwd");
  TK_EXPECT_THROWS(organizer::unpack_archive("/evil.tar", "/restored/x"), std::runtime_error);
  TK_EXPECT(!fake_.exists("/etc/passwd"));
}

TK_TEST_F(DownloadsTest, a_damaged_archive_raises, .points = 1) {
  fake_.create_file("/damaged.tar.gz", "this is not gzip");
  TK_EXPECT_THROWS(organizer::unpack_archive("/damaged.tar.gz", "/restored"), std::runtime_error);
}

TK_TEST_F(DownloadsTest, a_full_disk_while_unpacking_raises, .points = 1) {
  fake_.create_file("/big/data.bin", std::string(64 * 1024, 'x'));
  organizer::make_archive("/big.tar.gz", "/big");
  fake_.set_capacity(16 * 1024);  // less than the file it is about to unpack
  TK_EXPECT_THROWS(organizer::unpack_archive("/big.tar.gz", "/restored"), std::runtime_error);
}

}  // namespace
