// A scored quiz: the intro (pass mark, attempts), one question at a time with free or linear
// navigation, a warning about unanswered questions and a confirmation before submitting, then
// the results with the review the author chose. Every answer is saved as it is given.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "learning/session.h"
#include "ui/blocks.h"
#include "ui/input.h"
#include "ui/question_widget.h"
#include "ui/screens.h"

namespace lectern::ui {

std::string QuizIntroFacts(const Quiz& quiz, int pool_size, int used) {
    const int n = quiz.QuestionsPerAttempt();
    const TrArgs args = {{"count", std::to_string(n)},
                         {"pool", std::to_string(pool_size)},
                         {"percent", std::to_string(quiz.pass_percent)},
                         {"needed", std::to_string((n * quiz.pass_percent + 99) / 100)},
                         {"attempts", std::to_string(quiz.max_attempts)},
                         {"used", std::to_string(used)}};
    std::string out = n == 1 ? TrFText("{count} question", args) : TrFText("{count} questions", args);
    if (pool_size != n) out += TrFText(", drawn from {pool}", args);
    out += TrFText(". Pass mark {percent}%", args);
    // When every question is worth the same, say what the pass mark means in questions: with four
    // questions and 80 %, all four must be right, which "80 %" alone hides.
    bool same_points = true;
    int points = -1;
    for (const auto& p : quiz.pools)
        for (const auto& q : p.questions) {
            if (points >= 0 && q->points != points) same_points = false;
            points = q->points;
        }
    if (same_points && n > 0 && quiz.pass_percent > 0) {
        const int needed = (n * quiz.pass_percent + 99) / 100;
        if (needed >= n) out += n == 1 ? TrText(": the question must be right") : TrFText(": all {count} must be right", args);
        else out += TrFText(": at least {needed} of {count} right", args);
    }
    out += ". ";
    out += quiz.max_attempts == 0   ? TrText("Unlimited attempts")
           : quiz.max_attempts == 1 ? TrFText("{attempts} attempt allowed", args)
                                    : TrFText("{attempts} attempts allowed", args);
    out += TrFText("; you have used {used}.", args);
    return out;
}

const char* QuizIntroNote(bool present, bool guest) {
    if (present) return UiKey("The score is for the room's own learning; nothing is recorded and no certificate is issued.");
    if (guest) return UiKey("As a guest, your answers are not saved: they are lost when Lectern closes or you sign out. "
                            "The score is for your own learning; no certificate is issued.");
    return UiKey("Each answer is saved as you give it: you can stop at any time and come back to the same question. "
                 "The score is for your own learning; no certificate is issued.");
}

const char* HomeNotice(bool present, bool guest) {
    if (present) return UiKey("This guide issues no certificate and no record of completion. Nothing is recorded in presenter view.");
    if (guest) return UiKey("This guide issues no certificate and no record of completion. As a guest, nothing you do is saved: "
                            "sign in with your name to keep your place and your answers.");
    return UiKey("This guide issues no certificate and no record of completion. Your progress is kept on this computer only, "
                 "so you can stop at any time and continue later.");
}

const char* WhoIsSignedIn(bool present, bool guest) {
    if (present) return UiKey("Presenter view: nothing is recorded.");
    return guest ? UiKey("Guest: nothing is saved in this session.") : UiKey("Learner: ");
}

const char* QuizOutcomeText(bool passed, bool can_try_again) {
    if (passed) return UiKey("Passed. Well done.");
    return can_try_again ? UiKey("Not passed this time. Review the lessons and try again when ready.")
                         : UiKey("Not passed. You have used every attempt this quiz allows; the lessons stay open to review.");
}

namespace {

QuizLayout g_layout;  // the last frame's, for LastQuizLayout

void Title(Frame& f, const std::string& text, float width, ImFont* font) {
    RichText("title", Inline{TextRun(text, true)}, SingleFontStyle(font, f.theme.text, 1.2f), f.rich, width);
}

void Intro(Frame& f, const Session& s, const Quiz& quiz, float width) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    if (!quiz.intro.empty()) RichText("intro", quiz.intro, BodyStyle(fonts, t), f.rich, width);
    int pool = 0;
    for (const auto& p : quiz.pools) pool += static_cast<int>(p.questions.size());
    const std::string facts = QuizIntroFacts(quiz, pool, s.AttemptsUsed(quiz));
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.4f));
    WrappedText(fonts.body, t.text, facts, width);
    if (auto best = s.BestPercent(quiz)) {
        WrappedText(fonts.body, t.text,
                    TrFText("Your best score so far: {percent}%.", {{"percent", std::to_string(static_cast<int>(std::floor(*best)))}}),
                    width);
    }
    WrappedText(fonts.small, t.text_muted, TrText(QuizIntroNote(f.model.present_mode, f.model.learner_name.empty())), width);
}

