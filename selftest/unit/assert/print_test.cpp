// testkit::print: the text a failure shows for a value.
#include <array>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <testkit/testkit.hpp>

namespace sample {

enum class Color { red, green };

struct Formatted {
  int id;
};

struct Streamed {
  int id;
  friend std::ostream& operator<<(std::ostream& out, const Streamed& s) { return out << "Streamed#" << s.id; }
};

struct Opaque {
  unsigned char bytes[3] = {0x01, 0xAB, 0x00};
};

struct Large {
  unsigned char bytes[40] = {};
};

// A range of its own type whose leaf iterates over itself, as a scalar nlohmann::json does.
struct Tree {
  std::vector<Tree> children{};
  int value = 0;
  [[nodiscard]] const Tree* begin() const { return children.empty() ? this : children.data(); }
  [[nodiscard]] const Tree* end() const { return children.empty() ? this + 1 : children.data() + children.size(); }
  friend std::ostream& operator<<(std::ostream& out, const Tree& tree) { return out << "tree " << tree.value; }
};

}  // namespace sample

template <> struct fmt::formatter<sample::Formatted> : fmt::formatter<std::string_view> {
  auto format(const sample::Formatted& value, fmt::format_context& context) const {
    return fmt::format_to(context.out(), "Formatted<{}>", value.id);
  }
};

