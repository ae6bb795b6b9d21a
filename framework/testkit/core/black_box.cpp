#include <testkit/core/black_box.hpp>

#include <algorithm>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace testkit::detail {
namespace {

constexpr std::string_view cut_mark = "...";
constexpr int highest_signal = 64;

// The text of a NUL-terminated field, or all of it when it holds no NUL.
template <std::size_t size> std::string_view text_of(const char (&field)[size]) {
  return {field, strnlen(field, size)};
}

// A file name as a line of a report: control characters (a forged newline) visible.
std::string visible(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F)
      out += fmt::format("\\x{:02x}", byte);
    else
      out += c;
  }
  return out;
}

// Copies the file name `file` into `slot`, a word at a time with relaxed atomics: threads passing assertions in
// different files at once may mix their names, which the supervisor shows as it finds them, but never race.
template <std::size_t words> void store_name(std::uint64_t (&slot)[words], const char* file) noexcept {
  std::string_view name(file);
  char cut[words * sizeof(std::uint64_t)];
  if (name.size() >= sizeof cut) {  // rare: keep the end of the path, which says the most
    std::memcpy(cut, cut_mark.data(), cut_mark.size());
    const std::size_t kept = sizeof cut - 1 - cut_mark.size();
    std::memcpy(cut + cut_mark.size(), name.data() + name.size() - kept, kept);
    name = std::string_view(cut, sizeof cut - 1);
  }
  std::size_t word = 0;
  for (; (word + 1) * sizeof(std::uint64_t) <= name.size(); ++word) {
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, name.data() + word * sizeof bytes, sizeof bytes);
    std::atomic_ref(slot[word]).store(bytes, std::memory_order_relaxed);
  }
  std::uint64_t last = 0;  // holds the terminating NUL
  std::memcpy(&last, name.data() + word * sizeof last, name.size() - word * sizeof last);
  std::atomic_ref(slot[word]).store(last, std::memory_order_relaxed);
}

}  // namespace

BlackBoxReading read_black_box(const BlackBox& shared) {
  // One copy first: a process the test left behind may still write to the shared memory.
  BlackBox box;
  std::memcpy(&box, &shared, sizeof box);
  BlackBoxReading reading;
  char checkpoint_file[sizeof box.checkpoint_files[0]];
  std::memcpy(checkpoint_file, box.checkpoint_files[box.checkpoint_slot & 1u], sizeof checkpoint_file);
  if (const std::string_view file = text_of(checkpoint_file); !file.empty())
    reading.checkpoint = fmt::format("{}:{}", visible(file), box.checkpoint_line);
  reading.terminate_reason = text_of(box.terminate_reason);
  if (box.fatal_signal > 0 && box.fatal_signal <= highest_signal) reading.fatal_signal = box.fatal_signal;
  reading.stack_overflow = box.stack_overflow != 0;
  reading.memory_error = box.memory_error == memory_error_mark;
  const auto frames = static_cast<std::size_t>(std::min<std::uint64_t>(box.frame_count, std::size(box.frames)));
  for (std::size_t k = 0; k < frames; ++k) reading.frames.push_back(reinterpret_cast<void*>(box.frames[k]));
  reading.tmp_path = noted_tmp_path(box);
  return reading;
}

std::string noted_tmp_path(const BlackBox& box) { return std::string(text_of(box.tmp_path)); }

void note_checkpoint_file(BlackBox& box, const char* file) noexcept {
  const unsigned other = (std::atomic_ref(box.checkpoint_slot).load(std::memory_order_relaxed) & 1u) ^ 1u;
  const auto key = reinterpret_cast<std::uintptr_t>(file);
  if (std::atomic_ref(box.checkpoint_keys[other]).load(std::memory_order_relaxed) != key) {
    store_name(box.checkpoint_files[other], file);
    std::atomic_ref(box.checkpoint_keys[other]).store(key, std::memory_order_relaxed);
  }
  std::atomic_ref(box.checkpoint_slot).store(static_cast<std::uint8_t>(other), std::memory_order_relaxed);
}

}  // namespace testkit::detail
