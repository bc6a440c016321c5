// The progress screen: laid out right from its first frame, and it scrolls from the keyboard
// (keyboard users must reach the note at its end).
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include "harness.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {
const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";
}

TEST(ProgressUi, TheFirstFrameGivesLessonNamesMostOfTheTableWidth) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Progress;
    ui.Frame();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    int tables = 0;
    for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
        ImGuiTable* table = g.Tables.TryGetMapData(i);
        if (!table || table->ColumnsCount != 3) continue;
        ++tables;
        float whole = table->OuterRect.GetWidth();
        EXPECT_GT(table->Columns[0].WidthGiven, whole * 0.3f) << "lesson names squeezed to " << table->Columns[0].WidthGiven << " of " << whole;
    }
    EXPECT_GE(tables, 2);  // one per module of the fixture
}

TEST(ProgressUi, EndPageDownAndSpaceScrollIt) {
    for (int key : {test::kKeyEnd, test::kKeyPageDown, test::kKeySpace}) {
        SCOPED_TRACE(key);
        UiHarness ui(kFixture);
        ImGui::GetIO().DisplaySize = ImVec2(900, 300);
        ui.Frame();
        ui.Type("p");
        ASSERT_EQ(ui.state.screen, ui::Screen::Progress);
        for (int i = 0; i < 3; ++i) ui.Frame();
        ImGuiWindow* w = test::ActiveWindowNamed("##progress");
        ASSERT_NE(w, nullptr);
        ASSERT_GT(w->ScrollMax.y, 0.0f);
        ui.Press(key);
        EXPECT_GT(w->Scroll.y, 0.0f);
    }
}
