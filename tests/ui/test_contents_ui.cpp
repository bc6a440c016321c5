// The contents panel in a window-less ImGui context: module rows open and close like tree nodes
// (by click or keyboard), and the current page's module opens when the page changes.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include "harness.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {
const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// The window holding the contents panel ("##contents", a child of the reader).
ImGuiWindow* ContentsWindow() { return test::ActiveWindowNamed("##contents"); }
}  // namespace

TEST(ContentsUi, TheCurrentPagesModuleIsOpenAndClickingItsRowClosesIt) {
    UiHarness ui(kFixture);
    ASSERT_TRUE(ui.load().ok());
    ui.state.screen = ui::Screen::Reader;
    ASSERT_TRUE(ui.nav().JumpTo("m1-l2-p1"));
    ui.Frame();
    ui.Frame();
    ImGuiWindow* w = ContentsWindow();
    ASSERT_NE(w, nullptr);
    const float open_height = w->ContentSize.y;

    // Module 0 (closed, one line) comes first; module 1's row is the second row.
    const ImGuiStyle& style = ImGui::GetStyle();
    float row = ImGui::GetFontSize() + style.FramePadding.y + style.ItemSpacing.y;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(w->Pos.x + 40, w->Pos.y + style.WindowPadding.y + row * 1.5f);
    ui.Frame();
    io.MouseDown[0] = true;
    ui.Frame();
    io.MouseDown[0] = false;
    ui.Frame();
    ui.Frame();
    w = ContentsWindow();
    ASSERT_NE(w, nullptr);
    EXPECT_LT(w->ContentSize.y, open_height - row * 3) << "the module's lessons and pages are no longer listed";
    EXPECT_EQ(ui.nav().Current().id, "m1-l2-p1") << "closing a module does not move the reader";

    // Clicking again opens it again.
    io.MouseDown[0] = true;
    ui.Frame();
    io.MouseDown[0] = false;
    ui.Frame();
    ui.Frame();
    EXPECT_FLOAT_EQ(ContentsWindow()->ContentSize.y, open_height);
}
