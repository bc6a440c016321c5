// lectern: the course player. Parses options, loads the course, opens the window, and runs the
// loop: draw the UI (which emits Actions), then apply the actions to the model after the frame.
#include <csignal>
#include <exception>
#include <ctime>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <chrono>
#include <atomic>
#include <future>
#include <thread>
#include <string>
#include <vector>

#include "app/font_bridge.h"
#include "app/options.h"
#include "course/course_text.h"
#include "course/loader.h"
#include "course/speech_text.h"
#include "course/ui_catalog.h"
#include "kiosk/admin.h"
#include "kiosk/kiosk_config.h"
#include "kiosk/pin.h"
#include "kiosk/sign_in.h"
#include "learning/active_time.h"
#include "learning/course_reload.h"
#include "learning/navigator.h"
#include "learning/session.h"
#include "os/files.h"
#include "os/system.h"
#include "platform/platform.h"
#include "ui/kiosk_controller.h"
#include "ui/kiosk_words.h"
#include "progress/learner_settings.h"
#include "progress/progress_store.h"
#include "progress/store_opening.h"
#include "reports/progress_export.h"
#include "ui/controller.h"
#include "ui/input.h"
#include "ui/shaped_text.h"
#include "ui/speech_notice.h"
#include "ui/trace.h"
#include "ui/ui.h"

namespace fs = std::filesystem;
using namespace lectern;

namespace {

using app::Options;

// SIGUSR1 asks a running lectern to save its next frame to the --capture file (for tests and
// documentation). The handler only sets a flag; the loop wakes at least every 100 ms then.
volatile std::sig_atomic_t g_capture_requested = 0;
void OnCaptureSignal(int) { g_capture_requested = 1; }

// SIGTERM (logout, shutdown, systemctl, kill), SIGHUP (the terminal went away) and SIGINT
// (Ctrl+C) -- on Windows Ctrl+C, log-off and shutdown -- end Lectern the way closing the window
// does: the frame finishes, the store commits, checkpoints and closes (no -wal is left behind),
// and the exit status is 0. os::TakeStopRequests calls OnStopRequest on a thread of its own,
// which may then do what a signal handler may not: wake the frame loop (glfwPostEmptyEvent is
// thread-safe, not signal-safe).
std::atomic<int> g_stop_signal{0};
std::atomic<platform::Platform*> g_wake_on_stop{nullptr};

void OnStopRequest(int code) {
    g_stop_signal = code;
    if (platform::Platform* p = g_wake_on_stop.load()) p->RequestFrames(1);
}

constexpr const char* kBundledCourse = "human-rights-security-cooperation";

// The bundled course: next to an installed binary (../share/lectern/content), else the source tree.
std::string FindBundledCourse(const char* argv0) {
    std::error_code ec;
    std::string self = os::ExecutablePath();
    fs::path exe = self.empty() ? os::Path(argv0) : os::Path(self);
    std::vector<fs::path> candidates = {
        exe.parent_path().parent_path() / "share" / "lectern" / "content" / kBundledCourse,
        exe.parent_path() / "content" / kBundledCourse,  // the Windows zip: beside lectern.exe
        fs::path(LECTERN_DATA_DIR) / "content" / kBundledCourse,
        fs::path(LECTERN_SOURCE_DIR) / "content" / kBundledCourse,
    };
    for (const auto& c : candidates)
        if (fs::exists(c / "course.xml", ec)) return os::Utf8(c);
    return os::Utf8(candidates.back());
}

// Where --page starts: a page (or the first page of a lesson or module), the page holding a
// scenario, or a quiz (over the page before it, so "Read" goes somewhere sensible).
struct StartPlace {
    int page = 0;
    const Quiz* quiz = nullptr;
};

std::optional<StartPlace> FindStart(const Course& course, const std::string& id) {
    if (int page = course.LinkTarget(id); page >= 0) return StartPlace{page, nullptr};
    for (int i = 0; i < static_cast<int>(course.reading_order.size()); ++i)
        for (const Block& b : course.PageAt(i).blocks)
            if (b.kind == BlockKind::Scenario && b.scenario && b.scenario->id == id) return StartPlace{i, nullptr};
    for (const auto& m : course.modules)
        if (m.quiz && m.quiz->id == id && !m.lessons.empty() && !m.lessons.back().pages.empty())
            return StartPlace{std::max(0, course.LinkTarget(m.lessons.back().pages.back().id)), m.quiz.get()};
    if (course.assessment && course.assessment->id == id)
        return StartPlace{static_cast<int>(course.reading_order.size()) - 1, course.assessment.get()};
    return std::nullopt;
}

class App : ui::KioskHost {
public:
    App(const Options& o) : m_options(o) {}

