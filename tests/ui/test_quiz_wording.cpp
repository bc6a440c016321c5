// What the quiz screen says about the pass mark, attempts and the verdict, for generated quizzes.
#include <gtest/gtest.h>

#include "harness.h"
#include "ui/screens.h"

using namespace lectern;

namespace {

Quiz MakeQuiz(int questions, int pass, int attempts, int odd_points = 0) {
    Quiz q;
    q.pass_percent = pass;
    q.max_attempts = attempts;
    Pool p;
    for (int i = 0; i < questions; ++i) {
        auto question = std::make_shared<Question>();
        question->points = i == 0 && odd_points ? odd_points : 1;
        p.questions.push_back(question);
    }
    p.draw = questions;
    q.pools.push_back(p);
    return q;
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(QuizWording, SaysHowManyQuestionsMustBeRightForEveryCountAndPassMark) {
    for (int n = 1; n <= 12; ++n)
        for (int pass : {50, 60, 70, 75, 80, 90, 100}) {
            std::string facts = ui::QuizIntroFacts(MakeQuiz(n, pass, 0), n, 0);
            int needed = 0;
            while (needed * 100 < n * pass) ++needed;  // the smallest count that reaches the mark
            if (needed == n && n > 1) {
                EXPECT_TRUE(Has(facts, "all " + std::to_string(n) + " must be right")) << facts;
            } else if (n > 1) {
                EXPECT_TRUE(Has(facts, "at least " + std::to_string(needed) + " of " + std::to_string(n))) << facts;
            }
            // Sentences start with a capital letter.
            EXPECT_TRUE(Has(facts, ". Unlimited attempts; you have used 0.")) << facts;
        }
    // 4 questions at 80 %: all four.
    EXPECT_TRUE(Has(ui::QuizIntroFacts(MakeQuiz(4, 80, 3), 4, 1), "all 4 must be right. 3 attempts allowed; you have used 1."));
}

TEST(QuizWording, NoQuestionCountWhenQuestionsAreWorthDifferentPoints) {
    std::string facts = ui::QuizIntroFacts(MakeQuiz(5, 80, 1, 3), 10, 0);
    EXPECT_TRUE(Has(facts, "5 questions, drawn from 10. Pass mark 80%. 1 attempt allowed")) << facts;
    EXPECT_FALSE(Has(facts, "must be right")) << facts;
    EXPECT_FALSE(Has(facts, "at least")) << facts;
}

TEST(QuizWording, NoTryAgainWhenNoAttemptIsLeft) {
    EXPECT_TRUE(Has(ui::QuizOutcomeText(false, true), "try again"));
    EXPECT_FALSE(Has(ui::QuizOutcomeText(false, false), "try again"));
    EXPECT_TRUE(Has(ui::QuizOutcomeText(false, false), "every attempt"));
    EXPECT_TRUE(Has(ui::QuizOutcomeText(true, false), "Passed"));
}

}  // namespace

// The room's screen in presenter view keeps nothing, so it never tells the room its answers are
// saved or speaks of "your progress"; a learner is still told both.
TEST(QuizWording, ThePresentersRoomIsNeverToldItsWorkIsSaved) {
    for (bool present : {false, true})
        for (bool guest : {false, true}) {
            SCOPED_TRACE(std::string(present ? "present" : "learner") + (guest ? " guest" : ""));
            if (present) {
                for (const std::string& text : {std::string(ui::QuizIntroNote(true, guest)), std::string(ui::HomeNotice(true, guest)),
                                                std::string(ui::WhoIsSignedIn(true, guest))})
                    for (const char* learner_only : {"saved as you", "Your progress", "your progress", "continue later", "come back"})
                        EXPECT_FALSE(Has(text, learner_only)) << text;
            }
            if (!present && !guest) {
                EXPECT_TRUE(Has(ui::QuizIntroNote(false, false), "saved"));
                EXPECT_TRUE(Has(ui::HomeNotice(false, false), "progress is kept"));
            }
            // A guest keeps nothing: no promise of coming back, and a plain "not saved".
            if (!present && guest)
                for (const std::string& text : {std::string(ui::QuizIntroNote(false, true)), std::string(ui::HomeNotice(false, true))}) {
                    for (const char* promise : {"saved as you", "progress is kept", "continue later", "come back"})
                        EXPECT_FALSE(Has(text, promise)) << text;
                    EXPECT_TRUE(Has(text, "not saved") || Has(text, "nothing you do is saved")) << text;
                }
        }
}

// A lesson's row counts its knowledge checks only when it has some ("0/0 checks" reads as a fault),
// for every count of pages and checks.
TEST(ProgressWording, ALessonRowCountsChecksOnlyWhenTheLessonHasThem) {
    for (int pages = 1; pages <= 4; ++pages)
        for (int viewed = 0; viewed <= pages; ++viewed)
            for (int checks = 0; checks <= 2; ++checks)
                for (int answered = 0; answered <= checks; ++answered) {
                    LessonStatus ls;
                    ls.pages_total = pages, ls.pages_viewed = viewed, ls.checks_total = checks, ls.checks_answered = answered;
                    const std::string row = ui::PagesAndChecks(ls);
                    const std::string counted = std::to_string(viewed) + "/" + std::to_string(pages) + " pages";
                    EXPECT_EQ(row.rfind(counted, 0), 0u) << row;
                    EXPECT_EQ(Has(row, "checks"), checks > 0) << row;
                    if (checks > 0) { EXPECT_TRUE(Has(row, std::to_string(answered) + "/" + std::to_string(checks) + " checks")) << row; }
                }
}
