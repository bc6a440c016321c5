// The help screen's key table in an Arabic interface, read back from the glyph quads it draws
// with the real atlas and shaper: each cell is wrapped in logical order and shaped line by line
// in its own face, so a wrapped right-to-left cell starts (its first word) at the right end of its
// top line and ends (its last word) at the left end of its bottom line; the keys, in bold, are
// shaped in the bold face (shaped in another, they draw as placeholders); no placeholder is drawn
// at all; and the keys are the rightmost column. Cases: two text sizes x two window widths.
// And in English and Arabic, no key chord ("Shift+Space") is drawn split across two lines.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "shaped_ui.h"
#include "ui/rich_text.h"
#include "ui/screens.h"

namespace lectern {
namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// The shaped letter glyphs of `utf8` in `font`, in visual order (one word: no wrapping).
std::vector<ImWchar> ShapedCodepoints(ui::ShapedText& shaped, ImFont* font, const std::string& utf8) {
    std::vector<ImWchar> out;
    for (uint32_t cp : test::Decode(shaped.Display(font, utf8))) {
        const ImFontGlyph* g = font->FindGlyphNoFallback(static_cast<ImWchar>(cp));
        if (g && g->Visible && test::IsLetter(g->Y1 - g->Y0, font->FontSize)) out.push_back(static_cast<ImWchar>(cp));
    }
    return out;
}

// Indices of the lines whose rightmost (at_end) or leftmost glyphs are `word`'s, in any order (a
// mark's place among its word's letters is no matter here).
std::vector<size_t> LinesWith(const std::vector<std::vector<test::GlyphQuad>>& lines, std::vector<ImWchar> word, bool at_end) {
    std::vector<size_t> found;
    std::sort(word.begin(), word.end());
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto& line = lines[i];
        if (word.empty() || line.size() < word.size()) continue;
        const size_t from = at_end ? line.size() - word.size() : 0;
        std::vector<ImWchar> part;
        for (size_t k = 0; k < word.size(); ++k) part.push_back(line[from + k].codepoint);
        std::sort(part.begin(), part.end());
        if (part == word) found.push_back(i);
    }
    return found;
}

std::string FirstWord(const std::string& s) { return s.substr(0, s.find(' ')); }
std::string LastWord(const std::string& s) { return s.substr(s.rfind(' ') + 1); }

struct Case {
    float scale;
    float width;
};

// The table drawn in the last frame (the help screen has one: its keys).
const ImGuiTable* DrawnTable() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiTable* table = nullptr;
    for (int i = 0; i < g.Tables.Buf.Size; ++i)
        if (g.Tables.GetByIndex(i)->LastFrameActive == g.FrameCount) table = g.Tables.GetByIndex(i);
    return table;
}

