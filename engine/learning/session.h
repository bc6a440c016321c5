// A learner's session with a course: where they are, what they answered, their quiz attempts
// and scenario runs, and the durable record of all of it. Every event is committed to the
// progress store before the call returns (so the screen acknowledges only what is saved).
// Pure logic over the model and the store; the clock is a parameter; no GUI.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "learning/attempt.h"
#include "learning/grading.h"
#include "learning/navigator.h"
#include "learning/scenario_run.h"
#include "progress/progress_status.h"
#include "progress/progress_store.h"

namespace lectern {

// A knowledge check as the learner left it: what is ticked now, and what the last check said.
struct CheckState {
    Response response;
    std::vector<std::string> display_order;  // choices / right items / starting order of items
    int tries = 0;
    std::optional<Grade> last;  // the grade of the last "Check"
    bool revealed = false;      // "show answer" pressed
};

// Where the learner is: a page, or a quiz (with its intro, questions or results).
enum class Place { Page, Quiz };

class Session {
public:
    // `store` may be null (a guest, or a store that could not be opened): nothing is saved.
    Session(std::shared_ptr<const Course> course, ProgressStore* store, std::optional<LearnerId> learner);

    const Course& GetCourse() const { return *m_course; }
    Navigator& Nav() { return m_nav; }
    const Navigator& Nav() const { return m_nav; }
    bool Saving() const { return m_store && m_learner && !m_store->read_only(); }
    std::optional<LearnerId> Learner() const { return m_learner; }
    // For the banner: while answers wait to be saved, how many and why; otherwise the last
    // write that failed (empty when all is well).
    std::string LastError() const;
    // The same as a code for the interface to word in the course's language (ui/kiosk_words):
    // `waiting` answers kept back by `code`, or (waiting 0) the last failed write's code; None
    // when all is well. LastError is its English, for the terminal and the trace.
    struct Trouble {
        int waiting = 0;
        StoreError code = StoreError::None;
    };
    Trouble SaveTrouble() const { return m_pending.empty() ? Trouble{0, m_last_code} : Trouble{static_cast<int>(m_pending.size()), m_pending_code}; }

    // ---- answers the store refused (disk full, read-only, a replaced file) -----------------
    // An answer the store could not commit is kept here, in order, and retried before every
    // later answer and whenever the app calls RetryUnsaved; it never counts as answered (no tick,
    // not in the progress screen) until it is saved.
    int UnsavedAnswers() const { return static_cast<int>(m_pending.size()); }
    bool IsUnsavedQuizAnswer(const std::string& question_id) const;
    // Tries the waiting answers again, oldest first; returns how many are still waiting.
    int RetryUnsaved(int64_t now_ms);

    // ---- reading -----------------------------------------------------------------------------
    // Restores the last location (page or quiz); false when there is none.
    bool Resume();
    bool HasResumePoint() const { return m_has_resume; }
    Place CurrentPlace() const { return m_place; }
    // Records the page view and the location. Call whenever a page is shown.
    void ShowPage(int reading_index, int64_t now_ms);
    // Where "Next" goes after the current page: the module's quiz at the end of a module.
    const Quiz* QuizAfterCurrentPage() const;
    // The page after a quiz (the next module's first page), or -1.
    int PageAfterQuiz(const Quiz& quiz) const;
    // Where a quiz's results screen continues, the next thing in course order: the next
    // module's first page; after the last module's quiz, the final assessment (the reader's
    // last page offers it too, and a learner who has just passed the last quiz is looking for
    // it); after the assessment, or when the course has none, nothing (the screen offers the
    // learner's progress, as the reader's last page does).
    struct StepAfterQuiz {
        int page = -1;               // a reading index, or -1
        const Quiz* quiz = nullptr;  // the final assessment, or null
        bool End() const { return page < 0 && !quiz; }
    };
    StepAfterQuiz NextAfterQuiz(const Quiz& quiz) const;
    const Module* ModuleOfQuiz(const Quiz& quiz) const;

    // ---- knowledge checks --------------------------------------------------------------------
    CheckState& Check(const Question& q);
    const CheckState* FindCheck(const std::string& question_id) const;
    void SetCheckResponse(const Question& q, const Response& r);
    // Grades the current response, records the answer, returns the grade.
    Grade SubmitCheck(const Question& q, const std::string& page_id, int64_t now_ms);
    void RevealCheck(const Question& q);

    // ---- quizzes -----------------------------------------------------------------------------
    const Quiz* FindQuiz(const std::string& quiz_id) const;
    // Opens a quiz: resumes its unfinished attempt if there is one (exactly as left).
    void OpenQuiz(const Quiz& quiz, int64_t now_ms);
    const Quiz* ActiveQuiz() const { return m_quiz; }
    Attempt* ActiveAttempt() { return m_attempt ? &*m_attempt : nullptr; }
    const Attempt* ActiveAttempt() const { return m_attempt ? &*m_attempt : nullptr; }
    // Attempts this learner has made (submitted ones, from the store or this session).
    int AttemptsUsed(const Quiz& quiz) const;
    std::optional<double> BestPercent(const Quiz& quiz) const;
    bool CanStartAttempt(const Quiz& quiz) const;
    bool StartAttempt(const Quiz& quiz, int64_t now_ms);
    // Records one answer (saved with the whole attempt state) and returns whether it was accepted.
    // An answer equal to the one last recorded for that question is not recorded again.
    AttemptError AnswerQuestion(const std::string& question_id, const Response& r, int64_t now_ms);

