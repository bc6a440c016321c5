// The reader driven by simulated keys in a window-less ImGui context.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include "harness.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {
const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";
}

TEST(ReaderUi, RightArrowTurnsToTheNextPageAndLeftComesBack) {
    UiHarness ui(kFixture);
    ASSERT_TRUE(ui.load().ok()) << ui.load().diagnostics.FormatAll();
    ui.state.screen = ui::Screen::Reader;
    ui.Frame();
    std::string first = ui.nav().Current().id;
    ui::Actions a = ui.Press(test::kKeyRight);
    EXPECT_TRUE(a.Has(ui::ActionKind::NextPage));
    EXPECT_NE(ui.nav().Current().id, first);
    EXPECT_EQ(ui.nav().Index(), 1);
    ui.Press(test::kKeyLeft);
    EXPECT_EQ(ui.nav().Current().id, first);
}

TEST(ReaderUi, ArrowKeysDoNothingOnTheHomeScreen) {
    UiHarness ui(kFixture);
    ui.Frame();
    ASSERT_EQ(ui.state.screen, ui::Screen::Home);
    ui::Actions a = ui.Press(test::kKeyRight);
    EXPECT_FALSE(a.Has(ui::ActionKind::NextPage));
    EXPECT_EQ(ui.nav().Index(), 0);
}

TEST(ReaderUi, NextStopsAtTheLastPage) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Reader;
    int count = ui.nav().Count();
    for (int i = 0; i < count + 3; ++i) ui.Press(test::kKeyRight);
    EXPECT_EQ(ui.nav().Index(), count - 1);
}

TEST(ReaderUi, EnterOnStartOpensTheFirstPage) {
    UiHarness ui(kFixture);
    ui.Frame();
    ui.Frame();
    // The Start button has the keyboard when the home screen opens: Enter alone starts.
    ui.Press(test::kKeyEnter);
    ui.Frame();
    EXPECT_EQ(ui.state.screen, ui::Screen::Reader);
    EXPECT_EQ(ui.nav().Index(), 0);
}

TEST(ReaderUi, EscapeFromTheReaderGoesHomeAndGOpensTheGlossary) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Reader;
    ui.Frame();
    ui.Press(test::kKeyEscape);
    EXPECT_EQ(ui.state.screen, ui::Screen::Home);
    ui.Type("g");
    EXPECT_EQ(ui.state.screen, ui::Screen::Glossary);
    ui.Press(test::kKeyEscape);
    EXPECT_EQ(ui.state.screen, ui::Screen::Home);
}

TEST(ReaderUi, GlossaryFilterNarrowsTheList) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Glossary;
    ui.Frame();
    ui.Frame();
    // The filter field has keyboard focus when the glossary opens: typing filters.
    ui.Type("zzzz-no-such-term");
    EXPECT_STREQ(ui.state.glossary_filter, "zzzz-no-such-term");
}

TEST(ReaderUi, TabMovesKeyboardFocusFromControlToControl) {
    UiHarness ui(kFixture);
    ui.Frame();
    ui.Frame();
    ImGuiID first = ImGui::GetCurrentContext() ? ImGui::GetFocusID() : 0;
    ui.Press(test::kKeyTab);
    ImGuiID second = ImGui::GetFocusID();
    EXPECT_NE(first, 0u);
    EXPECT_NE(second, first);
    // Shift+Tab comes back.
    ImGui::GetIO().KeyShift = true;
    ui.Press(test::kKeyTab);
    ImGui::GetIO().KeyShift = false;
    EXPECT_EQ(ImGui::GetFocusID(), first);
}
