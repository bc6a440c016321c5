// The shaped, bidirectional layout (ui/text_layout.h) against its references: glyph sequences
// equal HarfBuzz's for the same run, visual order equals FriBidi's UAX #9 reordering, Arabic
// joins, Devanagari's pre-base i-matra comes first, and right-to-left lines align right.
// The fonts are the ones Lectern's lookup finds: DejaVu Sans, and for Devanagari and Thai its
// fallbacks (fonts-dejavu-core and fonts-noto-core on Linux, which tools/setup installs; on Windows
// the zip's DejaVu and the Windows fonts folder).
#include <gtest/gtest.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <fribidi.h>
#include <hb-ft.h>
#include <hb.h>
#include <utf8proc.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "platform/fonts.h"
#include "text/line_breaks.h"
#include "ui/text_layout.h"

namespace lectern::ui::text {
namespace {

FontFace Face(const platform::FontFile& file) {
    FontFace face;
    face.path = file.path;
    face.index = file.index;
    return face;
}

// The font Lectern's own lookup (platform/fonts.h) draws `sample` with when DejaVu Sans lacks
// it: on Linux the system's fonts (Debian's Noto); on Windows the fonts beside the program (the
// zip's fonts/fonts.conf), then the Windows fonts folder. Empty when no font covers all of it.
FontFace FallbackFor(const platform::FontFile& sans, const std::string& sample, const std::string& lang) {
    std::vector<uint32_t> cps;
    for (size_t i = 0; i < sample.size();) {
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(sample.data()) + i,
                                                    static_cast<utf8proc_ssize_t>(sample.size() - i), &cp);
        if (n <= 0) break;
        cps.push_back(static_cast<uint32_t>(cp));
        i += static_cast<size_t>(n);
    }
    for (const platform::Fallback& f : platform::FallbackFonts(sans, false, false, cps, lang))
        if (f.codepoints.size() == cps.size()) return Face(f.file);
    return {};
}

constexpr float kPx = 20.0f;

// HarfBuzz on its own, as a reference: glyph ids of `text` shaped as one run.
std::vector<unsigned> HarfBuzzGlyphs(const FontFace& face_file, const std::string& text, hb_direction_t dir) {
    FT_Library lib;
    FT_Init_FreeType(&lib);
    FT_Face face;
    EXPECT_EQ(FT_New_Face(lib, face_file.path.c_str(), face_file.index, &face), 0);
    FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(kPx));
    hb_font_t* font = hb_ft_font_create_referenced(face);
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text.c_str(), -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, dir);
    hb_shape(font, buf, nullptr, 0);
    unsigned count = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
    std::vector<unsigned> ids;
    for (unsigned i = 0; i < count; ++i) ids.push_back(info[i].codepoint);
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    return ids;
}

std::vector<unsigned> Ids(const Line& line) {
    std::vector<unsigned> ids;
    for (const Glyph& g : line.glyphs) ids.push_back(g.id);
    return ids;
}

// The byte offsets of the paragraph's characters in the order FriBidi's UAX #9 reordering
// shows them (one line, no shaping): the reference for visual order.
std::vector<size_t> FribidiVisualOrder(const std::string& text, FriBidiParType base) {
    std::vector<FriBidiChar> u32(text.size() + 1);
    const FriBidiStrIndex n = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, text.c_str(),
                                                         static_cast<FriBidiStrIndex>(text.size()), u32.data());
    std::vector<FriBidiChar> visual(static_cast<size_t>(n) + 1);
    std::vector<FriBidiStrIndex> v2l(static_cast<size_t>(n));
    fribidi_log2vis(u32.data(), n, &base, visual.data(), nullptr, v2l.data(), nullptr);
    // Byte offset of each codepoint.
    std::vector<size_t> offsets;
    for (size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
    std::vector<size_t> out;
    for (FriBidiStrIndex v : v2l) out.push_back(offsets[static_cast<size_t>(v)]);
    return out;
}

// The characters of a laid-out line in visual order, from its glyphs' clusters (a cluster that
// draws several characters stands for all of them, in the run's direction).
std::vector<size_t> ClusterOrder(const Line& line) {
    std::vector<size_t> out;
    for (const Glyph& g : line.glyphs)
        if (out.empty() || out.back() != g.cluster) out.push_back(g.cluster);
    return out;
}

