// Quiz attempts: seeded draws from pools, choice order, answering, navigation, scoring, attempt
// limits, saving and resuming, and the authoring checks for a quiz. Quizzes are built in code.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "course/internal/validation.h"
#include "learning/attempt.h"

using namespace lectern;

namespace {

Inline Words(const std::string& text) {
    Run run;
    run.text = text;
    return {run};
}

std::shared_ptr<Question> SingleQ(const std::string& id, int points = 1) {
    auto q = std::make_shared<Question>();
    q->id = id;
    q->type = QuestionType::Single;
    q->points = points;
    for (const char* c : {"c1", "c2", "c3", "c4"}) {
        Choice choice;
        choice.id = c;
        choice.text = Words(c);
        choice.correct = std::string(c) == "c1";
        q->choices.push_back(choice);
    }
    return q;
}

std::shared_ptr<Question> MultipleQ(const std::string& id, int points = 1) {
    auto q = SingleQ(id, points);
    q->type = QuestionType::Multiple;
    q->scoring = Scoring::Partial;
    q->choices[1].correct = true;
    q->choices[2].correct = true;  // keys: c1, c2, c3
    return q;
}

std::shared_ptr<Question> TrueFalseQ(const std::string& id, bool answer = true) {
    auto q = std::make_shared<Question>();
    q->id = id;
    q->type = QuestionType::TrueFalse;
    q->tf_answer = answer;
    return q;
}

std::shared_ptr<Question> MatchingQ(const std::string& id, int pairs = 3) {
    auto q = std::make_shared<Question>();
    q->id = id;
    q->type = QuestionType::Matching;
    for (int i = 1; i <= pairs; ++i) {
        const std::string p = "p" + std::to_string(i);
        q->pairs.push_back({p, Words("left " + p), Words("right " + p), {}});
    }
    return q;
}

std::shared_ptr<Question> OrderingQ(const std::string& id, int items = 4) {
    auto q = std::make_shared<Question>();
    q->id = id;
    q->type = QuestionType::Ordering;
    for (int i = 1; i <= items; ++i) q->items.push_back({"i" + std::to_string(i), Words("item"), {}});
    return q;
}

std::shared_ptr<Question> TextQ(const std::string& id) {
    auto q = std::make_shared<Question>();
    q->id = id;
    q->type = QuestionType::Text;
    q->accept = {"geneva"};
    return q;
}

Pool MakePool(const std::string& title, int draw, std::vector<std::shared_ptr<const Question>> questions) {
    Pool pool;
    pool.title = title;
    pool.draw = draw;
    pool.questions = std::move(questions);
    return pool;
}

// Pool A: ten single-choice questions, draw 4. Pool B: five of mixed types, draw 2.
Quiz PooledQuiz() {
    Quiz quiz;
    quiz.id = "m1-quiz";
    quiz.title = "Module 1 quiz";
    quiz.loc = {"modules/m1.xml", 120, 3};
    std::vector<std::shared_ptr<const Question>> a;
    for (int i = 0; i < 10; ++i) a.push_back(SingleQ("a" + std::to_string(i)));
    quiz.pools.push_back(MakePool("A", 4, a));
    quiz.pools.push_back(
        MakePool("B", 2, {TrueFalseQ("b0"), MatchingQ("b1"), OrderingQ("b2"), TextQ("b3"), MultipleQ("b4")}));
    return quiz;
}

// One pool, drawn whole, nothing shuffled: questions s1..s4 worth 1, 2, 3 and 4 points.
Quiz PlainQuiz(QuizNavigation navigation = QuizNavigation::Free) {
    Quiz quiz;
    quiz.id = "plain";
    quiz.title = "Plain";
    quiz.shuffle_questions = false;
    quiz.shuffle_choices = false;
    quiz.navigation = navigation;
    quiz.pass_percent = 80;
    quiz.pools.push_back(MakePool("", 4, {SingleQ("s1", 1), SingleQ("s2", 2), SingleQ("s3", 3), SingleQ("s4", 4)}));
    return quiz;
}

std::set<std::string> IdsOf(const Pool& pool) {
    std::set<std::string> ids;
    for (const auto& q : pool.questions) ids.insert(q->id);
    return ids;
}

const Diagnostic* Find(const Diagnostics& d, const std::string& code) {
    for (const auto& item : d.All())
        if (item.code == code) return &item;
    return nullptr;
}

void ExpectAtQuiz(const Diagnostics& d, const std::string& code) {
    const Diagnostic* found = Find(d, code);
    ASSERT_NE(found, nullptr) << "missing [" << code << "] in:\n" << d.FormatAll();
    EXPECT_EQ(found->severity, Severity::Error);
    EXPECT_EQ(found->loc.file, "modules/m1.xml");
    EXPECT_EQ(found->loc.line, 120);
    EXPECT_EQ(found->loc.col, 3);
}

}  // namespace