// The intro's actions, in the bar pinned under it: Start stays on screen however long the
// intro and however large the text.
void IntroActions(Frame& f, const Session& s, const Quiz& quiz, float width) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    const int used = s.AttemptsUsed(quiz);
    ImGui::PushFont(fonts.ui_bold);
    ControlRow row(width);
    if (s.CanStartAttempt(quiz)) {
        const std::string start = used == 0 ? TrText("Start the quiz") : TrText("Start a new attempt");
        row.Next(ButtonWidth(Shaped(start)));
        if (PrimaryButton(start.c_str(), t, ImVec2(0, fonts.ui_bold->FontSize * 2.2f)))
            f.actions.Push(Action(ActionKind::QuizStart));
        NameIfFocused("Start");
        if (f.state.focus_main && !ImGui::IsWindowAppearing()) {
            FocusLastItem();  // Enter starts
            f.state.focus_main = false;
        }
    } else {
        WrappedText(fonts.ui_bold, t.bad, TrText("You have used every attempt this quiz allows."), width);
    }
    ImGui::PopFont();
    ImGui::PushFont(fonts.ui);
    row.Next(ButtonWidth(Tr("Back to reading")));
    if (ImGui::Button(Tr("Back to reading"))) f.actions.Push(Action(ActionKind::QuizLeave));
    NameIfFocused("Back to reading");
    ImGui::PopFont();
}

// Keys in a quiz: Right/Left next/previous question (as pages in the reader), 1-9 pick the
// choice with that number, Ctrl+Enter submits.
// Returns whether Ctrl+Enter asked to submit (the confirmation opens in the action bar).
bool QuizKeys(Frame& f, const Quiz& quiz, const Attempt& a, const Question* q, const std::vector<std::string>& order) {
    ClaimArrowKeys();  // Left and Right move between questions here, and do nothing else
    int n = static_cast<int>(a.questions.size());
    if (KeyPressed(ImGuiKey_RightArrow) && a.current + 1 < n) f.actions.Push(Action(ActionKind::QuizMove, 1));
    if (KeyPressed(ImGuiKey_LeftArrow) && a.current > 0 && quiz.navigation == QuizNavigation::Free)
        f.actions.Push(Action(ActionKind::QuizMove, -1));
    const ImGuiIO& io = ImGui::GetIO();
    const bool submit = io.KeyCtrl && !io.WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    if (!q) return submit;
    for (int d = 1; d <= 9; ++d) {
        if (!CharPressed(static_cast<char>('0' + d))) continue;
        Action act(ActionKind::QuizAnswer, 0, q->id);
        auto it = a.answers.find(q->id);
        if (q->type == QuestionType::TrueFalse && d <= 2) {
            act.response = Response::TrueFalse(d == 1);
        } else if ((q->type == QuestionType::Single || q->type == QuestionType::Multiple) && d <= static_cast<int>(order.size())) {
            const std::string& id = order[static_cast<size_t>(d - 1)];
            std::vector<std::string> sel;
            if (q->type == QuestionType::Multiple && it != a.answers.end()) sel = it->second.selected;
            auto found = std::find(sel.begin(), sel.end(), id);
            if (found != sel.end()) sel.erase(found);
            else sel.push_back(id);
            if (q->type == QuestionType::Single) sel = {id};
            act.response = Response::Choices(sel);
        } else {
            continue;
        }
        f.actions.Push(act);
    }
    return submit;
}

