// Fidelity, proven: seeded random sequences of std::filesystem / fstream operations run once against a real
// temp directory and once inside a FakeFilesystem rooted at the same path; every step's result and the
// whole tree after it must agree. TESTKIT_FS_SEED=<n> replays one seed; a failure names seed, step,
// operation and both results; TESTKIT_FS_SEQUENCES=<n> runs n sequences instead of 200.
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include <testkit/fake_fs.hpp>
#include <testkit/testkit.hpp>

#include "unit/mock/fake_fs_operations.hpp"

namespace {

namespace fs = std::filesystem;
using namespace testkit::selftest::fsdiff;

constexpr int sequences = 200;
constexpr int steps = 50;

struct Step {
  std::string text;
  std::string kind;
  std::string result;
  std::string tree;
};

std::vector<Step> run_sequence(std::uint64_t seed, const fs::path& root) {
  Generator generator(seed);
  std::vector<Step> out;
  for (int i = 0; i < steps; ++i) {
    Operation operation = generator.next();
    std::string result;
    try {
      result = operation.run(root);
    } catch (const std::exception& error) {
      result = std::string("exception: ") + error.what();
    }
    out.push_back({operation.text, operation.kind, std::move(result), snapshot(root)});
  }
  return out;
}

/// A known divergence: which steps it excuses, why, and a seed that shows it (always run, so that an entry
/// the fake no longer needs is noticed).
struct Allowed {
  std::string kind;
  std::string reason;
  std::uint64_t witness;
  bool (*matches)(const Step& real, const Step& fake);
  int hits = 0;
};

// Known divergences between the fake and the kernel; an entry no sequence hits is stale and fails the test.
std::vector<Allowed> allowlist() {
  return {{"copy",
           "a copy that fails midway has copied the entries listed before the failing one; ext4 lists a directory "
           "in hash order, the fake in name order (the error is the same)",
           479, [](const Step& real, const Step& fake) { return real.result == fake.result && real.result != "ok"; }}};
}

std::vector<std::uint64_t> seeds(const std::vector<Allowed>& allowed) {
  if (const char* chosen = std::getenv("TESTKIT_FS_SEED"); chosen != nullptr && chosen[0] != '\0')
    return {std::strtoull(chosen, nullptr, 10)};
  // TESTKIT_FS_SEQUENCES=<n> runs more (or fewer) than the default, e.g. to hunt for divergences.
  const char* count = std::getenv("TESTKIT_FS_SEQUENCES");
  const long long total = count != nullptr && count[0] != '\0' ? std::strtoll(count, nullptr, 10) : sequences;
  std::vector<std::uint64_t> all;
  for (long long seed = 1; seed <= total; ++seed) all.push_back(static_cast<std::uint64_t>(seed));
  for (const Allowed& entry : allowed)
    if (std::find(all.begin(), all.end(), entry.witness) == all.end()) all.push_back(entry.witness);
  return all;
}

TK_TEST(FakeFsDifferential, random_sequences_agree_with_the_real_filesystem) {
  const fs::path root = fs::temp_directory_path() / ("testkit_fsdiff_" + std::to_string(::getpid()));
  std::vector<Allowed> allowed = allowlist();
  const std::vector<std::uint64_t> chosen = seeds(allowed);
  int failures = 0;
  for (const std::uint64_t seed : chosen) {
    fs::remove_all(root);
    fs::create_directory(root);
    const std::vector<Step> real = run_sequence(seed, root);
    fs::remove_all(root);
    std::vector<Step> fake;
    {
      testkit::FakeFilesystem fake_fs;
      fake_fs.create_directory(root);
      fake = run_sequence(seed, root);
    }
    for (int i = 0; i < steps; ++i) {
      const Step& r = real[static_cast<std::size_t>(i)];
      const Step& f = fake[static_cast<std::size_t>(i)];
      if (r.result == f.result && r.tree == f.tree) continue;
      const auto known = std::find_if(allowed.begin(), allowed.end(),
                                      [&](const Allowed& a) { return a.kind == r.kind && a.matches(r, f); });
      if (known != allowed.end()) {
        ++known->hits;
        break;  // the trees may differ from here on
      }
      TK_EXPECT(
          false,
          "seed {} (replay: TESTKIT_FS_SEED={}) step {}: {}\n  real: {}\n  fake: {}\n  real tree:\n{}  fake tree:\n{}",
          seed, seed, i, r.text, r.result, f.result, r.tree, f.tree);
      ++failures;
      break;
    }
    if (failures >= 5) break;  // enough to debug; the rest would repeat them
  }
  fs::remove_all(root);
  if (chosen.size() > 1 && failures == 0)
    for (const Allowed& entry : allowed)
      TK_EXPECT(entry.hits > 0, "allowlist entry for {} ({}) was not hit, not even by its witness seed {}: remove it",
                entry.kind, entry.reason, entry.witness);
}

}  // namespace