// ---- the generator -----------------------------------------------------------------------------

TEST(QuizAttempt, GeneratorMatchesPublishedSplitMix64Values) {
    // Reference outputs of splitmix64 (seed 0: the value quoted with Vigna's reference code;
    // seed 42: the values other implementations pin in their tests).
    SeededRandom zero(0);
    EXPECT_EQ(zero.Next(), 0xE220A8397B1DCDAFULL);
    SeededRandom answer(42);
    EXPECT_EQ(answer.Next(), 0xBDD732262FEB6E95ULL);
    EXPECT_EQ(answer.Next(), 0x28EFE333B266F103ULL);
}

TEST(QuizAttempt, GeneratorBelowStaysInRangeAndReachesEveryValue) {
    SeededRandom rng(7);
    std::vector<int> seen(7, 0);
    for (int i = 0; i < 7000; ++i) {
        const uint64_t v = rng.Below(7);
        ASSERT_LT(v, 7u);
        ++seen[v];
    }
    for (int count : seen) EXPECT_GT(count, 700);  // about 1000 each
    EXPECT_EQ(rng.Below(0), 0u);
    EXPECT_EQ(rng.Below(1), 0u);
}

// ---- drawing -----------------------------------------------------------------------------------

TEST(QuizAttempt, SameSeedGivesTheSameDrawAndOrder) {
    const Quiz quiz = PooledQuiz();
    const Attempt first = StartAttempt(quiz, 1, 123456789, 1000);
    const Attempt again = StartAttempt(quiz, 1, 123456789, 1000);
    EXPECT_EQ(first.questions, again.questions);
    EXPECT_EQ(first.display_order, again.display_order);
    EXPECT_EQ(first, again);
}

TEST(QuizAttempt, DifferentSeedsGiveDifferentDraws) {
    const Quiz quiz = PooledQuiz();
    std::set<std::vector<std::string>> draws;
    for (uint64_t seed = 0; seed < 50; ++seed) draws.insert(StartAttempt(quiz, 1, seed, 0).questions);
    // Millions of possible draws: fifty seeds should almost all differ.
    EXPECT_GE(draws.size(), 40u);
}

TEST(QuizAttempt, EachPoolGivesExactlyItsDrawOfDistinctQuestions) {
    const Quiz quiz = PooledQuiz();
    const std::set<std::string> pool_a = IdsOf(quiz.pools[0]);
    const std::set<std::string> pool_b = IdsOf(quiz.pools[1]);
    for (uint64_t seed = 0; seed < 100; ++seed) {
        const Attempt a = StartAttempt(quiz, 1, seed * 0x9E3779B97F4A7C15ULL, 0);
        ASSERT_EQ(a.questions.size(), 6u);
        const std::set<std::string> distinct(a.questions.begin(), a.questions.end());
        EXPECT_EQ(distinct.size(), 6u);
        const auto from_a = std::count_if(a.questions.begin(), a.questions.end(),
                                          [&](const std::string& id) { return pool_a.count(id) > 0; });
        const auto from_b = std::count_if(a.questions.begin(), a.questions.end(),
                                          [&](const std::string& id) { return pool_b.count(id) > 0; });
        EXPECT_EQ(from_a, 4);
        EXPECT_EQ(from_b, 2);
    }
}

TEST(QuizAttempt, EveryQuestionOfAPoolIsDrawnSometimes) {
    const Quiz quiz = PooledQuiz();
    std::set<std::string> drawn;
    for (uint64_t seed = 0; seed < 200; ++seed)
        for (const auto& id : StartAttempt(quiz, 1, seed, 0).questions) drawn.insert(id);
    EXPECT_EQ(drawn.size(), 15u);
}

