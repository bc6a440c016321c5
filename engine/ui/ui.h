// The UI: screens that draw the model with Dear ImGui and emit Actions (intents). The app
// applies the actions to core after the frame. The UI keeps only UI state (scroll, focus,
// which popup is open); the model is the application's (Dear ImGui FAQ: the app owns its data).
#pragma once

#include <imgui.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "course/diagnostics.h"
#include "course/model.h"
#include "learning/grading.h"

namespace lectern {
class Session;
class ProgressStore;
struct Learner;
}  // namespace lectern

namespace lectern::ui {

// Faces the platform baked (pointers into the atlas; the app copies them in each frame).
struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* bold_italic = nullptr;
    ImFont* heading1 = nullptr;
    ImFont* heading2 = nullptr;
    ImFont* heading3 = nullptr;
    ImFont* ui = nullptr;
    ImFont* ui_bold = nullptr;
    ImFont* small = nullptr;
    float body_px = 18.0f;
};

enum class ThemeId { Light, Dark, HighContrast, Yellow };

struct Theme {
    ThemeId id = ThemeId::Light;
    const char* name = "Light";
    ImVec4 background, panel, panel_border, text, text_muted, accent, accent_text, link, term, focus;
    ImVec4 button, button_hover, button_active, selection;
    ImVec4 callout_bg[4], callout_bar[4];  // note, important, example, legal
    ImVec4 quote_bar, table_header_bg, table_row_alt;
    ImVec4 good, good_bg, bad, bad_bg, warn_bg;
};

const Theme& GetTheme(ThemeId id);
ThemeId NextTheme(ThemeId id);
const char* ThemeKey(ThemeId id);  // "light", "dark", "contrast", "yellow"
bool ThemeFromKey(const std::string& key, ThemeId* out);
// Pushes the theme into ImGui's style (colours, rounding, padding scaled to the body size).
void ApplyTheme(const Theme& theme, float scale);
// WCAG 2.1 contrast ratio of two sRGB colours (alpha ignored), 1.0 to 21.0.
double ContrastRatio(const ImVec4& a, const ImVec4& b);
// Every (text, background) pair a theme draws, with a name, for the contrast test.
struct ColorPair {
    const char* name;
    ImVec4 fg, bg;
};
std::vector<ColorPair> TextPairs(const Theme& theme);

enum class Screen { Home, Reader, Glossary, References, Help, Error, Quiz, Progress, Learners, Admin };

struct Texture {
    ImTextureID id = nullptr;
    int width = 0;
    int height = 0;
};

// What the screens read. Everything here is owned by the app and outlives the frame.
struct ViewModel {
    const Course* course = nullptr;        // null when the course failed to load
    const Session* session = nullptr;      // null when the course failed to load
    std::vector<std::string> learners;     // display names, for the learner screen
    std::string learner_name;              // signed-in learner ("" for a guest)
    bool sign_in_by_typing = false;        // kiosk sign_in = type: no names on the sign-in screen
    std::string data_path;                 // where progress is kept (shown on the progress screen)
    // Lectern met an exception it did not expect while drawing or applying a frame (the app's
    // last-chance handler caught it and saved what was unsaved): the error screen says so.
    std::string fault;
    // Tests only (LECTERN_FAULT=F12): the key index whose press throws in the middle of drawing
    // a screen, to prove the app's last-chance handler; -1 otherwise.
    int fault_key = -1;
    std::string store_problem;             // the progress file is damaged or too new: say so, offer a way out
    bool kiosk = false;                    // shared classroom machine: no way out but the admin's
    const Diagnostics* watch_problems = nullptr;  // --watch: the last reload failed with these
    bool speech_available = false;         // espeak-ng could start
    std::string speech_unavailable;        // not available: why (Windows, SAPI), for the disabled button
    std::string speech_no_voice;           // the page's languages when espeak-ng has no voice for any of them
    std::string speech_skipped;            // languages of passages read-aloud leaves out (no voice), "he, yi"
    bool speaking = false;
    bool speech_paused = false;
    bool allow_guest = true;
    int idle_seconds_left = -1;            // >= 0: the idle countdown is showing
    bool admin_pin_missing = false;        // kiosk: the administrator PIN must be set first
    bool admin_unlocked = false;           // the admin menu is open
    std::string admin_chord;               // "Ctrl+Alt+Shift+A", shown on the admin screen
    int idle_timeout_seconds = 300;        // kiosk: the idle sign-out time in force
    const Diagnostics* diagnostics = nullptr;
    std::string course_path;
    int page = 0;                           // reading index of the current page
    std::function<Texture(const std::string& path)> load_image;  // may be empty (tests)
    std::string banner;                     // a warning shown on every screen (e.g. not saving)
    std::set<std::string> broken_pages;     // pages whose drawing failed a Dear ImGui check (AfterFrame)
    bool present_mode = false;              // presenter view: notes beside the page, answers on request
    bool notes_window = false;              // present mode: the notes are in a window of their own
    bool notes_private = false;             // ... and the presenter uses one: never a panel on the room's screen
};

