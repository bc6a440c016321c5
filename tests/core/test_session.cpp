// The session over a real progress store: what a learner did survives a restart exactly.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <filesystem>
#include <functional>
#include <map>

#include "course/loader.h"
#include "learning/session.h"

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
        m_learner = *w;
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

namespace {
const Scenario& FixtureScenario(const Course& c) {
    for (int i = 0; i < static_cast<int>(c.reading_order.size()); ++i)
        for (const auto& b : c.PageAt(i).blocks)
            if (b.kind == BlockKind::Scenario) return *b.scenario;
    throw std::runtime_error("the fixture has no scenario");
}
}  // namespace

// Every way through the fixture's scenario, stopped after every number of choices: a new session
// (a restart, a sign-out and in) shows the same step with the same path, or the same ending.
TEST_F(SessionStore, ScenarioResumesAtTheStepReachedWithThePathSoFar) {
    const Scenario& sc = FixtureScenario(*m_load.course);
    // Enumerate paths (choice lists) from the start, depth first.
    std::vector<std::vector<std::string>> paths;
    std::function<void(ScenarioRun, std::vector<std::string>)> walk = [&](ScenarioRun run, std::vector<std::string> so_far) {
        paths.push_back(so_far);
        if (run.IsEnded() || !run.Current()) return;
        for (const auto& choice : run.Current()->choices) {
            ScenarioRun next = run;
            if (next.Choose(choice.id) != ChooseError::None) continue;
            auto longer = so_far;
            longer.push_back(choice.id);
            walk(next, longer);
        }
    };
    walk(ScenarioRun(sc), {});
    ASSERT_GE(paths.size(), 5u);
    int64_t t = 10000;
    for (const auto& path : paths) {
        SCOPED_TRACE(::testing::PrintToString(path));
        {
            // Some earlier play-through first, so resume must find where the last one began.
            auto s = NewSession();
            ScenarioRun& run = s->Run(sc);
            run.Restart();
            if (!run.Current()->choices.empty()) s->ChooseInScenario(sc, run.Current()->choices.back().id, t++);
            run.Restart();
            for (const auto& choice : path) s->ChooseInScenario(sc, choice, t++);
        }
        Reopen();
        ScenarioRun expected(sc);
        ASSERT_EQ(expected.Replay(path), ChooseError::None);
        auto again = NewSession();
        const ScenarioRun& resumed = again->Run(sc);
        if (path.empty()) {
            // Nothing chosen in this play-through: the earlier one (its first choice) is what is on record.
            continue;
        }
        ASSERT_NE(resumed.Current(), nullptr);
        EXPECT_EQ(resumed.Current()->id, expected.Current()->id);
        EXPECT_EQ(resumed.Path(), expected.Path());
        EXPECT_EQ(resumed.IsEnded(), expected.IsEnded());
    }
}

TEST_F(SessionStore, KnowledgeChecksComeBackWithTheLastAnswerAndItsVerdict) {
    const Course& c = *m_load.course;
    std::vector<const Question*> checks;
    std::map<std::string, std::string> page_of;
    for (int i = 0; i < static_cast<int>(c.reading_order.size()); ++i)
        for (const auto& b : c.PageAt(i).blocks)
            if (b.kind == BlockKind::Question) {
                checks.push_back(b.question.get());
                page_of[b.question->id] = c.PageAt(i).id;
            }
    ASSERT_GE(checks.size(), 5u);
    std::map<std::string, std::string> answered;
    std::map<std::string, GradeStatus> verdict;
    {
        auto s = NewSession();
        int n = 0;
        for (const Question* q : checks) {
            // Two tries each: the second is what must come back.
            CheckState& st = s->Check(*q);
            Response first = st.response, second = st.response;
            if (!q->choices.empty()) {
                first = Response::Choices({q->choices.front().id});
                second = Response::Choices({q->choices[static_cast<size_t>(n) % q->choices.size()].id});
            } else if (q->type == QuestionType::Text) {
                first = Response::Text("first try");
                second = Response::Text("Geneva " + std::to_string(n));
            }
            s->SetCheckResponse(*q, first);
            s->SubmitCheck(*q, page_of[q->id], 20000 + n * 10);
            s->SetCheckResponse(*q, second);
            verdict[q->id] = s->SubmitCheck(*q, page_of[q->id], 20000 + n * 10 + 1).status;
            answered[q->id] = ResponseToJson(second);
            ++n;
        }
    }
    Reopen();
    auto again = NewSession();
    for (const Question* q : checks) {
        SCOPED_TRACE(q->id);
        const CheckState& st = again->Check(*q);
        EXPECT_EQ(ResponseToJson(st.response), answered[q->id]);
        ASSERT_TRUE(st.last.has_value()) << "the feedback comes back too";
        EXPECT_EQ(st.last->status, verdict[q->id]);
        EXPECT_EQ(st.tries, 2);
    }
}