TEST(QuizAttempt, UnshuffledQuizKeepsPoolAndAuthoredOrder) {
    Quiz quiz = PooledQuiz();
    quiz.shuffle_questions = false;
    for (uint64_t seed = 0; seed < 20; ++seed) {
        const Attempt a = StartAttempt(quiz, 1, seed, 0);
        ASSERT_EQ(a.questions.size(), 6u);
        // Pool A's four come first and in authored (here: alphabetical) order, then pool B's two.
        EXPECT_TRUE(std::is_sorted(a.questions.begin(), a.questions.begin() + 4));
        EXPECT_EQ(a.questions[0][0], 'a');
        EXPECT_EQ(a.questions[3][0], 'a');
        EXPECT_EQ(a.questions[4][0], 'b');
        EXPECT_TRUE(std::is_sorted(a.questions.begin() + 4, a.questions.end()));
    }
}

TEST(QuizAttempt, ShuffledQuestionsAreNotAlwaysInPoolOrder) {
    const Quiz quiz = PooledQuiz();
    int interleaved = 0;
    for (uint64_t seed = 0; seed < 50; ++seed) {
        const Attempt a = StartAttempt(quiz, 1, seed, 0);
        if (a.questions[4][0] != 'b' || a.questions[5][0] != 'b') ++interleaved;
    }
    EXPECT_GT(interleaved, 25);
}

TEST(QuizAttempt, DrawLargerThanThePoolTakesTheWholePool) {
    Quiz quiz = PlainQuiz();
    quiz.pools[0].draw = 99;
    EXPECT_EQ(StartAttempt(quiz, 1, 5, 0).questions, (std::vector<std::string>{"s1", "s2", "s3", "s4"}));
}

TEST(QuizAttempt, ChoicesKeepAuthoredOrderWhenShuffleIsOff) {
    const Quiz quiz = PlainQuiz();
    const Attempt a = StartAttempt(quiz, 1, 99, 0);
    for (const auto& id : a.questions)
        EXPECT_EQ(a.display_order.at(id), (std::vector<std::string>{"c1", "c2", "c3", "c4"}));
}

TEST(QuizAttempt, ShuffledChoicesAreAPermutationThatVariesWithTheSeed) {
    Quiz quiz = PlainQuiz();
    quiz.shuffle_choices = true;
    std::set<std::vector<std::string>> orders;
    for (uint64_t seed = 0; seed < 30; ++seed) {
        const auto order = StartAttempt(quiz, 1, seed, 0).display_order.at("s1");
        std::vector<std::string> sorted = order;
        std::sort(sorted.begin(), sorted.end());
        EXPECT_EQ(sorted, (std::vector<std::string>{"c1", "c2", "c3", "c4"}));
        orders.insert(order);
    }
    EXPECT_GE(orders.size(), 10u);  // 24 possible orders
}

TEST(QuizAttempt, OrderingItemsNeverStartInTheCorrectOrder) {
    Quiz quiz;
    quiz.id = "order";
    quiz.shuffle_choices = false;  // even then: the authored order is the answer
    quiz.pools.push_back(MakePool("", 2, {OrderingQ("two", 2), OrderingQ("four", 4)}));
    for (uint64_t seed = 0; seed < 200; ++seed) {
        const Attempt a = StartAttempt(quiz, 1, seed, 0);
        EXPECT_NE(a.display_order.at("two"), (std::vector<std::string>{"i1", "i2"}));
        EXPECT_NE(a.display_order.at("four"), (std::vector<std::string>{"i1", "i2", "i3", "i4"}));
    }
}

TEST(QuizAttempt, MatchingRightItemsNeverStartAlignedWithTheirLeftItems) {
    Quiz quiz;
    quiz.id = "match";
    quiz.shuffle_choices = false;
    quiz.pools.push_back(MakePool("", 1, {MatchingQ("m", 2)}));
    for (uint64_t seed = 0; seed < 100; ++seed)
        EXPECT_EQ(StartAttempt(quiz, 1, seed, 0).display_order.at("m"), (std::vector<std::string>{"p2", "p1"}));
}

TEST(QuizAttempt, TrueFalseAndTextQuestionsHaveNoChoiceOrder) {
    Quiz quiz;
    quiz.id = "tt";
    quiz.pools.push_back(MakePool("", 2, {TrueFalseQ("tf"), TextQ("tx")}));
    const Attempt a = StartAttempt(quiz, 1, 1, 0);
    EXPECT_EQ(a.questions.size(), 2u);
    EXPECT_TRUE(a.display_order.empty());
}

