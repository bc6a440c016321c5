// lectern: the course player. Parses options, loads the course, opens the window, and runs the
// loop: draw the UI (which emits Actions), then apply the actions to the model after the frame.
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <chrono>
#include <future>
#include <string>

#include "core/loader.h"
#include "core/navigator.h"
#include "core/progress_store.h"
#include "core/session.h"
#include "platform/platform.h"
#include "ui/controller.h"
#include "ui/input.h"
#include "ui/ui.h"

namespace fs = std::filesystem;
using namespace lectern;

namespace {

// SIGUSR1 asks a running lectern to save its next frame to the --capture file (for tests and
// documentation). The handler only sets a flag; the loop wakes at least every 100 ms then.
volatile std::sig_atomic_t g_capture_requested = 0;
void OnCaptureSignal(int) { g_capture_requested = 1; }

constexpr const char* kBundledCourse = "human-rights-security-cooperation";

const char* kUsage =
    "Usage: lectern [OPTIONS]\n"
    "\n"
    "Lectern plays an e-learning course offline: lessons, knowledge checks, quizzes and\n"
    "scenarios. With no --course it opens the bundled course, Human Rights and Security\n"
    "Cooperation.\n"
    "\n"
    "Options:\n"
    "  --course PATH        open the course in PATH (a folder with course.xml)\n"
    "  --page ID            start on this page (a page, lesson or module id)\n"
    "  --screen NAME        start on: home, reader, glossary, references, help or progress\n"
    "  --size WxH           window size in pixels (default 1280x800)\n"
    "  --fullscreen         fill the primary monitor\n"
    "  --text-size PERCENT  text size, 100 to 200 (default 100)\n"
    "  --theme NAME         light, dark, contrast or yellow\n"
    "  --present            presenter view: show facilitator notes\n"
    "  --data-dir DIR       keep progress in DIR (default: $XDG_DATA_HOME/lectern,\n"
    "                       else ~/.local/share/lectern)\n"
    "  --learner NAME       sign in as NAME (created if new)\n"
    "  --guest              continue as a guest: nothing is saved\n"
    "  --screenshot FILE    draw the chosen screen, save it as a PNG file, and exit\n"
    "  --capture FILE       save the window to FILE.png each time lectern gets SIGUSR1\n"
    "  --first-frame-exit   print the time from process start to the first frame, and exit\n"
    "  -h, --help           show this help and exit\n"
    "  --version            show the version and exit\n"
    "\n"
    "Keys: arrows turn pages, Space scrolls, G glossary, F1 help, Ctrl+Plus/Minus text size.\n";

struct Options {
    std::string course;
    std::string page;
    std::string screen;
    std::string screenshot;
    std::string capture;
    int width = 1280, height = 800;
    bool fullscreen = false;
    float text_scale = 1.0f;
    std::string theme;
    std::string data_dir;
    std::string learner;
    bool guest = false;
    bool present = false;
    bool first_frame_exit = false;
};

int UsageError(const std::string& message) {
    std::fprintf(stderr, "lectern: %s\nTry 'lectern --help'.\n", message.c_str());
    return 2;
}

// Returns -1 to go on, or an exit status.
int ParseArgs(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        std::string value;
        auto need = [&](const char* name) -> bool {
            size_t eq = a.find('=');
            if (eq != std::string::npos) {
                value = a.substr(eq + 1);
                return true;
            }
            if (i + 1 >= argc) {
                UsageError(std::string(name) + " needs a value");
                return false;
            }
            value = argv[++i];
            return true;
        };
        auto is = [&](const char* name) { return a == name || a.rfind(std::string(name) + "=", 0) == 0; };
        if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a == "--version") {
            std::printf("lectern %s\n", LECTERN_VERSION);
            return 0;
        } else if (is("--course")) {
            if (!need("--course")) return 2;
            o.course = value;
        } else if (is("--page")) {
            if (!need("--page")) return 2;
            o.page = value;
        } else if (is("--screen")) {
            if (!need("--screen")) return 2;
            o.screen = value;
        } else if (is("--screenshot")) {
            if (!need("--screenshot")) return 2;
            o.screenshot = value;
        } else if (is("--capture")) {
            if (!need("--capture")) return 2;
            o.capture = value;
        } else if (is("--size")) {
            if (!need("--size")) return 2;
            if (std::sscanf(value.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 240 ||
                o.width > 16384 || o.height > 16384)
                return UsageError("--size takes WIDTHxHEIGHT, for example 1280x800 (at least 320x240)");
        } else if (is("--text-size")) {
            if (!need("--text-size")) return 2;
            int pct = std::atoi(value.c_str());
            if (pct < 100 || pct > 200) return UsageError("--text-size takes a percentage from 100 to 200");
            o.text_scale = pct / 100.0f;
        } else if (is("--theme")) {
            if (!need("--theme")) return 2;
            ui::ThemeId id;
            if (!ui::ThemeFromKey(value, &id)) return UsageError("--theme takes light, dark, contrast or yellow");
            o.theme = value;
        } else if (is("--data-dir")) {
            if (!need("--data-dir")) return 2;
            o.data_dir = value;
        } else if (is("--learner")) {
            if (!need("--learner")) return 2;
            o.learner = value;
        } else if (a == "--guest") {
            o.guest = true;
        } else if (a == "--fullscreen") {
            o.fullscreen = true;
        } else if (a == "--present") {
            o.present = true;
        } else if (a == "--first-frame-exit") {
            o.first_frame_exit = true;
        } else {
            return UsageError("unknown option '" + a + "'");
        }
    }
    return -1;
}