class TextLayout : public ::testing::Test {
protected:
    void SetUp() override {
        const platform::FontFile dejavu = platform::FindFontFile("DejaVu Sans", false, false, false);
        ASSERT_TRUE(dejavu.found()) << "no DejaVu Sans (fonts-dejavu-core on Linux; the zip's fonts folder on Windows)";
        sans = Face(dejavu);
        devanagari = FallbackFor(dejavu, "क्षत्रियहिन्दीकिताब", "hi");
        thai = FallbackFor(dejavu, "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิ", "th");
        ASSERT_FALSE(devanagari.path.empty()) << "no Devanagari font (fonts-noto-core on Linux; the Windows fonts folder)";
        ASSERT_FALSE(thai.path.empty()) << "no Thai font (fonts-noto-core on Linux; the Windows fonts folder)";
    }
    FontFace sans, devanagari, thai;
};

TEST_F(TextLayout, ArabicWithALatinAcronymAndDigitsReadsInUax9Order) {
    Shaper shaper({sans}, kPx);
    ASSERT_TRUE(shaper.ok());
    const std::string text = "برنامج IMET عام 1976";
    Paragraph p = shaper.Lay(text, "ar", Direction::Auto, 2000);
    ASSERT_EQ(p.lines.size(), 1u);
    EXPECT_TRUE(p.right_to_left);
    // Every character, in FriBidi's visual order. Spaces are dropped only at a line's end.
    std::vector<size_t> expected = FribidiVisualOrder(text, FRIBIDI_PAR_ON);
    std::vector<size_t> got = ClusterOrder(p.lines[0]);
    // Joined Arabic letters may share a cluster; compare on characters every glyph starts.
    std::vector<size_t> expected_starts;
    for (size_t b : expected)
        if (std::find(got.begin(), got.end(), b) != got.end()) expected_starts.push_back(b);
    EXPECT_EQ(got, expected_starts);
    // And read as a person would: "1976" left of "IMET" left of the first Arabic word, and
    // the Latin and the digits left to right.
    auto x_of = [&](size_t byte) {
        for (const Glyph& g : p.lines[0].glyphs)
            if (g.cluster == byte) return g.x;
        return -1.0f;
    };
    const size_t i = text.find("IMET"), d = text.find("1976");
    EXPECT_LT(x_of(d), x_of(d + 1));
    EXPECT_LT(x_of(d + 3), x_of(i));
    EXPECT_LT(x_of(i), x_of(i + 3));
    EXPECT_LT(x_of(i + 3), x_of(0));  // "برنامج" starts at the right
    // Right-aligned: the line ends at the right edge.
    const Glyph& last = p.lines[0].glyphs.back();
    EXPECT_NEAR(last.x + last.advance, 2000.0f, 0.5f);
}

TEST_F(TextLayout, ArabicJoinsExactlyAsHarfBuzzShapesIt) {
    Shaper shaper({sans}, kPx);
    for (const std::string word : {"محمد", "برنامج", "العربية"}) {
        Paragraph p = shaper.Lay(word, "ar", Direction::Auto, 2000);
        ASSERT_EQ(p.lines.size(), 1u);
        EXPECT_EQ(Ids(p.lines[0]), HarfBuzzGlyphs(sans, word, HB_DIRECTION_RTL)) << word;
    }
    // Joining changes the glyphs: "محمد" is not its letters drawn one by one.
    Paragraph joined = shaper.Lay("محمد", "ar", Direction::Auto, 2000);
    Paragraph apart = shaper.Lay("م ح م د", "ar", Direction::Auto, 2000);
    std::vector<unsigned> isolated;
    for (const Glyph& g : apart.lines[0].glyphs)
        if (g.advance > 0 && g.cluster % 3 == 0) isolated.push_back(g.id);
    EXPECT_NE(Ids(joined.lines[0]), isolated);
}