TEST(QuizAttempt, StartRecordsQuizNumberSeedAndTime) {
    const Attempt a = StartAttempt(PlainQuiz(), 3, 77, 1700000000123);
    EXPECT_EQ(a.quiz_id, "plain");
    EXPECT_EQ(a.number, 3);
    EXPECT_EQ(a.seed, 77u);
    EXPECT_EQ(a.started_ms, 1700000000123);
    EXPECT_EQ(a.current, 0);
    EXPECT_FALSE(a.submitted);
    EXPECT_TRUE(a.answers.empty());
}

// ---- answering ---------------------------------------------------------------------------------

TEST(QuizAttempt, AnswerIsRecordedAndAnEmptyAnswerClearsIt) {
    const Quiz quiz = PlainQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    EXPECT_EQ(Answer(a, quiz, "s2", Response::Choices({"c3"})), AttemptError::None);
    EXPECT_EQ(a.answers.at("s2"), Response::Choices({"c3"}));
    EXPECT_EQ(Answer(a, quiz, "s2", Response::Choices({"c1"})), AttemptError::None);
    EXPECT_EQ(a.answers.at("s2"), Response::Choices({"c1"}));
    EXPECT_EQ(Answer(a, quiz, "s2", Response::None()), AttemptError::None);
    EXPECT_EQ(a.answers.count("s2"), 0u);
}

TEST(QuizAttempt, AnswerToAQuestionNotDrawnIsRefused) {
    const Quiz quiz = PooledQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    std::string not_drawn;
    for (int i = 0; i < 10 && not_drawn.empty(); ++i) {
        const std::string id = "a" + std::to_string(i);
        if (std::find(a.questions.begin(), a.questions.end(), id) == a.questions.end()) not_drawn = id;
    }
    ASSERT_FALSE(not_drawn.empty());
    EXPECT_EQ(Answer(a, quiz, not_drawn, Response::Choices({"c1"})), AttemptError::NotInAttempt);
    EXPECT_EQ(Answer(a, quiz, "no-such-question", Response::Choices({"c1"})), AttemptError::NotInAttempt);
    EXPECT_TRUE(a.answers.empty());
}

TEST(QuizAttempt, AnswerOfTheWrongKindOrWithUnknownIdsIsRefused) {
    const Quiz quiz = PlainQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    EXPECT_EQ(Answer(a, quiz, "s1", Response::Text("c1")), AttemptError::WrongKind);
    EXPECT_EQ(Answer(a, quiz, "s1", Response::Choices({"c9"})), AttemptError::UnknownId);
    EXPECT_TRUE(a.answers.empty());
}

TEST(QuizAttempt, AnswersAreFrozenOnceSubmitted) {
    const Quiz quiz = PlainQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    Submit(a, quiz, 10);
    EXPECT_EQ(Answer(a, quiz, "s1", Response::Choices({"c1"})), AttemptError::AlreadySubmitted);
    EXPECT_TRUE(a.answers.empty());
}

TEST(QuizAttempt, UnansweredListsQuestionsInPresentationOrder) {
    const Quiz quiz = PlainQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    Answer(a, quiz, "s3", Response::Choices({"c1"}));
    EXPECT_EQ(Unanswered(a), (std::vector<std::string>{"s1", "s2", "s4"}));
    Answer(a, quiz, "s1", Response::Choices({"c2"}));
    Answer(a, quiz, "s2", Response::Choices({"c2"}));
    Answer(a, quiz, "s4", Response::Choices({"c2"}));
    EXPECT_TRUE(Unanswered(a).empty());
}

// ---- navigation --------------------------------------------------------------------------------

TEST(QuizAttempt, FreeNavigationGoesBothWaysAndJumps) {
    const Quiz quiz = PlainQuiz(QuizNavigation::Free);
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    EXPECT_EQ(JumpTo(a, quiz, "s3"), AttemptError::None);
    EXPECT_EQ(CurrentQuestion(quiz, a)->id, "s3");
    EXPECT_TRUE(CanGoBack(quiz, a));
    EXPECT_EQ(Prev(a, quiz), AttemptError::None);
    EXPECT_EQ(CurrentQuestion(quiz, a)->id, "s2");
    EXPECT_EQ(Answer(a, quiz, "s4", Response::Choices({"c1"})), AttemptError::None);  // any question
    EXPECT_EQ(JumpTo(a, quiz, "nope"), AttemptError::NotInAttempt);
}

