// The reader's bottom bar, drawn with the real atlas and shaper and read back from its glyph
// quads: where the page is in its lesson is shown between Back and Next and never over either,
// at every text size and window width, in English and in the mirrored Arabic interface. In a
// narrow window at 200 % the full sentence ran into the buttons; it now shortens to "2 / 2", or
// goes.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>
#include <string>
#include <vector>

#include "shaped_ui.h"

namespace lectern {
namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// Glyphs `label` draws in `font`: what ImGui is given for it, less what draws nothing.
int VisibleGlyphs(ImFont* font, const char* label) {
    int n = 0;
    for (uint32_t cp : test::Decode(ui::ShapedIn(font, label))) {
        const ImFontGlyph* g = font->FindGlyphNoFallback(static_cast<ImWchar>(cp));
        n += g && g->Visible;
    }
    return n;
}

bool Inside(const test::GlyphQuad& q, const ImRect& r) { return q.x0 >= r.Min.x - 1 && q.x1 <= r.Max.x + 1 && q.y0 >= r.Min.y - 1 && q.y1 <= r.Max.y + 1; }
bool Touches(const test::GlyphQuad& q, const ImRect& r) { return q.x1 > r.Min.x && q.x0 < r.Max.x && q.y1 > r.Min.y && q.y0 < r.Max.y; }

TEST(BottomBar, WhereThePageIsNeverRunsIntoTheButtonsAtAnySizeOrWidth) {
    int cases = 0, shortened = 0;
    for (const std::string lang : {"en", "ar"}) {
        for (const float scale : {1.0f, 1.5f, 2.0f}) {
            for (const float width : {320.0f, 480.0f, 640.0f, 900.0f, 1280.0f}) {
                SCOPED_TRACE(lang + ", text " + std::to_string(static_cast<int>(scale * 100)) + "%, window " +
                             std::to_string(static_cast<int>(width)));
                test::ShapedUi in(LoadCourse(kFixture), lang, scale, ImVec2(width, 800));
                ASSERT_TRUE(in.ui.nav().JumpTo("m0-l1-p2"));  // the lesson's second page: Back works
                in.ui.state.screen = ui::Screen::Reader;
                in.ui.state.reader.sidebar_open = false;
                in.Settle();
                // Back and Next, as Tab reaches them.
                std::vector<ImRect> buttons;
                std::vector<ImGuiID> seen;
                ImGuiContext& g = *ImGui::GetCurrentContext();
                for (int i = 0; i < 80 && buttons.size() < 2; ++i) {
                    in.ui.Press(test::kKeyTab);
                    if (!g.NavWindow || !g.NavId || !std::strstr(g.NavWindow->Name, "##bottombar")) continue;
                    if (std::find(seen.begin(), seen.end(), g.NavId) != seen.end()) break;
                    seen.push_back(g.NavId);
                    buttons.push_back(ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]));
                }
                ASSERT_EQ(buttons.size(), 2u) << "Tab did not reach Back and Next";
                in.Settle();
                const auto quads = in.Quads([](const std::string& name) { return name.find("##bottombar") != std::string::npos; });
                ImFont* font = in.ui.fonts.ui;
                const int own = VisibleGlyphs(font, ui::Tr("\xE2\x86\x90 Back")) + VisibleGlyphs(font, ui::Tr("Next \xE2\x86\x92"));
                int in_buttons = 0, between = 0;
                for (const test::GlyphQuad& q : quads) {
                    bool inside = false;
                    for (const ImRect& b : buttons) {
                        inside = inside || Inside(q, b);
                        EXPECT_TRUE(Inside(q, b) || !Touches(q, b)) << "a glyph at x " << q.x0 << "-" << q.x1 << " straddles a button's edge";
                    }
                    in_buttons += inside;
                    between += !inside;
                }
                EXPECT_EQ(in_buttons, own) << "glyphs other than the buttons' own words are drawn over them";
                // Something is said between them whenever there is room for "2 / 2".
                const float room = std::fabs((buttons[0].Min.x + buttons[0].Max.x) - (buttons[1].Min.x + buttons[1].Max.x)) * 0.5f -
                                   (buttons[0].GetWidth() + buttons[1].GetWidth()) * 0.5f;
                if (room > font->FontSize * 5) { EXPECT_GT(between, 0) << "nothing between the buttons"; }
                shortened += between > 0 && between < 8;
                ++cases;
            }
        }
    }
    EXPECT_EQ(cases, 30);
    EXPECT_GT(shortened, 0) << "no case was narrow enough to need the short form";
}

}  // namespace
}  // namespace lectern