// The question being answered, in the region that scrolls. Returns whether Ctrl+Enter asked to
// submit.
bool InAttempt(Frame& f, QuizState& qs, const Session& s, const Quiz& quiz, const Attempt& a, float width) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    int n = static_cast<int>(a.questions.size());
    bool submit_asked = false;
    {
        const Question* cq = CurrentQuestion(quiz, a);
        std::vector<std::string> order;
        if (cq) {
            auto o = a.display_order.find(cq->id);
            if (o != a.display_order.end()) order = o->second;
            if (order.empty())
                for (const auto& c : cq->choices) order.push_back(c.id);
        }
        submit_asked = QuizKeys(f, quiz, a, cq, order);
    }
    // An answer the store has not accepted yet is not "answered" (the banner counts it waiting).
    int answered = n - static_cast<int>(Unanswered(a).size());
    for (const auto& [qid, response] : a.answers) answered -= s.IsUnsavedQuizAnswer(qid) ? 1 : 0;
    const std::string head = TrFText("Question {number} of {count}  \xC2\xB7  {answered} answered",
                                     {{"number", std::to_string(a.current + 1)}, {"count", std::to_string(n)}, {"answered", std::to_string(answered)}});
    WrappedText(fonts.ui_bold, t.text_muted, head, width);
    if (quiz.navigation == QuizNavigation::Free) {
        // Numbered buttons: jump to any question; answered ones are ticked. They wrap at the
        // column's edge, not the window's; mirrored, from its right edge.
        ControlRow row(width);
        ImGui::PushFont(fonts.ui);
        for (int i = 0; i < n; ++i) {
            const std::string& qid = a.questions[static_cast<size_t>(i)];
            bool done = a.answers.count(qid) > 0 && !s.IsUnsavedQuizAnswer(qid);
            char label[32];
            std::snprintf(label, sizeof label, "%d%s##jump%d", i + 1, done ? " \xE2\x9C\x93" : "", i);
            row.Next(ButtonWidth(label));
            if (i == a.current) {
                if (PrimaryButton(label, t)) f.actions.Push(Action(ActionKind::QuizJump, i));
            } else if (ImGui::Button(label)) {
                f.actions.Push(Action(ActionKind::QuizJump, i));
            }
            NameIfFocused("question", std::to_string(i + 1));
        }
        ImGui::PopFont();
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
    const Question* q = CurrentQuestion(quiz, a);
    // A new question (or a started attempt) starts with focus at its top, with no ring, as a
    // page does: Tab goes to its first choice or control, never a button pressed by surprise.
    const bool question_changed = qs.last_drawn_question != a.current;
    qs.last_drawn_question = a.current;
    // Until it holds: a window that has just appeared hands focus to its first control a frame
    // later (ImGui's navigation init), as in the reader.
    if (FocusAnchor("##question", question_changed || f.state.focus_main) && !question_changed) f.state.focus_main = false;
    // A new question starts at the top of the region; if its prompt is so long (or the text so
    // large) that the first choice falls below the region, the region scrolls until that choice
    // is in view, once the top has been drawn (a frame after the change).
    ImGuiStorage* kept = ImGui::GetStateStorage();
    const ImGuiID settle = ImGui::GetID("##first-choice-settle");
    if (question_changed) {
        ImGui::SetScrollY(0);
        kept->SetInt(settle, 3);
    }
    if (q) {
        QuestionView v;
        v.question = q;
        // A presenter's room sees the question; its answer only when the presenter reveals it.
        bool present = f.model.present_mode;
        auto& shown = qs.revealed;
        bool revealed = std::find(shown.begin(), shown.end(), q->id) != shown.end();
        if (present && !revealed && CharPressed('a')) {
            shown.push_back(q->id);
            revealed = true;
        }
        v.mode = present ? QuestionMode::Presenter : QuestionMode::Quiz;
        v.show_key = present && revealed;
        v.number_keys = true;  // QuizKeys
        v.width = width;
        v.label = "";
        auto it = a.answers.find(q->id);
        if (it != a.answers.end()) v.response = it->second;
        auto order = a.display_order.find(q->id);
        if (order != a.display_order.end()) v.order = order->second;
        if (q->type == QuestionType::Ordering && it == a.answers.end()) v.response = Response::Ordering(v.order);
        QuestionInput in = DrawQuestion(v, f.rich);
        g_layout.has_first_control = in.has_first_control;
        g_layout.first_control = ImRect(in.first_control_min, in.first_control_max);
        const int settling = question_changed ? 0 : kept->GetInt(settle, 0);
        if (settling > 0) {
            kept->SetInt(settle, settling - 1);
            const float visible_bottom = ImGui::GetCurrentWindow()->InnerRect.Max.y;
            if (in.has_first_control && in.first_control_max.y > visible_bottom)
                ImGui::SetScrollY(ImGui::GetScrollY() + in.first_control_max.y - visible_bottom + fonts.body_px * 0.5f);
        }
        if (in.reveal) shown.push_back(q->id);
        if (in.changed || in.settled) {
            Action act(in.settled ? ActionKind::QuizAnswer : ActionKind::QuizDraft, 0, q->id);
            act.response = in.response;
            f.actions.Push(act);
        }
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.4f));
    if (quiz.navigation == QuizNavigation::Linear)
        WrappedText(fonts.small, t.text_muted, TrText("This quiz goes forward only: you cannot go back to a question."), width);
    WrappedText(fonts.small, t.text_muted,
                TrText("Keys: 1 to 9 pick a choice, Right and Left move between questions, Ctrl+Enter submits."), width);
    return submit_asked;
}

