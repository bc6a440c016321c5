// lectern's command-line options: what each one means and which values it takes (CLI11, through
// cli/command_line.h, which also makes --help). main.cpp parses them once at start.
#pragma once

#include <string>
#include <vector>

#include "ui/ui.h"

namespace lectern::app {

struct Options {
    std::string course;      // --course: empty means the bundled course
    std::string page;        // --page: checked against the course once it is loaded
    std::string screen;      // --screen: one of ScreenFromName's names
    std::string screenshot;  // --screenshot
    std::string capture;     // --capture
    int width = 1280, height = 800;
    bool size_given = false;  // --size: taken as asked; else the default shrinks to fit the screen
    bool fullscreen = false;
    float text_scale = 1.0f;
    bool text_size_given = false;
    std::string theme;  // --theme: a ui::ThemeFromKey key
    std::string data_dir;
    std::string learner;
    bool guest = false;
    bool watch = false;
    bool kiosk = false;
    std::string kiosk_config;
    bool present = false;
    bool notes_window = false;      // --notes-window: present mode's notes in a window of their own
    bool notes_window_set = false;  // else: a window when a second monitor is connected
    bool first_frame_exit = false;
};

// The screen --screen names: home, reader, glossary, references, help, progress, learners.
bool ScreenFromName(const std::string& name, ui::Screen* out);

// lectern's help, as --help prints it (the man page is made from it too).
std::string OptionsHelp();

// Parses the arguments after the program's name into `o`. Returns -1 when lectern should go on,
// else the exit status: 0 after --help or --version, 2 after a mistake. What lectern would print
// goes to `out` (standard output) and `err` (standard error).
int ParseOptions(const std::vector<std::string>& args, Options& o, std::string& out, std::string& err);

}  // namespace lectern::app