// The bundled course: next to an installed binary (../share/lectern/content), else the source tree.
std::string FindBundledCourse(const char* argv0) {
    std::error_code ec;
    fs::path exe = fs::canonical("/proc/self/exe", ec);
    if (ec) exe = fs::path(argv0);
    std::vector<fs::path> candidates = {
        exe.parent_path().parent_path() / "share" / "lectern" / "content" / kBundledCourse,
        fs::path(LECTERN_DATA_DIR) / "content" / kBundledCourse,
        fs::path(LECTERN_SOURCE_DIR) / "content" / kBundledCourse,
    };
    for (const auto& c : candidates)
        if (fs::exists(c / "course.xml", ec)) return c.string();
    return candidates.back().string();
}

ui::Fonts ToUiFonts(const platform::FontSet& s) {
    ui::Fonts f;
    f.body = s.body;
    f.bold = s.bold;
    f.italic = s.italic;
    f.bold_italic = s.bold_italic;
    f.heading1 = s.heading1;
    f.heading2 = s.heading2;
    f.heading3 = s.heading3;
    f.ui = s.ui;
    f.ui_bold = s.ui_bold;
    f.small = s.small;
    f.body_px = s.body_px;
    return f;
}

bool ScreenFromName(const std::string& name, ui::Screen* out) {
    static const std::pair<const char*, ui::Screen> names[] = {
        {"home", ui::Screen::Home},           {"reader", ui::Screen::Reader}, {"glossary", ui::Screen::Glossary},
        {"references", ui::Screen::References}, {"help", ui::Screen::Help}, {"progress", ui::Screen::Progress},
        {"learners", ui::Screen::Learners},
    };
    for (const auto& [n, s] : names)
        if (name == n) {
            *out = s;
            return true;
        }
    return false;
}

class App {
public:
    App(const Options& o) : m_options(o) {}

    int Run(const char* argv0);

private:
    void Apply(const ui::Actions& actions);
    void OpenStore();
    void RefreshLearners();
    bool SignIn(const std::string& name, bool create);
    void SignInGuest();
    void SignOut();
    void SaveSettings();
    void TrackActiveTime(bool had_input);
    void FlushActiveTime();