// "Read" from a quiz the learner resumed into goes to the last page read, not the first page.
TEST_F(SessionStore, ResumingIntoAQuizKeepsTheLastPageReadForReading) {
    auto s = NewSession();
    const Quiz& quiz = ModuleQuiz();
    s->ShowPage(4, 30000);
    s->PageDrawn(30001);
    std::string page = s->Nav().Current().id;
    s->OpenQuiz(quiz, 30002);
    Reopen();
    auto again = NewSession();
    ASSERT_TRUE(again->Resume());
    EXPECT_EQ(again->CurrentPlace(), Place::Quiz);
    EXPECT_EQ(again->Nav().Current().id, page);
}

// A full disk (here: a file-size limit, which makes every write to the store fail the way a full
// disk does, without needing root to mount a small filesystem): an answer the store refused is
// never counted as answered, the banner says how many wait, and once the store accepts writes
// again every waiting answer is saved, in order.
TEST_F(SessionStore, AnswersTheStoreRefusedAreNotShownAsAnsweredAndAreSavedLater) {
    const Course& c = *m_load.course;
    std::vector<std::pair<const Question*, std::string>> checks;
    for (int i = 0; i < static_cast<int>(c.reading_order.size()); ++i)
        for (const auto& b : c.PageAt(i).blocks)
            if (b.kind == BlockKind::Question && !b.question->choices.empty()) checks.push_back({b.question.get(), c.PageAt(i).id});
    ASSERT_GE(checks.size(), 2u);
    const Quiz& quiz = ModuleQuiz();
    pid_t child = ::fork();
    if (child == 0) {
        // The exit code is 1 + the number of the first expectation that failed.
        int failed = 0;
        auto expect = [&](bool ok, int number) {
            if (!ok && failed == 0) failed = 1 + number;
        };
        std::signal(SIGXFSZ, SIG_IGN);
        auto s = NewSession();
        s->SubmitCheck(*checks[0].first, checks[0].second, 5000);
        expect(s->UnsavedAnswers() == 0, 0);
        rlimit full{1, RLIM_INFINITY};  // no write past the first byte of any file
        ::setrlimit(RLIMIT_FSIZE, &full);  // the disk is now full

        s->SetCheckResponse(*checks[1].first, Response::Choices({checks[1].first->choices[0].id}));
        s->SubmitCheck(*checks[1].first, checks[1].second, 5100);
        expect(s->UnsavedAnswers() == 1, 1);
        expect(s->Progress().checks_answered.count(checks[1].first->id) == 0, 2);
        expect(s->LastError().find("1 answer is NOT saved") != std::string::npos, 3);
        s->OpenQuiz(quiz, 5200);
        s->StartAttempt(quiz, 5300);
        const std::string qid = s->ActiveAttempt()->questions[0];
        const Question* q = FindQuestion(quiz, qid);
        Response r = q->type == QuestionType::TrueFalse ? Response::TrueFalse(true)
                     : q->type == QuestionType::Text  ? Response::Text("x")
                                                        : Response::Choices({q->choices[0].id});
        s->AnswerQuestion(qid, r, 5400);
        expect(s->IsUnsavedQuizAnswer(qid), 4);
        expect(s->UnsavedAnswers() == 3, 5);  // the check, the attempt, the quiz answer
        expect(s->RetryUnsaved(5500) == 3, 6);  // still full: nothing is lost, nothing pretends

        rlimit room{RLIM_INFINITY, RLIM_INFINITY};
        ::setrlimit(RLIMIT_FSIZE, &room);  // space again
        expect(s->RetryUnsaved(5600) == 0, 7);
        expect(!s->IsUnsavedQuizAnswer(qid), 8);
        expect(s->Progress().checks_answered.count(checks[1].first->id) == 1, 9);
        expect(s->LastError().find("waiting") == std::string::npos, 10);
        auto answers = m_store->Answers(EventFilter(m_learner));
        expect(answers.size() == 3, 11);
        expect(m_store->OpenAttempt(m_learner, c.id, quiz.id).has_value(), 12);
        std::fflush(stderr);
        ::_exit(failed);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status)) << "child died: " << status;
    EXPECT_EQ(WEXITSTATUS(status), 0) << "expectation " << WEXITSTATUS(status) - 1 << " failed";
}