TEST(QuizAttempt, LinearNavigationForbidsGoingBack) {
    const Quiz quiz = PlainQuiz(QuizNavigation::Linear);
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    EXPECT_EQ(Next(a), AttemptError::None);
    EXPECT_EQ(Next(a), AttemptError::None);
    EXPECT_EQ(CurrentQuestion(quiz, a)->id, "s3");
    EXPECT_FALSE(CanGoBack(quiz, a));
    EXPECT_EQ(Prev(a, quiz), AttemptError::NavigationLocked);
    EXPECT_EQ(JumpTo(a, quiz, "s1"), AttemptError::NavigationLocked);
    EXPECT_EQ(a.current, 2);
}

TEST(QuizAttempt, LinearNavigationForbidsSkippingAheadAndAnsweringOtherQuestions) {
    const Quiz quiz = PlainQuiz(QuizNavigation::Linear);
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    EXPECT_EQ(JumpTo(a, quiz, "s4"), AttemptError::NavigationLocked);
    EXPECT_EQ(Answer(a, quiz, "s2", Response::Choices({"c1"})), AttemptError::NotCurrent);
    EXPECT_EQ(Answer(a, quiz, "s1", Response::Choices({"c1"})), AttemptError::None);
    Next(a);
    EXPECT_EQ(Answer(a, quiz, "s1", Response::Choices({"c2"})), AttemptError::NotCurrent);
    EXPECT_EQ(a.answers.at("s1"), Response::Choices({"c1"}));
}

TEST(QuizAttempt, LinearQuizMayBeReviewedBackwardsOnceSubmitted) {
    const Quiz quiz = PlainQuiz(QuizNavigation::Linear);
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    Next(a);
    Submit(a, quiz, 5);
    EXPECT_TRUE(CanGoBack(quiz, a));
    EXPECT_EQ(Prev(a, quiz), AttemptError::None);
    EXPECT_EQ(JumpTo(a, quiz, "s4"), AttemptError::None);
}

TEST(QuizAttempt, NextStopsAtTheLastQuestionAndPrevAtTheFirst) {
    const Quiz quiz = PlainQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    EXPECT_EQ(Prev(a, quiz), AttemptError::AtStart);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(Next(a), AttemptError::None);
    EXPECT_FALSE(CanAdvance(a));
    EXPECT_EQ(Next(a), AttemptError::AtEnd);
    EXPECT_EQ(CurrentQuestion(quiz, a)->id, "s4");
}

// ---- scoring -----------------------------------------------------------------------------------

TEST(QuizAttempt, SubmitAddsPointsAndComparesWithThePassMark) {
    const Quiz quiz = PlainQuiz();  // 1 + 2 + 3 + 4 points, pass 80
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    Answer(a, quiz, "s1", Response::Choices({"c2"}));  // wrong: 0 of 1
    Answer(a, quiz, "s2", Response::Choices({"c1"}));
    Answer(a, quiz, "s3", Response::Choices({"c1"}));
    Answer(a, quiz, "s4", Response::Choices({"c1"}));
    const QuizResult r = Submit(a, quiz, 5000);
    EXPECT_DOUBLE_EQ(r.earned, 9.0);
    EXPECT_DOUBLE_EQ(r.max, 10.0);
    EXPECT_DOUBLE_EQ(r.percent, 90.0);
    EXPECT_TRUE(r.passed);
    ASSERT_EQ(r.grades.size(), 4u);
    EXPECT_EQ(r.grades[0].question_id, "s1");
    EXPECT_EQ(r.grades[0].status, GradeStatus::Incorrect);
    EXPECT_TRUE(a.submitted);
    EXPECT_EQ(a.submitted_ms, 5000);
}

TEST(QuizAttempt, ExactlyThePassMarkPassesAndJustBelowFails) {
    const Quiz quiz = PlainQuiz();
    Attempt at_mark = StartAttempt(quiz, 1, 1, 0);
    Answer(at_mark, quiz, "s4", Response::Choices({"c1"}));
    Answer(at_mark, quiz, "s3", Response::Choices({"c1"}));
    Answer(at_mark, quiz, "s1", Response::Choices({"c1"}));  // 8 of 10
    const QuizResult pass = Submit(at_mark, quiz, 1);
    EXPECT_DOUBLE_EQ(pass.percent, 80.0);
    EXPECT_TRUE(pass.passed);

    Attempt below = StartAttempt(quiz, 2, 2, 0);
    Answer(below, quiz, "s4", Response::Choices({"c1"}));
    Answer(below, quiz, "s3", Response::Choices({"c1"}));  // 7 of 10
    const QuizResult fail = Submit(below, quiz, 1);
    EXPECT_DOUBLE_EQ(fail.percent, 70.0);
    EXPECT_FALSE(fail.passed);
}

