#include "learning/session.h"

#include <algorithm>
#include <climits>
#include <functional>

namespace lectern {

namespace {

uint64_t StableHash(const std::string& s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a: the same order on every machine and run
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

}  // namespace

Session::Session(std::shared_ptr<const Course> course, ProgressStore* store, std::optional<LearnerId> learner)
    : m_course(std::move(course)), m_store(store), m_learner(learner), m_nav(*m_course) {
    RefreshProgress();
}

void Session::Note(const WriteResult& r) {
    if (r.ok()) {
        m_last_error.clear();
        m_last_code = StoreError::None;
        return;
    }
    m_last_code = r.error().code;
    m_last_error = std::string("Progress could not be saved: ") + ToString(r.error().code) +
                   (r.error().message.empty() ? "" : " (" + r.error().message + ")");
}

std::string Session::LastError() const {
    if (m_pending.empty()) return m_last_error;
    int n = static_cast<int>(m_pending.size());
    return std::to_string(n) + (n == 1 ? " answer is" : " answers are") +
           " NOT saved yet and waiting (" + m_pending_reason +
           "). You can keep reading; they are saved as soon as the progress file accepts them.";
}

bool Session::IsUnsavedQuizAnswer(const std::string& question_id) const {
    if (m_draft && m_draft->question_id == question_id) return true;  // typed, not settled yet
    for (const Pending& p : m_pending)
        if (p.key == "quiz:" + question_id) return true;
    return false;
}

int Session::RetryUnsaved(int64_t now_ms) {
    size_t done = 0;
    for (; done < m_pending.size(); ++done) {
        WriteResult r = m_pending[done].write(now_ms);
        bool may_succeed_later = r.error().code == StoreError::DiskFull || r.error().code == StoreError::Io ||
                                 r.error().code == StoreError::Busy || r.error().code == StoreError::NotSaving ||
                                 r.error().code == StoreError::Corrupt;
        if (!r.ok() && may_succeed_later) {
            m_pending_code = r.error().code;
            m_pending_reason = std::string(ToString(r.error().code)) + (r.error().message.empty() ? "" : ": " + r.error().message);
            break;
        }
        if (!r.ok()) {
            // Refused for good (its attempt is gone, say): waiting would block every later answer.
            Note(r);
            continue;
        }
        if (m_pending[done].on_saved) m_pending[done].on_saved();
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(done));
    return static_cast<int>(m_pending.size());
}

bool Session::CommitAnswer(Pending p, int64_t now_ms) {
    if (RetryUnsaved(now_ms) == 0) {
        WriteResult r = p.write(now_ms);
        if (r.ok()) {
            m_last_error.clear();
            m_last_code = StoreError::None;
            if (p.on_saved) p.on_saved();
            return true;
        }
        m_pending_code = r.error().code;
        m_pending_reason = std::string(ToString(r.error().code)) + (r.error().message.empty() ? "" : ": " + r.error().message);
    }
    m_pending.push_back(std::move(p));
    return false;
}

void Session::RefreshProgress() {
    if (m_store && m_learner) m_progress = m_store->LoadProgress(*m_learner, m_course->id);
    else m_progress.course_id = m_course->id;
}

CourseStatus Session::Status() const { return ComputeStatus(*m_course, m_progress); }

// ---- reading ---------------------------------------------------------------------------------

bool Session::Resume() {
    if (!m_store || !m_learner) return false;
    auto loc = m_store->LastLocation(*m_learner, m_course->id);
    if (!loc) return false;
    // Reading resumes at the last page read, also under a quiz: "Read" from the quiz (or from
    // the final assessment) then goes back there, not to the course's first page.
    const std::string* last_page = nullptr;
    int64_t last_ms = INT64_MIN;
    for (const auto& [page, ms] : m_progress.pages_viewed) {
        // Pages shown after the location was saved were never drawn to the end (see PageDrawn).
        if (ms >= last_ms && ms <= loc->updated_ms && m_course->page_index.count(page)) {
            last_ms = ms;
            last_page = &page;
        }
    }
    if (last_page) m_nav.JumpTo(*last_page);
    if (!loc->quiz_id.empty()) {
        if (const Quiz* q = FindQuiz(loc->quiz_id)) {
            // Reading resumes at the page before the quiz, so Back from the quiz lands sensibly.
            OpenQuiz(*q, loc->updated_ms);
            m_has_resume = true;
            return true;
        }
    }
    if (!loc->page_id.empty() && m_nav.JumpTo(loc->page_id)) {
        m_has_resume = true;
        return true;
    }
    return false;  // the page is gone from the course: start at the beginning
}

void Session::ShowPage(int reading_index, int64_t now_ms) {
    if (!m_nav.JumpToIndex(reading_index)) return;
    m_place = Place::Page;
    // The screens read check and scenario state through const look-ups: make it exist first.
    for (const Block& b : m_nav.Current().blocks) {
        if (b.kind == BlockKind::Question && b.question) Check(*b.question);
        if (b.kind == BlockKind::Scenario && b.scenario) Run(*b.scenario);
    }
    const std::string& id = m_nav.Current().id;
    m_progress.pages_viewed[id] = now_ms;
    if (Saving()) Note(m_store->RecordPageView(*m_learner, m_course->id, id, now_ms));
    m_location_pending = true;  // saved once drawn (PageDrawn)
}

void Session::PageDrawn(int64_t now_ms) {
    if (m_location_pending && m_place == Place::Page) SaveLocation(now_ms);
    m_location_pending = false;
}

void Session::SaveLocation(int64_t now_ms) {
    m_location_pending = false;
    if (!Saving()) return;
    Location loc;
    loc.course_id = m_course->id;
    if (m_place == Place::Quiz && m_quiz) {
        loc.quiz_id = m_quiz->id;
        loc.question_index = m_attempt ? m_attempt->current : -1;
    } else {
        loc.page_id = m_nav.Current().id;
    }
    Note(m_store->SaveLocation(*m_learner, loc, now_ms));
}

const Module* Session::ModuleOfQuiz(const Quiz& quiz) const {
    for (const auto& m : m_course->modules)
        if (m.quiz.get() == &quiz) return &m;
    return nullptr;
}

const Quiz* Session::QuizAfterCurrentPage() const {
    const Module& m = m_nav.CurrentModule();
    auto where = m_nav.Where();
    bool last_lesson = where.lesson + 1 == static_cast<int>(m.lessons.size());
    if (last_lesson && m_nav.AtLessonEnd() && m.quiz) return m.quiz.get();
    // After the last core module's pages (and its quiz), the final assessment; checked by the app.
    return nullptr;
}

int Session::PageAfterQuiz(const Quiz& quiz) const {
    const Module* m = ModuleOfQuiz(quiz);
    if (!m) return -1;
    const Lesson& last = m->lessons.back();
    auto it = m_course->page_index.find(last.pages.back().id);
    if (it == m_course->page_index.end()) return -1;
    int next = it->second + 1;
    return next < static_cast<int>(m_course->reading_order.size()) ? next : -1;
}

Session::StepAfterQuiz Session::NextAfterQuiz(const Quiz& quiz) const {
    StepAfterQuiz step;
    if (!ModuleOfQuiz(quiz)) return step;  // the final assessment (or a quiz of no module): the end
    step.page = PageAfterQuiz(quiz);
    if (step.page < 0 && m_course->assessment && m_course->assessment.get() != &quiz) step.quiz = m_course->assessment.get();
    return step;
}

// ---- knowledge checks ------------------------------------------------------------------------

CheckState& Session::Check(const Question& q) {
    auto it = m_checks.find(q.id);
    if (it != m_checks.end()) return it->second;
    CheckState s;
    // The order a check shows is fixed per question (so it never jumps between visits), and
    // matching and ordering never start in the answer's order. The attempt logic does both.
    Quiz one;
    one.id = q.id;
    one.shuffle_choices = false;
    one.shuffle_questions = false;
    Pool pool;
    pool.draw = 1;
    pool.questions.push_back(std::shared_ptr<const Question>(std::shared_ptr<const Question>(), &q));
    one.pools.push_back(pool);
    Attempt a = lectern::StartAttempt(one, 1, StableHash(q.id), 0);
    auto order = a.display_order.find(q.id);
    if (order != a.display_order.end()) s.display_order = order->second;
    if (q.type == QuestionType::Ordering) s.response = Response::Ordering(s.display_order);
    // Resume: the learner's last checked answer, with the verdict it got.
    for (const AnswerRecord& a : SavedAnswers()) {
        if (a.kind != AnswerKind::Check || a.item_id != q.id) continue;
        auto parsed = ResponseFromJson(a.response);
        if (!parsed.ok()) continue;
        s.response = *parsed.value;
        s.last = GradeResponse(q, s.response);
        ++s.tries;
    }
    return m_checks.emplace(q.id, std::move(s)).first->second;
}

const std::vector<AnswerRecord>& Session::SavedAnswers() {
    if (!m_saved_answers_loaded) {
        m_saved_answers_loaded = true;
        if (m_store && m_learner) m_saved_answers = m_store->Answers(EventFilter(*m_learner, m_course->id));
    }
    return m_saved_answers;
}

const CheckState* Session::FindCheck(const std::string& question_id) const {
    auto it = m_checks.find(question_id);
    return it == m_checks.end() ? nullptr : &it->second;
}

const ScenarioRun* Session::FindRun(const std::string& scenario_id) const {
    auto it = m_runs.find(scenario_id);
    return it == m_runs.end() ? nullptr : it->second.get();
}

void Session::SetCheckResponse(const Question& q, const Response& r) {
    CheckState& s = Check(q);
    s.response = r;
    s.last.reset();  // the last check's verdict was about the old answer
}

Grade Session::SubmitCheck(const Question& q, const std::string& page_id, int64_t now_ms) {
    CheckState& s = Check(q);
    Grade g = GradeResponse(q, s.response);
    s.last = g;
    ++s.tries;
    if (!Saving()) m_progress.checks_answered[q.id] = now_ms;
    if (Saving()) {
        AnswerEvent e;
        e.learner = *m_learner;
        e.course_id = m_course->id;
        e.kind = AnswerKind::Check;
        e.container_id = page_id;
        e.item_id = q.id;
        e.response = ResponseToJson(s.response);
        e.correct = g.status == GradeStatus::Correct;
        e.score = g.earned;
        e.max_score = g.max;
        std::string id = q.id;
        CommitAnswer({"check:" + id, [this, e, now_ms](int64_t) { return m_store->RecordAnswer(e, now_ms); },
                      [this, id, now_ms] { m_progress.checks_answered[id] = now_ms; }},
                     now_ms);
    }
    return g;
}

void Session::RevealCheck(const Question& q) { Check(q).revealed = true; }

// ---- quizzes ---------------------------------------------------------------------------------

const Quiz* Session::FindQuiz(const std::string& quiz_id) const {
    for (const auto& q : AllQuizzes(*m_course))
        if (q->id == quiz_id) return q.get();
    return nullptr;
}

void Session::OpenQuiz(const Quiz& quiz, int64_t now_ms) {
    SettleTyping(now_ms);
    m_recorded.clear();
    m_quiz = &quiz;
    m_place = Place::Quiz;
    m_result.reset();
    m_attempt.reset();
    if (m_store && m_learner) {
        if (auto open = m_store->OpenAttempt(*m_learner, m_course->id, quiz.id)) {
            auto parsed = AttemptFromJson(open->state_json, quiz);
            if (parsed.ok()) {
                m_attempt = *parsed.value;
                // Answers are recorded one per question as well: the newest for each question
                // wins over the saved state, so a state written without an answer (by a writer
                // that did not know of it) never drops one the learner gave.
                for (const AnswerRecord& a : m_store->Answers(EventFilter(*m_learner, m_course->id))) {
                    if (a.kind != AnswerKind::Quiz || a.container_id != quiz.id || a.attempt_number != m_attempt->number)
                        continue;
                    if (std::find(m_attempt->questions.begin(), m_attempt->questions.end(), a.item_id) ==
                        m_attempt->questions.end())
                        continue;
                    if (auto r = ResponseFromJson(a.response); r.ok()) {
                        // The newest record wins, also when it cleared the answer.
                        if (r.value->IsAnswered()) m_attempt->answers[a.item_id] = *r.value;
                        else m_attempt->answers.erase(a.item_id);
                        m_recorded[a.item_id] = *r.value;
                    }
                }
            }
            // A saved attempt for questions the course no longer has cannot be resumed; it stays
            // in the store (set aside) and the learner starts a new one.
        }
    }
    SaveLocation(now_ms);
}

int Session::AttemptsUsed(const Quiz& quiz) const {
    auto it = m_progress.quizzes.find(quiz.id);
    int stored = it == m_progress.quizzes.end() ? 0 : it->second.attempts_submitted;
    auto local = m_local_attempts.find(quiz.id);
    return stored + (local == m_local_attempts.end() ? 0 : local->second);
}

std::optional<double> Session::BestPercent(const Quiz& quiz) const {
    auto it = m_progress.quizzes.find(quiz.id);
    if (it == m_progress.quizzes.end() || !it->second.best_scaled) return std::nullopt;
    return *it->second.best_scaled * 100.0;
}

bool Session::CanStartAttempt(const Quiz& quiz) const { return CanStartAnother(quiz, AttemptsUsed(quiz)); }

bool Session::StartAttempt(const Quiz& quiz, int64_t now_ms) {
    if (!CanStartAttempt(quiz)) return false;
    SettleTyping(now_ms);
    m_recorded.clear();
    m_quiz = &quiz;
    m_place = Place::Quiz;
    m_result.reset();
    int number = AttemptsUsed(quiz) + 1;
    if (m_store && m_learner) number = std::max(number, m_store->NextAttemptNumber(*m_learner, m_course->id, quiz.id));
    // A new draw each attempt: the seed mixes the clock with the quiz and attempt, and is stored.
    uint64_t seed = StableHash(quiz.id + "/" + std::to_string(number)) ^ static_cast<uint64_t>(now_ms) * 0x9E3779B97F4A7C15ull;
    m_attempt = lectern::StartAttempt(quiz, number, seed, now_ms);
    if (Saving()) {
        AttemptStart s;
        s.learner = *m_learner;
        s.course_id = m_course->id;
        s.quiz_id = quiz.id;
        s.attempt_number = number;
        s.seed = static_cast<int64_t>(seed);
        s.state_json = AttemptToJson(*m_attempt);
        CommitAnswer({"attempt:" + quiz.id, [this, s, now_ms](int64_t) { return m_store->StartAttempt(s, now_ms); }, {}},
                     now_ms);
    }
    m_progress.quizzes[quiz.id].attempts_started++;
    SaveLocation(now_ms);
    return true;
}

AttemptError Session::AnswerQuestion(const std::string& question_id, const Response& r, int64_t now_ms) {
    if (!m_quiz || !m_attempt) return AttemptError::NotInAttempt;
    if (m_draft && m_draft->question_id != question_id) SettleTyping(now_ms);
    AttemptError e = Answer(*m_attempt, *m_quiz, question_id, r);
    if (e != AttemptError::None) return e;
    if (m_draft && m_draft->question_id == question_id) m_draft.reset();  // this answer settles it
    RecordQuizAnswer(question_id, now_ms);
    return e;
}

void Session::RecordQuizAnswer(const std::string& question_id, int64_t now_ms) {
    if (!Saving() || !m_quiz || !m_attempt) return;
    auto given = m_attempt->answers.find(question_id);
    Response r = given == m_attempt->answers.end() ? Response::None() : given->second;
    auto recorded = m_recorded.find(question_id);
    // Unchanged (or cleared before anything was recorded): nothing new to record.
    if (recorded == m_recorded.end() ? !r.IsAnswered() : recorded->second == r) return;
    AnswerEvent ev;
    ev.learner = *m_learner;
    ev.course_id = m_course->id;
    ev.kind = AnswerKind::Quiz;
    ev.container_id = m_quiz->id;
    ev.item_id = question_id;
    ev.attempt_number = m_attempt->number;
    ev.response = ResponseToJson(r);
    std::string state = AttemptToJson(*m_attempt);
    CommitAnswer({"quiz:" + question_id,
                  [this, ev, state, now_ms](int64_t) { return m_store->RecordQuizAnswer(ev, state, now_ms); },
                  [this, question_id, r] { m_recorded[question_id] = r; }},
                 now_ms);
}

AttemptError Session::DraftAnswer(const std::string& question_id, const Response& r, int64_t now_ms) {
    if (!m_quiz || !m_attempt) return AttemptError::NotInAttempt;
    if (m_draft && m_draft->question_id != question_id) SettleTyping(now_ms);
    AttemptError e = Answer(*m_attempt, *m_quiz, question_id, r);
    if (e == AttemptError::None) m_draft = Draft{question_id, now_ms};
    return e;
}

void Session::SettleTyping(int64_t now_ms) {
    if (!m_draft) return;
    std::string id = m_draft->question_id;
    m_draft.reset();
    RecordQuizAnswer(id, now_ms);
}

int64_t Session::SettleTypingIfPaused(int64_t now_ms) {
    if (!m_draft) return -1;
    int64_t due = m_draft->last_edit_ms + kTypingPauseMs;
    if (now_ms < due) return due - now_ms;
    SettleTyping(now_ms);
    return -1;
}

AttemptError Session::MoveInQuiz(int delta, int64_t now_ms) {
    if (!m_quiz || !m_attempt) return AttemptError::NotInAttempt;
    SettleTyping(now_ms);
    AttemptError e = delta > 0 ? Next(*m_attempt) : Prev(*m_attempt, *m_quiz);
    if (e == AttemptError::None && Saving()) {
        AttemptKey key{*m_learner, m_course->id, m_quiz->id, m_attempt->number};
        Note(m_store->SaveAttempt(key, AttemptToJson(*m_attempt), now_ms));
        SaveLocation(now_ms);
    }
    return e;
}

AttemptError Session::JumpInQuiz(int index, int64_t now_ms) {
    if (!m_quiz || !m_attempt) return AttemptError::NotInAttempt;
    SettleTyping(now_ms);
    if (index < 0 || index >= static_cast<int>(m_attempt->questions.size())) return AttemptError::NotInAttempt;
    AttemptError e = JumpTo(*m_attempt, *m_quiz, m_attempt->questions[static_cast<size_t>(index)]);
    if (e == AttemptError::None && Saving()) {
        AttemptKey key{*m_learner, m_course->id, m_quiz->id, m_attempt->number};
        Note(m_store->SaveAttempt(key, AttemptToJson(*m_attempt), now_ms));
        SaveLocation(now_ms);
    }
    return e;
}

QuizResult Session::SubmitQuiz(int64_t now_ms) {
    QuizResult r;
    if (!m_quiz || !m_attempt) return r;
    SettleTyping(now_ms);
    r = Submit(*m_attempt, *m_quiz, now_ms);
    if (Saving()) {
        AttemptKey key{*m_learner, m_course->id, m_quiz->id, m_attempt->number};
        AttemptResult ar;
        ar.score_raw = r.earned;
        ar.score_max = r.max;
        ar.passed = r.passed;
        std::string state = AttemptToJson(*m_attempt);
        CommitAnswer({"submit:" + m_quiz->id,
                      [this, key, ar, state, now_ms](int64_t) { return m_store->SubmitAttempt(key, ar, state, now_ms); },
                      {}},
                     now_ms);
        RefreshProgress();
    } else {
        m_local_attempts[m_quiz->id]++;
        auto& summary = m_progress.quizzes[m_quiz->id];
        summary.passed = summary.passed || r.passed;
        double scaled = r.max > 0 ? r.earned / r.max : 0;
        if (!summary.best_scaled || scaled > *summary.best_scaled) summary.best_scaled = scaled;
    }
    m_result = r;
    return r;
}

void Session::LeaveQuiz(int64_t now_ms) {
    SettleTyping(now_ms);
    m_place = Place::Page;
    m_result.reset();
    if (m_attempt && m_attempt->submitted) m_attempt.reset();
    m_quiz = nullptr;
}

// ---- scenarios -------------------------------------------------------------------------------

ScenarioRun& Session::Run(const Scenario& s) {
    auto it = m_runs.find(s.id);
    if (it != m_runs.end()) return *it->second;
    auto run = std::make_unique<ScenarioRun>(s);
    // Resume: replay the recorded choices in order. A choice recorded at the start node while the
    // run is elsewhere (or ended) means the learner played again; a choice that no longer fits
    // the course (the scenario was edited) starts over rather than guess.
    for (const AnswerRecord& a : SavedAnswers()) {
        if (a.kind != AnswerKind::Scenario || a.container_id != s.id) continue;
        const ScenarioNode* node = run->Current();
        if (!node || node->id != a.item_id || run->IsEnded()) {
            run->Restart();
            node = run->Current();
        }
        if (!node || node->id != a.item_id || run->Choose(a.response) != ChooseError::None) run->Restart();
    }
    return *m_runs.emplace(s.id, std::move(run)).first->second;
}

void Session::ChooseInScenario(const Scenario& s, const std::string& choice_id, int64_t now_ms) {
    ScenarioRun& run = Run(s);
    const ScenarioNode* node = run.Current();
    if (!node || run.Choose(choice_id) != ChooseError::None) return;
    if (!Saving()) return;
    AnswerEvent e;
    e.learner = *m_learner;
    e.course_id = m_course->id;
    e.kind = AnswerKind::Scenario;
    e.container_id = s.id;
    e.item_id = node->id;
    e.response = choice_id;
    CommitAnswer({"scenario:" + s.id, [this, e, now_ms](int64_t) { return m_store->RecordAnswer(e, now_ms); }, {}},
                 now_ms);
    if (run.IsEnded()) {
        ScenarioEnding end;
        end.learner = *m_learner;
        end.course_id = m_course->id;
        end.scenario_id = s.id;
        end.ending_id = run.Current()->id;
        Rating o = run.Current()->outcome;
        end.outcome = o == Rating::Best ? "best" : o == Rating::Acceptable ? "acceptable" : "poor";
        end.path_json = ScenarioRunToJson(run);
        std::string sid = s.id;
        CommitAnswer({"ending:" + s.id, [this, end, now_ms](int64_t) { return m_store->RecordScenarioEnding(end, now_ms); },
                      [this, sid, end] { m_progress.scenario_endings[sid] = end.ending_id; }},
                     now_ms);
    }
}

void Session::RestartScenario(const Scenario& s) { Run(s).Restart(); }

void Session::AddActiveTime(int64_t active_ms, int64_t now_ms) {
    if (active_ms <= 0) return;
    ItemType type = m_place == Place::Quiz && m_quiz ? ItemType::Quiz : ItemType::Page;
    std::string id = type == ItemType::Quiz ? m_quiz->id : m_nav.Current().id;
    m_progress.active_ms[id] += active_ms;
    if (Saving()) Note(m_store->AddActiveTime(*m_learner, m_course->id, type, id, active_ms, now_ms));
}

}  // namespace lectern