// The attempt's saved state lost an answer (another writer replaced it from memory): the answer
// recorded for that question still comes back, because answers are kept one per question.
TEST_F(SessionStore, AQuizAnswerMissingFromTheSavedStateComesBackFromItsOwnRecord) {
    const Quiz& quiz = ModuleQuiz();
    std::string first, state_without;
    {
        auto s = NewSession();
        s->OpenQuiz(quiz, 2000);
        ASSERT_TRUE(s->StartAttempt(quiz, 2100));
        state_without = AttemptToJson(*s->ActiveAttempt());
        first = s->ActiveAttempt()->questions[0];
        const Question* q = FindQuestion(quiz, first);
        Response r = q->type == QuestionType::TrueFalse ? Response::TrueFalse(true)
                     : q->type == QuestionType::Text  ? Response::Text("x")
                                                        : Response::Choices({q->choices[0].id});
        ASSERT_EQ(s->AnswerQuestion(first, r, 2200), AttemptError::None);
        // The stale writer: the whole state as it was before the answer.
        AttemptKey key{m_learner, m_load.course->id, quiz.id, s->ActiveAttempt()->number};
        ASSERT_TRUE(m_store->SaveAttempt(key, state_without, 2300));
    }
    Reopen();
    auto again = NewSession();
    again->OpenQuiz(quiz, 3000);
    ASSERT_NE(again->ActiveAttempt(), nullptr);
    EXPECT_EQ(again->ActiveAttempt()->answers.count(first), 1u);
}

// ---- typed answers: one settled answer, one record -----------------------------------------

