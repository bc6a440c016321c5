// The interface mirrored when its catalog is a right-to-left language's (assets/strings/ar.po):
// the contents panel at the right of the page, Next at the left of the bottom bar and Back at
// its right, the top bar's buttons from the right with the learner's name at the left. Each is
// asked of both catalogs, by where things are and by what a click there does.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include "course/ui_catalog.h"
#include "harness.h"
#include "ui/shaped_text.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// A harness whose interface speaks `lang` (no fonts: text is drawn unshaped, in visual order).
struct Interface {
    explicit Interface(const std::string& lang) : ui(kFixture) {
        Diagnostics problems;
        shaped.SetCatalog(LoadUiCatalog(lang, UiCatalogDirs(), problems));
        EXPECT_FALSE(problems.HasErrors());
        shaped.Install();
        ui.state.screen = ui::Screen::Reader;
        ui.state.reader.sidebar_open = true;
    }
    // Clicks at a point inside `window` (fractions of its size) and returns what the UI asked.
    ui::Actions ClickIn(const char* window, float fx, float fy) {
        ImGuiWindow* w = test::ActiveWindowNamed(window);
        EXPECT_NE(w, nullptr) << window;
        if (!w) return {};
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(w->Pos.x + w->Size.x * fx, w->Pos.y + w->Size.y * fy);
        ui.Frame();
        io.MouseDown[0] = true;
        ui::Actions down = ui.Frame();
        io.MouseDown[0] = false;
        ui::Actions up = ui.Frame();
        for (const ui::Action& a : down.list) up.Push(a);
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        return up;
    }
    UiHarness ui;
    ui::ShapedText shaped;
};

TEST(MirroredInterface, AnArabicCatalogMirrorsTheReaderAndAnEnglishOneDoesNot) {
    for (const bool rtl : {false, true}) {
        SCOPED_TRACE(rtl ? "ar" : "en");
        Interface in(rtl ? "ar" : "en");
        ASSERT_EQ(ui::InterfaceRightToLeft(), rtl);
        ASSERT_TRUE(in.ui.nav().JumpTo("m1-l2-p1"));  // a page with pages before and after it
        in.ui.Frame();
        in.ui.Frame();
        ImGuiWindow* contents = test::ActiveWindowNamed("##contents");
        ImGuiWindow* page = test::ActiveWindowNamed("##page");
        ASSERT_NE(contents, nullptr);
        ASSERT_NE(page, nullptr);
        // Side by side, the contents on the side reading starts from.
        if (rtl) {
            EXPECT_GE(contents->Pos.x, page->Pos.x + page->Size.x - 1);
        } else {
            EXPECT_LE(contents->Pos.x + contents->Size.x, page->Pos.x + 1);
        }
        // The bottom bar's left end goes on (mirrored) or back (not); its right end the other way.
        const ui::Actions left = in.ClickIn("##bottombar", 0.02f, 0.5f);
        EXPECT_EQ(left.Has(ui::ActionKind::NextPage), rtl);
        EXPECT_EQ(left.Has(ui::ActionKind::PrevPage), !rtl);
        const ui::Actions right = in.ClickIn("##bottombar", 0.98f, 0.5f);
        EXPECT_EQ(right.Has(ui::ActionKind::NextPage), !rtl);
        EXPECT_EQ(right.Has(ui::ActionKind::PrevPage), rtl);
    }
}

TEST(MirroredInterface, TheTopBarStartsFromTheRightAndSignOutIsAtTheLeft) {
    for (const bool rtl : {false, true}) {
        for (const bool right_end : {false, true}) {
            SCOPED_TRACE(std::string(rtl ? "ar" : "en") + (right_end ? ", right end" : ", left end"));
            // A fresh interface per click: what one click opens never changes the next.
            Interface in(rtl ? "ar" : "en");
            in.ui.Frame();
            in.ui.Frame();
            ImGuiWindow* main = test::ActiveWindowNamed("Lectern");
            ASSERT_NE(main, nullptr);
            ImGuiIO& io = ImGui::GetIO();
            // Half the narrower of the two end buttons in from the bar's end, on its first row.
            const ImGuiStyle& style = ImGui::GetStyle();
            const float in_by = std::min(ImGui::CalcTextSize(ui::Tr("Home")).x, ImGui::CalcTextSize(ui::Tr("Sign out")).x) * 0.5f +
                                style.FramePadding.x;
            const float x = right_end ? main->Pos.x + main->Size.x - style.WindowPadding.x - in_by
                                      : main->Pos.x + style.WindowPadding.x + in_by;
            io.MousePos = ImVec2(x, main->Pos.y + ImGui::GetFontSize() * 0.5f + style.WindowPadding.y);
            in.ui.Frame();
            io.MouseDown[0] = true;
            ui::Actions actions = in.ui.Frame();
            io.MouseDown[0] = false;
            for (const ui::Action& a : in.ui.Frame().list) actions.Push(a);
            bool home = false;
            for (const ui::Action& a : actions.list) home = home || (a.kind == ui::ActionKind::OpenScreen && a.screen == ui::Screen::Home);
            // Reading starts at the left (Home) in English, at the right in Arabic.
            const bool at_start = right_end == rtl;
            EXPECT_EQ(home, at_start);
            EXPECT_EQ(actions.Has(ui::ActionKind::SignOut), !at_start);
        }
    }
}

}  // namespace
