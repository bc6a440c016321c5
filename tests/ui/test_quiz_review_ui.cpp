// The end of a quiz, in a window-less ImGui context, with the bundled course's 20-question final
// assessment: the review after the result ends with the same actions as its top (Continue, Try
// again, See my progress), reached with End and Tab, so a long review is never a dead end.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include "harness.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {
const std::string kCourse = std::string(LECTERN_CONTENT_DIR) + "/human-rights-security-cooperation";
}

TEST(QuizReviewUi, TwentyQuestionsOnTheReviewEndsWithItsActionsInReachOfEndAndTab) {
    UiHarness ui(kCourse);
    ASSERT_TRUE(ui.load().ok()) << ui.load().diagnostics.FormatAll();
    const Quiz* quiz = ui.load().course->assessment.get();
    ASSERT_NE(quiz, nullptr);
    ASSERT_EQ(quiz->review, ReviewDetail::Full);
    ui.session().OpenQuiz(*quiz, 1700000000000);
    ASSERT_TRUE(ui.session().StartAttempt(*quiz, 1700000000000));
    const Attempt* a = ui.session().ActiveAttempt();
    ASSERT_EQ(a->questions.size(), 20u);
    ui.session().SubmitQuiz(1700000001000);
    ui.state.screen = ui::Screen::Quiz;
    for (int i = 0; i < 3; ++i) ui.Frame();
    ImGuiWindow* w = test::ActiveWindowNamed("##quiz");
    ASSERT_NE(w, nullptr);
    ASSERT_GT(w->ScrollMax.y, w->Size.y * 3) << "the review should be several screens long";

    // End scrolls to the bottom, where the actions are on screen again.
    ui.Press(test::kKeyEnd);
    ui.Frame();
    w = test::ActiveWindowNamed("##quiz");
    for (int i = 0; i < 3; ++i) ui.Frame();
    EXPECT_FLOAT_EQ(w->Scroll.y, w->ScrollMax.y);
    const ImGuiID end_row = ImHashStr("end", 0, w->ID);
    const ImGuiID progress = ImHashStr("See my progress", 0, end_row);
    const ImGuiID again = ImHashStr("Try again with new questions", 0, end_row);
    // Tab from the top of the screen reaches both; the last one is the last stop of the review.
    bool saw_again = false, saw_progress = false;
    float progress_y = 0;
    for (int i = 0; i < 400 && !saw_progress; ++i) {
        ui.Press(test::kKeyTab);
        ImGuiContext& g = *ImGui::GetCurrentContext();
        saw_again |= g.NavId == again;
        if (g.NavId == progress) {
            saw_progress = true;
            progress_y = g.NavWindow->NavRectRel[0].Min.y + g.NavWindow->DC.CursorStartPos.y;
        }
    }
    EXPECT_TRUE(saw_again) << "Try again is not repeated at the end of the review";
    ASSERT_TRUE(saw_progress) << "See my progress is not repeated at the end of the review";
    w = test::ActiveWindowNamed("##quiz");
    EXPECT_GT(progress_y, w->Pos.y) << "focus at the end of the review is scrolled into view";
    EXPECT_LT(progress_y, w->Pos.y + w->Size.y);
    // Pressing it does what the top one does.
    ui::Actions pressed = ui.Press(test::kKeyEnter);
    EXPECT_TRUE(pressed.Has(ui::ActionKind::OpenScreen));
    EXPECT_EQ(ui.state.screen, ui::Screen::Progress);
}
