// Every glyph the atlas would draw has ink. A shaped glyph with none (a space, or a bidi isolate
// to which HarfBuzz gives the space glyph) is an advance only, as Dear ImGui's own spaces are:
// drawn as a quad of its blank border, it sampled the atlas around it and left a grey dot on the
// baseline (seen after "2" in the Arabic "2 / 3"). Screens of the scripts fixture in the Arabic
// interface and at two text sizes, with the isolated data of catalog sentences.
#include <gtest/gtest.h>

#include <imgui.h>

#include <string>

#include "shaped_ui.h"

namespace lectern {
namespace {

const std::string kScripts = std::string(LECTERN_TEST_DATA) + "/scripts-course";

TEST(AtlasInk, EveryGlyphDrawnHasInkAndABlankShapedGlyphOnlyAdvances) {
    int checked = 0, blank_advances = 0;
    for (const float scale : {1.0f, 2.0f}) {
        SCOPED_TRACE("text " + std::to_string(static_cast<int>(scale * 100)) + "%");
        test::ShapedUi in(LoadCourse(kScripts), "ar", scale, ImVec2(900, 800));
        for (const char* page : {"arabic", "hebrew", "persian", "thai", "devanagari", "emoji"}) {
            ASSERT_TRUE(in.ui.nav().JumpTo(page));
            in.ui.state.screen = ui::Screen::Reader;
            in.Settle();
        }
        for (const ui::Screen screen : {ui::Screen::Help, ui::Screen::Progress, ui::Screen::Home}) {
            in.ui.state.screen = screen;
            in.Settle();
        }
        // Sentences with data in isolates, shaped from the right.
        for (const char* s : {"{page} / {count}", "Page {page} of {count} in this lesson"}) {
            ui::ShapedIn(in.ui.fonts.ui, ui::TrFText(s, {{"page", "2"}, {"count", "3"}}));
            in.Settle();
        }
        ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        unsigned char* pixels = nullptr;
        int tw = 0, th = 0;
        atlas.GetTexDataAsAlpha8(&pixels, &tw, &th);
        ASSERT_NE(pixels, nullptr);
        for (const ImFont* font : atlas.Fonts) {
            for (const ImFontGlyph& g : font->Glyphs) {
                const bool shaped = g.Codepoint >= 0xF0000;  // the shaper's private-use plane
                if (!g.Visible) {
                    blank_advances += shaped && g.AdvanceX > 0;
                    continue;
                }
                int ink = 0;
                for (int y = static_cast<int>(g.V0 * th); y < static_cast<int>(g.V1 * th + 0.5f); ++y)
                    for (int x = static_cast<int>(g.U0 * tw); x < static_cast<int>(g.U1 * tw + 0.5f); ++x) ink += pixels[y * tw + x] > 0;
                EXPECT_GT(ink, 0) << "glyph U+" << std::hex << g.Codepoint << " is drawn but has no ink";
                checked += shaped;
            }
        }
    }
    EXPECT_GE(checked, 100) << "too few shaped glyphs to say anything";
    EXPECT_GE(blank_advances, 2) << "no blank shaped glyph (a space in a shaped line): the case is not reached";
}

}  // namespace
}  // namespace lectern
