// Line breaking in rich text: UAX #14 break opportunities (libunibreak), Thai by dictionary,
// soft hyphens shown only where a line breaks, no-break spaces that hold, zero-width spaces
// that break without showing. Laid out with ImGui's built-in font (no font files needed):
// the rules are about where lines end, not about glyph shapes.
#include <gtest/gtest.h>

#include <imgui.h>

#include <string>
#include <vector>

#include "text/line_breaks.h"
#include "ui/rich_text.h"

namespace lectern::ui {
namespace {

class RichTextLayout : public ::testing::Test {
protected:
    void SetUp() override {
        m_ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        m_font = io.Fonts->AddFontDefault();
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
        m_style = SingleFontStyle(m_font, ImVec4(0, 0, 0, 1));
    }
    void TearDown() override { ImGui::DestroyContext(m_ctx); }
    float Width(const std::string& s) const { return m_font->CalcTextSizeA(m_font->FontSize, FLT_MAX, 0, s.c_str()).x; }
    std::vector<std::string> Lines(const std::string& text, float wrap) const {
        return RichTextLines(Inline{TextRun(text)}, m_style, wrap);
    }
    ImGuiContext* m_ctx = nullptr;
    ImFont* m_font = nullptr;
    RichStyle m_style;
};

std::string Join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l;
    return out;
}

const std::string kShy = "\xC2\xAD", kNbsp = "\xC2\xA0", kZwsp = "\xE2\x80\x8B";

TEST_F(RichTextLayout, ASoftHyphenShowsOnlyWhereTheLineBreaksAtIt) {
    const std::string word = "Menschen" + kShy + "rechts" + kShy + "ausbildungs" + kShy + "programm";
    // Wide: one line, no hyphen, no soft hyphen bytes drawn.
    EXPECT_EQ(Lines(word, 2000), std::vector<std::string>{"Menschenrechtsausbildungsprogramm"});
    // Every width from "one part" to "all of it": the lines, hyphens dropped, spell the word;
    // every line but the last ends in the hyphen the break made visible, and fits.
    for (float wrap = Width("ausbildungs-") + 1; wrap < Width("Menschenrechtsausbildungsprogramm"); wrap += 7) {
        const auto lines = Lines(word, wrap);
        ASSERT_GE(lines.size(), 2u) << wrap;
        std::string joined;
        for (size_t i = 0; i < lines.size(); ++i) {
            const bool last = i + 1 == lines.size();
            EXPECT_EQ(lines[i].back() == '-', !last) << wrap << ": " << lines[i];
            EXPECT_EQ(lines[i].find(kShy), std::string::npos);
            EXPECT_LE(Width(lines[i]), wrap + Width("-")) << lines[i];
            joined += last ? lines[i] : lines[i].substr(0, lines[i].size() - 1);
        }
        EXPECT_EQ(joined, "Menschenrechtsausbildungsprogramm") << wrap;
    }
}

TEST_F(RichTextLayout, ANoBreakSpaceHoldsItsWordsTogether) {
    const std::string text = "about 10" + kNbsp + "km away";
    for (float wrap = Width("10 km") + 1; wrap < Width("about 10 km away"); wrap += 3) {
        for (const auto& line : Lines(text, wrap)) {
            // "10" and "km" are always on the same line.
            EXPECT_EQ(line.find("10") == std::string::npos, line.find("km") == std::string::npos) << wrap << ": " << line;
        }
    }
}

TEST_F(RichTextLayout, AZeroWidthSpaceBreaksWithoutShowing) {
    const std::string text = "alpha" + kZwsp + "beta";
    EXPECT_EQ(Lines(text, 2000), std::vector<std::string>{"alphabeta"});
    EXPECT_EQ(Lines(text, Width("alphab")), (std::vector<std::string>{"alpha", "beta"}));
}

TEST_F(RichTextLayout, ChineseWrapsBetweenCharactersButNotBeforeClosingPunctuation) {
    const std::string text = "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心。";
    for (float wrap = Width("人人人") ; wrap < Width(text); wrap += 5) {
        const auto lines = Lines(text, wrap);
        EXPECT_EQ(Join(lines), text);
        for (size_t i = 1; i < lines.size(); ++i) {
            EXPECT_NE(lines[i].rfind("，", 0), 0u) << "line starts with a comma: " << lines[i];
            EXPECT_NE(lines[i].rfind("。", 0), 0u) << "line starts with a full stop: " << lines[i];
        }
        if (wrap < Width(text) / 2) {
            EXPECT_GE(lines.size(), 2u);
        }
    }
}

TEST_F(RichTextLayout, ThaiBreaksAtDictionaryWordBoundaries) {
    const std::string text = "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิ";
    // The word boundaries, as byte offsets.
    std::vector<LineBreak> breaks = FindLineBreaks(text, "th");
    int allowed = 0;
    for (size_t i = 0; i + 1 < breaks.size(); ++i) allowed += breaks[i] == LineBreak::Allowed;
    EXPECT_GE(allowed, 10);  // มนุษย์|ทั้งหลาย|เกิด|มา|มี|อิสระ|และ|เสมอภาค|กัน|ใน|เกียรติศักดิ์|และ|สิทธิ
    // From the longest word (14 characters) up: a word wider than the line is cut anywhere.
    for (float wrap = Width("0123456789ABCDE"); wrap < Width(text); wrap += 11) {
        const auto lines = Lines(text, wrap);
        EXPECT_EQ(Join(lines), text);
        size_t offset = 0;
        for (size_t i = 0; i + 1 < lines.size(); ++i) {
            offset += lines[i].size();
            EXPECT_EQ(breaks[offset - 1], LineBreak::Allowed) << "line " << i << " ends inside a word: " << lines[i];
        }
    }
}

TEST_F(RichTextLayout, ArabicLinesAreDrawnInVisualOrderAndJoined) {
    const std::string text = "برنامج IMET عام 1976";
    const auto lines = Lines(text, 2000);
    ASSERT_EQ(lines.size(), 1u);
    const std::string& line = lines[0];
    // Visual order, left to right: the year, then "عام", then the acronym, then "برنامج"; the
    // Latin and the digits keep their own order.
    ASSERT_NE(line.find("1976"), std::string::npos) << line;
    ASSERT_NE(line.find("IMET"), std::string::npos) << line;
    EXPECT_EQ(line.find("1976"), 0u) << line;
    EXPECT_LT(line.find("1976"), line.find("IMET"));
    // Joined: the Arabic letters are presentation forms (U+FE70-U+FEFF, 3 bytes from EF B9/BA/BB).
    int forms = 0, bare = 0;
    for (size_t i = 0; i + 2 < line.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(line[i]), b1 = static_cast<unsigned char>(line[i + 1]);
        if (b0 == 0xEF && (b1 == 0xB9 || b1 == 0xBA || b1 == 0xBB)) ++forms;
        if (b0 == 0xD8 || b0 == 0xD9) ++bare;  // U+0600-U+067F as they were typed
    }
    EXPECT_EQ(forms, 9) << line;  // the nine letters of "برنامج" and "عام"
    EXPECT_EQ(bare, 0) << line;
    // Wrapped in logical order, each line reordered on its own: the first words come first.
    const auto wrapped = Lines(text, Width("برنامج IMET"));
    ASSERT_EQ(wrapped.size(), 2u);
    EXPECT_NE(wrapped[0].find("IMET"), std::string::npos);
    EXPECT_EQ(wrapped[1].find("1976"), 0u);
}

TEST_F(RichTextLayout, LeftToRightTextIsLeftAlone) {
    EXPECT_EQ(Lines("Plain English, 1976.", 2000), std::vector<std::string>{"Plain English, 1976."});
    const std::string typeset = "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 10\xC2\xA0km, Zo\xC3\xAB, \xE2\x82\xAC" "5";
    EXPECT_EQ(Lines(typeset, 2000), std::vector<std::string>{typeset});
}

TEST_F(RichTextLayout, HebrewAndMarkedRightToLeftTextIsReordered) {
    // Hebrew first: a right-to-left paragraph, the Hebrew word reversed, "world" after it on the left.
    EXPECT_EQ(Lines("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D world", 2000),
              std::vector<std::string>{"world \xD7\x9D\xD7\x95\xD7\x9C\xD7\xA9"});
}

// A phrase with its own lang (Run::span_lang) is a bidi isolate in its language's direction
// (UAX #9 X5a-X5c, as a browser isolates <span dir>). Each case is also laid out unmarked and
// must differ, so the test fails if the language stops reaching the layout. The expected orders
// are UAX #9's (checked against fribidi_log2vis with RLI/LRI ... PDI around the phrase).
TEST_F(RichTextLayout, APhraseInAnotherLanguageIsABidiIsolateInItsDirection) {
    auto lines = [&](const std::string& lang, const std::string& before, const std::string& phrase, const std::string& after) {
        Inline runs;
        if (!before.empty()) runs.push_back(TextRun(before));
        lectern::Run marked = TextRun(phrase);
        marked.span_lang = lang;
        runs.push_back(marked);
        if (!after.empty()) runs.push_back(TextRun(after));
        return RichTextLines(runs, m_style, 2000);
    };
    // Where an Arabic word is on a line: the first of its letter's joined forms (presentation
    // forms, 3 bytes EF xx yy, from `low` to `high` in the last byte after `mid`).
    auto letter_at = [](const std::string& line, unsigned char mid, unsigned char low, unsigned char high) {
        for (size_t i = 0; i + 2 < line.size(); ++i)
            if (static_cast<unsigned char>(line[i]) == 0xEF && static_cast<unsigned char>(line[i + 1]) == mid &&
                static_cast<unsigned char>(line[i + 2]) >= low && static_cast<unsigned char>(line[i + 2]) <= high)
                return i;
        return std::string::npos;
    };
    auto baa_at = [&](const std::string& line) { return letter_at(line, 0xBA, 0x8F, 0x92); };   // ب: "برنامج", "بدأ"
    auto ain_at = [&](const std::string& line) { return letter_at(line, 0xBB, 0x89, 0x8C); };   // ع: "عام"
    auto faa_at = [&](const std::string& line) { return letter_at(line, 0xBB, 0x91, 0x94); };   // ف: "في"

    // An English sentence with an Arabic phrase: "برنامج IMET عام 1976" reads from the right as a
    // whole (left to right on the screen: 1976, عام, IMET, برنامج) between "The program " and
    // " began.". Unmarked, the sentence's left-to-right order puts برنامج first and IMET before
    // the year.
    const std::string arabic_phrase = "برنامج IMET عام 1976";
    for (const char* lang : {"ar", "he", "fa"}) {
        SCOPED_TRACE(lang);
        const auto marked = lines(lang, "The program ", arabic_phrase, " began.");
        ASSERT_EQ(marked.size(), 1u);
        const std::string& line = marked[0];
        EXPECT_EQ(line.find("The program 1976 "), 0u) << line;
        EXPECT_EQ(line.size() - line.rfind(" began."), 7u) << line;
        ASSERT_NE(baa_at(line), std::string::npos) << line;
        ASSERT_NE(ain_at(line), std::string::npos) << line;
        EXPECT_LT(line.find("1976"), ain_at(line)) << line;
        EXPECT_LT(ain_at(line), line.find("IMET")) << line;
        EXPECT_LT(line.find("IMET"), baa_at(line)) << line;
        const auto plain = lines("", "The program ", arabic_phrase, " began.");
        ASSERT_EQ(plain.size(), 1u);
        EXPECT_LT(baa_at(plain[0]), plain[0].find("IMET")) << plain[0];
        EXPECT_LT(plain[0].find("IMET"), plain[0].find("1976")) << plain[0];
        EXPECT_NE(plain[0], line);
    }

    // An Arabic sentence with an English phrase: "the IMET program in 1976." keeps its full stop
    // after the year, the sentence reading from the right around it (بدأ rightmost, في left of
    // the phrase). Unmarked, the full stop between the Latin and the Arabic takes the
    // paragraph's direction and moves to the phrase's left end.
    for (const char* lang : {"en", "fr", "de"}) {
        SCOPED_TRACE(lang);
        const auto marked = lines(lang, "بدأ ", "the IMET program in 1976.", " في الولايات المتحدة");
        ASSERT_EQ(marked.size(), 1u);
        const std::string& line = marked[0];
        const size_t phrase_at = line.find("the IMET program in 1976.");
        ASSERT_NE(phrase_at, std::string::npos) << line;
        ASSERT_NE(faa_at(line), std::string::npos) << line;
        EXPECT_LT(faa_at(line), phrase_at) << line;
        // Then a space and بدأ at the right end (3 joined letters of 3 bytes, ب rightmost).
        EXPECT_EQ(phrase_at + std::string("the IMET program in 1976. ").size() + 9, line.size()) << line;
        EXPECT_EQ(baa_at(line), line.size() - 3) << line;
        const auto plain = lines("", "بدأ ", "the IMET program in 1976.", " في الولايات المتحدة");
        ASSERT_EQ(plain.size(), 1u);
        EXPECT_EQ(plain[0].find("the IMET program in 1976."), std::string::npos) << plain[0];
        EXPECT_NE(plain[0].find(".the IMET program in 1976"), std::string::npos) << plain[0];
    }

    // The phrase first: the sentence is still English, its full stop at the right end.
    const auto first = lines("ar", "", "برنامج", " is the word.");
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].size() - first[0].rfind(" is the word."), 13u) << first[0];
    EXPECT_EQ(static_cast<unsigned char>(first[0][0]), 0xEFu) << "the Arabic word, joined, at the left: " << first[0];
    const auto unmarked_first = lines("", "", "برنامج", " is the word.");
    EXPECT_NE(unmarked_first, first) << "with no lang the Arabic word makes the line right to left";
    // An English phrase marked as such inside an Arabic sentence keeps "art. 2." together, its
    // full stop after the 2, where the Arabic paragraph's direction alone would move it.
    const auto in_arabic = lines("en", "انظر ", "art. 2.", " اليوم");
    ASSERT_EQ(in_arabic.size(), 1u);
    EXPECT_NE(in_arabic[0].find(" art. 2. "), std::string::npos) << in_arabic[0];
    const auto unmarked_in_arabic = lines("", "انظر ", "art. 2.", " اليوم");
    EXPECT_EQ(unmarked_in_arabic[0].find("art. 2."), std::string::npos) << unmarked_in_arabic[0];
    // StartsFromRight looks past a phrase to the sentence's own first letter.
    Inline phrase_first{TextRun("برنامج"), TextRun(" is the word.")};
    EXPECT_TRUE(StartsFromRight(phrase_first));
    phrase_first[0].span_lang = "ar";
    EXPECT_FALSE(StartsFromRight(phrase_first));
}

