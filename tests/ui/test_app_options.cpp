// lectern's command line (app/options.h): every option with values it takes and values it
// refuses, written both ways (--opt VALUE and --opt=VALUE), plus what --help and a mistake print.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/options.h"
#include "os/system.h"

using lectern::app::Options;
using lectern::app::ParseOptions;

namespace {

struct Parsed {
    int status;
    Options o;
    std::string out, err;
};

Parsed Parse(const std::vector<std::string>& args) {
    Parsed p;
    p.status = ParseOptions(args, p.o, p.out, p.err);
    return p;
}

std::string Shown(const std::vector<std::string>& args) {
    std::string s;
    for (const auto& a : args) s += a + " ";
    return s;
}

// Every option that takes a value, with values it accepts and values it refuses.
struct ValueCase {
    const char* option;
    std::vector<std::string> good;
    std::vector<std::string> bad;
};

const std::vector<ValueCase> kValueOptions = {
    {"--course", {"c", "/tmp/курс", "with space", "-dash"}, {}},
    {"--page", {"m1-l1-p1", "final"}, {}},
    {"--screen", {"home", "reader", "glossary", "references", "help", "progress", "learners"},
     {"Home", "quiz", "", "admin"}},
    {"--size", {"1280x800", "320x240", "16384x16384", "1000x700"},
     {"319x240", "320x239", "1280", "1280x", "x800", "1280x800x", "1280x800px", "abc", "0x0", "-1x-1", "16385x800", ""}},
    {"--text-size", {"100", "150", "200"}, {"99", "201", "abc", "150%", "", "1e2", "-150"}},
    {"--theme", {"light", "dark", "contrast", "yellow"}, {"solarized", "LIGHT", ""}},
    {"--data-dir", {"/tmp/d", "ملف"}, {}},
    {"--learner", {"Ana", "李明", "José Núñez"}, {}},
    {"--kiosk-config", {"/etc/lectern/kiosk.conf"}, {}},
    {"--screenshot", {"out.png"}, {}},
    {"--capture", {"cap.png"}, {}},
};

const std::vector<std::string> kFlags = {"--fullscreen", "--present", "--watch", "--guest", "--first-frame-exit"};

}  // namespace

TEST(AppOptions, NoArgumentsGoOnWithTheDefaults) {
    Parsed p = Parse({});
    EXPECT_EQ(p.status, -1);
    EXPECT_EQ(p.o.width, 1280);
    EXPECT_EQ(p.o.height, 800);
    EXPECT_FLOAT_EQ(p.o.text_scale, 1.0f);
    EXPECT_FALSE(p.o.guest || p.o.present || p.o.kiosk || p.o.watch || p.o.fullscreen || p.o.notes_window_set);
    EXPECT_TRUE(p.out.empty() && p.err.empty());
}

TEST(AppOptions, EveryValueOptionTakesItsGoodValuesBothWays) {
    for (const auto& c : kValueOptions)
        for (const auto& v : c.good)
            for (const auto& args : {std::vector<std::string>{c.option, v}, std::vector<std::string>{std::string(c.option) + "=" + v}}) {
                Parsed p = Parse(args);
                EXPECT_EQ(p.status, -1) << Shown(args) << p.err;
                EXPECT_TRUE(p.err.empty()) << Shown(args) << p.err;
            }
}

TEST(AppOptions, EveryValueOptionRefusesItsBadValuesWithExitTwoAndItsName) {
    for (const auto& c : kValueOptions)
        for (const auto& v : c.bad)
            for (const auto& args : {std::vector<std::string>{c.option, v}, std::vector<std::string>{std::string(c.option) + "=" + v}}) {
                Parsed p = Parse(args);
                EXPECT_EQ(p.status, 2) << Shown(args);
                EXPECT_EQ(p.err.rfind("lectern: " + std::string(c.option), 0), 0u) << Shown(args) << p.err;
                EXPECT_NE(p.err.find("Try 'lectern --help'"), std::string::npos) << p.err;
                EXPECT_TRUE(p.out.empty()) << Shown(args);
            }
}

TEST(AppOptions, EveryValueOptionWithoutAValueIsAMistake) {
    for (const auto& c : kValueOptions) {
        Parsed p = Parse({c.option});
        EXPECT_EQ(p.status, 2) << c.option;
        EXPECT_NE(p.err.find(c.option), std::string::npos) << p.err;
    }
}

TEST(AppOptions, ValuesLandWhereLecternReadsThem) {
    Parsed p = Parse({"--course", "c", "--page=p", "--screen", "glossary", "--size", "1000x700", "--text-size=175",
                      "--theme", "dark", "--data-dir", "d", "--learner", "李明", "--kiosk-config", "k.conf",
                      "--screenshot", "s.png", "--capture", "c.png"});
    ASSERT_EQ(p.status, -1) << p.err;
    EXPECT_EQ(p.o.course, "c");
    EXPECT_EQ(p.o.page, "p");
    EXPECT_EQ(p.o.screen, "glossary");
    EXPECT_EQ(p.o.width, 1000);
    EXPECT_EQ(p.o.height, 700);
    EXPECT_TRUE(p.o.size_given);  // taken as asked, not shrunk to the screen
    EXPECT_FALSE(Parse({"--course", "c"}).o.size_given);
    EXPECT_FLOAT_EQ(p.o.text_scale, 1.75f);
    EXPECT_TRUE(p.o.text_size_given);
    EXPECT_EQ(p.o.theme, "dark");
    EXPECT_EQ(p.o.data_dir, "d");
    EXPECT_EQ(p.o.learner, "李明");
    EXPECT_EQ(p.o.kiosk_config, "k.conf");
    EXPECT_EQ(p.o.screenshot, "s.png");
    EXPECT_EQ(p.o.capture, "c.png");
}

