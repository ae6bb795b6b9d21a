// The text helpers of the file reports: UTF-8 repair, control characters, caps and XML escaping.
#include <testkit/report/detail/report_text.hpp>

#include <string>

#include <testkit/testkit.hpp>

namespace {

using testkit::detail::cap_text;
using testkit::detail::clean_utf8;
using testkit::detail::Controls;
using testkit::detail::xml_escape;

TK_TEST(CleanUtf8, keeps_well_formed_text_of_every_length) {
  const std::string text = "a é ✓ 日本 𝄞 \t\n";
  TK_EXPECT_EQ(clean_utf8(text, Controls::keep_line_breaks), text);
}

TK_TEST(CleanUtf8, writes_each_malformed_byte_as_an_escape) {
  TK_EXPECT_EQ(clean_utf8("\xff", Controls::keep), "\\xff");
  TK_EXPECT_EQ(clean_utf8("a\xc3", Controls::keep), "a\\xc3");                           // cut short
  TK_EXPECT_EQ(clean_utf8("\xc0\xaf", Controls::keep), "\\xc0\\xaf");                    // overlong '/'
  TK_EXPECT_EQ(clean_utf8("\xed\xa0\x80", Controls::keep), "\\xed\\xa0\\x80");           // a surrogate
  TK_EXPECT_EQ(clean_utf8("\xf4\x90\x80\x80", Controls::keep), "\\xf4\\x90\\x80\\x80");  // past U+10FFFF
  TK_EXPECT_EQ(clean_utf8("\xef\xbf\xbf", Controls::keep), "\\xef\\xbf\\xbf");           // U+FFFF, not XML
  TK_EXPECT_EQ(clean_utf8("\xe2\x9c", Controls::keep), "\\xe2\\x9c");
}

TK_TEST(CleanUtf8, escapes_controls_but_tab_and_newline_when_asked) {
  TK_EXPECT_EQ(clean_utf8("a\x01\r\x7f\x1b\tz\n", Controls::keep_line_breaks), "a\\x01\\x0d\\x7f\\x1b\tz\n");
  TK_EXPECT_EQ(clean_utf8("a\x01\r", Controls::keep), "a\x01\r");
}

TK_TEST(CleanUtf8, escapes_c1_controls_too_for_a_terminal) {
  // U+009B is the one-byte CSI: "\xc2\x9b2J" clears a terminal as "\033[2J" does. U+00A0 is no control.
  TK_EXPECT_EQ(clean_utf8("\xc2\x9b"
                          "2J \xc2\xa0 \x1b[2J\t\n",
                          Controls::terminal),
               "\\xc2\\x9b2J \xc2\xa0 \\x1b[2J\t\n");
  TK_EXPECT_EQ(clean_utf8("\xc2\x9b", Controls::keep_line_breaks), "\xc2\x9b", "XML may hold them");
}

TK_TEST(CleanUtf8, keeps_one_line_text_on_its_line) {
  TK_EXPECT_EQ(clean_utf8("a\nb\tc\r\xc2\x85", Controls::terminal_line), "a\\x0ab\tc\\x0d\\xc2\\x85");
}

TK_TEST(CapText, keeps_short_text_and_cuts_the_middle_of_long_text) {
  TK_EXPECT_EQ(cap_text("short", {.bytes = 10}), "short");
  TK_EXPECT_EQ(cap_text("0123456789abcdefghij", {.bytes = 10}), "01234\n[... 10 bytes elided ...]\nfghij");
}

TK_TEST(CapText, never_splits_a_utf8_sequence) {
  const std::string text = "ab✓✓✓✓cd";  // each ✓ is 3 bytes
  const std::string capped = cap_text(text, {.bytes = 6});
  TK_EXPECT_EQ(clean_utf8(capped, Controls::keep), capped, "a cut sequence would show as \\x escapes");
  TK_EXPECT_CONTAINS(capped, "bytes elided");
}

TK_TEST(CapText, keeps_the_first_and_last_lines_of_text_of_too_many_lines) {
  const std::string twelve = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12";
  TK_EXPECT_EQ(cap_text(twelve, {.lines = 4}), "1\n2\n[... 18 bytes (8 lines) elided ...]\n11\n12");
  TK_EXPECT_EQ(cap_text(twelve + "\n", {.lines = 4}), "1\n2\n[... 18 bytes (8 lines) elided ...]\n11\n12\n");
  TK_EXPECT_EQ(cap_text(twelve, {.lines = 12}), twelve);
  TK_EXPECT_EQ(cap_text(twelve + "\n", {.lines = 12}), twelve + "\n");
  TK_EXPECT_EQ(cap_text("1\n2\n3", {.lines = 2}), "1\n[... 3 bytes (1 line) elided ...]\n3");
}

TK_TEST(CapText, names_where_the_rest_is_and_can_keep_one_line_on_one_line) {
  TK_EXPECT_EQ(cap_text("0123456789abcdefghij", {.bytes = 10, .note = "; see r.xml", .one_line = true}),
               "01234 [... 10 bytes elided; see r.xml ...] fghij");
}

TK_TEST(XmlEscape, escapes_markup_and_keeps_cdata_ends_out) {
  TK_EXPECT_EQ(xml_escape("a<b>&\"c\"]]>"), "a&lt;b&gt;&amp;\"c\"]]&gt;");
  TK_EXPECT_EQ(xml_escape("a\"\n\tb", /*attribute=*/true), "a&quot;&#10;&#9;b");
  TK_EXPECT_EQ(xml_escape("x\x01\xff"), "x\\x01\\xff");
}

}  // namespace
