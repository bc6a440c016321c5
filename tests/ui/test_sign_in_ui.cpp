// A new learner at a shared screen finds nothing of the last one's view: not their scroll
// position, not their keyboard focus, not a PIN they were typing.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

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
    h.state.reader.sidebar_open = false;
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
    // Every PIN buffer of every screen holds digits, and each screen has something open or typed.
    ui::UiState& st = h.state;
    const std::vector<std::pair<const char*, char*>> pins = {
        {"sign-in PIN", st.sign_in.pin},        {"new learner's PIN", st.sign_in.new_pin},
        {"new learner's PIN again", st.sign_in.new_pin_again}, {"administrator PIN", st.admin.pin},
        {"administrator PIN again", st.admin.pin_again}, {"learner's new PIN (admin)", st.admin.reset_pin},
        {"learner's new PIN again (admin)", st.admin.reset_pin_again},
    };
    for (const auto& [name, buffer] : pins) std::strcpy(buffer, "1357");
    st.sign_in.confirm_identity = "Kim";
    std::strcpy(st.sign_in.typed_name, "Kim");
    st.admin.selected = "Kim";
    std::strcpy(st.glossary.filter, "term");
    st.quiz.confirm_submit = true;
    st.text_scale = 1.5f;

    ui::UiState next = ui::FreshViewState(st);
    for (const auto& [name, buffer] : pins) EXPECT_EQ(std::string(buffer, 4), std::string(4, '\0')) << "the last learner's " << name << " was left in memory";
    h.state = next;
    EXPECT_EQ(h.state.sign_in.pin[0], '\0');
    EXPECT_EQ(h.state.admin.reset_pin[0], '\0');
    EXPECT_TRUE(h.state.sign_in.confirm_identity.empty());
    EXPECT_EQ(h.state.sign_in.typed_name[0], '\0');
    EXPECT_TRUE(h.state.admin.selected.empty());
    EXPECT_EQ(h.state.glossary.filter[0], '\0');
    EXPECT_FALSE(h.state.quiz.confirm_submit);
    EXPECT_EQ(h.state.text_scale, 1.5f) << "display settings carry over until the learner's own apply";
    EXPECT_TRUE(h.state.reader.sidebar_open) << "the contents panel starts as a new learner's would";

    h.state.screen = ui::Screen::Reader;
    for (int i = 0; i < 3; ++i) h.Frame();
    ImGuiWindow* fresh = ActiveWindowNamed("##page");
    ASSERT_NE(fresh, nullptr);
    EXPECT_EQ(fresh->Scroll.y, 0.0f) << "the next learner opened the page at the last learner's scroll position";
    if (focus_before != 0) {
        EXPECT_NE(ImGui::GetCurrentContext()->NavId, focus_before) << "keyboard focus carried over";
    }
}