TEST(HelpScreen, ArabicKeyTableWrapsInReadingOrderShapedInEachCellsFaceKeysAtTheRight) {
    int wrapped_cells = 0, checked_cells = 0;
    for (const Case c : {Case{1.0f, 1280}, Case{1.0f, 760}, Case{2.0f, 1280}, Case{2.0f, 900}}) {
        SCOPED_TRACE("text " + std::to_string(static_cast<int>(c.scale * 100)) + "%, window " + std::to_string(static_cast<int>(c.width)));
        test::ShapedUi in(LoadCourse(kFixture), "ar", c.scale, ImVec2(c.width, 800));
        ASSERT_TRUE(ui::InterfaceRightToLeft());
        in.ui.state.screen = ui::Screen::Help;
        in.Settle();
        const std::vector<test::GlyphQuad> quads = in.Quads();
        int placeholders = 0, raw_arabic = 0;
        for (const test::GlyphQuad& q : quads) {
            placeholders += q.codepoint == 0x2B1A || q.codepoint == 0xFFFD;
            raw_arabic += q.codepoint >= 0x0600 && q.codepoint <= 0x06FF;
        }
        EXPECT_EQ(placeholders, 0) << "placeholder boxes drawn";
        EXPECT_EQ(raw_arabic, 0) << "Arabic drawn unshaped";

        // The key table and its two columns.
        const ImGuiTable* table = DrawnTable();
        ASSERT_NE(table, nullptr);
        ASSERT_EQ(table->ColumnsCount, 2);
        const ImGuiTableColumn& keys = table->Columns[1];  // mirrored: the keys are the second column
        const ImGuiTableColumn& what = table->Columns[0];
        EXPECT_GT(keys.MinX, what.MinX) << "the keys are not the rightmost column";

        ui::ViewModel model;
        const auto rows = ui::HelpKeys(model);
        ASSERT_GE(rows.size(), 10u);
        for (const bool key_cell : {true, false}) {
            const ImGuiTableColumn& column = key_cell ? keys : what;
            ImFont* font = key_cell ? in.ui.fonts.ui_bold : in.ui.fonts.ui;
            const auto lines = test::LetterLines(quads, font->FontSize, column.MinX, column.MaxX);
            for (const auto& row : rows) {
                const std::string& text = key_cell ? row.first : row.second;
                const std::string first = FirstWord(text), last = LastWord(text);
                // Words that shape on their own as they do in the line (Arabic letters only).
                if (first == last || !ui::NeedsShaping(first) || !ui::NeedsShaping(last) ||
                    first.find_first_of("()/+,.:0123456789") != std::string::npos ||
                    last.find_first_of("()/+,.:0123456789") != std::string::npos)
                    continue;
                const auto starts = LinesWith(lines, ShapedCodepoints(in.shaped(), font, first), true);
                const auto ends = LinesWith(lines, ShapedCodepoints(in.shaped(), font, last), false);
                // A word found at the ends of several lines, or at none (a mark drawn beside the
                // word's end), is no evidence either way; the counts below make sure enough is.
                if (starts.size() != 1 || ends.size() != 1) continue;
                SCOPED_TRACE(text);
                ++checked_cells;
                EXPECT_LE(starts[0], ends[0]) << "the cell's last words are drawn above its first";
                wrapped_cells += ends[0] > starts[0];
                // Laid out from the right: the first line ends at the column's right edge.
                EXPECT_GT(lines[starts[0]].back().x1, column.MaxX - in.ui.fonts.body_px * 1.5f);
            }
        }
    }
    // The cases must reach wrapped cells in both columns' kinds, or the order is not tested.
    EXPECT_GE(checked_cells, 20);
    EXPECT_GE(wrapped_cells, 4);
}

// RichText measures a word that the shaper shapes as it draws it: an Arabic description laid out
// in the width its shaped line takes stays on one line (measured by its letters' isolated forms,
// a third or more wider, it wrapped early, and a word that fitted was broken by characters).
TEST(HelpScreen, ArabicCellsWrapAtTheWidthTheyAreDrawnIn) {
    test::ShapedUi in(LoadCourse(kFixture), "ar", 1.0f, ImVec2(1280, 3000));
    in.ui.state.screen = ui::Screen::Help;
    in.Settle();
    std::vector<std::string> descriptions;
    for (const auto& row : ui::HelpKeys(in.ui.model))
        if (ui::NeedsShaping(row.second)) descriptions.push_back(row.second);
    // Each shaped once on one line, and its glyphs baked (a build makes new ImFonts).
    for (const std::string& text : descriptions) in.shaped().Display(in.ui.fonts.ui, text, nullptr, ui::text::Direction::RightToLeft);
    in.Settle();
    ImFont* font = in.ui.fonts.ui;
    for (const std::string& text : descriptions) {
        SCOPED_TRACE(text);
        const char* shaped = in.shaped().Display(font, text, nullptr, ui::text::Direction::RightToLeft);
        const float width = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, shaped).x;
        const auto lines = ui::RichTextLines(Inline{TextRun(text)}, ui::SingleFontStyle(font, ImVec4()), width + 2.0f);
        EXPECT_EQ(lines.size(), 1u) << "laid out in " << width + 2.0f << " pixels";
    }
    EXPECT_GE(descriptions.size(), 10u);
    EXPECT_FALSE(in.shaped().HasRequests()) << "glyphs measured before they were baked";
}

// The key chords ("Shift+Space", "Ctrl+Alt+Shift+A": names of keys joined by '+') in `text`.
std::vector<std::string> Chords(const std::string& text) {
    static const std::regex chord("[A-Za-z0-9]+(\\+[A-Za-z0-9]+)+");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), chord); it != std::sregex_iterator(); ++it)
        out.push_back(it->str());
    return out;
}