    // ---- typed answers -----------------------------------------------------------------------
    // A typed answer is a draft while the learner types: the attempt holds it (the screen shows
    // it) but nothing is recorded, and it gets no tick. It is recorded once it settles: Enter,
    // leaving the field, any other action (another question, Next, Submit, a link), a pause in
    // typing of kTypingPauseMs, sign-out and close. One settled answer is one record, however
    // many keys made it (a record per keystroke gave an LRS 13 "answered" for one word).
    static constexpr int64_t kTypingPauseMs = 1000;
    AttemptError DraftAnswer(const std::string& question_id, const Response& r, int64_t now_ms);
    bool HasDraft() const { return m_draft.has_value(); }
    // Records the draft now, if there is one (and it differs from what is recorded).
    void SettleTyping(int64_t now_ms);
    // Settles the draft once the learner has not typed for kTypingPauseMs. Returns the ms until a
    // waiting draft is due (the app wakes then), or -1 when no draft waits.
    int64_t SettleTypingIfPaused(int64_t now_ms);
    AttemptError MoveInQuiz(int delta, int64_t now_ms);
    AttemptError JumpInQuiz(int index, int64_t now_ms);
    QuizResult SubmitQuiz(int64_t now_ms);
    const std::optional<QuizResult>& LastResult() const { return m_result; }
    void LeaveQuiz(int64_t now_ms);  // settles a typed draft first

    // ---- scenarios ---------------------------------------------------------------------------
    ScenarioRun& Run(const Scenario& s);
    const ScenarioRun* FindRun(const std::string& scenario_id) const;
    void ChooseInScenario(const Scenario& s, const std::string& choice_id, int64_t now_ms);
    void RestartScenario(const Scenario& s);

    // The app calls this after each frame in which the reader drew the current page to the end.
    // Only then does a page shown by ShowPage become the resume point: a page the player fails
    // to draw (a fault in drawing its content) must not be reopened at every start, locking the
    // learner out of the course.
    void PageDrawn(int64_t now_ms);

    // ---- progress ----------------------------------------------------------------------------
    CourseStatus Status() const;
    const LearnerProgress& Progress() const { return m_progress; }
    // Adds active time to the current page or quiz (the app decides what is active).
    void AddActiveTime(int64_t active_ms, int64_t now_ms);

private:
    void Note(const WriteResult& r);
    // Records the attempt's answer to this question unless it is the one already recorded.
    void RecordQuizAnswer(const std::string& question_id, int64_t now_ms);
    struct Pending {
        std::string key;  // "quiz:<question id>", "check:<id>", "scenario:<id>", "attempt:<quiz id>"
        std::function<WriteResult(int64_t now_ms)> write;
        std::function<void()> on_saved;
    };
    // Commits an answer after the waiting ones; false (and queued) when the store refused it.
    bool CommitAnswer(Pending p, int64_t now_ms);
    std::vector<Pending> m_pending;
    std::string m_pending_reason;
    void SaveLocation(int64_t now_ms);
    void RefreshProgress();

    std::shared_ptr<const Course> m_course;
    ProgressStore* m_store;
    std::optional<LearnerId> m_learner;
    Navigator m_nav;
    Place m_place = Place::Page;
    bool m_has_resume = false;
    bool m_location_pending = false;  // a page shown, not yet drawn (PageDrawn)
    std::map<std::string, CheckState> m_checks;
    const Quiz* m_quiz = nullptr;
    std::optional<Attempt> m_attempt;
    std::optional<QuizResult> m_result;
    struct Draft {
        std::string question_id;
        int64_t last_edit_ms = 0;
    };
    std::optional<Draft> m_draft;
    // The response last recorded for each question of the open attempt: an unchanged answer
    // (Enter, then leaving the field) is not a second record.
    std::map<std::string, Response> m_recorded;
    std::map<std::string, std::unique_ptr<ScenarioRun>> m_runs;
    // What the store holds of this learner's checks and scenario choices, read once on first
    // use, so a check or scenario the learner comes back to shows what they left (resume).
    const std::vector<AnswerRecord>& SavedAnswers();
    bool m_saved_answers_loaded = false;
    std::vector<AnswerRecord> m_saved_answers;
    LearnerProgress m_progress;
    std::map<std::string, int> m_local_attempts;  // guests: attempts made in this session
    std::string m_last_error;
    StoreError m_last_code = StoreError::None;
    StoreError m_pending_code = StoreError::None;
};

}  // namespace lectern
