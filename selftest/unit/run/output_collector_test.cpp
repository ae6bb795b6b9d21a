// OutputCollector: the head and tail of a test's output are kept whatever the chunking, the middle is
// counted and elided.
#include <testkit/run/output_collector.hpp>

#include <algorithm>
#include <string>

#include <testkit/testkit.hpp>

namespace {

using testkit::CapturedOutput;
using testkit::detail::OutputCollector;

/// `size` bytes in which every position is told apart from its neighbours (a repeating alphabet of 61).
std::string pattern(std::size_t size) {
  std::string text(size, '\0');
  for (std::size_t i = 0; i < size; ++i)
    text[i] = static_cast<char>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"[i % 61]);
  return text;
}

/// What `collector` keeps of `text` when it arrives in chunks of `chunk` bytes.
CapturedOutput collect(OutputCollector collector, const std::string& text, std::size_t chunk) {
  for (std::size_t at = 0; at < text.size(); at += chunk) collector.append(std::string_view(text).substr(at, chunk));
  TK_EXPECT_EQ(collector.total(), text.size());
  return collector.take();
}

/// Checks that `kept` is the first `head` and last `tail` bytes of `text`, nothing lost when it all fitted.
void expect_head_and_tail(const CapturedOutput& kept, const std::string& text, std::size_t head, std::size_t tail,
                          std::size_t chunk) {
  const std::size_t head_size = std::min(head, text.size());
  const std::size_t tail_start = std::max(head_size, text.size() > tail ? text.size() - tail : 0);
  TK_EXPECT_EQ(kept.total_bytes, text.size(), "{} bytes in chunks of {}", text.size(), chunk);
  TK_EXPECT_EQ(kept.head, text.substr(0, head_size), "{} bytes in chunks of {}", text.size(), chunk);
  TK_EXPECT_EQ(kept.tail, text.substr(tail_start), "{} bytes in chunks of {}", text.size(), chunk);
}

TK_TEST(OutputCollector, small_output_is_kept_whole) {
  OutputCollector collector(8, 8);
  collector.append("hel");
  collector.append("lo\n");
  TK_EXPECT_EQ(collector.total(), 6u);
  const CapturedOutput kept = collector.take();
  TK_EXPECT_EQ(kept.head, "hello\n");
  TK_EXPECT_EQ(kept.tail, "");
  TK_EXPECT_EQ(kept.total_bytes, 6u);
  TK_EXPECT_EQ(kept.text(), "hello\n");
  TK_EXPECT_FALSE(kept.empty());
}

TK_TEST(OutputCollector, output_that_just_fits_is_not_elided) {
  const std::string text = pattern(16);
  for (const std::size_t chunk : {1u, 3u, 16u}) {
    const CapturedOutput kept = collect(OutputCollector(8, 8), text, chunk);
    TK_EXPECT_EQ(kept.text(), text, "chunks of {}", chunk);
  }
}

TK_TEST(OutputCollector, head_and_tail_are_exact_for_any_size_and_chunking) {
  for (const std::size_t size : {0u, 1u, 7u, 8u, 9u, 15u, 16u, 17u, 24u, 25u, 100u, 1000u}) {
    const std::string text = pattern(size);
    for (const std::size_t chunk : {1u, 2u, 3u, 7u, 8u, 9u, 17u, 64u, 400u, 1000u})
      expect_head_and_tail(collect(OutputCollector(8, 8), text, chunk), text, 8, 8, chunk);
  }
}

TK_TEST(OutputCollector, unequal_limits_keep_their_own_sizes) {
  const std::string text = pattern(500);
  for (const std::size_t chunk : {1u, 5u, 33u, 500u}) {
    expect_head_and_tail(collect(OutputCollector(3, 40), text, chunk), text, 3, 40, chunk);
    expect_head_and_tail(collect(OutputCollector(40, 3), text, chunk), text, 40, 3, chunk);
    expect_head_and_tail(collect(OutputCollector(0, 0), text, chunk), text, 0, 0, chunk);
  }
}

TK_TEST(OutputCollector, text_shows_how_much_was_elided) {
  const std::string text = pattern(1000);
  const CapturedOutput kept = collect(OutputCollector(8, 8), text, 10);
  TK_EXPECT_EQ(kept.text(), text.substr(0, 8) + "\n[... 984 bytes elided ...]\n" + text.substr(992));
}

TK_TEST(OutputCollector, default_limits_keep_64_kib_at_each_end_of_a_flood) {
  const std::string text = pattern(std::size_t{1} << 20);
  for (const std::size_t chunk : {std::size_t{4096}, std::size_t{100'000}, text.size()}) {
    const CapturedOutput kept = collect(OutputCollector(), text, chunk);
    TK_EXPECT_EQ(kept.head.size(), OutputCollector::default_limit);
    TK_EXPECT_EQ(kept.tail.size(), OutputCollector::default_limit);
    expect_head_and_tail(kept, text, OutputCollector::default_limit, OutputCollector::default_limit, chunk);
    TK_EXPECT_CONTAINS(kept.text(),
                       fmt::format("[... {} bytes elided ...]", text.size() - 2 * OutputCollector::default_limit));
  }
}

TK_TEST(OutputCollector, take_leaves_the_collector_empty) {
  OutputCollector collector(4, 4);
  collector.append(pattern(100));
  const CapturedOutput first = collector.take();
  TK_EXPECT_EQ(first.total_bytes, 100u);
  TK_EXPECT_EQ(collector.total(), 0u);
  const CapturedOutput second = collector.take();
  TK_EXPECT(second.empty());
  TK_EXPECT_EQ(second.head, "");
  TK_EXPECT_EQ(second.tail, "");
  TK_EXPECT_EQ(second.text(), "");
  collector.append("abcdef");
  const CapturedOutput third = collector.take();
  TK_EXPECT_EQ(third.head, "abcd");
  TK_EXPECT_EQ(third.tail, "ef");
  TK_EXPECT_EQ(third.text(), "abcdef");
}

TK_TEST(OutputCollector, nothing_written_is_empty) {
  OutputCollector collector;
  const CapturedOutput kept = collector.take();
  TK_EXPECT(kept.empty());
  TK_EXPECT_EQ(kept.text(), "");
}

}  // namespace