TEST(LineBreaks, FollowUax14) {
    const std::string text = "one two" + kNbsp + "three" + kShy + "four" + kZwsp + "five";
    const auto b = FindLineBreaks(text, "");
    ASSERT_EQ(b.size(), text.size());
    auto after = [&](const std::string& prefix) { return b[prefix.size() - 1]; };
    EXPECT_EQ(after("one "), LineBreak::Allowed);
    EXPECT_EQ(after("one two"), LineBreak::None);
    EXPECT_EQ(after("one two" + kNbsp), LineBreak::None);
    EXPECT_EQ(after("one two" + kNbsp + "three" + kShy), LineBreak::Allowed);
    EXPECT_EQ(after("one two" + kNbsp + "three" + kShy + "four" + kZwsp), LineBreak::Allowed);
    EXPECT_EQ(b.back(), LineBreak::Must);  // the end of the text
    EXPECT_EQ(after("o"), LineBreak::None);
}

// UAX #14 LB24 (since Unicode 9.0): "(PR | PO) × (AL | HL)" and "(AL | HL) × (PR | PO)". A key
// chord ("Shift+Space": '+' is PR) is one word, as is a letter and its sign, in any script and
// with a combining mark on the letter; a space before the sign still allows a break.
TEST(LineBreaks, KeepALetterWithThePrefixOrPostfixSignBesideIt) {
    const std::string acute = "\xCC\x81";  // U+0301, after a letter: the letter's class (LB9)
    for (const std::string& word : {std::string("Shift+Space"), std::string("Ctrl+0"), std::string("Ctrl+Alt+Shift+A"),
                                    std::string("Ctrl+Plus"), std::string("F1+Tab"), std::string("abc%"), std::string("\xD9\x85\xD8\xB3\xD8\xA7\xD9\x81\xD8\xA9+Shift"),
                                    std::string("\xD7\xA9\xD7\x9C+A"), "Cafe" + acute + "+Tab", std::string("x\xC2\xB1y")}) {
        SCOPED_TRACE(word);
        const std::string text = "press " + word + " now";
        const auto b = FindLineBreaks(text, "");
        ASSERT_EQ(b.size(), text.size());
        for (size_t i = 6; i + 1 < 6 + word.size(); ++i)
            EXPECT_EQ(b[i], LineBreak::None) << "a break after byte " << i - 6 << " of the word";
        EXPECT_EQ(b[5], LineBreak::Allowed);  // the spaces around it
        EXPECT_EQ(b[6 + word.size()], LineBreak::Allowed);
    }
    const std::string spaced = "Shift +Space";
    EXPECT_EQ(FindLineBreaks(spaced, "")[5], LineBreak::Allowed);
}

}  // namespace
}  // namespace lectern::ui