// The ASCII text drawn among `quads`, line by line: glyphs whose vertical middles are within half
// the font's size of a line's first are on it (a comma's and a capital's are closer than that),
// read left to right, a space where the gap between two glyphs is a space's or more (another
// script's letters between them leave such a gap too).
std::vector<std::string> AsciiLines(const std::vector<test::GlyphQuad>& quads, float font_px) {
    std::vector<test::GlyphQuad> ascii;
    for (const test::GlyphQuad& q : quads)
        if (q.codepoint > 0x20 && q.codepoint < 0x7F) ascii.push_back(q);
    auto middle = [](const test::GlyphQuad& q) { return (q.y0 + q.y1) * 0.5f; };
    std::sort(ascii.begin(), ascii.end(), [&](const auto& a, const auto& b) { return middle(a) < middle(b); });
    std::vector<std::vector<test::GlyphQuad>> lines;
    float line_middle = -1e9f;
    for (const test::GlyphQuad& q : ascii) {
        if (middle(q) - line_middle > font_px * 0.5f) {
            lines.emplace_back();
            line_middle = middle(q);
        }
        lines.back().push_back(q);
    }
    std::vector<std::string> out;
    for (auto& line : lines) {
        std::sort(line.begin(), line.end(), [](const auto& a, const auto& b) { return a.x0 < b.x0; });
        std::string text;
        for (size_t i = 0; i < line.size(); ++i) {
            if (i > 0 && line[i].x0 - line[i - 1].x1 >= font_px * 0.2f) text += ' ';
            text += static_cast<char>(line[i].codepoint);
        }
        out.push_back(text);
    }
    return out;
}

// Every row of the key table (present mode's and a kiosk's too) x text sizes x window widths, in
// English and in Arabic: each chord in a column's cells is drawn whole on one line of that column
// as many times as the cells hold it. A line broken inside "Shift+Space" (libunibreak 1.1 breaks
// before '+') or a chord wider than its column (broken by characters) draws fewer.
TEST(HelpScreen, NoKeyChordIsSplitAcrossTwoLinesAtAnySizeOrWidthInEitherDirection) {
    int chords_checked = 0, stacked = 0;
    for (const std::string lang : {"en", "ar"}) {
        for (const float scale : {1.0f, 1.5f, 2.0f}) {
            for (const float width : {320.0f, 480.0f, 760.0f, 1280.0f}) {
                SCOPED_TRACE(lang + ", text " + std::to_string(static_cast<int>(scale * 100)) + "%, window " +
                             std::to_string(static_cast<int>(width)));
                test::ShapedUi in(LoadCourse(kFixture), lang, scale, ImVec2(width, 8000));
                ASSERT_EQ(ui::InterfaceRightToLeft(), lang == "ar");
                in.ui.model.present_mode = true;
                in.ui.model.kiosk = true;
                in.ui.model.admin_chord = "Ctrl+Alt+Shift+A";
                in.ui.state.screen = ui::Screen::Help;
                in.Settle();
                const auto rows = ui::HelpKeys(in.ui.model);
                ASSERT_GE(rows.size(), 19u) << "present mode's keys or the kiosk's chord are missing";
                const ImGuiTable* table = DrawnTable();
                ASSERT_NE(table, nullptr);
                const std::vector<test::GlyphQuad> quads = in.Quads();
                // Two columns (the keys' at the reading start), or one with each key above what it does.
                ASSERT_TRUE(table->ColumnsCount == 1 || table->ColumnsCount == 2);
                stacked += table->ColumnsCount == 1;
                for (int c = 0; c < table->ColumnsCount; ++c) {
                    const ImGuiTableColumn& column = table->Columns[c];
                    const bool keys = table->ColumnsCount == 1 || c == (lang == "ar" ? 1 : 0);
                    const bool descriptions = table->ColumnsCount == 1 || !keys;
                    std::vector<test::GlyphQuad> in_column;
                    for (const test::GlyphQuad& q : quads)
                        if (q.x0 >= column.MinX - 1 && q.x1 <= column.MaxX + 1 && q.y0 >= table->OuterRect.Min.y &&
                            q.y1 <= table->OuterRect.Max.y)
                            in_column.push_back(q);
                    std::map<std::string, int> wanted, drawn;
                    for (const auto& row : rows) {
                        if (keys)
                            for (const std::string& chord : Chords(row.first)) ++wanted[chord];
                        if (descriptions)
                            for (const std::string& chord : Chords(row.second)) ++wanted[chord];
                    }
                    const std::vector<std::string> lines = AsciiLines(in_column, in.ui.fonts.ui->FontSize);
                    std::string all;
                    for (const std::string& line : lines) {
                        for (const std::string& chord : Chords(line)) ++drawn[chord];
                        all += "\n  " + line;
                    }
                    for (const auto& [chord, count] : wanted) {
                        EXPECT_EQ(drawn[chord], count) << "\"" << chord << "\" in column " << c << " of " << table->ColumnsCount
                                                       << "; its lines:" << all;
                        chords_checked += count;
                    }
                }
            }
        }
    }
    // Nine chords in each case's keys (Shift+Space, Shift+Tab, Ctrl+Enter twice, Shift+S, Ctrl+Plus,
    // Ctrl+Minus, Ctrl+0, Ctrl+Alt+Shift+A), and some cases too narrow for the keys beside the rest.
    EXPECT_GE(chords_checked, 2 * 3 * 4 * 9);
    EXPECT_GE(stacked, 2);
}

