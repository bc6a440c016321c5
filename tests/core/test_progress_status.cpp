// ComputeStatus: lesson, module and course completion from a course built in code and a
// progress snapshot, with no database involved.
#include <gtest/gtest.h>

#include "progress/progress_status.h"
#include "progress_test_util.h"

using namespace lectern;
using namespace progress_test;

namespace {

// Intro module (not required), two core modules (the second with a quiz), an appendix, and a
// final assessment. Lesson l2 has a check inside a callout and one in a facilitator note.
Course SampleCourse() {
    Course c;
    c.id = "course-a";
    c.modules.push_back(
        MakeModule("intro", {MakeLesson("l0", {MakePage("welcome")})}, nullptr, ModuleRole::Intro));

    Page p3 = MakePage("p3");
    Block callout;
    callout.kind = BlockKind::Callout;
    callout.children.push_back(CheckBlock("k-callout"));
    p3.blocks.push_back(callout);
    Block facilitator;
    facilitator.kind = BlockKind::Facilitator;
    facilitator.children.push_back(CheckBlock("k-facilitator"));
    p3.blocks.push_back(facilitator);

    c.modules.push_back(MakeModule("m1", {MakeLesson("l1", {MakePage("p1", {"k1"}), MakePage("p2")}),
                                          MakeLesson("l2", {p3})}));
    c.modules.push_back(MakeModule("m2", {MakeLesson("l3", {MakePage("p4", {"k4a", "k4b"})})},
                                   MakeQuiz("quiz-m2", {"qa", "qb"})));
    c.modules.push_back(
        MakeModule("appendix", {MakeLesson("l9", {MakePage("glossary")})}, nullptr, ModuleRole::Appendix));
    c.assessment = MakeQuiz("final", {"f1", "f2"});
    return c;
}

void Pass(LearnerProgress& p, const std::string& quiz) {
    auto& q = p.quizzes[quiz];
    ++q.attempts_started;
    ++q.attempts_submitted;
    q.passed = true;
    q.best_scaled = 1.0;
}

void Fail(LearnerProgress& p, const std::string& quiz) {
    auto& q = p.quizzes[quiz];
    ++q.attempts_started;
    ++q.attempts_submitted;
    q.best_scaled = 0.25;
}

// Everything a learner needs for completion of the sample course.
LearnerProgress Everything() {
    LearnerProgress p;
    p.course_id = "course-a";
    for (const char* page : {"p1", "p2", "p3", "p4"}) p.pages_viewed[page] = 1;
    for (const char* check : {"k1", "k-callout", "k4a", "k4b"}) p.checks_answered[check] = 1;
    Pass(p, "quiz-m2");
    Pass(p, "final");
    return p;
}

}  // namespace

TEST(ProgressStatus, NothingDoneIsNotAttemptedEverywhere) {
    CourseStatus s = ComputeStatus(SampleCourse(), LearnerProgress{});
    EXPECT_EQ(s.status, CompletionStatus::NotAttempted);
    EXPECT_EQ(s.percent, 0);
    for (const ModuleStatus& m : s.modules) {
        EXPECT_EQ(m.status, CompletionStatus::NotAttempted) << m.id;
        for (const LessonStatus& l : m.lessons) EXPECT_EQ(l.status, CompletionStatus::NotAttempted) << l.id;
    }
}

TEST(ProgressStatus, LessonNeedsEveryPageViewedAndEveryCheckAttempted) {
    LearnerProgress p;
    p.pages_viewed["p1"] = 1;
    p.pages_viewed["p2"] = 1;
    CourseStatus s = ComputeStatus(SampleCourse(), p);
    const LessonStatus* l1 = s.FindLesson("l1");
    ASSERT_TRUE(l1);
    EXPECT_EQ(l1->status, CompletionStatus::Incomplete) << "k1 not attempted yet";
    EXPECT_EQ(l1->pages_viewed, 2);
    EXPECT_EQ(l1->checks_total, 1);

    p.checks_answered["k1"] = 2;  // a wrong answer still counts as attempted
    EXPECT_EQ(ComputeStatus(SampleCourse(), p).FindLesson("l1")->status, CompletionStatus::Completed);
}

TEST(ProgressStatus, CheckInsideACalloutCountsButFacilitatorNoteDoesNot) {
    LearnerProgress p;
    p.pages_viewed["p3"] = 1;
    CourseStatus s = ComputeStatus(SampleCourse(), p);
    EXPECT_EQ(s.FindLesson("l2")->checks_total, 1);
    EXPECT_EQ(s.FindLesson("l2")->status, CompletionStatus::Incomplete);
    p.checks_answered["k-callout"] = 1;
    EXPECT_EQ(ComputeStatus(SampleCourse(), p).FindLesson("l2")->status, CompletionStatus::Completed);
}

