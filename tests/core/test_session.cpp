// The session over a real progress store: what a learner did survives a restart exactly.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/loader.h"
#include "core/session.h"

namespace fs = std::filesystem;
using namespace lectern;

namespace {

class SessionStore : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("lectern-session-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_load = LoadCourse(std::string(LECTERN_TEST_DATA) + "/fixture-course");
        ASSERT_TRUE(m_load.ok()) << m_load.diagnostics.FormatAll();
        Reopen();
        WriteResult w = m_store->CreateLearner("Ana", 1000);
        ASSERT_TRUE(w.ok());
        m_learner = w.id;
    }
    void TearDown() override {
        m_store.reset();
        fs::remove_all(m_dir);
    }
    // Closes and reopens the store, as a restarted program would.
    void Reopen() {
        m_store.reset();
        OpenResult r = ProgressStore::Open(ProgressDbPath(m_dir.string()));
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        m_store = std::move(r.store);
    }
    std::unique_ptr<Session> NewSession() { return std::make_unique<Session>(m_load.course, m_store.get(), m_learner); }

    const Quiz& ModuleQuiz() {
        for (const auto& m : m_load.course->modules)
            if (m.quiz) return *m.quiz;
        throw std::runtime_error("the fixture has no module quiz");
    }

    fs::path m_dir;
    LoadResult m_load;
    std::unique_ptr<ProgressStore> m_store;
    LearnerId m_learner = 0;
};

}  // namespace

TEST_F(SessionStore, ResumesOnTheLastPageShown) {
    auto s = NewSession();
    s->ShowPage(0, 2000);
    s->PageDrawn(2100);
    s->ShowPage(3, 3000);
    s->PageDrawn(3100);
    std::string page = s->Nav().Current().id;
    Reopen();
    auto again = NewSession();
    EXPECT_TRUE(again->Resume());
    EXPECT_EQ(again->Nav().Current().id, page);
    EXPECT_EQ(again->CurrentPlace(), Place::Page);
}

// A page the player never finished drawing (it aborted mid-page) is not where the learner
// resumes: the last page drawn is.
TEST_F(SessionStore, APageShownButNeverDrawnIsNotTheResumePoint) {
    auto s = NewSession();
    s->ShowPage(1, 2000);
    s->PageDrawn(2100);
    std::string drawn = s->Nav().Current().id;
    s->ShowPage(3, 3000);  // and then the process dies while drawing it
    ASSERT_NE(s->Nav().Current().id, drawn);
    Reopen();
    auto again = NewSession();
    EXPECT_TRUE(again->Resume());
    EXPECT_EQ(again->Nav().Current().id, drawn);
}

TEST_F(SessionStore, ResumesAnUnfinishedQuizAttemptExactly) {
    auto s = NewSession();
    const Quiz& quiz = ModuleQuiz();
    s->OpenQuiz(quiz, 2000);
    ASSERT_TRUE(s->StartAttempt(quiz, 2100));
    Attempt before = *s->ActiveAttempt();
    const Question* q0 = FindQuestion(quiz, before.questions[0]);
    ASSERT_NE(q0, nullptr);
    Response r = q0->type == QuestionType::TrueFalse ? Response::TrueFalse(true)
                 : q0->type == QuestionType::Text  ? Response::Text("x")
                                                    : Response::Choices({q0->choices.empty() ? "" : q0->choices[0].id});
    ASSERT_EQ(s->AnswerQuestion(q0->id, r, 2200), AttemptError::None);
    ASSERT_EQ(s->MoveInQuiz(1, 2300), AttemptError::None);
    Attempt saved = *s->ActiveAttempt();

    Reopen();  // the program was closed (or killed) here
    auto again = NewSession();
    ASSERT_TRUE(again->Resume());
    EXPECT_EQ(again->CurrentPlace(), Place::Quiz);
    ASSERT_NE(again->ActiveQuiz(), nullptr);
    EXPECT_EQ(again->ActiveQuiz()->id, quiz.id);
    ASSERT_NE(again->ActiveAttempt(), nullptr);
    const Attempt& resumed = *again->ActiveAttempt();
    EXPECT_EQ(resumed.questions, saved.questions);          // the same draw, in the same order
    EXPECT_EQ(resumed.display_order, saved.display_order);  // the same choice order
    EXPECT_EQ(resumed.answers, saved.answers);              // the answer given
    EXPECT_EQ(resumed.current, 1);                          // on the same question
    EXPECT_EQ(resumed.seed, before.seed);
}

TEST_F(SessionStore, ARetryDrawsAnewAndCountsAttempts) {
    auto s = NewSession();
    const Quiz& quiz = ModuleQuiz();
    s->OpenQuiz(quiz, 2000);
    ASSERT_TRUE(s->StartAttempt(quiz, 2100));
    uint64_t first_seed = s->ActiveAttempt()->seed;
    s->SubmitQuiz(2200);
    EXPECT_EQ(s->AttemptsUsed(quiz), 1);
    ASSERT_TRUE(s->StartAttempt(quiz, 9100));
    EXPECT_EQ(s->ActiveAttempt()->number, 2);
    EXPECT_NE(s->ActiveAttempt()->seed, first_seed);
}

TEST_F(SessionStore, CheckAnswersCountTowardLessonCompletion) {
    auto s = NewSession();
    // Visit every page of the first core lesson and attempt its checks.
    const Course& c = *m_load.course;
    const Module* core = nullptr;
    for (const auto& m : c.modules)
        if (m.role == ModuleRole::Core) core = &m;
    ASSERT_NE(core, nullptr);
    const Lesson& lesson = core->lessons.front();
    for (const auto& p : lesson.pages) {
        s->ShowPage(c.page_index.at(p.id), 3000);
        for (const auto& b : p.blocks)
            if (b.kind == BlockKind::Question) s->SubmitCheck(*b.question, p.id, 3100);
    }
    Reopen();
    auto again = NewSession();
    const CourseStatus status = again->Status();
    const LessonStatus* ls = status.FindLesson(lesson.id);
    ASSERT_NE(ls, nullptr);
    EXPECT_EQ(ls->status, CompletionStatus::Completed);
}

TEST_F(SessionStore, AGuestSavesNothing) {
    Session guest(m_load.course, nullptr, std::nullopt);
    EXPECT_FALSE(guest.Saving());
    guest.ShowPage(2, 5000);
    Reopen();
    EXPECT_EQ(m_store->PageViews(EventFilter{}).size(), 0u);
}

TEST_F(SessionStore, ScenarioEndingIsRecordedWithItsPath) {
    auto s = NewSession();
    const Course& c = *m_load.course;
    const Scenario* sc = nullptr;
    for (const auto& ref : c.reading_order)
        for (const auto& b : c.PageAt(static_cast<int>(&ref - &c.reading_order[0])).blocks)
            if (b.kind == BlockKind::Scenario) sc = b.scenario.get();
    ASSERT_NE(sc, nullptr);
    ScenarioRun& run = s->Run(*sc);
    int guard = 0;
    while (!run.IsEnded() && ++guard < 50) s->ChooseInScenario(*sc, run.Current()->choices.front().id, 6000);
    ASSERT_TRUE(run.IsEnded());
    Reopen();
    auto endings = m_store->ScenarioEndings(EventFilter{});
    ASSERT_EQ(endings.size(), 1u);
    EXPECT_EQ(endings[0].scenario_id, sc->id);
    EXPECT_FALSE(endings[0].path_json.empty());
}