namespace {

// A quiz whose first question is typed, so every way of settling it can be driven directly.
std::shared_ptr<const Course> TypedQuizCourse() {
    std::map<std::string, std::string> files = {
        {"course.xml", R"(<course id="typed" version="1" lang="en" minutes="5"><title>T</title><include src="m.xml"/></course>)"},
        {"m.xml", R"(<module id="m" title="M"><lesson id="l" title="L"><page id="p" title="P"><p>x</p></page></lesson>
          <quiz id="tq" title="Typed" navigation="free" shuffle-questions="false" shuffle-choices="false"><pool>
            <question id="q-typed" type="text"><prompt>Name the principle.</prompt><accept>peace</accept></question>
            <question id="q-pick" type="single"><prompt>Pick.</prompt>
              <choice id="a" correct="true">A</choice><choice id="b">B</choice></question>
          </pool></quiz></module>)"}};
    LoadResult r = LoadCourseFromMemory(files);
    EXPECT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    return r.course;
}

enum class Settle { Enter, EnterThenLeave, Pause, NextQuestion, JumpBack, AnswerAnother, Submit, LeaveQuiz, SignOut };
const char* Name(Settle s) {
    switch (s) {
        case Settle::Enter: return "Enter";
        case Settle::EnterThenLeave: return "Enter, then leaving the field";
        case Settle::Pause: return "a pause in typing";
        case Settle::NextQuestion: return "Next";
        case Settle::JumpBack: return "a jump to another question";
        case Settle::AnswerAnother: return "answering another question";
        case Settle::Submit: return "Submit";
        case Settle::LeaveQuiz: return "leaving the quiz";
        case Settle::SignOut: return "sign-out or close";
    }
    return "?";
}

}  // namespace

TEST_F(SessionStore, ATypedAnswerIsRecordedOnceHoweverManyKeysMadeIt) {
    auto course = TypedQuizCourse();
    ASSERT_TRUE(course);
    const Quiz& quiz = *course->modules[0].quiz;
    // A fast typist's keys: "peace" with a slip corrected ("pea", "pe" after Backspace, ...).
    const std::vector<std::string> keys = {"p", "pe", "pea", "pe", "pea", "peac", "peace"};
    for (Settle how : {Settle::Enter, Settle::EnterThenLeave, Settle::Pause, Settle::NextQuestion, Settle::JumpBack,
                       Settle::AnswerAnother, Settle::Submit, Settle::LeaveQuiz, Settle::SignOut}) {
        SCOPED_TRACE(Name(how));
        WriteResult learner = m_store->CreateLearner(std::string("Typist ") + Name(how), 1000);
        ASSERT_TRUE(learner.ok());
        Session s(course, m_store.get(), *learner);
        s.OpenQuiz(quiz, 2000);
        ASSERT_TRUE(s.StartAttempt(quiz, 2000));
        if (how == Settle::JumpBack) { ASSERT_EQ(s.JumpInQuiz(0, 2050), AttemptError::None); }
        int64_t t = 3000;
        for (const std::string& typed : keys) {
            ASSERT_EQ(s.DraftAnswer("q-typed", Response::Text(typed), t), AttemptError::None);
            EXPECT_EQ(s.SettleTypingIfPaused(t + 300), Session::kTypingPauseMs - 300) << "keys 300 ms apart are one answer";
            t += 300;
            // Shown in the field, never ticked as saved, never recorded while it changes.
            EXPECT_TRUE(s.IsUnsavedQuizAnswer("q-typed"));
            EXPECT_EQ(s.ActiveAttempt()->answers.at("q-typed").text, typed);
        }
        auto typed_records = [&] {
            int n = 0;
            for (const AnswerRecord& a : m_store->Answers(EventFilter(*learner)))
                if (a.item_id == "q-typed") ++n;
            return n;
        };
        EXPECT_EQ(typed_records(), 0) << "recorded while still typing";
        switch (how) {
            case Settle::Enter: s.AnswerQuestion("q-typed", Response::Text("peace"), t); break;
            case Settle::EnterThenLeave:
                s.AnswerQuestion("q-typed", Response::Text("peace"), t);
                s.AnswerQuestion("q-typed", Response::Text("peace"), t + 10);  // the field loses focus
                break;
            case Settle::Pause: EXPECT_EQ(s.SettleTypingIfPaused(t + Session::kTypingPauseMs), -1); break;
            case Settle::NextQuestion: s.MoveInQuiz(1, t); break;
            case Settle::JumpBack: s.JumpInQuiz(1, t); break;
            case Settle::AnswerAnother: s.AnswerQuestion("q-pick", Response::Choices({"a"}), t); break;
            case Settle::Submit: s.SubmitQuiz(t); break;
            case Settle::LeaveQuiz: s.LeaveQuiz(t); break;
            case Settle::SignOut: s.SettleTyping(t); break;
        }
        EXPECT_EQ(typed_records(), 1);
        EXPECT_FALSE(s.HasDraft());
        EXPECT_FALSE(s.IsUnsavedQuizAnswer("q-typed"));
        for (const AnswerRecord& a : m_store->Answers(EventFilter(*learner)))
            if (a.item_id == "q-typed") { EXPECT_EQ(a.response, ResponseToJson(Response::Text("peace"))); }
        // Settling again with nothing new typed records nothing.
        s.SettleTyping(t + 5000);
        EXPECT_EQ(typed_records(), 1);
        // The attempt's saved state has the settled answer too (resume shows it).
        if (how != Settle::Submit) {
            auto open = m_store->OpenAttempt(*learner, course->id, quiz.id);
            ASSERT_TRUE(open.has_value());
            auto state = AttemptFromJson(open->state_json, quiz);
            ASSERT_TRUE(state.ok());
            EXPECT_EQ(state.value->answers.at("q-typed").text, "peace");
        }
    }
}

// A changed answer after a settled one is a second record; clearing a field that was never
// recorded records nothing; clearing a recorded one records the clearing.
TEST_F(SessionStore, ATypedAnswerChangedLaterIsANewRecordAndAnUnchangedOneIsNot) {
    auto course = TypedQuizCourse();
    const Quiz& quiz = *course->modules[0].quiz;
    Session s(course, m_store.get(), m_learner);
    s.OpenQuiz(quiz, 2000);
    ASSERT_TRUE(s.StartAttempt(quiz, 2000));
    auto records = [&] { return m_store->Answers(EventFilter(m_learner)).size(); };
    s.DraftAnswer("q-typed", Response::Text("x"), 3000);
    s.DraftAnswer("q-typed", Response::Text(""), 3100);
    s.SettleTyping(3200);
    EXPECT_EQ(records(), 0u) << "typed and erased before anything was recorded";
    s.DraftAnswer("q-typed", Response::Text("war"), 4000);
    s.SettleTyping(4100);
    EXPECT_EQ(records(), 1u);
    s.DraftAnswer("q-typed", Response::Text("wa"), 5000);
    s.DraftAnswer("q-typed", Response::Text("war"), 5100);  // back to what is recorded
    s.SettleTyping(5200);
    EXPECT_EQ(records(), 1u);
    s.DraftAnswer("q-typed", Response::Text("peace"), 6000);
    s.SettleTyping(6100);
    EXPECT_EQ(records(), 2u);
    s.DraftAnswer("q-typed", Response::Text(""), 7000);
    s.SettleTyping(7100);
    EXPECT_EQ(records(), 3u) << "clearing a recorded answer is recorded";
    // A restart: the attempt comes back with the last settled state, and re-settling it records nothing.
    Reopen();
    Session again(course, m_store.get(), m_learner);
    again.OpenQuiz(quiz, 8000);
    ASSERT_NE(again.ActiveAttempt(), nullptr);
    EXPECT_EQ(again.ActiveAttempt()->answers.count("q-typed"), 0u);
}