    Options m_options;
    platform::Platform m_platform;
    LoadResult m_load;
    std::unique_ptr<ProgressStore> m_store;
    std::unique_ptr<Session> m_session;
    std::string m_store_banner;
    std::string m_store_path;
    bool m_store_damaged = false;  // corrupt or too new: offer to move it aside (after confirmation)
    std::string m_learner_name;
    int64_t m_last_input_ms = 0, m_last_frame_ms = 0, m_pending_active_ms = 0, m_last_flush_ms = 0;
    float m_saved_scale = -1;
    ui::ThemeId m_saved_theme = ui::ThemeId::Light;
    ui::UiState m_state;
    ui::ViewModel m_model;
    bool m_running = true;
    bool m_trace = std::getenv("LECTERN_TRACE") != nullptr;
    float m_fonts_scale = 0;
    ui::ThemeId m_applied_theme = ui::ThemeId::Light;
    float m_applied_scale = -1;
};

int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void App::OpenStore() {
    std::string dir = m_options.data_dir.empty() ? DefaultDataDir() : m_options.data_dir;
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::string path = ProgressDbPath(dir);
    m_model.data_path = path;
    m_store_path = path;
    OpenResult r = ProgressStore::Open(path);
    m_store_damaged = r.status == OpenStatus::Corrupt || r.status == OpenStatus::TooNew;
    m_model.store_problem = m_store_damaged ? r.message : std::string();
    if (r.status == OpenStatus::Ok) {
        m_store = std::move(r.store);
        return;
    }
    if (r.status == OpenStatus::CannotWrite) {
        m_store = std::move(r.store);
        m_store_banner = "Progress is NOT being saved: " + r.message;
        return;
    }
    // Corrupt, too new, locked or refused: never touch the file. Learners may continue as
    // guests; moving the file aside is a deliberate step (lectern-progress, or the kiosk admin).
    m_store_banner = "Progress is NOT being saved: " + r.message + ". The file was left untouched.";
    std::fprintf(stderr, "lectern: %s\n", m_store_banner.c_str());
}

void App::RefreshLearners() {
    m_model.learners.clear();
    if (!m_store) return;
    for (const auto& l : m_store->Learners()) m_model.learners.push_back(l.display_name);
}

bool App::SignIn(const std::string& name, bool create) {
    if (!m_load.course) return false;
    if (!m_store) {
        m_state.message = "Progress cannot be saved right now, so learners cannot sign in. Continue as a guest.";
        return false;
    }
    auto learner = m_store->FindLearner(name);
    if (!learner && create) {
        WriteResult w = m_store->CreateLearner(name, NowMs());
        if (!w.ok()) {
            m_state.message = std::string("Could not add that learner: ") + ToString(w.error);
            return false;
        }
        learner = m_store->GetLearner(w.id);
    }
    if (!learner) {
        m_state.message = "No learner named " + name + ".";
        return false;
    }
    m_state.message.clear();
    m_state.new_learner[0] = '\0';
    m_session = std::make_unique<Session>(m_load.course, m_store.get(), learner->id);
    m_learner_name = learner->display_name;
    m_session->Resume();
    // The learner's own display settings follow them.
    if (auto v = m_store->GetSetting(learner->id, "text_size")) m_state.text_scale = std::clamp(std::atoi(v->c_str()) / 100.0f, 1.0f, 2.0f);
    if (auto v = m_store->GetSetting(learner->id, "theme")) ui::ThemeFromKey(*v, &m_state.theme);
    m_saved_scale = m_state.text_scale;
    m_saved_theme = m_state.theme;
    m_state.screen = ui::Screen::Home;
    m_state.focus_main = true;
    return true;
}

void App::SignInGuest() {
    m_session = std::make_unique<Session>(m_load.course, nullptr, std::nullopt);
    m_learner_name.clear();
    m_state.screen = ui::Screen::Home;
    m_state.focus_main = true;
}

void App::SignOut() {
    FlushActiveTime();
    m_session.reset();
    m_learner_name.clear();
    m_state = ui::UiState{};
    m_state.screen = ui::Screen::Learners;
    RefreshLearners();
}