enum class ActionKind {
    GoToPage,      // index
    NextPage,
    PrevPage,
    FollowLink,    // id: page, lesson or module id
    OpenScreen,    // screen
    OpenTerm,      // id: glossary entry to show on the glossary screen
    SetTextScale,  // value
    Quit,
    // knowledge checks (id: question id; response)
    CheckSetResponse,
    CheckSubmit,
    CheckReveal,
    // quizzes
    QuizOpen,      // id: quiz id
    QuizStart,
    QuizAnswer,    // id: question id; response (a settled answer: recorded)
    QuizDraft,     // id: question id; response (typed, not settled: shown, not recorded)
    QuizMove,      // index: +1 / -1
    QuizJump,      // index
    QuizSubmit,
    QuizContinue,  // leave the results and go on reading
    QuizLeave,     // back to where the learner was reading
    // scenarios (id: scenario id; ref2: choice id)
    ScenarioChoose,
    ScenarioRestart,
    // learners
    SignIn,        // id: display name (picked from the list or typed)
    CreateLearner, // id: display name; ref2: PIN (may be empty); ref3: the PIN typed again
    ConfirmIdentity,  // id: display name: "yes, that is me" to "A learner called ... already exists"
    CancelIdentity,   // "no": back to the sign-in screen
    SignInGuest,
    SignOut,
    StoreMoveAside,  // the learner confirmed: move the damaged progress file aside, start fresh
    SubmitPin,       // id: the PIN typed for state.pin_for
    CancelPin,
    AdminSetPin,     // id: new admin PIN (typed twice, checked by the screen)
    AdminUnlock,     // id: admin PIN
    AdminExit,       // leave kiosk mode (exit status 10)
    AdminExport,     // id: folder to write progress.csv and progress-xapi.json into
    AdminClose,      // back to the sign-in screen
    AdminRename,     // id: learner's name; ref2: new name
    AdminRemove,     // id: learner's name (confirmed on screen; their records are exported first)
    AdminSetIdle,    // value: idle sign-out time in seconds
    AdminResetPin,   // id: learner's name; ref2: new PIN; ref3: the PIN again (both empty: no PIN)
    AdminClearLockout,  // id: learner's name
    SpeakPage,       // read the current page aloud, or stop if already reading
    SpeechPause,     // pause or resume reading
    SetSpeechRate,   // value: words per minute
    Back,            // back to the screen before this one in the learner's own history
};

struct Action {
    ActionKind kind;
    int index = 0;
    std::string id;
    float value = 0;
    Screen screen = Screen::Home;
    std::string ref2;
    std::string ref3;
    Response response;

    Action(ActionKind k, int i = 0, std::string ref = {}, float v = 0) : kind(k), index(i), id(std::move(ref)), value(v) {}
    static Action Open(Screen s, std::string ref = {}) {
        Action a(ActionKind::OpenScreen, 0, std::move(ref));
        a.screen = s;
        return a;
    }
};

