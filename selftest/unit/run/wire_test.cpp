// The result channel of a forked test: records survive encoding, any chunking of the byte stream, and
// garbage is refused with std::runtime_error instead of crashing the supervisor.
#include <testkit/run/wire.hpp>

#include <unistd.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

using testkit::Failure;
using testkit::Verdict;
using testkit::detail::encode;
using testkit::detail::EndRecord;
using testkit::detail::Record;
using testkit::detail::RecordReader;

/// A failure with every field set, binary-hostile text included.
Failure full_failure() {
  return {.where = {"dir/some_test.cpp", 1234},
          .phase = "tear_down",
          .subtest = "size 3",
          .headline = "TK_EXPECT_EQ(a, b)",
          .details = std::string("a: 1\nb: \0 2", 11),
          .message = "ünïcode",
          .stacktrace = "#0 f() at x.cpp:1\n#1 g() at y.cpp:2",
          .frames = {reinterpret_cast<void*>(0x1000), nullptr, reinterpret_cast<void*>(~std::uintptr_t{0})}};
}

/// An END record with every field set.
EndRecord full_end(Verdict verdict = Verdict::expected_failure) {
  return {.verdict = verdict,
          .reason = "bug 12",
          .duration = std::chrono::nanoseconds(123'456'789),
          .omitted_failures = 7,
          .assertions = 4'000'000'000'123};
}

/// Checks every field of a decoded failure.
void expect_same(const Failure& got, const Failure& want) {
  TK_EXPECT_EQ(got.where.file, want.where.file);
  TK_EXPECT_EQ(got.where.line, want.where.line);
  TK_EXPECT_EQ(got.phase, want.phase);
  TK_EXPECT_EQ(got.subtest, want.subtest);
  TK_EXPECT_EQ(got.headline, want.headline);
  TK_EXPECT_EQ(got.details, want.details);
  TK_EXPECT_EQ(got.message, want.message);
  TK_EXPECT_EQ(got.stacktrace, want.stacktrace);
  TK_EXPECT(got.frames == want.frames);
}

/// Checks every field of a decoded END record.
void expect_same(const EndRecord& got, const EndRecord& want) {
  TK_EXPECT_EQ(got.verdict, want.verdict);
  TK_EXPECT_EQ(got.reason, want.reason);
  TK_EXPECT_EQ(got.duration.count(), want.duration.count());
  TK_EXPECT_EQ(got.omitted_failures, want.omitted_failures);
  TK_EXPECT_EQ(got.assertions, want.assertions);
}

/// Feeds `bytes` in chunks of `chunk` bytes, taking every record as soon as it is complete.
std::vector<Record> read_in_chunks(const std::string& bytes, std::size_t chunk) {
  RecordReader reader;
  std::vector<Record> records;
  for (std::size_t at = 0; at < bytes.size(); at += chunk) {
    reader.feed(std::string_view(bytes).substr(at, chunk));
    while (auto record = reader.next()) records.push_back(std::move(*record));
  }
  TK_EXPECT_EQ(reader.pending(), 0u, "chunks of {}", chunk);
  return records;
}

/// A record made by hand: a 4-byte length (native order, as encode writes it) and a body.
std::string raw_record(std::uint32_t length, const std::string& body) {
  return std::string(reinterpret_cast<const char*>(&length), sizeof length) + body;
}

/// A u64 field as encode writes it.
std::string u64(std::uint64_t value) { return std::string(reinterpret_cast<const char*>(&value), sizeof value); }

/// next() refuses `bytes` with std::runtime_error; `what` names the case in the failure.
void expect_refused(const std::string& bytes, std::string_view what) {
  RecordReader reader;
  reader.feed(bytes);
  TK_EXPECT_THROWS((void)reader.next(), std::runtime_error, "{}", what);
}

TK_TEST(Wire, failure_keeps_every_field) {
  RecordReader reader;
  reader.feed(encode(full_failure()));
  const auto record = reader.next();
  TK_ASSERT(record.has_value());
  TK_ASSERT(std::holds_alternative<Failure>(*record));
  expect_same(std::get<Failure>(*record), full_failure());
  TK_EXPECT_FALSE(reader.next().has_value());
  TK_EXPECT_EQ(reader.pending(), 0u);
}

TK_TEST(Wire, empty_failure_round_trips) {
  RecordReader reader;
  reader.feed(encode(Failure{}));
  const auto record = reader.next();
  TK_ASSERT(record.has_value());
  TK_ASSERT(std::holds_alternative<Failure>(*record));
  expect_same(std::get<Failure>(*record), Failure{});
}

TK_TEST(Wire, end_record_keeps_every_field_for_every_verdict) {
  for (const Verdict verdict : testkit::all_verdicts) {
    if (verdict == Verdict::flaky) continue;  // the runner's word on several attempts: refused below
    const EndRecord end = full_end(verdict);
    RecordReader reader;
    reader.feed(encode(end));
    const auto record = reader.next();
    TK_ASSERT(record.has_value(), "verdict {}", to_string(verdict));
    TK_ASSERT(std::holds_alternative<EndRecord>(*record), "verdict {}", to_string(verdict));
    expect_same(std::get<EndRecord>(*record), end);
  }
}