TEST(AppOptions, AnOptionGivenTwiceKeepsTheLastValue) {
    Parsed p = Parse({"--course", "a", "--course", "b", "--size", "400x300", "--size", "500x400"});
    ASSERT_EQ(p.status, -1) << p.err;
    EXPECT_EQ(p.o.course, "b");
    EXPECT_EQ(p.o.width, 500);
}

TEST(AppOptions, EveryFlagSetsItselfAndRefusesAValueItCannotRead) {
    for (const auto& f : kFlags) {
        Parsed p = Parse({f});
        EXPECT_EQ(p.status, -1) << f << p.err;
        Parsed bad = Parse({f + "=maybe"});
        EXPECT_EQ(bad.status, 2) << f;
        EXPECT_NE(bad.err.find(f), std::string::npos) << bad.err;
    }
    EXPECT_TRUE(Parse({"--fullscreen"}).o.fullscreen);
    EXPECT_TRUE(Parse({"--watch"}).o.watch);
    EXPECT_TRUE(Parse({"--guest"}).o.guest);
    EXPECT_TRUE(Parse({"--first-frame-exit"}).o.first_frame_exit);
}

TEST(AppOptions, PresentIsAGuestWithLargeTextUnlessTextSizeSaysOtherwise) {
    Parsed p = Parse({"--present"});
    EXPECT_TRUE(p.o.present && p.o.guest);
    EXPECT_FLOAT_EQ(p.o.text_scale, 1.5f);
    for (const auto& args : {std::vector<std::string>{"--present", "--text-size", "120"},
                             std::vector<std::string>{"--text-size", "120", "--present"}}) {
        EXPECT_FLOAT_EQ(Parse(args).o.text_scale, 1.2f) << Shown(args);
    }
}

TEST(AppOptions, NotesWindowGoesWithPresentAndCanBeTurnedOff) {
    Parsed on = Parse({"--present", "--notes-window"});
    EXPECT_EQ(on.status, -1);
    EXPECT_TRUE(on.o.notes_window && on.o.notes_window_set);
    Parsed off = Parse({"--present", "--notes-window=off"});
    EXPECT_EQ(off.status, -1);
    EXPECT_TRUE(!off.o.notes_window && off.o.notes_window_set);
    Parsed alone = Parse({"--notes-window"});
    EXPECT_EQ(alone.status, 2);
    EXPECT_NE(alone.err.find("--notes-window goes with --present"), std::string::npos) << alone.err;
    EXPECT_EQ(Parse({"--notes-window=off"}).status, -1);  // nothing to turn off, nothing wrong
}

TEST(AppOptions, KioskIsRefusedWhereTheSystemCannotLockItDown) {
    Parsed p = Parse({"--kiosk"});
    if (lectern::os::KioskSupported()) {
        EXPECT_EQ(p.status, -1) << p.err;
        EXPECT_TRUE(p.o.kiosk);
    } else {
        EXPECT_EQ(p.status, 2);
        EXPECT_NE(p.err.find("--kiosk is available on Linux only"), std::string::npos) << p.err;
    }
}

TEST(AppOptions, UnknownOptionsAndStrayArgumentsAreMistakes) {
    for (const auto& args : std::vector<std::vector<std::string>>{{"--bogus"}, {"course-folder"}, {"-x"}, {"--Course", "c"}}) {
        Parsed p = Parse(args);
        EXPECT_EQ(p.status, 2) << Shown(args);
        EXPECT_EQ(p.err.rfind("lectern: ", 0), 0u) << p.err;
        EXPECT_NE(p.err.find(args[0]), std::string::npos) << p.err;
    }
}

TEST(AppOptions, HelpListsEveryOptionOnStandardOutput) {
    for (const char* h : {"-h", "--help"}) {
        Parsed p = Parse({h});
        EXPECT_EQ(p.status, 0);
        EXPECT_TRUE(p.err.empty());
        EXPECT_EQ(p.out, lectern::app::OptionsHelp());
        EXPECT_NE(p.out.find("Usage: lectern [OPTIONS]"), std::string::npos);
        for (const auto& c : kValueOptions) EXPECT_NE(p.out.find(std::string("  ") + c.option + " "), std::string::npos) << c.option;
        for (const auto& f : kFlags) EXPECT_NE(p.out.find("  " + f), std::string::npos) << f;
        for (const char* o : {"--kiosk ", "--notes-window", "--version"}) EXPECT_NE(p.out.find(o), std::string::npos) << o;
        // --capture says what it writes: the window as a PNG on SIGUSR1, the notes beside it.
        EXPECT_NE(p.out.find("SIGUSR1"), std::string::npos);
        EXPECT_NE(p.out.find("FILE-notes.png"), std::string::npos);
        // Wrapped for a terminal.
        size_t start = 0;
        while (start < p.out.size()) {
            size_t end = p.out.find('\n', start);
            if (end == std::string::npos) end = p.out.size();
            EXPECT_LE(end - start, 90u) << p.out.substr(start, end - start);
            start = end + 1;
        }
    }
}

TEST(AppOptions, VersionNamesTheProgram) {
    Parsed p = Parse({"--version"});
    EXPECT_EQ(p.status, 0);
    EXPECT_EQ(p.out, std::string("lectern ") + LECTERN_VERSION + "\n");
}