namespace {

using testkit::print;

TK_TEST(Print, integers_as_numbers) {
  TK_EXPECT_EQ(print(42), "42");
  TK_EXPECT_EQ(print(-7LL), "-7");
  TK_EXPECT_EQ(print(18446744073709551615ULL), "18446744073709551615");
  TK_EXPECT_EQ(print(static_cast<unsigned char>(65)), "65");
  TK_EXPECT_EQ(print(static_cast<signed char>(-3)), "-3");
}

TK_TEST(Print, floats_as_the_shortest_text_that_round_trips) {
  TK_EXPECT_EQ(print(0.1), "0.1");
  TK_EXPECT_EQ(print(0.1f), "0.1");
  TK_EXPECT_EQ(print(2.0), "2");
  TK_EXPECT_EQ(print(1e300), "1e+300");
  TK_EXPECT_EQ(print(1.0 / 3), "0.3333333333333333");
  const double value = 0.1 + 0.2;
  const std::string text = print(value);
  TK_EXPECT_EQ(text, "0.30000000000000004");
  double parsed = 0;
  std::from_chars(text.data(), text.data() + text.size(), parsed);
  TK_EXPECT_EQ(parsed, value);
}

TK_TEST(Print, bools_as_words) {
  TK_EXPECT_EQ(print(true), "true");
  TK_EXPECT_EQ(print(false), "false");
}

TK_TEST(Print, chars_quoted_with_escapes) {
  TK_EXPECT_EQ(print('a'), "'a'");
  TK_EXPECT_EQ(print('\n'), "'\\n'");
  TK_EXPECT_EQ(print('\t'), "'\\t'");
  TK_EXPECT_EQ(print('\0'), "'\\0'");
  TK_EXPECT_EQ(print('\''), "'\\''");
  TK_EXPECT_EQ(print('"'), "'\"'");
  TK_EXPECT_EQ(print('\\'), "'\\\\'");
  TK_EXPECT_EQ(print('\x01'), "'\\x01'");
}

TK_TEST(Print, strings_quoted_with_escapes) {
  TK_EXPECT_EQ(print(std::string("plain")), "\"plain\"");
  TK_EXPECT_EQ(print(std::string("a\nb\tc\r")), "\"a\\nb\\tc\\r\"");
  TK_EXPECT_EQ(print(std::string("say \"hi\", it's")), "\"say \\\"hi\\\", it's\"");
  TK_EXPECT_EQ(print(std::string("\x01\x1f\x7f")), "\"\\x01\\x1f\\x7f\"");
  TK_EXPECT_EQ(print(std::string("a\0b", 3)), "\"a\\0b\"");
  TK_EXPECT_EQ(print(std::string("caf\xc3\xa9")), "\"caf\xc3\xa9\"");
  TK_EXPECT_EQ(print(std::string()), "\"\"");
}

TK_TEST(Print, every_kind_of_string_alike) {
  const char* pointer = "ptr";
  const char* null = nullptr;
  const char array[] = "arr";
  TK_EXPECT_EQ(print(std::string_view("view")), "\"view\"");
  TK_EXPECT_EQ(print(pointer), "\"ptr\"");
  TK_EXPECT_EQ(print(null), "nullptr");
  TK_EXPECT_EQ(print(array), "\"arr\"");
  TK_EXPECT_EQ(print(std::filesystem::path("/tmp/a b")), "\"/tmp/a b\"");
}

TK_TEST(Print, pointers_as_addresses_or_nullptr) {
  const int value = 0;
  const int* null = nullptr;
  TK_EXPECT_EQ(print(nullptr), "nullptr");
  TK_EXPECT_EQ(print(null), "nullptr");
  TK_EXPECT_EQ(print(&value), fmt::format("0x{:x}", reinterpret_cast<std::uintptr_t>(&value)));
}

TK_TEST(Print, enums_as_type_and_value) {
  TK_EXPECT_EQ(print(sample::Color::green), "sample::Color(1)");
  TK_EXPECT_EQ(print(sample::Color::red), "sample::Color(0)");
}

TK_TEST(Print, optionals_and_variants_show_what_they_hold) {
  TK_EXPECT_EQ(print(std::optional<int>(3)), "optional(3)");
  TK_EXPECT_EQ(print(std::optional<std::string>("q")), "optional(\"q\")");
  TK_EXPECT_EQ(print(std::optional<int>()), "nullopt");
  TK_EXPECT_EQ(print(std::nullopt), "nullopt");
  TK_EXPECT_EQ(print(std::variant<int, std::string>("s")), "\"s\"");
  TK_EXPECT_EQ(print(std::variant<int, std::string>(5)), "5");
  TK_EXPECT_EQ(print(std::variant<std::monostate, int>()), "monostate");
}

TK_TEST(Print, tuples_and_pairs_in_parentheses) {
  TK_EXPECT_EQ(print(std::tuple<int, std::string, char>(1, "x", 'c')), "(1, \"x\", 'c')");
  TK_EXPECT_EQ(print(std::pair<int, double>(1, 2.5)), "(1, 2.5)");
  TK_EXPECT_EQ(print(std::tuple<>()), "()");
}

TK_TEST(Print, ranges_in_braces) {
  const int c_array[] = {4, 5};
  TK_EXPECT_EQ(print(std::vector<int>{1, 2, 3}), "{1, 2, 3}");
  TK_EXPECT_EQ(print(std::vector<int>{}), "{}");
  TK_EXPECT_EQ(print(std::array<char, 2>{'a', 'b'}), "{'a', 'b'}");
  TK_EXPECT_EQ(print(c_array), "{4, 5}");
  TK_EXPECT_EQ(print(std::set<int>{3, 1}), "{1, 3}");
  TK_EXPECT_EQ(print(std::vector<bool>{true, false}), "{true, false}");
  TK_EXPECT_EQ(print(std::vector<std::string>{"a", "b"}), "{\"a\", \"b\"}");
}

TK_TEST(Print, nested_containers) {
  TK_EXPECT_EQ(print(std::vector<std::vector<int>>{{1}, {}, {2, 3}}), "{{1}, {}, {2, 3}}");
  TK_EXPECT_EQ(print(std::vector<std::pair<int, std::string>>{{1, "a"}}), "{(1, \"a\")}");
  TK_EXPECT_EQ(print(std::map<int, std::vector<int>>{{1, {2, 3}}}), "{1: {2, 3}}");
}

TK_TEST(Print, maps_as_key_value_pairs) {
  TK_EXPECT_EQ(print(std::map<std::string, int>{{"b", 2}, {"a", 1}}), "{\"a\": 1, \"b\": 2}");
  TK_EXPECT_EQ(print(std::map<int, int>{}), "{}");
}

TK_TEST(Print, long_ranges_are_cut_with_the_count_left_out) {
  std::vector<int> values(70);
  for (int i = 0; i < 70; ++i) values[static_cast<std::size_t>(i)] = i;
  const std::string text = print(values);
  TK_EXPECT(text.starts_with("{0, 1, 2, "), "{}", text);
  TK_EXPECT(text.ends_with(", 62, 63, ... (6 more)}"), "{}", text);
  TK_EXPECT_EQ(print(std::vector<int>(64, 0)).find("more"), std::string::npos);
}

TK_TEST(Print, user_types_use_their_formatter_then_their_stream_operator) {
  TK_EXPECT_EQ(print(sample::Formatted{7}), "Formatted<7>");
  TK_EXPECT_EQ(print(sample::Streamed{8}), "Streamed#8");
  TK_EXPECT_EQ(print(std::vector<sample::Streamed>{{1}, {2}}), "{Streamed#1, Streamed#2}");
}

TK_TEST(Print, other_types_show_their_bytes) {
  TK_EXPECT_EQ(print(sample::Opaque{}), "3-byte object <01 AB 00>");
  const std::string large = print(sample::Large{});
  TK_EXPECT(large.starts_with("40-byte object <00 00 "), "{}", large);
  TK_EXPECT(large.ends_with(" 00 ...>"), "{}", large);
  TK_EXPECT_EQ(large.size(),
               std::string_view("40-byte object <").size() + 32 * 3 - 1 + std::string_view(" ...>").size());
}

TK_TEST(Print, a_range_of_its_own_type_prints_as_a_whole_rather_than_without_end) {
  TK_EXPECT_EQ(print(sample::Tree{.value = 7}), "tree 7");
  TK_EXPECT_EQ(print(sample::Tree{.children = {sample::Tree{.value = 1}}, .value = 2}), "tree 2");
}

}  // namespace