TEST(QuizAttempt, PartialMarksThatReachThePassMarkPass) {
    Quiz quiz;
    quiz.id = "thirds";
    quiz.shuffle_questions = false;
    quiz.pass_percent = 50;
    quiz.pools.push_back(MakePool("", 2, {MultipleQ("x"), MultipleQ("y")}));
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    Answer(a, quiz, "x", Response::Choices({"c1"}));        // 1/3
    Answer(a, quiz, "y", Response::Choices({"c1", "c2"}));  // 2/3
    const QuizResult r = Submit(a, quiz, 1);
    EXPECT_NEAR(r.percent, 50.0, 1e-9);
    EXPECT_TRUE(r.passed);
}

TEST(QuizAttempt, UnansweredQuestionsScoreZeroButCountInTheMaximum) {
    const Quiz quiz = PlainQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    Answer(a, quiz, "s2", Response::Choices({"c1"}));
    const QuizResult r = Submit(a, quiz, 1);
    EXPECT_DOUBLE_EQ(r.earned, 2.0);
    EXPECT_DOUBLE_EQ(r.max, 10.0);
    EXPECT_EQ(r.grades[0].status, GradeStatus::Unanswered);
    EXPECT_FALSE(r.passed);
}

TEST(QuizAttempt, SubmittingTwiceKeepsTheFirstTime) {
    const Quiz quiz = PlainQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    Submit(a, quiz, 100);
    Submit(a, quiz, 200);
    EXPECT_EQ(a.submitted_ms, 100);
}

TEST(QuizAttempt, ScoreOfAnAttemptWhoseQuestionVanishedListsItAsMissing) {
    const Quiz quiz = PlainQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    Quiz changed = quiz;
    changed.pools[0].questions.pop_back();  // s4 removed
    const QuizResult r = Score(changed, a);
    EXPECT_EQ(r.missing, std::vector<std::string>{"s4"});
    EXPECT_EQ(r.grades.size(), 3u);
    EXPECT_DOUBLE_EQ(r.max, 6.0);
}

// ---- attempt limit -----------------------------------------------------------------------------

TEST(QuizAttempt, AttemptLimitStopsFurtherAttempts) {
    Quiz quiz = PlainQuiz();
    quiz.max_attempts = 2;
    EXPECT_TRUE(CanStartAnother(quiz, 0));
    EXPECT_TRUE(CanStartAnother(quiz, 1));
    EXPECT_FALSE(CanStartAnother(quiz, 2));
    EXPECT_FALSE(CanStartAnother(quiz, 3));
}

TEST(QuizAttempt, ZeroAttemptLimitIsUnlimited) {
    Quiz quiz = PlainQuiz();
    quiz.max_attempts = 0;
    EXPECT_TRUE(CanStartAnother(quiz, 0));
    EXPECT_TRUE(CanStartAnother(quiz, 1000));
}

// ---- saving and resuming -----------------------------------------------------------------------

namespace {

// A mid-way attempt on the pooled quiz with an answer of every kind that was drawn.
Attempt BusyAttempt(const Quiz& quiz, uint64_t seed) {
    Attempt a = StartAttempt(quiz, 2, seed, 1700000000000);
    for (const auto& id : a.questions) {
        const Question* q = FindQuestion(quiz, id);
        Response r;
        switch (q->type) {
        case QuestionType::Single: r = Response::Choices({"c2"}); break;
        case QuestionType::Multiple: r = Response::Choices({"c3", "c1"}); break;
        case QuestionType::TrueFalse: r = Response::TrueFalse(false); break;
        case QuestionType::Matching: r = Response::Matching({{"p1", "p2"}, {"p2", "p1"}}); break;
        case QuestionType::Ordering: r = Response::Ordering(a.display_order.at(id)); break;
        case QuestionType::Text: r = Response::Text("Genève  "); break;
        }
        EXPECT_EQ(Answer(a, quiz, id, r), AttemptError::None);
    }
    a.answers.erase(a.questions.front());
    a.current = 3;
    return a;
}

}  // namespace