TK_TEST(Wire, records_survive_any_chunking) {
  const std::string stream = encode(full_failure()) + encode(Failure{.headline = "second"}) + encode(full_end());
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{5}, std::size_t{7},
                                  std::size_t{64}, stream.size()}) {
    const std::vector<Record> records = read_in_chunks(stream, chunk);
    TK_ASSERT_EQ(records.size(), 3u, "chunks of {}", chunk);
    TK_ASSERT(std::holds_alternative<Failure>(records[0]));
    TK_ASSERT(std::holds_alternative<Failure>(records[1]));
    expect_same(std::get<Failure>(records[0]), full_failure());
    TK_EXPECT_EQ(std::get<Failure>(records[1]).headline, "second");
    TK_ASSERT(std::holds_alternative<EndRecord>(records[2]));
    expect_same(std::get<EndRecord>(records[2]), full_end());
  }
}

TK_TEST(Wire, pending_counts_the_bytes_of_a_cut_off_record) {
  const std::string bytes = encode(full_end());
  RecordReader reader;
  reader.feed(std::string_view(bytes).substr(0, 2));
  TK_EXPECT_FALSE(reader.next().has_value());
  TK_EXPECT_EQ(reader.pending(), 2u);
  reader.feed(std::string_view(bytes).substr(2, bytes.size() - 3));
  TK_EXPECT_FALSE(reader.next().has_value());
  TK_EXPECT_EQ(reader.pending(), bytes.size() - 1);
  reader.feed(std::string_view(bytes).substr(bytes.size() - 1));
  TK_EXPECT(reader.next().has_value());
  TK_EXPECT_EQ(reader.pending(), 0u);
}

TK_TEST(Wire, bad_lengths_are_refused_before_their_body_arrives) {
  expect_refused(raw_record(0, ""), "zero length");
  expect_refused(raw_record(0xFFFF'FFFFu, ""), "huge length");
  expect_refused(raw_record((64u << 20) + 1, "\x02"), "just over the limit");
}

TK_TEST(Wire, unknown_type_and_bad_verdict_are_refused) {
  expect_refused(raw_record(1, "\x07"), "type 7");
  expect_refused(raw_record(1, std::string(1, '\0')), "type 0");
  const std::string bad_verdict = std::string(1, '\x02') + u64(9) + u64(0) + u64(0) + u64(0);
  expect_refused(raw_record(static_cast<std::uint32_t>(bad_verdict.size()), bad_verdict),
                 "verdict 9 (flaky: only the runner gives it)");
  const std::string past_the_last = std::string(1, '\x02') + u64(12) + u64(0) + u64(0) + u64(0);
  expect_refused(raw_record(static_cast<std::uint32_t>(past_the_last.size()), past_the_last),
                 "verdict 12 (past memory_error, the last)");
  const std::string huge_verdict = std::string(1, '\x02') + u64(~std::uint64_t{0}) + u64(0) + u64(0) + u64(0);
  expect_refused(raw_record(static_cast<std::uint32_t>(huge_verdict.size()), huge_verdict), "verdict 2^64-1");
}

TK_TEST(Wire, huge_text_and_frame_counts_are_refused) {
  const std::string huge_text = std::string(1, '\x01') + u64(std::uint64_t{1} << 62);
  expect_refused(raw_record(static_cast<std::uint32_t>(huge_text.size()), huge_text), "text of 2^62 bytes");
  std::string many_frames(1, '\x01');
  many_frames += u64(0) + u64(1);  // file "", line 1
  for (int text = 0; text < 6; ++text) many_frames += u64(0);
  many_frames += u64(5000) + std::string(5000 * 8, '\0');
  expect_refused(raw_record(static_cast<std::uint32_t>(many_frames.size()), many_frames), "5000 frames");
}

TK_TEST(Wire, every_truncation_of_a_record_body_is_refused) {
  for (const std::string& whole : std::vector<std::string>{encode(full_failure()), encode(full_end())}) {
    const std::string body = whole.substr(4);
    for (std::size_t cut = 1; cut < body.size(); ++cut)
      expect_refused(raw_record(static_cast<std::uint32_t>(cut), body.substr(0, cut)), fmt::format("cut at {}", cut));
  }
}

TK_TEST(Wire, random_bodies_give_records_or_errors) {
  std::mt19937 random(20240611);
  int refused = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    std::string body(1 + random() % 120, '\0');
    for (char& byte : body) byte = static_cast<char>(random() % 4 == 0 ? random() : random() % 3);
    body[0] = static_cast<char>(1 + trial % 2);
    RecordReader reader;
    reader.feed(raw_record(static_cast<std::uint32_t>(body.size()), body));
    try {
      (void)reader.next();
    } catch (const std::runtime_error&) {
      ++refused;
    }
  }
  TK_EXPECT_GT(refused, 0);  // most random bodies are not valid records
}

}  // namespace
