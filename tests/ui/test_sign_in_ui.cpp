// A new learner at a shared screen finds nothing of the last one's view: not their scroll
// position, not their keyboard focus, not a PIN they were typing.
#include <gtest/gtest.h>

#include <cstring>

#include "harness.h"

using lectern::test::ActiveWindowNamed;
using lectern::test::UiHarness;
namespace ui = lectern::ui;

namespace {
const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";
}

TEST(SignInUi, TheNextLearnerStartsWithNoScrollFocusOrTypedPinOfTheLastOnes) {
    UiHarness h(kFixture);
    h.state.screen = ui::Screen::Reader;
    h.state.sidebar_open = false;
    // A long page, read to its end with the keyboard, so the page has scrolled.
    const lectern::Course& course = *h.load().course;
    int longest = 0;
    for (int i = 0; i < h.nav().Count(); ++i)
        if (course.PageAt(i).blocks.size() > course.PageAt(longest).blocks.size()) longest = i;
    h.nav().JumpToIndex(longest);
    for (int i = 0; i < 4; ++i) h.Frame();
    for (int i = 0; i < 6; ++i) h.Press(lectern::test::kKeyPageDown);
    h.Press(lectern::test::kKeyEnd);
    ImGuiWindow* page = ActiveWindowNamed("##page");
    ASSERT_NE(page, nullptr);
    ASSERT_GT(page->Scroll.y, 0.0f) << "the fixture page must scroll for this test to mean anything";
    ImGuiID focus_before = ImGui::GetCurrentContext()->NavId;
    std::strcpy(h.state.pin, "1357");
    std::strcpy(h.state.new_pin_again, "2468");
    h.state.confirm_identity = "Kim";
    h.state.text_scale = 1.5f;

    char* const old_pin = h.state.pin;
    h.state = ui::FreshViewState(h.state);
    EXPECT_EQ(old_pin[0], '\0') << "the last learner's PIN digits were left in memory";
    EXPECT_EQ(h.state.pin[0], '\0');
    EXPECT_EQ(h.state.new_pin_again[0], '\0');
    EXPECT_TRUE(h.state.confirm_identity.empty());
    EXPECT_EQ(h.state.text_scale, 1.5f) << "display settings carry over until the learner's own apply";
    EXPECT_TRUE(h.state.sidebar_open) << "the contents panel starts as a new learner's would";

    h.state.screen = ui::Screen::Reader;
    for (int i = 0; i < 3; ++i) h.Frame();
    ImGuiWindow* fresh = ActiveWindowNamed("##page");
    ASSERT_NE(fresh, nullptr);
    EXPECT_EQ(fresh->Scroll.y, 0.0f) << "the next learner opened the page at the last learner's scroll position";
    if (focus_before != 0) {
        EXPECT_NE(ImGui::GetCurrentContext()->NavId, focus_before) << "keyboard focus carried over";
    }
}