TEST(QuizAttemptJson, RoundTripRestoresTheAttemptExactly) {
    const Quiz quiz = PooledQuiz();
    for (uint64_t seed :
         {uint64_t{0}, uint64_t{42}, uint64_t{0xFFFFFFFFFFFFFFFFULL}, uint64_t{0x8000000000000001ULL}}) {
        Attempt a = BusyAttempt(quiz, seed);
        if (seed == 42) Submit(a, quiz, 1700000999999);
        const std::string json = AttemptToJson(a);
        SCOPED_TRACE(json);
        const Parsed<Attempt> back = AttemptFromJson(json, quiz);
        ASSERT_TRUE(back.ok()) << back.message;
        EXPECT_EQ(back.value->seed, seed);
        EXPECT_EQ(back.value->questions, a.questions);
        EXPECT_EQ(back.value->answers, a.answers);
        EXPECT_EQ(*back.value, a);
        EXPECT_EQ(AttemptToJson(*back.value), json);
    }
}

TEST(QuizAttemptJson, ResumedAttemptScoresLikeTheOriginal) {
    const Quiz quiz = PooledQuiz();
    const Attempt a = BusyAttempt(quiz, 9);
    const Parsed<Attempt> back = AttemptFromJson(AttemptToJson(a), quiz);
    ASSERT_TRUE(back.ok()) << back.message;
    EXPECT_DOUBLE_EQ(Score(quiz, *back.value).earned, Score(quiz, a).earned);
}

TEST(QuizAttemptJson, AnotherQuizsAttemptIsRefused) {
    const Quiz quiz = PooledQuiz();
    Quiz other = quiz;
    other.id = "m2-quiz";
    const Parsed<Attempt> p = AttemptFromJson(AttemptToJson(BusyAttempt(quiz, 1)), other);
    EXPECT_FALSE(p.ok());
    EXPECT_EQ(p.error, ParseError::WrongId);
    EXPECT_NE(p.message.find("m1-quiz"), std::string::npos);
}

TEST(QuizAttemptJson, QuestionNoLongerInTheQuizIsReportedAsCourseChanged) {
    const Quiz quiz = PooledQuiz();
    const Attempt a = BusyAttempt(quiz, 1);
    const std::string gone = a.questions[1];
    Quiz changed = quiz;
    for (auto& pool : changed.pools)
        pool.questions.erase(
            std::remove_if(pool.questions.begin(), pool.questions.end(), [&](const auto& q) { return q->id == gone; }),
            pool.questions.end());
    const Parsed<Attempt> p = AttemptFromJson(AttemptToJson(a), changed);
    EXPECT_FALSE(p.ok());
    EXPECT_EQ(p.error, ParseError::CourseChanged);
    EXPECT_NE(p.message.find(gone), std::string::npos) << p.message;
}

TEST(QuizAttemptJson, ChangedChoicesAreReportedAsCourseChanged) {
    Quiz quiz = PlainQuiz();
    const Attempt a = StartAttempt(quiz, 1, 1, 0);
    auto edited = std::make_shared<Question>(*quiz.pools[0].questions[1]);
    edited->choices[3].id = "c4-renamed";
    quiz.pools[0].questions[1] = edited;
    const Parsed<Attempt> p = AttemptFromJson(AttemptToJson(a), quiz);
    EXPECT_EQ(p.error, ParseError::CourseChanged);
    EXPECT_NE(p.message.find("s2"), std::string::npos) << p.message;
}

TEST(QuizAttemptJson, AnswerThatNoLongerFitsItsQuestionIsReportedAsCourseChanged) {
    Quiz quiz = PlainQuiz();
    Attempt a = StartAttempt(quiz, 1, 1, 0);
    Answer(a, quiz, "s1", Response::Choices({"c1"}));
    // s1 becomes a true/false question with the same id.
    auto retyped = TrueFalseQ("s1");
    quiz.pools[0].questions[0] = retyped;
    const Parsed<Attempt> p = AttemptFromJson(AttemptToJson(a), quiz);
    EXPECT_EQ(p.error, ParseError::CourseChanged);
}