// In the Arabic interface a list of keys reads from the right, item by item, as what they do
// reads beside it ("Home / End" against "Top / bottom of the page"): every row whose keys are a
// list of Latin names, drawn, holds them right to left. Drawn as one left-to-right run (the Latin
// names and the slashes between them, by UAX #9), "Home" stood leftmost, read last.
TEST(HelpScreen, ArabicKeyListsReadFromTheRightItemByItem) {
    test::ShapedUi in(LoadCourse(kFixture), "ar", 1.0f, ImVec2(1280, 3000));
    ASSERT_TRUE(ui::InterfaceRightToLeft());
    in.ui.model.present_mode = true;
    in.ui.state.screen = ui::Screen::Help;
    in.Settle();
    const ImGuiTable* table = DrawnTable();
    ASSERT_NE(table, nullptr);
    ASSERT_EQ(table->ColumnsCount, 2);
    const ImGuiTableColumn& keys = table->Columns[1];
    std::vector<test::GlyphQuad> in_column;
    for (const test::GlyphQuad& q : in.Quads())
        if (q.x0 >= keys.MinX - 1 && q.x1 <= keys.MaxX + 1 && q.y0 >= table->OuterRect.Min.y && q.y1 <= table->OuterRect.Max.y)
            in_column.push_back(q);
    const std::vector<std::string> lines = AsciiLines(in_column, in.ui.fonts.ui->FontSize);
    std::string all;
    for (const std::string& line : lines) all += "\n  " + line;
    int lists = 0;
    for (const auto& row : ui::HelpKeys(in.ui.model)) {
        std::vector<std::string> items;
        for (size_t at = 0;;) {
            const size_t next = row.first.find(" / ", at);
            items.push_back(row.first.substr(at, next == std::string::npos ? std::string::npos : next - at));
            if (next == std::string::npos) break;
            at = next + 3;
        }
        const bool latin = std::all_of(row.first.begin(), row.first.end(), [](char c) { return c > 0x20 || c == ' '; });
        if (items.size() < 2 || !latin) continue;
        SCOPED_TRACE(row.first);
        std::string right_to_left;
        for (auto it = items.rbegin(); it != items.rend(); ++it) right_to_left += (right_to_left.empty() ? "" : " / ") + *it;
        // A slash drawn right to left is a shaped glyph, not its ASCII one: compared without them.
        auto words = [](const std::string& text) {
            std::string out;
            for (char c : text)
                if (c != '/' && !(c == ' ' && (out.empty() || out.back() == ' '))) out += c;
            while (!out.empty() && out.back() == ' ') out.pop_back();
            return out;
        };
        const bool drawn = std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return words(l) == words(right_to_left); });
        EXPECT_TRUE(drawn) << "not drawn as \"" << right_to_left << "\"; the key column's lines:" << all;
        ++lists;
    }
    // Home / End, Tab / Shift+Tab, S / Shift+S, G / R / H, Ctrl+Plus / Ctrl+Minus / Ctrl+0.
    EXPECT_GE(lists, 5);
}

}  // namespace
}  // namespace lectern