// The attempt's actions, in the bar pinned under the question: Next and Submit stay on screen
// however long the question. `submit_asked`: Ctrl+Enter in the question opens the confirmation.
void AttemptActions(Frame& f, QuizState& qs, const Session& s, const Quiz& quiz, const Attempt& a, float width, bool submit_asked) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    const int n = static_cast<int>(a.questions.size());
    const Question* q = CurrentQuestion(quiz, a);
    if (submit_asked) {
        qs.confirm_submit = true;
        ImGui::OpenPopup("###submit");
    }
    ImGui::PushFont(fonts.ui);
    bool linear = quiz.navigation == QuizNavigation::Linear;
    ControlRow row(width);
    if (!linear) {
        row.Next(ButtonWidth(Tr("\xE2\x86\x90 Previous")));
        ImGui::BeginDisabled(a.current == 0);
        if (ImGui::Button(Tr("\xE2\x86\x90 Previous"))) f.actions.Push(Action(ActionKind::QuizMove, -1));
        NameIfFocused("Previous");
        ImGui::EndDisabled();
    }
    bool last = a.current + 1 >= n;
    if (!last) {
        bool answered_here = q && a.answers.count(q->id);
        row.Next(ButtonWidth(Tr("Next \xE2\x86\x92")));
        if (answered_here ? PrimaryButton(TrText("Next \xE2\x86\x92").c_str(), t) : ImGui::Button(Tr("Next \xE2\x86\x92")))
            f.actions.Push(Action(ActionKind::QuizMove, 1));
        NameIfFocused("Next");
    }
    row.Next(ButtonWidth(Tr("Submit my answers")));
    if (last ? PrimaryButton(TrText("Submit my answers").c_str(), t) : ImGui::Button(Tr("Submit my answers"))) {
        qs.confirm_submit = true;
        ImGui::OpenPopup("###submit");
    }
    NameIfFocused("Submit my answers");
    row.Next(ButtonWidth(Tr("Save and leave")));
    if (ImGui::Button(Tr("Save and leave"))) f.actions.Push(Action(ActionKind::QuizLeave));
    NameIfFocused("Save and leave");
    ImGui::PopFont();


    ImGui::SetNextWindowSize(ImVec2(std::min(width, fonts.body_px * 26), 0));
    if (ImGui::BeginPopupModal((std::string(Tr("Submit?")) + "###submit").c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        auto missing = Unanswered(a);
        if (!missing.empty()) {
            WrappedText(fonts.ui_bold, t.bad,
                        TrFText("{missing} of {count} questions have no answer. They will count as wrong.",
                                {{"missing", std::to_string(missing.size())}, {"count", std::to_string(n)}}),
                        ImGui::GetContentRegionAvail().x);
        }
        WrappedText(fonts.body, t.text, TrText("Submit your answers now? You cannot change them afterwards."),
                    ImGui::GetContentRegionAvail().x);
        ImGui::PushFont(fonts.ui);
        if (PrimaryButton(TrText("Submit").c_str(), t)) {
            f.actions.Push(Action(ActionKind::QuizSubmit));
            qs.confirm_submit = false;
            ImGui::CloseCurrentPopup();
        }
        NameIfFocused("Submit");
        if (ImGui::IsWindowAppearing()) FocusLastItem();  // opened by mouse or keys: Enter submits
        ImGui::SameLine();
        const bool keep_working = ImGui::Button(Tr("Keep working"));
        NameIfFocused("Keep working");
        if (keep_working || KeyPressed(ImGuiKey_Escape)) {
            qs.confirm_submit = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopFont();
        ImGui::EndPopup();
    }
    (void)s;
}

void Results(Frame& f, const Session& s, const Quiz& quiz, const Attempt& a, const QuizResult& r, float width) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    char earned[32], max[32];
    std::snprintf(earned, sizeof earned, "%.4g", r.earned);
    std::snprintf(max, sizeof max, "%.4g", r.max);
    WrappedText(fonts.heading3, t.text,
                TrFText("Your score: {percent}% ({earned} of {max} points). Pass mark {pass}%.",
                        {{"percent", std::to_string(static_cast<int>(std::floor(r.percent + 1e-9)))},
                         {"earned", earned},
                         {"max", max},
                         {"pass", std::to_string(quiz.pass_percent)}}),
                width);
    WrappedText(fonts.ui_bold, r.passed ? t.good : t.bad,
                TrText(QuizOutcomeText(r.passed, s.CanStartAttempt(quiz))), width);
    WrappedText(fonts.small, t.text_muted, TrText("This result is for your own learning. No certificate is issued."), width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
    // On in course order: the next module's first page, or after the last module's quiz the
    // final assessment (NextAfterQuiz); at the course's end only the other buttons.
    const Session::StepAfterQuiz next = s.NextAfterQuiz(quiz);
    const bool go_on = !next.End();
    const Action continue_action = next.quiz ? Action(ActionKind::QuizOpen, 0, next.quiz->id)
                                             : Action(ActionKind::QuizContinue, next.page);
    const std::string continue_title = next.quiz ? next.quiz->title : go_on ? f.model.course->PageAt(next.page).title : "";
    if (go_on) ClaimArrowKeys();
    if (go_on && KeyPressed(ImGuiKey_RightArrow)) f.actions.Push(continue_action);
    // What the learner can do next; drawn again after a long review, so that its end is not a
    // dead end (each row under its own id: the same buttons twice on one screen).
    auto what_next = [&](const char* id) {
        ImGui::PushID(id);
        ImGui::PushFont(fonts.ui);
        ControlRow row(width);
        if (go_on) {
            const std::string label = ButtonLabel(TrFText("Continue: {title}", {{"title", continue_title}}), width);
            row.Next(ButtonWidth(Shaped(label)));
            if (PrimaryButton(label.c_str(), t)) f.actions.Push(continue_action);
        }
        if (s.CanStartAttempt(quiz)) {
            const std::string again = ButtonLabel(Tr("Try again with new questions"), width);
            row.Next(ButtonWidth(again.c_str()));
            if (ImGui::Button(again.c_str())) f.actions.Push(Action(ActionKind::QuizStart));
        }
        const std::string progress = ButtonLabel(Tr("See my progress"), width);
        row.Next(ButtonWidth(progress.c_str()));
        if (ImGui::Button(progress.c_str())) f.actions.Push(Action::Open(Screen::Progress));
        ImGui::PopFont();
        ImGui::PopID();
    };
    what_next("top");

    if (quiz.review == ReviewDetail::None) return;
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    RichText("rev", Inline{TextRun(TrText("Review"), true)}, SingleFontStyle(fonts.heading2, t.text), f.rich, width);
    for (size_t i = 0; i < a.questions.size() && i < r.grades.size(); ++i) {
        const Question* q = FindQuestion(quiz, a.questions[i]);
        if (!q) continue;
        ImGui::PushID(static_cast<int>(i));
        QuestionView v;
        v.question = q;
        v.mode = QuestionMode::Review;
        v.width = width;
        const std::string label = TrFText("QUESTION {number}", {{"number", std::to_string(i + 1)}});
        v.label = label.c_str();
        auto it = a.answers.find(q->id);
        if (it != a.answers.end()) v.response = it->second;
        auto order = a.display_order.find(q->id);
        if (order != a.display_order.end()) v.order = order->second;
        v.grade = &r.grades[i];
        v.show_key = quiz.review == ReviewDetail::Full;
        v.show_feedback = quiz.review == ReviewDetail::Full;
        DrawQuestion(v, f.rich);
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.8f));
        ImGui::PopID();
    }
    WrappedText(fonts.ui_bold, t.text, TrText("End of the review."), width);
    what_next("end");
}

}  // namespace

