// The instructor's tests of the grades assignment, linked with each submission by testkit-grade (grading.toml).
// Points and visibility are test metadata; the Gradescope report (--gradescope) adds them up. Hidden tests count in
// the score but Gradescope never shows them to students.
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "grades.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::Visibility;
namespace fs = std::filesystem;

TK_TEST(Mean, of_several_scores, .points = 2) { TK_EXPECT_NEAR(grades::mean({70, 80, 96}), 82.0, 1e-9); }

TK_TEST(Mean, of_one_score, .points = 1) { TK_EXPECT_EQ(grades::mean({64.5}), 64.5); }

TK_TEST(Mean, of_no_scores_throws, .points = 1) { TK_EXPECT_THROWS((void)grades::mean({}), std::invalid_argument); }

TK_TEST(Median, of_an_odd_count, .points = 1) { TK_EXPECT_EQ(grades::median({70, 99, 80}), 80.0); }

TK_TEST(Median, of_an_even_count_is_the_mean_of_the_middle_two, .points = 2) {
  TK_EXPECT_EQ(grades::median({70, 80, 90, 100}), 85.0);
}

TK_TEST(Median, does_not_need_sorted_input, .points = 1, .visibility = Visibility::hidden) {
  TK_EXPECT_EQ(grades::median({100, 20, 60, 40, 80}), 60.0);
}

TK_TEST(Letter, boundaries_belong_to_the_higher_grade, .points = 2) {
  TK_EXPECT_EQ(grades::letter(90), 'A');
  TK_EXPECT_EQ(grades::letter(80), 'B');
  TK_EXPECT_EQ(grades::letter(70), 'C');
  TK_EXPECT_EQ(grades::letter(60), 'D');
  TK_EXPECT_EQ(grades::letter(89.99), 'B');
}

TK_TEST(Letter, failing_scores_get_an_f, .timeout = 2s, .points = 2) {
  for (double score : {59.9, 30.0, 0.0}) TK_EXPECT_EQ(grades::letter(score), 'F', "score {}", score);
}

/// A fresh scratch directory in the test's TMPDIR (private to the test under --sandbox) with the given files.
class CleanUpTest : public testkit::TestCase {
 protected:
  void set_up() override {
    // A name of its own: without --sandbox, the tests of this class run at once in the same TMPDIR.
    std::string name = (fs::temp_directory_path() / "grading-clean-up-XXXXXX").string();
    TK_ASSERT(::mkdtemp(name.data()) != nullptr, "mkdtemp in {}", fs::temp_directory_path().string());
    dir_ = name;
    fs::create_directories(dir_ / "results");
    for (const char* name : {"a.tmp", "b.tmp", "notes.txt", "tmp", "results/c.tmp"}) std::ofstream(dir_ / name) << name;
    add_cleanup([this] { fs::remove_all(dir_); });
  }

  /// The names under dir_, recursively, relative to it.
  std::set<std::string> left() const {
    std::set<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) names.insert(fs::relative(entry, dir_).string());
    return names;
  }

  fs::path dir_;
};

TK_TEST_F(CleanUpTest, deletes_only_tmp_files, .points = 3) {
  TK_EXPECT_EQ(grades::clean_up(dir_), 2);
  TK_EXPECT_EQ(left(), (std::set<std::string>{"notes.txt", "results", "results/c.tmp", "tmp"}));
}

TK_TEST_F(CleanUpTest, leaves_directories_named_tmp, .points = 1, .visibility = Visibility::hidden) {
  fs::create_directory(dir_ / "cache.tmp");
  (void)grades::clean_up(dir_);
  TK_EXPECT(fs::is_directory(dir_ / "cache.tmp"));
}

}  // namespace