    // Start-up in the order it happens, then the frame loop until the window closes.
    int Run(const char* argv0);

private:
    // Each start-up step returns an exit status to end with, or -1 to go on.
    int ReadKioskConfig();  // --kiosk, --kiosk-config: the kiosk's settings
    int OpenWindow(const std::string& course_path);  // the window while the course loads beside it
    void ConfigureModel(const std::string& course_path);  // what the screens show: options, data folder
    int StartSession();  // the store, who is signed in (--learner, --guest), the first screen
    void OpenStartPage();  // --page, at the first sign-in (at start or on the sign-in screen)
    void PrepareLoop();  // input hooks, --capture, the first frames
    void Apply(const ui::Actions& actions);
    // False when another Lectern already writes to this progress folder (the caller exits).
    bool OpenStore();
    // Ends the session and closes the store: everything committed, the log checkpointed and gone.
    void CloseStore();
    void SettleTypingOnPause();
    void ReportUnsaved();
    void RequestCourseGlyphs();
    kiosk::SignInPolicy Policy() override {
        return kiosk::SignInPolicy(m_store.store.get(), {m_kiosk, m_model.allow_guest,
                                                   m_kiosk_config.sign_in_by_typing ? kiosk::SignInMode::Type : kiosk::SignInMode::List});
    }
    kiosk::KioskAdmin Admin() override { return kiosk::KioskAdmin(m_store.store.get(), m_data_dir, m_load.course.get()); }
    // Turns the policy's decision into the screen: a session, a PIN prompt, "is that you?", or a message.
    void ApplySignIn(const kiosk::Decision& d) override;
    void SignInGuest();
    void SignOut() override;
    bool SignedIn() const override { return m_session != nullptr; }
    void RefreshLearners() override;
    void SetWakeInterval(double seconds) override { m_platform.SetWakeInterval(seconds); }
    void Exit(int status) override {
        m_exit_status = status;
        m_running = false;
    }
    void SaveSettings();
    // What the screen shows now, as the learner's settings hold it.
    DisplaySettings Display() const;
    std::optional<LearnerSettings> m_settings;  // the signed-in learner's
    void TrackActiveTime(bool had_input);
    void FlushActiveTime();
    void SignInNow(const Learner& learner);
    // Every per-learner view state back to its defaults (the display settings are applied after):
    // screen state, typed text and PINs, open pop-ups, and, through a new id generation, ImGui's
    // own scroll positions, open trees and focus.
    void ResetViewState() {
        m_state = ui::FreshViewState(m_state);
        m_state.reader.sidebar_open = !m_options.present;  // the room sees the page, the notes beside it
        m_platform.RequestFrames(3);
    }
    // The last-chance handler: an exception out of a frame (drawing or applying its actions)
    // ends the frame, saves what is unsaved and shows the error screen, instead of ending the
    // program (and a kiosk learner's session) on a stray bug.
    void RecoverFromFault(const char* what, bool frame_open);
    // One turn of the frame loop: fonts, then the guarded frame. False when the loop ends.
    bool LoopOnce();
    // Draws the screens, applies their actions, saves what a frame asks for. False when the
    // program ends (the window closed, --screenshot or --first-frame-exit done). `frame_open`
    // says whether an exception left an ImGui frame begun and not ended.
    bool DrawFrame(const ui::Fonts& fonts, bool& frame_open);
    // The frame loop's own bookkeeping.
    struct Loop {
        bool unattended = false;  // --screenshot, --first-frame-exit: draw without waiting for input
        int frame = 0;
        double t_init = 0, t_load = 0, t_fonts = 0;  // ms from process start, for --first-frame-exit
        int status = 0;  // the exit status when the loop ends on an error
    } m_loop;
    int m_faults_in_a_row = 0;
    void CheckForChanges();
    std::optional<CourseReloader> m_reloader;  // --watch
    Diagnostics m_watch_problems;              // the last reload's, shown until the files are fixed

    Options m_options;
    platform::Platform m_platform;
    ui::ShapedText m_shaped;  // Arabic, Hindi, Thai, ... through the atlas (ui/shaped_text.h)
    // The notes window's, for its own atlas and sizes (codepoints of a plane of its own).
    ui::ShapedText m_notes_shaped{ui::ShapedText::kOtherFirst, ui::ShapedText::kOtherLast};
    std::unique_ptr<platform::Speech> m_speech;  // started on first use: espeak-ng costs start-up time
    // The current page in pieces by language (a passage's `lang`), for a voice per piece.
    std::vector<platform::SpeechPart> PageSpeechParts() const {
        std::vector<platform::SpeechPart> parts;
        if (!m_session || !m_load.course) return parts;
        for (SpeechSegment& s : SpeechSegments(m_session->Nav().Current(), m_load.course->lang))
            parts.push_back({std::move(s.lang), std::move(s.text)});
        return parts;
    }
    ui::SpeechNotice m_speech_notice;  // what the reader says about read-aloud on this page
    int m_course_generation = 0;       // one more for each course load (--watch): the notice is redone
    // The voices espeak-ng has, asked for the current page's plan (ui/speech_notice.h decides).
    void UpdateSpeechNotice() {
        const int page = m_session ? m_session->Nav().Index() : -1;
        const ui::SpeechNoticeText& notice = m_speech_notice.Update(page, m_course_generation, m_speech != nullptr, [&]() -> std::optional<ui::SpeechPlanFacts> {
            const std::optional<platform::SpeechPlan> plan = m_speech->Plan(PageSpeechParts());
            if (!plan) return std::nullopt;
            return ui::SpeechPlanFacts{!plan->parts.empty(), plan->skipped};
        });
        m_model.speech_no_voice = notice.no_voice;
        m_model.speech_skipped = notice.skipped;
    }
    platform::Speech& Speech() {
        if (!m_speech) {
            m_speech = std::make_unique<platform::Speech>();
            m_speech->SetOnChange([this] { m_platform.RequestFrames(2); });
            // On the speech thread: one line, written whole (Trace keeps no state).
            if (m_trace.On()) m_speech->SetOnPart([this](const std::string& voice, size_t chars) { m_trace("speech part voice %s %zu chars", voice.c_str(), chars); });
        }
        return *m_speech;
    }
    LoadResult m_load;
    PlayerStore m_store;  // the store, or why there is none (progress/store_opening.h)
    std::unique_ptr<Session> m_session;
    std::string m_learner_name;
    std::string m_start_page;  // --page until the first learner has signed in
    ActiveTimeCounter m_active_time;  // learning/active_time.h: what counts as time spent
    bool m_kiosk = false;
    KioskConfig m_kiosk_config;
    std::string m_data_dir;
    int m_exit_status = 0;
    ui::UiState m_state;
    ui::ViewModel m_model;
    bool m_running = true;
    ui::Trace m_trace{std::getenv("LECTERN_TRACE") != nullptr};
    // The sign-in PIN's and the kiosk's rules between frames: admin screen, chord, idle, lock-outs.
    ui::KioskController m_desk{*this, m_trace};
    std::uint64_t m_traced_key_releases = 0;
    float m_fonts_scale = 0;
    bool m_notes_window_tried = false;
    // How often the loop wakes with no input when nothing is counting down: --capture polls for
    // its signal, --watch for changed files; otherwise only input wakes it (0% CPU when idle).
    double BaseWakeInterval() const override { return !m_options.capture.empty() ? 0.1 : m_options.watch ? 0.5 : 0.0; }