void App::SaveSettings() {
    if (!m_session || !m_session->Saving()) return;
    LearnerId id = *m_session->Learner();
    if (m_saved_scale != m_state.text_scale) {
        m_store->SetSetting(id, "text_size", std::to_string(static_cast<int>(m_state.text_scale * 100 + 0.5f)), NowMs());
        m_saved_scale = m_state.text_scale;
    }
    if (m_saved_theme != m_state.theme) {
        m_store->SetSetting(id, "theme", ui::ThemeKey(m_state.theme), NowMs());
        m_saved_theme = m_state.theme;
    }
}

// Active time only: the window has focus and there was input in the last three minutes.
void App::TrackActiveTime(bool had_input) {
    constexpr int64_t kIdleMs = 3 * 60 * 1000;
    int64_t now = NowMs();
    if (m_last_frame_ms == 0) m_last_frame_ms = m_last_input_ms = m_last_flush_ms = now;
    int64_t idle_at_last = m_last_frame_ms - m_last_input_ms;
    if (m_platform.Focused() && idle_at_last < kIdleMs)
        m_pending_active_ms += std::min(now - m_last_frame_ms, kIdleMs - idle_at_last);
    if (had_input) m_last_input_ms = now;
    m_last_frame_ms = now;
    if (now - m_last_flush_ms > 30000) FlushActiveTime();
}

void App::FlushActiveTime() {
    if (m_session && m_pending_active_ms > 0) m_session->AddActiveTime(m_pending_active_ms, NowMs());
    m_pending_active_ms = 0;
    m_last_flush_ms = NowMs();
}

void App::Apply(const ui::Actions& actions) {
    int64_t now = NowMs();
    ui::ControllerResult r = ui::ApplyActions(actions, m_session.get(), m_state, now);
    if (r.page_changed || r.screen_changed) FlushActiveTime();
    for (const ui::Action& a : r.learner_actions) {
        switch (a.kind) {
            case ui::ActionKind::SignIn: SignIn(a.id, false); break;
            case ui::ActionKind::CreateLearner: SignIn(a.id, true); break;
            case ui::ActionKind::SignInGuest: SignInGuest(); break;
            case ui::ActionKind::SignOut: SignOut(); break;
            case ui::ActionKind::StoreMoveAside:
                if (m_store_damaged) {
                    MoveAsideResult moved = MoveAside(m_store_path, NowMs());
                    if (!moved.ok) {
                        m_state.message = "Could not move the file aside: " + moved.message;
                        break;
                    }
                    std::fprintf(stderr, "lectern: moved the damaged progress file to %s\n", moved.new_path.c_str());
                    m_store_banner.clear();
                    m_store_damaged = false;
                    m_model.store_problem.clear();
                    OpenStore();
                    RefreshLearners();
                    if (m_trace) std::fprintf(stderr, "trace: moved-aside %s store %s\n", moved.new_path.c_str(), m_store ? "open" : "closed");
                }
                break;
            default: break;
        }
        r.screen_changed = true;
    }
    if (r.quit) m_running = false;
    SaveSettings();
    // A line per move for scripts and end-to-end tests (LECTERN_TRACE=1).
    if (m_trace && (r.page_changed || r.screen_changed || !actions.list.empty())) {
        std::string quiz;
        if (m_session && m_session->ActiveQuiz()) {
            const Attempt* a = m_session->ActiveAttempt();
            char b[160];
            std::snprintf(b, sizeof b, " quiz %s attempt %d question %d answered %d submitted %d", m_session->ActiveQuiz()->id.c_str(),
                          a ? a->number : 0, a ? a->current + 1 : 0, a ? static_cast<int>(a->answers.size()) : 0,
                          a && a->submitted ? 1 : 0);
            quiz = b;
            if (m_session->LastResult()) {
                std::snprintf(b, sizeof b, " score %.0f passed %d", m_session->LastResult()->percent, m_session->LastResult()->passed ? 1 : 0);
                quiz += b;
            }
        }
        std::string kinds;
        for (const auto& a : actions.list) kinds += " " + std::to_string(static_cast<int>(a.kind));
        if (m_session) {
            CourseStatus st = m_session->Status();
            int lessons = 0, done = 0;
            for (const auto& ms : st.modules)
                for (const auto& ls : ms.lessons) {
                    ++lessons;
                    done += ls.status == CompletionStatus::Completed;
                }
            char b[96];
            std::snprintf(b, sizeof b, " progress %d%% lessons %d/%d", st.percent, done, lessons);
            quiz += b;
        }
        std::fprintf(stderr, "trace: screen %s page %s%s actions%s\n", ui::ScreenName(m_state.screen),
                     m_session ? m_session->Nav().Current().id.c_str() : "-", quiz.c_str(), kinds.c_str());
    }
}

