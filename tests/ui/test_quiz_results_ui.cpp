// The results screen of a quiz leads on by keys: after the last module's quiz, Right (Continue)
// opens the final assessment; after the assessment, the course's end, Right leads nowhere.
// (The targets for every shape of course are tested at the learning level: test_course_ends.cpp.)
#include <gtest/gtest.h>

#include "harness.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// Opens the quiz, starts and submits an attempt, and shows its results.
void ShowResults(UiHarness& ui, const std::string& quiz_id) {
    const Quiz* quiz = ui.session().FindQuiz(quiz_id);
    ASSERT_NE(quiz, nullptr) << quiz_id;
    ui.session().OpenQuiz(*quiz, 1700000000000);
    ASSERT_TRUE(ui.session().StartAttempt(*quiz, 1700000000000));
    ui.session().SubmitQuiz(1700000001000);
    ui.state.screen = ui::Screen::Quiz;
    for (int i = 0; i < 3; ++i) ui.Frame();
    ASSERT_TRUE(ui.session().LastResult().has_value()) << "no results shown";
}

}  // namespace

TEST(QuizResultsUi, RightAfterTheLastModulesQuizOpensTheFinalAssessment) {
    UiHarness ui(kFixture);
    const Course& course = *ui.load().course;
    ASSERT_TRUE(course.assessment);
    ASSERT_TRUE(course.modules.back().quiz) << "the fixture's last module should end with a quiz";
    ShowResults(ui, course.modules.back().quiz->id);
    ui::Actions pressed = ui.Press(test::kKeyRight);
    ASSERT_EQ(pressed.list.size(), 1u);
    EXPECT_EQ(pressed.list[0].kind, ui::ActionKind::QuizOpen);
    EXPECT_EQ(pressed.list[0].id, course.assessment->id);
    ASSERT_NE(ui.session().ActiveQuiz(), nullptr);
    EXPECT_EQ(ui.session().ActiveQuiz()->id, course.assessment->id);
    EXPECT_EQ(ui.state.screen, ui::Screen::Quiz);
    EXPECT_FALSE(ui.session().LastResult().has_value()) << "the assessment should open at its start, not on old results";
}

TEST(QuizResultsUi, RightAfterTheFinalAssessmentLeadsNowhere) {
    UiHarness ui(kFixture);
    const Course& course = *ui.load().course;
    ASSERT_TRUE(course.assessment);
    ShowResults(ui, course.assessment->id);
    ui::Actions pressed = ui.Press(test::kKeyRight);
    EXPECT_FALSE(pressed.Has(ui::ActionKind::QuizOpen));
    EXPECT_FALSE(pressed.Has(ui::ActionKind::QuizContinue));
    EXPECT_EQ(ui.state.screen, ui::Screen::Quiz);
    EXPECT_EQ(ui.session().ActiveQuiz(), course.assessment.get());
}