TEST_F(TextLayout, DevanagariConjunctsAndThePreBaseVowelAreShaped) {
    Shaper shaper({sans, devanagari}, kPx);
    for (const std::string word : {"कि", "किताब", "क्षत्रिय", "हिन्दी"}) {
        Paragraph p = shaper.Lay(word, "hi", Direction::Auto, 2000);
        ASSERT_EQ(p.lines.size(), 1u);
        EXPECT_EQ(Ids(p.lines[0]), HarfBuzzGlyphs(devanagari, word, HB_DIRECTION_LTR)) << word;
        for (const Glyph& g : p.lines[0].glyphs) EXPECT_EQ(g.font, 1) << word;
    }
    // "कि": the i-matra (U+093F, a width-matched variant of it) is drawn before the consonant
    // that comes first in memory.
    FT_Library lib;
    FT_Init_FreeType(&lib);
    FT_Face face;
    ASSERT_EQ(FT_New_Face(lib, devanagari.path.c_str(), devanagari.index, &face), 0);
    const unsigned ka = FT_Get_Char_Index(face, 0x0915);
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    Paragraph p = shaper.Lay("कि", "hi", Direction::Auto, 2000);
    ASSERT_EQ(p.lines[0].glyphs.size(), 2u);
    EXPECT_NE(p.lines[0].glyphs.front().id, ka);
    EXPECT_EQ(p.lines[0].glyphs.back().id, ka);
    EXPECT_LT(p.lines[0].glyphs.front().x, p.lines[0].glyphs.back().x);
}

TEST_F(TextLayout, LinesBreakAtWordsAndEachLineIsReorderedOnItsOwn) {
    Shaper shaper({sans}, kPx);
    const std::string text = "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق وقد وهبوا عقلًا وضميرًا";
    const Paragraph one = shaper.Lay(text, "ar", Direction::Auto, 5000);
    ASSERT_EQ(one.lines.size(), 1u);
    for (float width : {120.0f, 200.0f, 300.0f}) {
        Paragraph p = shaper.Lay(text, "ar", Direction::Auto, width);
        ASSERT_GE(p.lines.size(), 2u) << width;
        size_t expect_begin = 0;
        for (const Line& line : p.lines) {
            EXPECT_EQ(line.begin, expect_begin);  // lines cover the text in logical order
            expect_begin = line.end;
            EXPECT_LE(line.width, width + 0.5f) << width;
            // Right-to-left: each line starts (logically) at the right edge.
            for (const Glyph& g : line.glyphs) {
                EXPECT_GE(g.x + 0.5f, width - line.width);
                EXPECT_LE(g.x + g.advance, width + 0.5f);
            }
            // Within a line, logical order runs right to left.
            EXPECT_EQ(line.glyphs.back().cluster, line.begin);
        }
        EXPECT_EQ(expect_begin, text.size());
    }
}

TEST_F(TextLayout, LeftToRightTextWithAnArabicQuotation) {
    Shaper shaper({sans}, kPx);
    const std::string text = "The word عام means year.";
    Paragraph p = shaper.Lay(text, "en", Direction::Auto, 2000);
    ASSERT_EQ(p.lines.size(), 1u);
    EXPECT_FALSE(p.right_to_left);
    EXPECT_EQ(p.lines[0].glyphs.front().cluster, 0u);  // starts at the left with "T"
    const size_t a = text.find("عام");
    std::vector<size_t> order = ClusterOrder(p.lines[0]);
    auto pos = [&](size_t byte) { return std::find(order.begin(), order.end(), byte) - order.begin(); };
    // The Arabic word reads right to left inside the English sentence.
    EXPECT_GT(pos(a), pos(a + 2));
    EXPECT_LT(pos(text.find("word")), pos(a + 4));
    EXPECT_GT(pos(text.find("means")), pos(a));
}

TEST_F(TextLayout, ThaiBreaksBetweenWordsAndFallbackFontsDrawWhatTheFirstLacks) {
    Shaper shaper({sans, thai}, kPx);
    const std::string text = "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิ";
    Paragraph p = shaper.Lay(text, "th", Direction::Auto, 150);
    ASSERT_GE(p.lines.size(), 2u);
    for (const Line& line : p.lines) {
        for (const Glyph& g : line.glyphs) {
            EXPECT_EQ(g.font, 1);   // DejaVu Sans has no Thai
            EXPECT_NE(g.id, 0u);    // and no .notdef boxes
        }
    }
    // Every line ends between two dictionary words and fits.
    const std::vector<LineBreak> breaks = FindLineBreaks(text, "th");
    for (size_t i = 0; i + 1 < p.lines.size(); ++i) {
        EXPECT_EQ(breaks[p.lines[i].end - 1], LineBreak::Allowed) << "line " << i;
        EXPECT_LE(p.lines[i].width, 150.5f);
    }
}

}  // namespace
}  // namespace lectern::ui::text
