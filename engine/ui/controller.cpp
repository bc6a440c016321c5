#include "ui/controller.h"

#include "kiosk/pin.h"

#include <imgui.h>  // LecternImGuiAssertFailures (lectern_imconfig.h)

#include <algorithm>
#include <cstdio>

namespace lectern::ui {

namespace {

bool IsSide(Screen s) {
    return s == Screen::Glossary || s == Screen::References || s == Screen::Help || s == Screen::Progress;
}

const Question* FindQuestionInCourse(const Session& s, const std::string& id) {
    const Course& c = s.GetCourse();
    for (const auto& ref : c.reading_order) {
        const Page& p = c.modules[static_cast<size_t>(ref.module)].lessons[static_cast<size_t>(ref.lesson)].pages[static_cast<size_t>(ref.page)];
        for (const auto& b : p.blocks)
            if (b.kind == BlockKind::Question && b.question && b.question->id == id) return b.question.get();
    }
    return nullptr;
}

const Scenario* FindScenarioInCourse(const Session& s, const std::string& id) {
    const Course& c = s.GetCourse();
    for (const auto& ref : c.reading_order) {
        const Page& p = c.modules[static_cast<size_t>(ref.module)].lessons[static_cast<size_t>(ref.lesson)].pages[static_cast<size_t>(ref.page)];
        for (const auto& b : p.blocks)
            if (b.kind == BlockKind::Scenario && b.scenario && b.scenario->id == id) return b.scenario.get();
    }
    return nullptr;
}

constexpr size_t kHistoryLength = 64;

// The screen before the current one in the learner's history, skipping the current screen and
// the screens no learner goes back to (sign-in, administrator, errors); Home when there is none.
Screen PopHistory(UiState& state) {
    while (!state.history.empty()) {
        Screen s = state.history.back();
        state.history.pop_back();
        if (s != state.screen && s != Screen::Learners && s != Screen::Admin && s != Screen::Error) return s;
    }
    return Screen::Home;
}

}  // namespace

const char* ScreenName(Screen screen) {
    switch (screen) {
        case Screen::Home: return "home";
        case Screen::Reader: return "reader";
        case Screen::Glossary: return "glossary";
        case Screen::References: return "references";
        case Screen::Help: return "help";
        case Screen::Error: return "error";
        case Screen::Quiz: return "quiz";
        case Screen::Progress: return "progress";
        case Screen::Learners: return "learners";
        case Screen::Admin: return "admin";
    }
    return "?";
}

void OpenScreen(UiState& state, Screen screen) {
    if (IsSide(screen) && !IsSide(state.screen)) state.return_to = state.screen;
    state.screen = screen;
}

ControllerResult ApplyActions(const Actions& actions, Session* session, UiState& state, int64_t now_ms) {
    ControllerResult r;
    int before = session ? session->Nav().Index() : -1;
    Screen screen_before = state.screen;
    bool went_back = false;
    for (const Action& a : actions.list) {
        // Whatever the learner does next settles what they were typing (Session::DraftAnswer).
        if (session && a.kind != ActionKind::QuizDraft) session->SettleTyping(now_ms);
        switch (a.kind) {
            case ActionKind::Back:
                state.screen = PopHistory(state);
                went_back = true;
                if (state.screen == Screen::Reader && session) session->ShowPage(session->Nav().Index(), now_ms);
                break;
            case ActionKind::GoToPage:
                if (session) {
                    session->LeaveQuiz(now_ms);
                    session->ShowPage(a.index, now_ms);
                    state.screen = Screen::Reader;
                }
                break;
            case ActionKind::NextPage:
                if (!session) break;
                if (const Quiz* q = session->QuizAfterCurrentPage()) {
                    session->OpenQuiz(*q, now_ms);
                    state.screen = Screen::Quiz;
                } else if (session->Nav().CanAdvance()) {
                    session->ShowPage(session->Nav().Index() + 1, now_ms);
                } else if (const auto& final_quiz = session->GetCourse().assessment) {
                    // Past the last page: the final assessment.
                    session->OpenQuiz(*final_quiz, now_ms);
                    state.screen = Screen::Quiz;
                }
                break;
            case ActionKind::PrevPage:
                if (session && session->Nav().CanGoBack()) session->ShowPage(session->Nav().Index() - 1, now_ms);
                break;
            case ActionKind::FollowLink:
                if (session) {
                    int target = session->GetCourse().LinkTarget(a.id);
                    if (target >= 0) {
                        session->LeaveQuiz(now_ms);
                        session->ShowPage(target, now_ms);
                        state.screen = Screen::Reader;
                    }
                }
                break;
            case ActionKind::OpenScreen:
                OpenScreen(state, a.screen);
                state.glossary.focus = a.id;
                if (a.screen == Screen::Reader && session) session->ShowPage(session->Nav().Index(), now_ms);
                break;
            case ActionKind::OpenTerm:
                OpenScreen(state, Screen::Glossary);
                state.glossary.focus = a.id;
                state.glossary.filter[0] = '\0';
                break;
            case ActionKind::SetTextScale: state.text_scale = std::clamp(a.value, 1.0f, 2.0f); break;
            case ActionKind::Quit: r.quit = true; break;

            case ActionKind::CheckSetResponse:
                if (session)
                    if (const Question* q = FindQuestionInCourse(*session, a.id)) session->SetCheckResponse(*q, a.response);
                break;
            case ActionKind::CheckSubmit:
                if (session)
                    if (const Question* q = FindQuestionInCourse(*session, a.id))
                        session->SubmitCheck(*q, session->Nav().Current().id, now_ms);
                break;
            case ActionKind::CheckReveal:
                if (session)
                    if (const Question* q = FindQuestionInCourse(*session, a.id)) session->RevealCheck(*q);
                break;

            case ActionKind::QuizOpen:
                if (session)
                    if (const Quiz* q = session->FindQuiz(a.id)) {
                        session->OpenQuiz(*q, now_ms);
                        state.screen = Screen::Quiz;
                    }
                break;
            case ActionKind::QuizStart:
                state.quiz.revealed.clear();  // a new attempt starts with every answer hidden
                if (session && session->ActiveQuiz()) session->StartAttempt(*session->ActiveQuiz(), now_ms);
                break;
            case ActionKind::QuizAnswer:
                if (session) session->AnswerQuestion(a.id, a.response, now_ms);
                break;
            case ActionKind::QuizDraft:
                if (session) session->DraftAnswer(a.id, a.response, now_ms);
                break;
            case ActionKind::QuizMove:
                if (session) session->MoveInQuiz(a.index, now_ms);
                break;
            case ActionKind::QuizJump:
                if (session) session->JumpInQuiz(a.index, now_ms);
                break;
            case ActionKind::QuizSubmit:
                if (session) session->SubmitQuiz(now_ms);
                break;
            case ActionKind::QuizContinue:
                if (session) {
                    session->LeaveQuiz(now_ms);
                    session->ShowPage(a.index, now_ms);
                    state.screen = Screen::Reader;
                }
                break;
            case ActionKind::QuizLeave:
                if (session) {
                    session->LeaveQuiz(now_ms);
                    session->ShowPage(session->Nav().Index(), now_ms);
                    state.screen = Screen::Reader;
                }
                break;

            case ActionKind::ScenarioChoose:
                if (session)
                    if (const Scenario* s = FindScenarioInCourse(*session, a.id)) session->ChooseInScenario(*s, a.ref2, now_ms);
                break;
            case ActionKind::ScenarioRestart:
                if (session)
                    if (const Scenario* s = FindScenarioInCourse(*session, a.id)) session->RestartScenario(*s);
                break;

            case ActionKind::SignIn:
            case ActionKind::CreateLearner:
            case ActionKind::ConfirmIdentity:
            case ActionKind::CancelIdentity:
            case ActionKind::SignInGuest:
            case ActionKind::SignOut:
            case ActionKind::StoreMoveAside:
            case ActionKind::SubmitPin:
            case ActionKind::CancelPin:
            case ActionKind::AdminSetPin:
            case ActionKind::AdminUnlock:
            case ActionKind::AdminExit:
            case ActionKind::AdminExport:
            case ActionKind::AdminClose:
            case ActionKind::AdminRename:
            case ActionKind::AdminRemove:
            case ActionKind::AdminSetIdle:
            case ActionKind::AdminResetPin:
            case ActionKind::AdminClearLockout:
            case ActionKind::SpeakPage:
            case ActionKind::SpeechPause: r.learner_actions.push_back(a); break;
            case ActionKind::SetSpeechRate: state.speech_rate = std::clamp(static_cast<int>(a.value), 80, 400); break;
        }
    }
    r.page_changed = session && session->Nav().Index() != before;
    r.screen_changed = state.screen != screen_before;
    if (r.screen_changed && !went_back) {
        state.history.push_back(screen_before);
        if (state.history.size() > kHistoryLength) state.history.erase(state.history.begin());
    }
    if (r.screen_changed || r.page_changed) state.focus_main = true;
    return r;
}

UiState FreshViewState(UiState& previous) {
    UiState fresh;
    fresh.view_generation = previous.view_generation + 1;
    fresh.text_scale = previous.text_scale;
    fresh.theme = previous.theme;
    fresh.speech_rate = previous.speech_rate;
    for (char* pin : {previous.sign_in.pin, previous.sign_in.new_pin, previous.sign_in.new_pin_again, previous.admin.pin,
                      previous.admin.pin_again, previous.admin.reset_pin, previous.admin.reset_pin_again})
        WipePin(pin, sizeof previous.admin.pin);
    return fresh;
}

bool AfterFrame(ViewModel& model, const UiState& state, Session* session, int assert_failures_before, int64_t now_ms) {
    if (!session || state.screen != Screen::Reader) return true;
    const std::string& page = session->Nav().Current().id;
    if (LecternImGuiAssertFailures() != assert_failures_before && model.broken_pages.insert(page).second)
        std::fprintf(stderr, "lectern: page '%s' failed to draw (a Dear ImGui check failed, above); it shows a notice "
                     "instead and is not kept as the place to resume\n", page.c_str());
    if (model.broken_pages.count(page)) return false;
    session->PageDrawn(now_ms);
    return true;
}

}  // namespace lectern::ui