TEST(QuizAttemptJson, GarbageIsMalformedNotAnException) {
    const Quiz quiz = PlainQuiz();
    for (const std::string text :
         {"", "{", "null", "[]", "42", "{\"format\":1}", "{\"format\":2,\"quiz\":\"plain\"}", "\x01\x02\xFF",
          "{\"format\":1,\"quiz\":\"plain\",\"attempt\":1,\"seed\":\"-1\",\"questions\":[],\"order\":{},"
          "\"answers\":{},\"current\":0,\"started_ms\":0,\"submitted\":false,\"submitted_ms\":0}",
          "{\"format\":1,\"quiz\":\"plain\",\"attempt\":1,\"seed\":\"99999999999999999999\",\"questions\":[],"
          "\"order\":{},\"answers\":{},\"current\":0,\"started_ms\":0,\"submitted\":false,\"submitted_ms\":0}",
          "{\"format\":1,\"quiz\":\"plain\",\"attempt\":1,\"seed\":\"1\",\"questions\":[\"s1\"],\"order\":{\"s1\":"
          "[\"c1\",\"c2\",\"c3\",\"c4\"]},\"answers\":{},\"current\":5,\"started_ms\":0,\"submitted\":false,"
          "\"submitted_ms\":0}"}) {
        SCOPED_TRACE(text);
        Parsed<Attempt> p;
        EXPECT_NO_THROW(p = AttemptFromJson(text, quiz));
        EXPECT_FALSE(p.ok());
        EXPECT_EQ(p.error, ParseError::Malformed);
    }
}

TEST(QuizAttemptJson, QuestionSavedTwiceIsMalformed) {
    const Quiz quiz = PlainQuiz();
    std::string json = AttemptToJson(StartAttempt(quiz, 1, 1, 0));
    const std::string list = "\"questions\":[\"s1\",\"s2\",\"s3\",\"s4\"]";
    const size_t at = json.find(list);
    ASSERT_NE(at, std::string::npos) << json;
    json.replace(at, list.size(), "\"questions\":[\"s1\",\"s2\",\"s3\",\"s1\"]");
    const Parsed<Attempt> p = AttemptFromJson(json, quiz);
    EXPECT_EQ(p.error, ParseError::Malformed);
    EXPECT_NE(p.message.find("twice"), std::string::npos) << p.message;
}

TEST(QuizAttemptJson, EveryTruncationOfASavedAttemptIsRefusedCleanly) {
    const Quiz quiz = PooledQuiz();
    const std::string json = AttemptToJson(BusyAttempt(quiz, 3));
    for (size_t n = 0; n < json.size(); ++n) {
        Parsed<Attempt> p;
        ASSERT_NO_THROW(p = AttemptFromJson(json.substr(0, n), quiz)) << n;
        ASSERT_FALSE(p.ok()) << json.substr(0, n);
    }
}

// ---- authoring checks --------------------------------------------------------------------------

TEST(QuizValidation, WellFormedQuizPasses) {
    Diagnostics d;
    ValidateQuiz(PooledQuiz(), d);
    EXPECT_EQ(d.All().size(), 0u) << d.FormatAll();
}

TEST(QuizValidation, PoolSmallerThanItsDrawIsReported) {
    Quiz quiz = PooledQuiz();
    quiz.pools[1].draw = 6;
    Diagnostics d;
    ValidateQuiz(quiz, d);
    ExpectAtQuiz(d, "pool-too-small");
    const std::string message = Find(d, "pool-too-small")->message;
    EXPECT_NE(message.find("'B'"), std::string::npos) << message;
    EXPECT_NE(message.find("6"), std::string::npos) << message;
    EXPECT_NE(message.find("5"), std::string::npos) << message;
}

TEST(QuizValidation, DrawBelowOneIsReported) {
    Quiz quiz = PooledQuiz();
    quiz.pools[0].draw = 0;
    Diagnostics d;
    ValidateQuiz(quiz, d);
    ExpectAtQuiz(d, "bad-draw");
}

TEST(QuizValidation, PassMarkOutsideZeroToHundredIsReported) {
    for (int pass : {-1, 101}) {
        Quiz quiz = PooledQuiz();
        quiz.pass_percent = pass;
        Diagnostics d;
        ValidateQuiz(quiz, d);
        ExpectAtQuiz(d, "bad-pass");
    }
    for (int pass : {0, 100}) {
        Quiz quiz = PooledQuiz();
        quiz.pass_percent = pass;
        Diagnostics d;
        ValidateQuiz(quiz, d);
        EXPECT_FALSE(d.Has("bad-pass")) << pass;
    }
}

TEST(QuizValidation, NegativeAttemptLimitIsReported) {
    Quiz quiz = PooledQuiz();
    quiz.max_attempts = -2;
    Diagnostics d;
    ValidateQuiz(quiz, d);
    ExpectAtQuiz(d, "bad-attempts");
}

TEST(QuizValidation, QuizWithoutPoolsIsReported) {
    Quiz quiz = PooledQuiz();
    quiz.pools.clear();
    Diagnostics d;
    ValidateQuiz(quiz, d);
    ExpectAtQuiz(d, "empty-quiz");
}