QuizLayout LastQuizLayout() { return g_layout; }

void DrawQuizScreen(Frame& f, QuizState& qs) {
    g_layout = QuizLayout{};
    const Session* s = f.model.session;
    const Quiz* quiz = s ? s->ActiveQuiz() : nullptr;
    if (!s || !quiz) {
        f.actions.Push(Action::Open(Screen::Reader));
        return;
    }
    const Fonts& fonts = f.fonts;
    const Attempt* a = s->ActiveAttempt();
    const bool results = s->LastResult() && a && a->submitted;
    // During an attempt the question is what matters: a smaller title leaves room for the prompt
    // and its first choices on the first screen, even at 200 % text.
    const bool answering = a && !a->submitted;
    if (!answering) qs.last_drawn_question = -1;  // the next attempt's first question is new

    // The quiz column, its actions pinned in a bar at the bottom (not on the results, whose
    // actions are repeated at the top and the end), and in presenter view on one display the
    // facilitator notes beside it, as in the reader.
    // N hides or shows the notes here too, as in the reader (A is the question's own key).
    if (f.model.present_mode && CharPressed('n')) f.state.notes_hidden = !f.state.notes_hidden;
    const ImVec2 top = ImGui::GetCursorPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float notes_w = PresenterNotesWidth(f, avail.x);
    const float column_w = avail.x - notes_w;
    const bool mirrored = InterfaceRightToLeft();
    const float column_x = mirrored ? top.x + notes_w : top.x;
    // The bar's height is measured as it is drawn and used from the next frame (it wraps at
    // large text); the first frame guesses one row.
    ImGuiStorage* kept = ImGui::GetStateStorage();
    const ImGuiID bar_key = ImGui::GetID("##quiz-bar-height");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float one_row = fonts.ui_bold->FontSize * 2.2f + style.WindowPadding.y * 2;
    const float bar_h = results ? 0.0f : std::min(kept->GetFloat(bar_key, one_row), avail.y * 0.5f);

    ImGui::SetCursorPos(ImVec2(column_x, top.y));
    ImGui::BeginChild("##quiz", ImVec2(column_w, avail.y - bar_h), false, ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    ScrollKeys();
    float width = ReadingWidth(fonts, ImGui::GetContentRegionAvail().x);
    float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX();
    ImGui::Dummy(ImVec2(1, fonts.body_px * (answering ? 0.4f : 1.0f)));
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    const Module* m = s->ModuleOfQuiz(*quiz);
    WrappedText(fonts.small, f.theme.text_muted, m ? m->title : TrText("Final assessment"), width);
    Title(f, quiz->title, width, answering ? fonts.heading3 : fonts.heading1);
    bool submit_asked = false;
    if (results) Results(f, *s, *quiz, *a, *s->LastResult(), width);
    else if (answering) submit_asked = InAttempt(f, qs, *s, *quiz, *a, width);
    else Intro(f, *s, *quiz, width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * (results ? 2.0f : 0.5f)));
    ImGui::EndGroup();
    g_layout.region = ImGui::GetCurrentWindow()->InnerRect;
    ImGui::EndChild();

    if (!results) {
        // Named as a part of the quiz panel: the focus trace reports it as "quiz".
        ImGui::SetCursorPos(ImVec2(column_x, top.y + avail.y - bar_h));
        ImGui::BeginChild("##quiz.actions", ImVec2(column_w, bar_h), false,
                          ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar | kPanelFlags);
        const float bar_width = ReadingWidth(fonts, ImGui::GetContentRegionAvail().x);
        {
            // A rule over the bar: the text above it scrolls under it, cut by the bar's edge.
            const ImVec2 at = ImGui::GetWindowPos();
            ImGui::GetWindowDrawList()->AddLine(at, ImVec2(at.x + ImGui::GetWindowWidth(), at.y), ImGui::GetColorU32(ImGuiCol_Separator));
        }
        ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - bar_width) * 0.5f + ImGui::GetCursorPosX());
        ImGui::BeginGroup();
        if (answering) AttemptActions(f, qs, *s, *quiz, *a, bar_width, submit_asked);
        else IntroActions(f, *s, *quiz, bar_width);
        ImGui::EndGroup();
        kept->SetFloat(bar_key, ImGui::GetItemRectSize().y + style.WindowPadding.y * 2);
        g_layout.actions = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        g_layout.actions_clip = ImGui::GetCurrentWindow()->InnerRect;
        ImGui::EndChild();
    }
    if (notes_w > 0) {
        ImGui::SetCursorPos(ImVec2(mirrored ? top.x : top.x + column_w, top.y));
        PresenterNotesPanel(f, ImVec2(notes_w, avail.y));
    }
}

}  // namespace lectern::ui
