// The help screen's key table in an Arabic interface, read back from the glyph quads it draws
// with the real atlas and shaper: each cell is wrapped in logical order and shaped line by line
// in its own face, so a wrapped right-to-left cell starts (its first word) at the right end of its
// top line and ends (its last word) at the left end of its bottom line; the keys, in bold, are
// shaped in the bold face (shaped in another, they draw as placeholders); no placeholder is drawn
// at all; and the keys are the rightmost column. Cases: two text sizes x two window widths.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
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
        ImGuiContext& g = *ImGui::GetCurrentContext();
        const ImGuiTable* table = nullptr;
        for (int i = 0; i < g.Tables.Buf.Size; ++i)
            if (g.Tables.GetByIndex(i)->LastFrameActive == g.FrameCount) table = g.Tables.GetByIndex(i);
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
    ImFont* font = in.ui.fonts.ui;
    int checked = 0;
    for (const auto& row : ui::HelpKeys(in.ui.model)) {
        if (!ui::NeedsShaping(row.second)) continue;
        SCOPED_TRACE(row.second);
        const char* shaped = in.shaped().Display(font, row.second, nullptr, ui::text::Direction::RightToLeft);
        in.Settle();  // its glyphs baked
        shaped = in.shaped().Display(font, row.second, nullptr, ui::text::Direction::RightToLeft);
        const float width = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, shaped).x;
        const auto lines = ui::RichTextLines(Inline{TextRun(row.second)}, ui::SingleFontStyle(font, ImVec4()), width + 2.0f);
        EXPECT_EQ(lines.size(), 1u) << "laid out in " << width + 2.0f << " pixels";
        ++checked;
    }
    EXPECT_GE(checked, 10);
}

}  // namespace
}  // namespace lectern
