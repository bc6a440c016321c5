// lectern: the course player. Parses options, loads the course, opens the window, and runs the
// loop: draw the UI (which emits Actions), then apply the actions to the model after the frame.
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "core/loader.h"
#include "core/navigator.h"
#include "platform/platform.h"
#include "ui/controller.h"
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
    "  --screen NAME        start on: home, reader, glossary, references or help\n"
    "  --size WxH           window size in pixels (default 1280x800)\n"
    "  --fullscreen         fill the primary monitor\n"
    "  --text-size PERCENT  text size, 100 to 200 (default 100)\n"
    "  --theme NAME         light, dark, contrast or yellow\n"
    "  --present            presenter view: show facilitator notes\n"
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
        {"references", ui::Screen::References}, {"help", ui::Screen::Help},
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

    Options m_options;
    platform::Platform m_platform;
    LoadResult m_load;
    std::unique_ptr<Navigator> m_nav;
    ui::UiState m_state;
    ui::ViewModel m_model;
    bool m_running = true;
    bool m_trace = std::getenv("LECTERN_TRACE") != nullptr;
    float m_fonts_scale = 0;
    ui::ThemeId m_applied_theme = ui::ThemeId::Light;
    float m_applied_scale = -1;
};

void App::Apply(const ui::Actions& actions) {
    ui::ControllerResult r = ui::ApplyActions(actions, m_nav.get(), m_state);
    if (r.quit) m_running = false;
    if (m_nav) m_model.page = m_nav->Index();
    // A line per move for scripts and end-to-end tests (LECTERN_TRACE=1).
    if (m_trace && (r.page_changed || r.screen_changed))
        std::fprintf(stderr, "trace: screen %s page %s\n", ui::ScreenName(m_state.screen),
                     m_nav ? m_nav->Current().id.c_str() : "-");
}

int App::Run(const char* argv0) {
    std::string course_path = m_options.course.empty() ? FindBundledCourse(argv0) : m_options.course;
    m_load = LoadCourse(course_path);
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
        m_nav = std::make_unique<Navigator>(*m_load.course);
        if (!m_options.page.empty()) {
            if (!m_nav->JumpTo(m_options.page)) {
                std::fprintf(stderr, "lectern: no page, lesson or module has the id '%s'\n", m_options.page.c_str());
                return 2;
            }
            m_state.screen = ui::Screen::Reader;
        }
        m_model.page = m_nav->Index();
    } else {
        m_state.screen = ui::Screen::Error;
    }
    if (!m_options.screen.empty() && m_load.course && !ScreenFromName(m_options.screen, &m_state.screen))
        return UsageError("--screen takes home, reader, glossary, references or help");

    platform::WindowOptions wo;
    wo.title = m_load.course ? m_load.course->title + " \xE2\x80\x94 Lectern" : "Lectern";
    wo.width = m_options.width;
    wo.height = m_options.height;
    wo.fullscreen = m_options.fullscreen;
    std::string error;
    if (!m_platform.Init(wo, &error)) {
        std::fprintf(stderr, "lectern: %s\n", error.c_str());
        return 1;
    }
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
            ui::ApplyTheme(ui::GetTheme(m_state.theme), fonts.body_px / 18.0f);
            m_applied_theme = m_state.theme;
            m_applied_scale = fonts.body_px;
        }
        if (unattended) m_platform.RequestFrames(2);
        if (!m_platform.BeginFrame()) break;
        ui::Actions actions;
        ui::DrawApp(m_model, m_state, actions, fonts);
        m_platform.EndFrame();
        ++frame;
        if (frame == 1 && m_trace)
            std::fprintf(stderr, "trace: ready screen %s page %s\n", ui::ScreenName(m_state.screen),
                         m_nav ? m_nav->Current().id.c_str() : "-");
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