    // The store's banner in the interface's language (the catalog comes with the course, after
    // the store is opened, so it is worded when drawn).
    std::string StoreBanner() const { return ui::Words(m_store); }

    // The notes window reads at arm's length: half a step smaller than the room's text.
    float NotesTextScale() const { return std::clamp(m_state.text_scale - 0.5f, 1.0f, 2.0f); }

    // Present mode: the facilitator notes go to a window of their own when a second monitor is
    // connected (or --notes-window says so). Once the presenter has such a window, the notes never
    // appear beside the page on the room's screen: closing the window hides them, and N opens it
    // again (N while it is open closes it).
    void DrawNotesWindow(int frame) {
        if (!m_options.present || !m_load.course) return;
        auto open_window = [&] {
            std::string error;
            bool opened = m_platform.OpenSecondWindow(ui::TrFText("{course} \xE2\x80\x94 facilitator notes", {{"course", m_load.course->title}}), NotesTextScale(), &error);
            if (!opened) std::fprintf(stderr, "lectern: %s\n", error.c_str());
            m_model.notes_window = opened;
            if (opened) m_trace("notes-window open");
            return opened;
        };
        if (!m_notes_window_tried && frame >= 1) {
            m_notes_window_tried = true;
            bool want = m_options.notes_window_set ? m_options.notes_window : m_platform.MonitorCount() > 1;
            if (want && !open_window()) std::fprintf(stderr, "lectern: the notes stay beside the page\n");
            m_model.notes_private = m_model.notes_window;
        }
        if (m_model.notes_private && !m_model.notes_window && !m_state.notes_hidden && !open_window()) {
            m_state.notes_hidden = true;  // still never on the room's screen
        }
        if (m_model.notes_window && m_state.notes_hidden) {
            m_platform.CloseSecondWindow();
            m_model.notes_window = false;
            m_trace("notes-window closed");
            m_platform.RequestFrames(2);
        }
        if (!m_model.notes_window) return;
        ui::ThemeId theme = m_state.theme;
        bool open = m_platform.DrawSecondWindow([&](const platform::FontSet& set) {
            // Shaped like the main window, from this window's own atlas.
            m_notes_shaped.SetFaces(ToShapingFaces(set));
            m_notes_shaped.SetLanguageFonts(LanguageFontsOf(&set));
            m_notes_shaped.SetLanguage(m_load.course ? m_load.course->lang : std::string());
            if (m_notes_shaped.Catalog().lang != m_shaped.Catalog().lang) m_notes_shaped.SetCatalog(m_shaped.Catalog());
            m_notes_shaped.Install();
            m_notes_shaped.NewFrame();
            // The interface's direction, as in the main window (DrawApp).
            const ui::LanguageScope interface_language(m_notes_shaped.Catalog().lang.empty() ? "en" : m_notes_shaped.Catalog().lang, false);
            ui::Fonts fonts = ToUiFonts(set);
            ui::ApplyTheme(ui::GetTheme(theme), 1.0f + (fonts.body_px / 18.0f - 1.0f) * 0.5f);
            ui::Actions ignored;  // the notes window only shows
            ui::DrawNotesWindow(m_model, m_state, ignored, fonts);
        });
        if (!open) {
            m_model.notes_window = false;
            m_state.notes_hidden = true;
            m_trace("notes-window closed");
            m_platform.RequestFrames(2);
        }
    }
    ui::ThemeId m_applied_theme = ui::ThemeId::Light;
    float m_applied_scale = -1;
};

// CLOCK_BOOTTIME: keeps counting through suspend, so a machine that wakes up after the idle
// time is not still signed in.
int64_t BootMs() { return os::BootMs(); }

int64_t NowMs() { return os::WallMs(); }

bool App::OpenStore() {
    m_store = OpenPlayerStore(m_data_dir);
    for (const std::string& line : m_store.log) std::fprintf(stderr, "lectern: %s\n", line.c_str());
    m_model.data_path = m_store.path;
    m_model.store_problem = m_store.problem;
    if (!m_store.notice.empty()) m_trace("store-notice %s", m_store.notice.c_str());
    return !m_store.refused;
}

// A last try for answers the store refused; what still fails is said where someone may see it.
void App::ReportUnsaved() {
    if (!m_session || m_session->UnsavedAnswers() == 0) return;
    if (m_session->RetryUnsaved(NowMs()) > 0)
        std::fprintf(stderr, "lectern: %s\n", m_session->LastError().c_str());
}

// A typed answer is recorded once the learner stops typing for a moment: wake for that moment
// even when no key comes (the loop otherwise sleeps until input).
void App::SettleTypingOnPause() {
    if (!m_session || !m_session->HasDraft()) return;
    int64_t wait_ms = m_session->SettleTypingIfPaused(NowMs());
    if (wait_ms >= 0) m_platform.WakeOnceWithin(static_cast<double>(wait_ms + 5) / 1000.0);
    else m_trace("typed answer settled after a pause");
}

void App::CloseStore() {
    if (m_session) m_session->SettleTyping(NowMs());  // a typed answer is the learner's too
    ReportUnsaved();
    m_session.reset();
    if (!m_store.store) return;
    bool clean = m_store.store->Checkpoint(true);
    m_store.store.reset();
    m_trace("store closed %s", clean ? "clean" : "with the log kept");
}

void App::RefreshLearners() {
    m_model.learners.clear();
    if (!m_store.store) return;
    for (const auto& l : m_store.store->Learners()) {
        m_model.learners.push_back(l.display_name);
        m_platform.RequestGlyphs(l.display_name);  // a name in any script draws on the sign-in list
    }
}

void App::RequestCourseGlyphs() {
    if (!m_load.course) return;
    // The atlas holds only the characters text uses; the course's are known once it is loaded.
    m_platform.SetFontLanguage(m_load.course->lang);
    m_shaped.SetLanguage(m_load.course->lang);
    {
        // The interface in the course's language when a catalog has it (assets/strings/).
        Diagnostics catalog_problems;
        m_shaped.SetCatalog(LoadUiCatalog(m_load.course->lang, UiCatalogDirs(), catalog_problems));
        for (const Diagnostic& d : catalog_problems.All()) std::fprintf(stderr, "%s\n", d.Format().c_str());
    }
    ForEachText(*m_load.course, [this](std::string_view text) { m_platform.RequestGlyphs(text); });
}

void App::ApplySignIn(const kiosk::Decision& d) {
    switch (d.step) {
        case kiosk::Step::Session:
            if (d.learner) SignInNow(*d.learner);
            else SignInGuest();
            return;
        case kiosk::Step::AskPin:
            m_state.sign_in.confirm_identity.clear();
            m_state.sign_in.pin_for = d.name;
            WipePin(m_state.sign_in.pin, sizeof m_state.sign_in.pin);
            m_state.sign_in.message = ui::Words(d);
            m_desk.PinAsked(d, NowMs());  // a lock-out counts down on the PIN prompt
            if (d.seconds_locked > 0) m_trace("pin locked %d", d.seconds_locked);
            else if (d.message != kiosk::SignInMessage::None) m_trace("pin wrong");
            else m_trace("pin asked");
            return;
        case kiosk::Step::ConfirmIdentity:
            m_state.sign_in.confirm_identity = d.name;
            m_state.sign_in.message.clear();
            m_trace("confirm-identity");
            return;
        case kiosk::Step::Refused:
            m_state.sign_in.message = ui::Words(d);
            m_trace("sign-in refused: %s", m_state.sign_in.message.c_str());
            return;
    }
}

void App::SignInNow(const Learner& learner_in) {
    auto learner = std::optional<Learner>(learner_in);
    ResetViewState();
    m_session = std::make_unique<Session>(m_load.course, m_store.store.get(), learner->id);
    m_learner_name = learner->display_name;
    m_session->Resume();
    // The learner's own display settings follow them.
    m_settings.emplace(*m_store.store, learner->id);
    const DisplaySettings saved = m_settings->Load(Display());
    m_state.text_scale = saved.text_percent / 100.0f;
    ui::ThemeFromKey(saved.theme, &m_state.theme);  // an unknown key keeps the current theme
    m_state.speech_rate = saved.speech_rate;
    m_state.screen = ui::Screen::Home;
    m_state.focus_main = true;
    m_desk.SignedIn(BootMs());
    m_trace("signed-in %s text %d idle %d", learner->display_name.c_str(),
                              static_cast<int>(m_state.text_scale * 100 + 0.5f), m_kiosk ? m_kiosk_config.idle_timeout_seconds : 0);
    OpenStartPage();
}

void App::SignInGuest() {
    if (m_kiosk && !m_kiosk_config.allow_guest) return;
    ResetViewState();
    m_session = std::make_unique<Session>(m_load.course, nullptr, std::nullopt);
    m_desk.SignedIn(BootMs());
    m_learner_name.clear();
    m_state.screen = ui::Screen::Home;
    m_state.focus_main = true;
    OpenStartPage();
}

void App::OpenStartPage() {
    if (!m_session || m_start_page.empty()) return;
    // Checked by StartSession before anyone signs in; a --watch reload may have removed it since.
    if (std::optional<StartPlace> start = FindStart(*m_load.course, m_start_page)) {
        m_session->ShowPage(start->page, NowMs());
        m_state.screen = ui::Screen::Reader;
        if (start->quiz) {
            m_session->OpenQuiz(*start->quiz, NowMs());
            m_state.screen = ui::Screen::Quiz;
        }
    }
    m_start_page.clear();  // the first sign-in only: after a sign-out, the next learner resumes
}

void App::SignOut() {
    FlushActiveTime();
    if (m_speech) m_speech->Stop();
    if (m_session) m_session->SettleTyping(NowMs());
    ReportUnsaved();
    m_session.reset();
    m_settings.reset();
    m_desk.SignedOut();
    m_learner_name.clear();
    ResetViewState();
    if (m_kiosk) {
        // The next learner starts from the kiosk's own display settings, not the last one's.
        m_state.text_scale = std::clamp(m_kiosk_config.text_size / 100.0f, 1.0f, 2.0f);
        ui::ThemeFromKey(m_kiosk_config.theme, &m_state.theme);
    }
    m_state.screen = ui::Screen::Learners;
    RefreshLearners();
}

DisplaySettings App::Display() const {
    return {static_cast<int>(m_state.text_scale * 100 + 0.5f), ui::ThemeKey(m_state.theme), m_state.speech_rate};
}

void App::SaveSettings() {
    if (!m_session || !m_session->Saving() || !m_settings) return;
    const DisplaySettings now = Display();
    for (const std::string& key : m_settings->Save(now, NowMs()))
        if (key == "text_size") m_trace("text-size %d", now.text_percent);
}

// Hands the session the active time this frame adds (learning/active_time.h says what counts).
void App::TrackActiveTime(bool had_input) {
    const int64_t now = NowMs();
    if (int64_t ms = m_active_time.Frame(now, m_platform.Focused(), had_input); ms > 0 && m_session)
        m_session->AddActiveTime(ms, now);
}

void App::FlushActiveTime() {
    const int64_t now = NowMs();
    if (int64_t ms = m_active_time.HandOver(now); ms > 0 && m_session) m_session->AddActiveTime(ms, now);
}

void App::CheckForChanges() {
    Reload r = m_reloader->Poll(NowMs(), m_session.get(), m_store.store.get());
    if (r.kind == ReloadKind::None) return;
    if (r.kind == ReloadKind::Failed) {
        m_watch_problems = std::move(r.problems);
        m_model.watch_problems = &m_watch_problems;
        m_platform.RequestFrames(3);  // an auto-sized overlay appears on its second frame
        m_trace("reload-failed %d", m_watch_problems.ErrorCount());
        return;
    }
    m_load = std::move(r.load);
    ++m_course_generation;
    RequestCourseGlyphs();
    m_model.course = m_load.course.get();
    m_model.diagnostics = &m_load.diagnostics;
    m_watch_problems = Diagnostics{};
    m_model.watch_problems = nullptr;
    if (r.session) m_session = std::move(r.session);
    if (r.quiz_closed && m_state.screen == ui::Screen::Quiz) m_state.screen = ui::Screen::Reader;
    m_state.reader.last_drawn_page = -1;
    m_platform.RequestFrames(3);
    m_trace("reloaded page %s", m_session ? m_session->Nav().Current().id.c_str() : "-");
}

void App::RecoverFromFault(const char* what, bool frame_open) {
    if (frame_open) m_platform.AbandonFrame();
    std::fprintf(stderr, "lectern: unexpected error: %s\n", what);
    m_trace("fault %s", what);
    // Save before anything else can go wrong: a typed answer, answers the store refused, time.
    try {
        if (m_speech) m_speech->Stop();
        if (m_session) m_session->SettleTyping(NowMs());
        ReportUnsaved();
        FlushActiveTime();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lectern: while saving after that error: %s\n", e.what());
    } catch (...) {
    }
    m_model.fault = what;
    m_state.screen = ui::Screen::Error;
    m_state.focus_main = true;
    // A fault on every frame (the error screen itself failing) must not spin: after a few in a
    // row, wait for input instead of drawing again at once.
    if (++m_faults_in_a_row < 5) m_platform.RequestFrames(3);
}

void App::Apply(const ui::Actions& actions) {
    int64_t now = NowMs();
    // Answers the store refused are retried whenever the learner does something; the banner
    // stays until the last one is saved.
    if (m_session && m_session->UnsavedAnswers() > 0 && !actions.list.empty()) m_session->RetryUnsaved(now);
    ui::ControllerResult r = ui::ApplyActions(actions, m_session.get(), m_state, now);
    if (m_state.screen != ui::Screen::Error) m_model.fault.clear();
    for (const ui::Action& a : actions.list)
        if (a.kind == ui::ActionKind::CheckReveal) m_trace("reveal %s", a.id.c_str());
    if (r.page_changed || r.screen_changed) {
        FlushActiveTime();
        if (m_speech && m_speech->Speaking()) m_speech->Stop();  // reading belongs to the page it was started on
    }
    for (const ui::Action& a : r.learner_actions) {
        if (ui::KioskController::Handles(a.kind)) {
            m_desk.Apply(a, m_state, m_model, now);
            r.screen_changed = true;
            continue;
        }
        switch (a.kind) {
            case ui::ActionKind::SignIn:
            case ui::ActionKind::ConfirmIdentity: ApplySignIn(Policy().Choose(a.id, now)); break;
            case ui::ActionKind::CreateLearner: {
                WipePin(m_state.sign_in.new_pin, sizeof m_state.sign_in.new_pin);
                WipePin(m_state.sign_in.new_pin_again, sizeof m_state.sign_in.new_pin_again);
                ApplySignIn(Policy().Create(a.id, a.ref2, a.ref3, now));
                break;
            }
            case ui::ActionKind::CancelIdentity:
                m_state.sign_in.confirm_identity.clear();
                m_state.focus_main = true;
                break;
            case ui::ActionKind::SignInGuest: ApplySignIn(Policy().Guest()); break;
            case ui::ActionKind::SignOut: SignOut(); break;
            case ui::ActionKind::SpeakPage:
                if (Speech().Speaking()) {
                    Speech().Stop();
                } else if (m_session) {
                    // Each passage in its own language's voice; one no voice speaks is left out.
                    const std::vector<platform::SpeechPart> parts = PageSpeechParts();
                    Speech().Speak(parts, m_state.speech_rate);
                    if (m_trace.On()) {
                        size_t chars = 0;
                        for (const platform::SpeechPart& p : parts) chars += p.text.size();
                        const auto plan = Speech().Plan(parts);
                        std::string voices;
                        for (size_t i = 0; plan && i < plan->parts.size(); ++i) voices += (i ? "," : "") + plan->parts[i].voice;
                        m_trace("speech start %zu chars voice %s", chars,
                                !plan ? "(not listed yet)" : voices.empty() ? "(none)" : voices.c_str());
                    }
                }
                break;
            case ui::ActionKind::SpeechPause:
                if (Speech().Paused()) Speech().Resume();
                else if (Speech().Speaking()) Speech().Pause();
                break;
            case ui::ActionKind::StoreMoveAside:
                if (!kiosk::MayMoveStoreAside(m_kiosk, m_model.admin_unlocked)) {
                    m_trace("move-aside refused");
                    break;
                }
                if (m_store.damaged) {
                    MoveAsideOutcome moved = MoveDamagedStoreAside(m_store, m_data_dir, NowMs());
                    if (!moved) {
                        // Said on the screen the button was on: the sign-in screen, or the kiosk's admin screen.
                        (m_state.screen == ui::Screen::Admin ? m_state.admin.message : m_state.sign_in.message) = ui::Words(moved.error());
                        break;
                    }
                    std::fprintf(stderr, "lectern: moved the damaged progress file to %s\n", os::Utf8(*moved).c_str());
                    for (const std::string& line : m_store.log) std::fprintf(stderr, "lectern: %s\n", line.c_str());
                    m_model.store_problem = m_store.problem;
                    RefreshLearners();
                    m_trace("moved-aside %s store %s", os::Utf8(*moved).c_str(), m_store.store ? "open" : "closed");
                }
                break;
            default: break;
        }
        r.screen_changed = true;
    }
    if (r.quit && kiosk::MayQuit(m_kiosk, m_model.admin_unlocked)) m_running = false;
    SaveSettings();
    // A line per move for scripts and end-to-end tests (LECTERN_TRACE=1).
    if (m_trace.On() && (r.page_changed || r.screen_changed || !actions.list.empty()))
        m_trace("%s", ui::DescribeMove(m_session.get(), m_state.screen, actions).c_str());
}

int App::Run(const char* argv0) {
    const std::string course_path = m_options.course.empty() ? FindBundledCourse(argv0) : m_options.course;
    if (int status = ReadKioskConfig(); status >= 0) return status;
    if (int status = OpenWindow(course_path); status >= 0) return status;
    ConfigureModel(course_path);
    if (int status = StartSession(); status >= 0) return status;
    PrepareLoop();
    while (m_running && LoopOnce()) {
    }
    g_wake_on_stop = nullptr;
    FlushActiveTime();
    CloseStore();
    m_platform.Shutdown();
    return m_loop.status ? m_loop.status : m_exit_status;
}

int App::ReadKioskConfig() {
    if (m_options.kiosk || !m_options.kiosk_config.empty()) {
        KioskConfigResult kc = FindKioskConfig(m_options.kiosk_config);
        if (!kc.diagnostics.All().empty()) std::fprintf(stderr, "%s", kc.diagnostics.FormatAll().c_str());
        m_kiosk_config = kc.ok() ? *kc.config : kc.best_effort;
        m_kiosk = m_options.kiosk || m_kiosk_config.kiosk;
        if (!kc.ok() && !m_kiosk) return 2;
        if (m_kiosk && kc.KeyFailed("data_dir")) m_options.guest = true;  // never a second, empty record
        m_state.text_scale = std::clamp(m_kiosk_config.text_size / 100.0f, 1.0f, 2.0f);
        ui::ThemeFromKey(m_kiosk_config.theme, &m_state.theme);
    }
    return -1;
}

int App::OpenWindow(const std::string& course_path) {
    // The course loads on a thread while the window, GL context and fonts are created.
    auto loading = std::async(std::launch::async, [course_path] { return LoadCourse(course_path); });
    platform::WindowOptions wo;
    wo.title = "Lectern";
    wo.width = m_options.width;
    wo.height = m_options.height;
    wo.fit_screen = !m_options.size_given;
    wo.fullscreen = m_options.fullscreen || m_kiosk;
    wo.ignore_close = m_kiosk;
    wo.stay_restored = m_kiosk;
    wo.text_scale = m_kiosk ? m_state.text_scale : m_options.text_scale;
    std::string error;
    if (!m_platform.Init(wo, &error)) {
        std::fprintf(stderr, "lectern: %s\n", error.c_str());
        // Started from Explorer there is no terminal: say it where the user looks.
        os::ShowFatalError("Lectern cannot start", "Lectern cannot start: " + error);
        return 1;
    }
    g_wake_on_stop = &m_platform;
    m_loop.t_init = platform::MsSinceProcessStart();
    m_load = loading.get();
    ++m_course_generation;
    m_loop.t_load = platform::MsSinceProcessStart();
    if (m_load.course) m_platform.SetTitle(m_load.course->title + " \xE2\x80\x94 Lectern");
    if (!m_load.ok()) {
        // The same list lectern-lint prints, on the terminal too, for whoever started us.
        std::fprintf(stderr, "lectern: the course at %s could not be opened:\n%s", course_path.c_str(),
                     m_load.diagnostics.FormatAll().c_str());
    }
    return -1;
}

void App::ConfigureModel(const std::string& course_path) {
    RequestCourseGlyphs();
    m_model.course = m_load.course.get();
    m_model.diagnostics = &m_load.diagnostics;
    m_model.course_path = course_path;
    if (m_options.watch) m_reloader.emplace(course_path);
    m_model.present_mode = m_options.present;
    if (m_options.present) m_state.reader.sidebar_open = false;  // the room sees the page, the notes beside it
    if (!m_kiosk) m_state.text_scale = m_options.text_scale;
    if (!m_options.theme.empty()) ui::ThemeFromKey(m_options.theme, &m_state.theme);
    m_model.kiosk = m_kiosk;
    m_model.allow_guest = !m_kiosk || m_kiosk_config.allow_guest;
    m_model.admin_chord = m_kiosk_config.admin_chord.Format();
    m_model.sign_in_by_typing = m_kiosk && m_kiosk_config.sign_in_by_typing;
    m_data_dir = !m_options.data_dir.empty()         ? m_options.data_dir
                 : !m_kiosk_config.data_dir.empty() ? m_kiosk_config.data_dir
                                                     : DefaultDataDir();
    m_desk.Configure(m_kiosk, &m_kiosk_config, m_data_dir);
    if (m_kiosk) {
        // Even when the course failed to load: the administrator's screen is the only way out.
        // The idle time the administrator set on the admin screen wins over the file's.
        if (auto idle = ReadAdminIdleTimeout(m_data_dir); idle && *idle > m_kiosk_config.countdown_seconds)
            m_kiosk_config.idle_timeout_seconds = *idle;
        m_model.idle_timeout_seconds = m_kiosk_config.idle_timeout_seconds;
        m_model.admin_pin_missing = ReadAdminPinHash(m_data_dir).status == AdminPinStatus::Missing;
    }
}

int App::StartSession() {
    if (m_load.course) {
        if (!m_options.page.empty() && !FindStart(*m_load.course, m_options.page)) {
            std::fprintf(stderr, "lectern: no page, lesson, module, quiz or scenario has the id '%s'\n", m_options.page.c_str());
            return 2;
        }
        if (!m_options.guest && !OpenStore()) return 1;
        RefreshLearners();
        if (m_options.guest || !m_store.store) {
            if (m_options.guest) SignInGuest();
        } else if (!m_options.learner.empty()) {
            // The same policy as the screen: a learner with a PIN is asked for it in the window;
            // a name that exists is that learner, a new one is created (without a PIN).
            kiosk::SignInPolicy policy = Policy();
            kiosk::Decision d = m_store.store->FindLearner(m_options.learner) ? policy.Choose(m_options.learner, NowMs())
                                                                        : policy.Create(m_options.learner, "", "", NowMs());
            if (d.step == kiosk::Step::Refused) {
                std::fprintf(stderr, "lectern: %s\n", ui::Words(d).c_str());
                return 1;
            }
            ApplySignIn(d);
        } else if (m_model.learners.size() == 1 && !m_kiosk) {
            ApplySignIn(Policy().Choose(m_model.learners.front(), NowMs()));  // one person on this machine: no question to ask
        }
        if (m_kiosk && m_session) SignOut();  // a kiosk always starts at the sign-in screen
        if (!m_session && m_state.screen != ui::Screen::Admin) m_state.screen = ui::Screen::Learners;
        if (!m_options.page.empty()) {
            if (m_kiosk) {
                // Each learner on a kiosk resumes their own place; one start page for everyone
                // would move them all away from it.
                std::fprintf(stderr, "lectern: --page is not used in kiosk mode: each learner resumes where they left off\n");
            } else {
                m_start_page = m_options.page;  // now, or after the sign-in the learner is asked for
                OpenStartPage();
            }
        }
    } else {
        m_state.screen = ui::Screen::Error;
    }
    if (m_kiosk && m_model.admin_pin_missing) m_state.screen = ui::Screen::Admin;  // first start: a way out first
    if (!m_options.screen.empty() && m_load.course) app::ScreenFromName(m_options.screen, &m_state.screen);  // checked by ParseOptions
    if (m_state.screen == ui::Screen::Reader && m_session) m_session->ShowPage(m_session->Nav().Index(), NowMs());
    return -1;
}

void App::PrepareLoop() {
    if (!m_options.screenshot.empty()) {
        // A picture of a screen, not of wherever the (virtual) pointer happens to rest.
        m_platform.SetInputHook([](ImGuiIO& io) {
            io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
            ui::RemapKeyboard(io);
        });
    } else {
        m_platform.SetInputHook(ui::RemapKeyboard);
    }
    // Tests of the last-chance handler: F12 throws mid-frame (GLFW_KEY_F12; ui/ knows no GLFW).
    if (const char* fault = std::getenv("LECTERN_FAULT"); fault && std::string(fault) == "F12") m_model.fault_key = 301;
    m_model.load_image = [this](const std::string& path) {
        platform::Texture t = m_platform.LoadTexture(path);
        return ui::Texture{t.id, t.width, t.height};
    };

    if (!m_options.capture.empty() && !os::OnCaptureRequest(OnCaptureSignal))
        std::fprintf(stderr, "lectern: --capture needs SIGUSR1, which this system does not have\n");
    m_platform.SetWakeInterval(BaseWakeInterval());
    // The first frames draw without waiting for input: ImGui settles its layout over two or three.
    m_platform.RequestFrames(3);
    m_loop.unattended = !m_options.screenshot.empty() || m_options.first_frame_exit;
}

bool App::LoopOnce() {
    std::string error;
    // A new text size, characters or shaped glyphs not yet in the atlas (a course, a name, a
    // typed answer), or a monitor with another content scale (the window was moved): bake again.
    m_platform.RequestShapedGlyphs(ToGlyphRequests(m_shaped.TakeRequests()));
    m_platform.RequestShapedGlyphs(ToGlyphRequests(m_notes_shaped.TakeRequests()));
    if (m_fonts_scale != m_state.text_scale || m_platform.GlyphsPending() || m_platform.FontsNeedRebuild()) {
        if (m_loop.t_fonts == 0) m_loop.t_fonts = -1;
        if (!m_platform.BuildFonts(m_state.text_scale, &error)) {
            std::fprintf(stderr, "lectern: %s\n", error.c_str());
            m_loop.status = 1;
            return false;
        }
        m_fonts_scale = m_state.text_scale;
        m_applied_scale = -1;
        m_shaped.SetFaces(ToShapingFaces(m_platform.Fonts()));
        m_shaped.SetLanguageFonts(LanguageFontsOf(&m_platform.Fonts()));
        if (m_trace.On()) {
            const platform::FontSet& f = m_platform.Fonts();
            m_trace("fonts atlas %dx%d glyphs %d extra-characters %zu", f.atlas_width,
                         f.atlas_height, f.glyphs, m_platform.RequestedGlyphs().codepoints.size());
        }
        if (m_platform.HasSecondWindow() && !m_platform.BuildSecondFonts(NotesTextScale(), &error))
            std::fprintf(stderr, "lectern: notes window: %s\n", error.c_str());
        if (m_loop.t_fonts < 0) m_loop.t_fonts = platform::MsSinceProcessStart();
    }
    ui::Fonts fonts = ToUiFonts(m_platform.Fonts());
    if (m_applied_theme != m_state.theme || m_applied_scale != fonts.body_px) {
        // Padding grows at half the rate of the text: roomy at 200% without wasting the screen.
        ui::ApplyTheme(ui::GetTheme(m_state.theme), 1.0f + (fonts.body_px / 18.0f - 1.0f) * 0.5f);
        m_applied_theme = m_state.theme;
        m_applied_scale = fonts.body_px;
    }
    if (m_loop.unattended) m_platform.RequestFrames(2);
    bool frame_open = false;
    bool go_on = true;
    try {
        go_on = DrawFrame(fonts, frame_open);
        m_faults_in_a_row = 0;
    } catch (const std::exception& e) {
        RecoverFromFault(e.what(), frame_open);
    } catch (...) {
        RecoverFromFault("an error of an unknown kind", frame_open);
    }
    if (g_stop_signal) {
        m_trace("stopping on signal %d", g_stop_signal.load());
        m_running = false;
    }
    return go_on;
}

bool App::DrawFrame(const ui::Fonts& fonts, bool& frame_open) {
    std::string error;
    const int assert_failures = LecternImGuiAssertFailures();
    if (!m_platform.BeginFrame()) return false;
    frame_open = true;
    m_shaped.Install();
    m_shaped.NewFrame();
    // Before drawing, so this frame already shows a reload (or its errors): a capture asked
    // for after the trace line always sees it.
    if (m_options.watch) CheckForChanges();
    m_model.session = m_session.get();
    m_model.page = m_session ? m_session->Nav().Index() : 0;
    m_model.learner_name = m_learner_name;
    m_model.speech_available = !m_speech || m_speech->Available();
    m_model.speech_unavailable = m_speech && !m_model.speech_available ? m_speech->UnavailableReason() : std::string();
    if (!m_model.speech_available && m_trace.Changed("speech", "unavailable")) m_trace("speech unavailable");
    UpdateSpeechNotice();
    m_model.speaking = m_speech && m_speech->Speaking();
    m_model.speech_paused = m_speech && m_speech->Paused();
    // The session's trouble worded in the course's language (LastError, its English, goes to the terminal).
    m_model.banner = m_session && !m_session->LastError().empty() ? ui::Words(m_session->SaveTrouble()) : StoreBanner();
    // A damaged file's screens name the problem in the course's language (the store's English is in the log).
    if (m_store.damaged && m_store.problem_code != StoreProblem::None)
        m_model.store_problem = ui::Words(m_store.problem_code, m_store.problem_path);
    if (m_trace.Changed("banner", m_model.banner) && m_loop.frame > 0)
        m_trace("banner %s", m_model.banner.empty() ? "(none)" : m_model.banner.c_str());
    ui::Actions actions;
    ui::DrawApp(m_model, m_state, actions, fonts);
    if (ui::FocusMoving()) m_platform.HoldInput();
    if (m_trace.On()) {
        // Where keyboard focus settles, for tests that check it after each key.
        if (std::string focus = ui::DescribeFocus(); m_trace.Changed("focus", focus)) m_trace("focus %s", focus.c_str());
        if (std::string name = ui::FocusedName(); m_trace.Changed("focused-item", name))
            m_trace("focused-item %s", name.empty() ? "-" : name.c_str());
        // What is on the screen now, drawn without waiting for input (idle sign-out tests).
        if (m_trace.Changed("drawn", ui::ScreenName(m_state.screen) + std::string(" ") + std::to_string(m_state.view_generation)))
            m_trace("drawn %s generation %d", ui::ScreenName(m_state.screen), m_state.view_generation);
    }
    const ImGuiIO& io = ImGui::GetIO();
    bool had_input = io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || io.InputQueueCharacters.Size > 0 ||
                     ImGui::IsAnyMouseDown() || !actions.list.empty();
    // A key counts when it goes down, not while held: a modifier left "down" after a window
    // manager grabbed its release (Alt+F4) must not keep a kiosk session awake forever.
    for (int k = 0; k < 512 && !had_input; ++k) had_input = io.KeysDownDuration[k] == 0.0f;
    TrackActiveTime(had_input);
    if (m_kiosk && m_platform.CloseRequested()) {
        m_platform.ClearCloseRequest();
        m_trace("close ignored");
    }
    m_desk.Frame(m_kiosk && ui::ChordPressed(m_kiosk_config.admin_chord), had_input, m_state, m_model, NowMs(), BootMs());
    frame_open = false;
    m_platform.EndFrame();
    // The page is on screen, drawn to the end: now it may be where the learner resumes (unless
    // drawing it failed a Dear ImGui check).
    ui::AfterFrame(m_model, m_state, m_session.get(), assert_failures, NowMs());
    DrawNotesWindow(m_loop.frame);
    // Glyphs either window asked for are baked at the start of the next frame: have one, or
    // they would wait for the next key (a kiosk idles with no frames).
    if (m_shaped.HasRequests() || m_notes_shaped.HasRequests()) m_platform.RequestFrames(2);
    ++m_loop.frame;
    if (m_loop.frame == 1) {
        m_trace("ready screen %s page %s", ui::ScreenName(m_state.screen),
                     m_session ? m_session->Nav().Current().id.c_str() : "-");
        if (!m_model.banner.empty()) m_trace("banner %s", m_model.banner.c_str());
        if (!m_model.store_problem.empty()) m_trace("store-problem %s", m_model.store_problem.c_str());
    }
    if (m_options.first_frame_exit) {
        m_trace("startup init %.0f load %.0f fonts %.0f frame %.0f", m_loop.t_init, m_loop.t_load, m_loop.t_fonts,
                                  platform::MsSinceProcessStart());
        std::printf("first-frame-ms %.1f\n", platform::MsSinceProcessStart());
        return false;
    }
    // A screenshot waits a few frames: ImGui sizes auto-fit windows and tables over two or three.
    if (!m_options.screenshot.empty() && m_loop.frame >= 4) {
        if (!m_platform.SaveScreenshot(m_options.screenshot, &error)) {
            std::fprintf(stderr, "lectern: cannot write the screenshot: %s\n", error.c_str());
            m_loop.status = 1;
        }
        return false;
    }
    if (g_capture_requested) {
        g_capture_requested = 0;
        if (!m_platform.SaveScreenshot(m_options.capture, &error))
            std::fprintf(stderr, "lectern: cannot write the capture: %s\n", error.c_str());
        else
            m_trace("captured %s", m_options.capture.c_str());
        if (m_platform.HasSecondWindow()) {
            // The notes window beside it: FILE.png -> FILE-notes.png.
            std::string notes = m_options.capture;
            size_t dot = notes.rfind(".png");
            notes = dot != std::string::npos && dot + 4 == notes.size() ? notes.substr(0, dot) + "-notes.png" : notes + "-notes.png";
            if (!m_platform.SaveSecondScreenshot(notes, &error))
                std::fprintf(stderr, "lectern: cannot write the capture: %s\n", error.c_str());
            else
                m_trace("captured %s", notes.c_str());
        }
    }
    Apply(actions);
    SettleTypingOnPause();
    if (m_trace.On() && m_platform.KeyReleases() != m_traced_key_releases) {
        // Every key released so far has had its frames and their actions are traced above:
        // a test waits for this before it reads what the key did (no guessing with sleeps).
        m_traced_key_releases = m_platform.KeyReleases();
        m_trace("key-up %llu focus %s", static_cast<unsigned long long>(m_traced_key_releases),
                     ui::DescribeFocus().c_str());
    }
    if (!actions.list.empty() || ui::KeyboardWantsFrame()) m_platform.RequestFrames(3);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    lectern::os::Utf8Arguments utf8_arguments(argc, argv);  // Windows: UTF-8, not the ANSI code page
    os::TakeStopRequests(OnStopRequest);
    app::Options options;
    std::string out, err;
    int early = app::ParseOptions(std::vector<std::string>(argv + 1, argv + argc), options, out, err);
    std::fputs(out.c_str(), stdout);
    std::fputs(err.c_str(), stderr);
    if (early >= 0) return early;
    App app(options);
    return app.Run(argv[0]);
}