struct Actions {
    std::vector<Action> list;
    void Push(Action a) { list.push_back(std::move(a)); }
    bool Has(ActionKind kind) const {
        for (const auto& a : list)
            if (a.kind == kind) return true;
        return false;
    }
};

// UI state only: which screen, what is open, what to scroll to. Each screen owns a struct of its
// own (typed text, PIN buffers, what is open on it); DrawApp hands a screen its own struct and the
// shared ViewState, never another screen's, so a screen's fields cannot leak into another's.

// What every screen reads: where the learner is, how text is shown, where focus goes.
struct ViewState {
    Screen screen = Screen::Home;
    Screen return_to = Screen::Home;  // where Escape/Back from glossary/help goes
    std::vector<Screen> history;      // screens left, most recent last (Escape goes back along it)
    float text_scale = 1.0f;
    ThemeId theme = ThemeId::Light;
    int speech_rate = 175;            // words per minute
    bool focus_main = true;           // give keyboard focus to the main column next frame
    int view_generation = 0;          // new for each sign-in: every ImGui id (scroll, open trees) starts fresh
    bool notes_hidden = false;        // present mode: N hides the notes panel (beside the page and the quiz alike)
};

// screen_reader.cpp (the top bar's Contents button and the C key toggle sidebar_open).
struct ReaderState {
    bool sidebar_open = true;
    bool contents_overlay = false;        // the reader's window is too narrow for contents beside the page
    bool contents_overlay_shown = false;  // ... and the contents are over the page now (Escape closes them)
    int last_drawn_page = -1;         // to reset scroll and focus when the page changes
};

// screen_glossary.cpp: the glossary and the references.
struct GlossaryState {
    char filter[128] = "";            // the glossary's filter field
    std::string focus;                // glossary entry or reference to scroll to
};

// screen_quiz.cpp
struct QuizState {
    int last_drawn_question = -1;     // to reset scroll and focus when the question changes (-1: none drawn yet)
    bool confirm_submit = false;      // the "submit now?" question is open
    std::vector<std::string> revealed;  // present mode: questions whose answer is shown
};

// screen_learners.cpp: signing in, creating a learner, a learner's PIN.
struct SignInState {
    char new_learner[64] = "";
    char typed_name[64] = "";         // kiosk sign_in = type: the name typed to sign in
    std::string pin_for;              // a learner whose PIN is being asked for
    char pin[16] = "";
    char new_pin[16] = "";            // optional PIN for a new learner
    char new_pin_again[16] = "";      // ... typed twice
    std::string confirm_identity;     // "A learner called ... already exists. Is that you?" is open
    std::string message;              // why the last step did not sign anyone in
};

// screen_admin.cpp: the administrator's PIN and actions.
struct AdminState {
    char pin[16] = "";                // the administrator PIN: unlocking, or setting it (typed twice)
    char pin_again[16] = "";
    char export_dir[256] = "";
    char rename_to[64] = "";
    std::string selected;             // learner chosen on the admin screen
    char reset_pin[16] = "";          // a new PIN for the selected learner
    char reset_pin_again[16] = "";
    int idle_minutes = 0;             // the idle-time field (0: start from the model)
    std::string message;              // a short status line (the result of the last action)
    bool message_good = false;        // the message reports success (drawn in the "good" colour)
};

// The whole UI state the app keeps: the shared view and each screen's own.
struct UiState : ViewState {
    ReaderState reader;
    GlossaryState glossary;
    QuizState quiz;
    SignInState sign_in;
    AdminState admin;
};

// Draws one whole frame of the application (all screens) into the current ImGui context.
void DrawApp(const ViewModel& model, UiState& state, Actions& actions, const Fonts& fonts);
// Present mode with a second monitor: the facilitator notes (and the answer key of what the room
// sees) filling the current ImGui context's viewport: the presenter's own screen.
void DrawNotesWindow(const ViewModel& model, UiState& state, Actions& actions, const Fonts& fonts);

}  // namespace lectern::ui