int App::Run(const char* argv0) {
    std::string course_path = m_options.course.empty() ? FindBundledCourse(argv0) : m_options.course;
    // The course loads on a thread while the window, GL context and fonts are created.
    auto loading = std::async(std::launch::async, [course_path] { return LoadCourse(course_path); });
    platform::WindowOptions wo;
    wo.title = "Lectern";
    wo.width = m_options.width;
    wo.height = m_options.height;
    wo.fullscreen = m_options.fullscreen;
    wo.text_scale = m_options.text_scale;
    std::string error;
    if (!m_platform.Init(wo, &error)) {
        std::fprintf(stderr, "lectern: %s\n", error.c_str());
        return 1;
    }
    m_load = loading.get();
    if (m_load.course) m_platform.SetTitle(m_load.course->title + " \xE2\x80\x94 Lectern");
    if (!m_load.ok()) {
        // The same list lectern-lint prints, on the terminal too, for whoever started us.
        std::fprintf(stderr, "lectern: the course at %s could not be opened:\n%s", course_path.c_str(),
                     m_load.diagnostics.FormatAll().c_str());
    }
    m_model.course = m_load.course.get();
    m_model.diagnostics = &m_load.diagnostics;
    m_model.course_path = course_path;
    m_model.present_mode = m_options.present;
    m_state.text_scale = m_options.text_scale;
    if (!m_options.theme.empty()) ui::ThemeFromKey(m_options.theme, &m_state.theme);
    if (m_load.course) {
        if (!m_options.page.empty() && m_load.course->LinkTarget(m_options.page) < 0) {
            std::fprintf(stderr, "lectern: no page, lesson or module has the id '%s'\n", m_options.page.c_str());
            return 2;
        }
        if (!m_options.guest) OpenStore();
        RefreshLearners();
        if (m_options.guest || !m_store) {
            if (m_options.guest) SignInGuest();
        } else if (!m_options.learner.empty()) {
            if (!SignIn(m_options.learner, true)) {
                std::fprintf(stderr, "lectern: %s\n", m_state.message.c_str());
                return 1;
            }
        } else if (m_model.learners.size() == 1) {
            SignIn(m_model.learners.front(), false);  // one person on this machine: no question to ask
        }
        if (!m_session) m_state.screen = ui::Screen::Learners;
        if (m_session && !m_options.page.empty()) {
            m_session->ShowPage(m_load.course->LinkTarget(m_options.page), NowMs());
            m_state.screen = ui::Screen::Reader;
        }
    } else {
        m_state.screen = ui::Screen::Error;
    }
    if (!m_options.screen.empty() && m_load.course && !ScreenFromName(m_options.screen, &m_state.screen))
        return UsageError("--screen takes home, reader, glossary, references, help, progress or learners");
    if (m_state.screen == ui::Screen::Reader && m_session) m_session->ShowPage(m_session->Nav().Index(), NowMs());

    m_platform.SetInputHook(ui::RemapKeyboard);
    m_model.load_image = [this](const std::string& path) {
        platform::Texture t = m_platform.LoadTexture(path);
        return ui::Texture{t.id, t.width, t.height};
    };

    if (!m_options.capture.empty()) {
        std::signal(SIGUSR1, OnCaptureSignal);
        m_platform.SetWakeInterval(0.1);
    }
    // The first frames draw without waiting for input: ImGui settles its layout over two or three.
    m_platform.RequestFrames(3);
    const bool unattended = !m_options.screenshot.empty() || m_options.first_frame_exit;
    int frame = 0;
    // A screenshot waits a few frames: ImGui sizes auto-fit windows and tables over two or three.
    const int screenshot_frame = 4;
    int status = 0;
    while (m_running) {
        if (m_fonts_scale != m_state.text_scale) {
            if (!m_platform.BuildFonts(m_state.text_scale, &error)) {
                std::fprintf(stderr, "lectern: %s\n", error.c_str());
                status = 1;
                break;
            }
            m_fonts_scale = m_state.text_scale;
            m_applied_scale = -1;
        }
        ui::Fonts fonts = ToUiFonts(m_platform.Fonts());
        if (m_applied_theme != m_state.theme || m_applied_scale != fonts.body_px) {
            // Padding grows at half the rate of the text: roomy at 200% without wasting the screen.
            ui::ApplyTheme(ui::GetTheme(m_state.theme), 1.0f + (fonts.body_px / 18.0f - 1.0f) * 0.5f);
            m_applied_theme = m_state.theme;
            m_applied_scale = fonts.body_px;
        }
        if (unattended) m_platform.RequestFrames(2);
        if (!m_platform.BeginFrame()) break;
        m_model.session = m_session.get();
        m_model.page = m_session ? m_session->Nav().Index() : 0;
        m_model.learner_name = m_learner_name;
        m_model.banner = m_session && !m_session->LastError().empty() ? m_session->LastError() : m_store_banner;
        ui::Actions actions;
        ui::DrawApp(m_model, m_state, actions, fonts);
        const ImGuiIO& io = ImGui::GetIO();
        bool had_input = io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || io.InputQueueCharacters.Size > 0 ||
                         ImGui::IsAnyMouseDown() || !actions.list.empty();
        for (int k = 0; k < 512 && !had_input; ++k) had_input = io.KeysDown[k];
        TrackActiveTime(had_input);
        m_platform.EndFrame();
        ++frame;
        if (frame == 1 && m_trace) {
            std::fprintf(stderr, "trace: ready screen %s page %s\n", ui::ScreenName(m_state.screen),
                         m_session ? m_session->Nav().Current().id.c_str() : "-");
            if (!m_model.banner.empty()) std::fprintf(stderr, "trace: banner %s\n", m_model.banner.c_str());
            if (!m_model.store_problem.empty()) std::fprintf(stderr, "trace: store-problem %s\n", m_model.store_problem.c_str());
        }
        if (m_options.first_frame_exit) {
            std::printf("first-frame-ms %.1f\n", platform::MsSinceProcessStart());
            break;
        }
        if (!m_options.screenshot.empty() && frame >= screenshot_frame) {
            if (!m_platform.SaveScreenshot(m_options.screenshot, &error)) {
                std::fprintf(stderr, "lectern: cannot write the screenshot: %s\n", error.c_str());
                status = 1;
            }
            break;
        }
        if (g_capture_requested) {
            g_capture_requested = 0;
            if (!m_platform.SaveScreenshot(m_options.capture, &error))
                std::fprintf(stderr, "lectern: cannot write the capture: %s\n", error.c_str());
            else if (m_trace)
                std::fprintf(stderr, "trace: captured %s\n", m_options.capture.c_str());
        }
        Apply(actions);
        if (!actions.list.empty()) m_platform.RequestFrames(3);
    }
    FlushActiveTime();
    m_platform.Shutdown();
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    int early = ParseArgs(argc, argv, options);
    if (early >= 0) return early;
    App app(options);
    return app.Run(argv[0]);
}