TEST(ProgressStatus, AnsweringACheckWithoutViewingMakesTheLessonIncomplete) {
    LearnerProgress p;
    p.checks_answered["k4a"] = 1;
    CourseStatus s = ComputeStatus(SampleCourse(), p);
    EXPECT_EQ(s.FindLesson("l3")->status, CompletionStatus::Incomplete);
    EXPECT_EQ(s.FindModule("m2")->status, CompletionStatus::Incomplete);
    EXPECT_EQ(s.status, CompletionStatus::Incomplete);
}

TEST(ProgressStatus, ModuleWithQuizNeedsTheQuizPassed) {
    LearnerProgress p = Everything();
    p.quizzes.erase("quiz-m2");
    Fail(p, "quiz-m2");
    CourseStatus s = ComputeStatus(SampleCourse(), p);
    EXPECT_EQ(s.FindLesson("l3")->status, CompletionStatus::Completed);
    EXPECT_EQ(s.FindModule("m2")->status, CompletionStatus::Incomplete);
    EXPECT_FALSE(s.FindModule("m2")->quiz_passed);
    EXPECT_EQ(s.status, CompletionStatus::Incomplete);
    Pass(p, "quiz-m2");  // a later attempt passes
    EXPECT_EQ(ComputeStatus(SampleCourse(), p).FindModule("m2")->status, CompletionStatus::Completed);
}

TEST(ProgressStatus, StartingOnlyTheQuizMakesTheModuleIncomplete) {
    LearnerProgress p;
    p.quizzes["quiz-m2"].attempts_started = 1;
    EXPECT_EQ(ComputeStatus(SampleCourse(), p).FindModule("m2")->status, CompletionStatus::Incomplete);
}

TEST(ProgressStatus, CourseNeedsCoreModulesAndFinalAssessmentButNotIntroOrAppendix) {
    CourseStatus s = ComputeStatus(SampleCourse(), Everything());
    EXPECT_EQ(s.FindModule("intro")->status, CompletionStatus::NotAttempted);
    EXPECT_EQ(s.FindModule("appendix")->status, CompletionStatus::NotAttempted);
    EXPECT_EQ(s.status, CompletionStatus::Completed);
    EXPECT_EQ(s.percent, 100);
    EXPECT_TRUE(s.assessment_passed);

    LearnerProgress no_final = Everything();
    no_final.quizzes.erase("final");
    CourseStatus without = ComputeStatus(SampleCourse(), no_final);
    EXPECT_EQ(without.status, CompletionStatus::Incomplete);
    EXPECT_LT(without.percent, 100);
}

TEST(ProgressStatus, PercentCountsRequiredUnits) {
    // Required units: pages p1..p4 (4), checks k1, k-callout, k4a, k4b (4), quiz-m2 (1), final (1).
    LearnerProgress p;
    p.pages_viewed["p1"] = 1;
    p.pages_viewed["p2"] = 1;
    p.checks_answered["k1"] = 1;
    p.pages_viewed["welcome"] = 1;  // intro: not required, not counted
    CourseStatus s = ComputeStatus(SampleCourse(), p);
    EXPECT_EQ(s.units_total, 10);
    EXPECT_EQ(s.units_done, 3);
    EXPECT_EQ(s.percent, 30);
}

TEST(ProgressStatus, ProgressForItemsNotInTheCourseIsIgnored) {
    LearnerProgress p;
    p.pages_viewed["removed-page"] = 1;
    p.checks_answered["removed-check"] = 1;
    Pass(p, "removed-quiz");
    CourseStatus s = ComputeStatus(SampleCourse(), p);
    EXPECT_EQ(s.status, CompletionStatus::NotAttempted);
    EXPECT_EQ(s.units_done, 0);
}

TEST(ProgressStatus, CourseWithoutCoreModulesRequiresEveryModule) {
    Course c;
    c.id = "tiny";
    c.modules.push_back(MakeModule("only", {MakeLesson("l", {MakePage("a")})}, nullptr, ModuleRole::Intro));
    LearnerProgress p;
    EXPECT_EQ(ComputeStatus(c, p).units_total, 1);
    p.pages_viewed["a"] = 1;
    CourseStatus s = ComputeStatus(c, p);
    EXPECT_EQ(s.status, CompletionStatus::Completed);
    EXPECT_EQ(s.percent, 100);
}

TEST(ProgressStatus, StatusNamesReadAsWords) {
    EXPECT_STREQ(ToString(CompletionStatus::NotAttempted), "not attempted");
    EXPECT_STREQ(ToString(CompletionStatus::Incomplete), "incomplete");
    EXPECT_STREQ(ToString(CompletionStatus::Completed), "completed");
}
