// The presenter view (lectern --present) in a window-less ImGui context: A reveals the answers on
// the page or to the quiz question on screen, only in present mode; N hides the notes panel.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include <algorithm>

#include "harness.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {
bool Revealed(UiHarness& ui, const char* id) {
    const CheckState* st = ui.session().FindCheck(id);
    return st && st->revealed;
}

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// Types one character and returns the actions of that frame.
ui::Actions TypeChar(UiHarness& ui, const char* c) {
    ImGui::GetIO().AddInputCharactersUTF8(c);
    ui::Actions a = ui.Frame();
    ui.Frame();
    return a;
}

int Count(const ui::Actions& a, ui::ActionKind kind) {
    return static_cast<int>(std::count_if(a.list.begin(), a.list.end(), [&](const ui::Action& x) { return x.kind == kind; }));
}

// The page's notes panel is a child window of the reader.
bool NotesPanelDrawn() { return test::ActiveWindowNamed("##notes") != nullptr; }
}  // namespace

TEST(PresenterUi, AKeyRevealsEveryCheckOnThePage) {
    UiHarness ui(kFixture);
    ASSERT_TRUE(ui.load().ok()) << ui.load().diagnostics.FormatAll();
    ui.model.present_mode = true;
    ui.state.screen = ui::Screen::Reader;
    ASSERT_TRUE(ui.nav().JumpTo("m1-l2-p2"));  // one ordering and one text check
    ui.Frame();
    ASSERT_FALSE(Revealed(ui, "kc-history-order"));
    ui::Actions a = TypeChar(ui, "a");
    EXPECT_EQ(Count(a, ui::ActionKind::CheckReveal), 2);
    EXPECT_TRUE(Revealed(ui, "kc-history-order"));
    EXPECT_TRUE(Revealed(ui, "kc-name-treaties"));
}

TEST(PresenterUi, AKeyRevealsNothingForALearner) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Reader;
    ASSERT_TRUE(ui.nav().JumpTo("m1-l2-p2"));
    ui.Frame();
    ui::Actions a = TypeChar(ui, "a");
    EXPECT_EQ(Count(a, ui::ActionKind::CheckReveal), 0);
    EXPECT_FALSE(Revealed(ui, "kc-history-order"));
}

TEST(PresenterUi, NotesPanelOnlyInPresentModeAndNHidesIt) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Reader;
    ui.Frame();
    EXPECT_FALSE(NotesPanelDrawn());
    ui.model.present_mode = true;
    ui.Frame();
    EXPECT_TRUE(NotesPanelDrawn());
    TypeChar(ui, "n");
    EXPECT_TRUE(ui.state.reader.notes_hidden);
    EXPECT_FALSE(NotesPanelDrawn());
    TypeChar(ui, "n");
    EXPECT_TRUE(NotesPanelDrawn());
    // With the notes in a window of their own, none beside the page.
    ui.model.notes_window = true;
    ui.Frame();
    EXPECT_FALSE(NotesPanelDrawn());
}

TEST(PresenterUi, AKeyRevealsTheQuizQuestionOnScreenAndANewAttemptHidesItAgain) {
    UiHarness ui(kFixture);
    ui.model.present_mode = true;
    const Quiz* quiz = ui.session().FindQuiz("m1-quiz");
    ASSERT_NE(quiz, nullptr);
    ui.session().OpenQuiz(*quiz, 1);
    ui.state.screen = ui::Screen::Quiz;
    ASSERT_TRUE(ui.session().StartAttempt(*quiz, 2));
    ui.Frame();
    EXPECT_TRUE(ui.state.quiz.revealed.empty());
    TypeChar(ui, "a");
    ASSERT_EQ(ui.state.quiz.revealed.size(), 1u);
    EXPECT_EQ(ui.state.quiz.revealed[0], ui.session().ActiveAttempt()->questions[0]);
    ui::Actions start;
    start.Push(ui::Action(ui::ActionKind::QuizStart));
    ui::ApplyActions(start, &ui.session(), ui.state, 3);
    EXPECT_TRUE(ui.state.quiz.revealed.empty());
}
