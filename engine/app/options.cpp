#include "app/options.h"

#include <cstdio>

#include "cli/command_line.h"
#include "os/system.h"

namespace lectern::app {
namespace {

const char* const kUsageDescription =
    "Lectern plays an e-learning course offline: lessons, knowledge checks, quizzes and\n"
    "scenarios. With no --course it opens the bundled course, Human Rights and Security\n"
    "Cooperation.";

const char* const kUsageFooter =
    "Keys: arrows turn pages, Space scrolls, G glossary, F1 help, Ctrl+Plus/Minus text size.\n"
    "Exit status: 0 closed normally, 1 the course or the progress store could not be opened,\n"
    "2 bad usage (an unknown option, a bad value, an unknown --page id).";

// Every option is declared here, once; the values are checked after parsing so that each
// mistake gets a message saying what the option takes.
void Declare(CLI::App& app, Options& o) {
    app.add_option("--course", o.course, "open the course in PATH (a folder with course.xml)")->type_name("PATH");
    app.add_option("--page", o.page, "start here: a page, lesson, module, quiz or scenario id")->type_name("ID");
    app.add_option("--screen", o.screen, "start on: home, reader, glossary, references, help, progress or learners")
        ->type_name("NAME");
    app.add_option("--size", "window size in pixels, at least 320x240 (default 1280x800, less on a smaller screen)")->type_name("WxH");
    app.add_flag("--fullscreen", o.fullscreen, "fill the primary monitor");
    app.add_option("--text-size", "text size, 100 to 200 (default 100; 150 with --present)")->type_name("PERCENT");
    app.add_option("--theme", o.theme, "light, dark, contrast or yellow")->type_name("NAME");
    app.add_flag("--present", o.present,
                 "presenter view for a room: large text (150%), facilitator notes beside the page, or on a "
                 "second monitor when one is connected; answers hidden until you press A; records no progress");
    app.add_flag("--notes-window", o.notes_window,
                 "with --present: notes in a window of their own even on one monitor; --notes-window=off "
                 "keeps them beside the page");
    app.add_flag("--watch", o.watch,
                 "reload the course when its files change, staying on the same page; errors show in an "
                 "overlay until the files are fixed (for authors)");
    app.add_option("--data-dir", o.data_dir,
                   "keep progress in DIR (default: $XDG_DATA_HOME/lectern, else ~/.local/share/lectern; on "
                   "Windows %APPDATA%\\Lectern)")
        ->type_name("DIR");
    app.add_option("--learner", o.learner, "sign in as NAME (created if new; a learner with a PIN is asked for it)")
        ->type_name("NAME");
    app.add_flag("--guest", o.guest, "continue as a guest: nothing is saved");
    app.add_flag("--kiosk", o.kiosk,
                 "classroom kiosk (Linux): full screen, no way out but the administrator's, sign-in with "
                 "optional PINs, sign-out after idle time");
    app.add_option("--kiosk-config", o.kiosk_config,
                   "kiosk settings (default: $XDG_CONFIG_HOME/lectern/kiosk.conf, else "
                   "/etc/lectern/kiosk.conf; on Windows %APPDATA%\\Lectern, else %ProgramData%\\Lectern); see "
                   "tools/kiosk/README.md")
        ->type_name("FILE");
    app.add_option("--screenshot", o.screenshot, "draw the chosen screen, save it in FILE as a PNG, and exit")
        ->type_name("FILE");
    app.add_option("--capture", o.capture,
                   "each time lectern gets the signal SIGUSR1 (Linux), save the window in FILE as a PNG, "
                   "replacing what FILE held; with a notes window open, the notes go to FILE-notes.png "
                   "(FILE's .png ending replaced); with LECTERN_TRACE=1 each save is traced")
        ->type_name("FILE");
    app.add_flag("--first-frame-exit", o.first_frame_exit,
                 "print the time from process start to the first frame, and exit");
}

}  // namespace

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

std::string OptionsHelp() {
    Options o;
    cli::CommandLine cl("lectern", kUsageDescription, "lectern [OPTIONS]", kUsageFooter);
    Declare(cl.App(), o);
    return cl.Help();
}

int ParseOptions(const std::vector<std::string>& args, Options& o, std::string& out, std::string& err) {
    cli::CommandLine cl("lectern", kUsageDescription, "lectern [OPTIONS]", kUsageFooter);
    CLI::App& app = cl.App();
    Declare(app, o);
    int status = cl.Parse(args);
    auto done = [&](int s) {
        out = cl.Out();
        err = cl.Err();
        return s;
    };
    if (status != cli::kGoOn) return done(status);

    if (const CLI::Option* size = app.get_option("--size"); size->count()) {
        const std::string v = size->as<std::string>();
        int w = 0, h = 0;
        char rest = 0;
        if (std::sscanf(v.c_str(), "%dx%d%c", &w, &h, &rest) != 2 || w < 320 || h < 240 || w > 16384 || h > 16384)
            return done(cl.Fail("--size takes WIDTHxHEIGHT, for example 1280x800 (at least 320x240)"));
        o.width = w;
        o.height = h;
        o.size_given = true;
    }
    if (const CLI::Option* text_size = app.get_option("--text-size"); text_size->count()) {
        const std::string v = text_size->as<std::string>();
        int pct = 0;
        char rest = 0;
        if (std::sscanf(v.c_str(), "%d%c", &pct, &rest) != 1 || pct < 100 || pct > 200)
            return done(cl.Fail("--text-size takes a percentage from 100 to 200"));
        o.text_scale = pct / 100.0f;
        o.text_size_given = true;
    }
    ui::ThemeId theme;
    if (app.get_option("--theme")->count() && !ui::ThemeFromKey(o.theme, &theme))
        return done(cl.Fail("--theme takes light, dark, contrast or yellow"));
    ui::Screen screen;
    if (app.get_option("--screen")->count() && !ScreenFromName(o.screen, &screen))
        return done(cl.Fail("--screen takes home, reader, glossary, references, help, progress or learners"));
    // A kiosk is locked down by the system around Lectern (cage, systemd on Linux); on Windows
    // there is nothing yet that keeps a learner inside the window.
    if (o.kiosk && !os::KioskSupported())
        return done(cl.Fail("--kiosk is available on Linux only (it relies on cage and systemd); "
                            "see tools/kiosk/README.md in the source, or README.txt"));
    o.notes_window_set = app.get_option("--notes-window")->count() > 0;
    if (o.notes_window_set && o.notes_window && !o.present) return done(cl.Fail("--notes-window goes with --present"));
    if (o.present) {
        o.guest = true;  // a room's session is nobody's progress
        if (!o.text_size_given) o.text_scale = 1.5f;  // a room reads from a distance
    }
    return done(cli::kGoOn);
}

}  // namespace lectern::app
