// Kiosk configuration: every key and its default, every mistake reported with file:line:col in
// one pass, the search order, and the administrator PIN file (mode 0600, replaced atomically).
#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <thread>

#include "kiosk/kiosk_config.h"
#include "kiosk/pin.h"
#include "progress_test_util.h"
#include "../helpers/scoped_env.h"

using namespace lectern;
using progress_test::ReadFile;
using progress_test::RunUnprivileged;
using progress_test::TempDir;
using progress_test::WriteFile;
using test::ScopedEnv;

namespace {

constexpr int64_t kT0 = 1714550000000;

KioskConfig ParseOk(const std::string& text) {
    KioskConfigResult r = ParseKioskConfig(text, "kiosk.conf");
    EXPECT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    return r.config.value_or(KioskConfig{});
}

// The single error a text produces, formatted ("" and a test failure when there is not exactly one).
std::string OnlyError(const std::string& text) {
    KioskConfigResult r = ParseKioskConfig(text, "kiosk.conf");
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.diagnostics.All().size(), 1u) << r.diagnostics.FormatAll();
    return r.diagnostics.All().empty() ? "" : r.diagnostics.All().front().Format();
}

mode_t ModeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
}

ino_t InodeOf(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_ino;
}

int CountEntries(const std::string& dir) {
    int n = 0;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (dirent* e = ::readdir(d)) {
            if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++n;
        }
        ::closedir(d);
    }
    return n;
}

// One PIN hash shared by the admin PIN tests (each Argon2id hash costs ~0.1 s).
const std::string& AdminHash() {
    static const std::string hash = *HashPin("20242025");
    return hash;
}

const char* kFullExample =
    "# Lectern kiosk settings\n"
    "kiosk = true\n"
    "course = /usr/local/share/lectern/content/human-rights-security-cooperation\n"
    "data_dir = /var/lib/lectern-kiosk\n"
    "idle_timeout_seconds = 600\n"
    "countdown_seconds = 45\n"
    "admin_chord = Ctrl+Alt+Shift+K\n"
    "text_size = 150\n"
    "theme = contrast\n"
    "allow_guest = false\n"
    "sign_in = type\n";

}  // namespace

// ---- keys and defaults --------------------------------------------------------------------------

TEST(KioskConfig, EmptyFileGivesEveryDefault) {
    KioskConfig c = ParseOk("");
    EXPECT_FALSE(c.kiosk);
    EXPECT_EQ(c.course, "");
    EXPECT_EQ(c.data_dir, "");
    EXPECT_EQ(c.idle_timeout_seconds, 300);
    EXPECT_EQ(c.countdown_seconds, 30);
    EXPECT_EQ(c.admin_chord.Format(), "Ctrl+Alt+Shift+A");
    EXPECT_EQ(c.text_size, 100);
    EXPECT_EQ(c.theme, "light");
    EXPECT_TRUE(c.allow_guest);
    EXPECT_FALSE(c.sign_in_by_typing);
    EXPECT_EQ(c.source, "kiosk.conf");
}

TEST(KioskConfig, ReadsEveryKey) {
    KioskConfig c = ParseOk(kFullExample);
    EXPECT_TRUE(c.kiosk);
    EXPECT_EQ(c.course, "/usr/local/share/lectern/content/human-rights-security-cooperation");
    EXPECT_EQ(c.data_dir, "/var/lib/lectern-kiosk");
    EXPECT_EQ(c.idle_timeout_seconds, 600);
    EXPECT_EQ(c.countdown_seconds, 45);
    EXPECT_EQ(c.admin_chord, (KeyChord{true, true, true, false, "K"}));
    EXPECT_EQ(c.text_size, 150);
    EXPECT_EQ(c.theme, "contrast");
    EXPECT_FALSE(c.allow_guest);
    EXPECT_TRUE(c.sign_in_by_typing);
}

TEST(KioskConfig, SignInTakesListOrType) {
    EXPECT_FALSE(ParseOk("sign_in = list\n").sign_in_by_typing);
    EXPECT_TRUE(ParseOk("sign_in = TYPE\n").sign_in_by_typing);
    KioskConfigResult r = ParseKioskConfig("sign_in = names\n", "kiosk.conf");
    EXPECT_FALSE(r.ok());
    EXPECT_NE(r.diagnostics.FormatAll().find("kiosk.conf:1:"), std::string::npos) << r.diagnostics.FormatAll();
    EXPECT_NE(r.diagnostics.FormatAll().find("list or type"), std::string::npos);
}

TEST(KioskConfig, CommentsBlankLinesIndentingCrlfAndBomAreAccepted) {
    KioskConfig c =
        ParseOk("\xEF\xBB\xBF# comment\r\n\r\n   # indented comment\r\n\tkiosk=yes\r\n  theme   =   dark  \r\n");
    EXPECT_TRUE(c.kiosk);
    EXPECT_EQ(c.theme, "dark");
}

TEST(KioskConfig, HashInsideAValueIsKept) {
    EXPECT_EQ(ParseOk("course = /srv/courses/#2 rights\n").course, "/srv/courses/#2 rights");
}

TEST(KioskConfig, QuotedValueKeepsItsSpaces) {
    EXPECT_EQ(ParseOk("course = \"/srv/my course \"\n").course, "/srv/my course ");
}

TEST(KioskConfig, BooleansAcceptCommonSpellings) {
    for (const char* yes : {"true", "TRUE", "yes", "on", "1", "True"}) {
        EXPECT_TRUE(ParseOk(std::string("kiosk = ") + yes).kiosk) << yes;
    }
    for (const char* no : {"false", "no", "OFF", "0"}) {
        EXPECT_FALSE(ParseOk(std::string("allow_guest = ") + no).allow_guest) << no;
    }
}

TEST(KioskConfig, TextSizeMayEndWithAPercentSign) { EXPECT_EQ(ParseOk("text_size = 175%").text_size, 175); }

TEST(KioskConfig, ThemeIsCaseInsensitive) { EXPECT_EQ(ParseOk("theme = Yellow").theme, "yellow"); }

TEST(KioskConfig, LimitsAreInclusive) {
    KioskConfig low = ParseOk("idle_timeout_seconds = 30\ncountdown_seconds = 5\ntext_size = 100");
    EXPECT_EQ(low.idle_timeout_seconds, 30);
    EXPECT_EQ(low.countdown_seconds, 5);
    KioskConfig high = ParseOk("idle_timeout_seconds = 86400\ncountdown_seconds = 600\ntext_size = 200");
    EXPECT_EQ(high.idle_timeout_seconds, 86400);
    EXPECT_EQ(high.countdown_seconds, 600);
    EXPECT_EQ(high.text_size, 200);
}

// ---- errors, each with its line -----------------------------------------------------------------

TEST(KioskConfigErrors, UnknownKeyNamesItsLineAndSuggestsTheNearestKey) {
    EXPECT_EQ(OnlyError("kiosk = true\n\nidle_timeout = 300\n"),
              "kiosk.conf:3:1: error: [unknown-key] unknown key 'idle_timeout'");
    EXPECT_EQ(OnlyError("# x\nthem = dark\n"),
              "kiosk.conf:2:1: error: [unknown-key] unknown key 'them'; did you mean 'theme'?");
    EXPECT_EQ(OnlyError("colour = red\n"), "kiosk.conf:1:1: error: [unknown-key] unknown key 'colour'");
}

TEST(KioskConfigErrors, KeysAreLowerCaseOnly) {
    EXPECT_EQ(OnlyError("Kiosk = true\n"),
              "kiosk.conf:1:1: error: [unknown-key] unknown key 'Kiosk'; did you mean 'kiosk'?");
}

TEST(KioskConfigErrors, RepeatedKeyNamesTheFirstLine) {
    EXPECT_EQ(OnlyError("theme = dark\nkiosk = true\n  theme = light\n"),
              "kiosk.conf:3:3: error: [duplicate-key] 'theme' is already set on line 1");
}

TEST(KioskConfigErrors, LineWithoutEqualsIsASyntaxError) {
    EXPECT_EQ(OnlyError("kiosk = true\nkiosk true\n"), "kiosk.conf:2:1: error: [syntax] expected 'key = value'");
    EXPECT_EQ(OnlyError("= true\n"), "kiosk.conf:1:1: error: [syntax] no key before '='");
}

TEST(KioskConfigErrors, EmptyValueIsAnError) {
    EXPECT_EQ(OnlyError("course =\n"),
              "kiosk.conf:1:9: error: [bad-value] 'course' has no value; remove the line to use the default");
}

TEST(KioskConfigErrors, BadBooleanPointsAtTheValue) {
    EXPECT_EQ(OnlyError("\nkiosk = maybe\n"),
              "kiosk.conf:2:9: error: [bad-value] 'kiosk' takes true or false, not 'maybe'");
}

TEST(KioskConfigErrors, NumbersMustBePlainWholeNumbers) {
    for (const char* v : {"300s", "3e2", "-60", "5.5", "+60", "99999999999999999999"}) {
        std::string e = OnlyError(std::string("idle_timeout_seconds = ") + v);
        EXPECT_NE(e.find("kiosk.conf:1:24: error: [bad-value] 'idle_timeout_seconds' takes a whole number of seconds"),
                  std::string::npos)
            << e;
    }
}

TEST(KioskConfigErrors, IdleTimeoutOutsideThirtySecondsToADay) {
    EXPECT_EQ(OnlyError("idle_timeout_seconds = 29"),
              "kiosk.conf:1:24: error: [out-of-range] 'idle_timeout_seconds' must be from 30 to 86400 seconds, not 29");
    EXPECT_EQ(OnlyError("idle_timeout_seconds = 86401"),
              "kiosk.conf:1:24: error: [out-of-range] 'idle_timeout_seconds' must be from 30 to 86400 seconds, not "
              "86401");
}

TEST(KioskConfigErrors, CountdownOutsideItsRange) {
    EXPECT_NE(OnlyError("countdown_seconds = 4").find("[out-of-range] 'countdown_seconds' must be from 5 to 600"),
              std::string::npos);
    EXPECT_NE(OnlyError("idle_timeout_seconds = 3000\ncountdown_seconds = 601").find("kiosk.conf:2:21:"),
              std::string::npos);
}

TEST(KioskConfigErrors, CountdownMustBeShorterThanTheTimeout) {
    EXPECT_EQ(OnlyError("idle_timeout_seconds = 60\ncountdown_seconds = 60\n"),
              "kiosk.conf:2:21: error: [out-of-range] 'countdown_seconds' (60) must be less than "
              "'idle_timeout_seconds' (60)");
    // With only the timeout set, the default 30 s countdown is checked against it on its line.
    EXPECT_EQ(OnlyError("\nidle_timeout_seconds = 30\n"),
              "kiosk.conf:2:24: error: [out-of-range] 'countdown_seconds' (30) must be less than "
              "'idle_timeout_seconds' (30)");
}

TEST(KioskConfigErrors, RelativePathsAreRefused) {
    EXPECT_EQ(OnlyError("course = content/hrsc\n"),
              "kiosk.conf:1:10: error: [not-absolute] 'course' must be an absolute path (starting with /), not "
              "'content/hrsc'");
    EXPECT_NE(OnlyError("data_dir = ~/lectern\n").find("[not-absolute] 'data_dir'"), std::string::npos);
}

TEST(KioskConfigErrors, UnknownThemeListsTheThemes) {
    EXPECT_EQ(OnlyError("theme = solarized"),
              "kiosk.conf:1:9: error: [bad-value] 'theme' takes light, dark, contrast or yellow, not 'solarized'");
}

TEST(KioskConfigErrors, TextSizeOutsideOneToTwoHundredPercent) {
    EXPECT_EQ(OnlyError("text_size = 90"),
              "kiosk.conf:1:13: error: [out-of-range] 'text_size' must be from 100 to 200 percent, not 90");
    EXPECT_NE(OnlyError("text_size = 250%").find("[out-of-range]"), std::string::npos);
    EXPECT_NE(OnlyError("text_size = large").find("[bad-value]"), std::string::npos);
}

TEST(KioskConfigErrors, BadAdminChordSaysWhy) {
    EXPECT_EQ(OnlyError("admin_chord = Shift+A"),
              "kiosk.conf:1:15: error: [bad-value] 'admin_chord': use at least two modifiers, one of them Ctrl or Alt "
              "(for example Ctrl+Alt+Shift+A)");
    EXPECT_NE(OnlyError("admin_chord = Ctrl+Alt+F2").find("switch virtual terminals"), std::string::npos);
}

TEST(KioskConfigErrors, EveryProblemIsReportedInOnePass) {
    KioskConfigResult r = ParseKioskConfig("kiosk = true\ntheme = neon\n# fine\nidle = 5\ntext_size = 300\n"
                                           "course = relative\n",
                                           "/etc/lectern/kiosk.conf");
    EXPECT_FALSE(r.ok());
    ASSERT_EQ(r.diagnostics.All().size(), 4u) << r.diagnostics.FormatAll();
    std::vector<int> lines;
    for (const auto& d : r.diagnostics.All()) {
        lines.push_back(d.loc.line);
        EXPECT_EQ(d.loc.file, "/etc/lectern/kiosk.conf");
    }
    EXPECT_EQ(lines, (std::vector<int>{2, 4, 5, 6}));
}

TEST(KioskConfigErrors, Utf16IsNamedOnce) {
    std::string utf16("\xFF\xFE" "k\0i\0o\0s\0k\0", 12);
    EXPECT_EQ(OnlyError(utf16), "kiosk.conf:1:1: error: [not-text] the file is UTF-16; save it as UTF-8");
}

TEST(KioskConfigErrors, BinaryBytesAndInvalidUtf8NameTheirLineAndColumn) {
    EXPECT_EQ(OnlyError(std::string("kiosk = true\ntheme = d\0rk\n", 25)),
              "kiosk.conf:2:10: error: [not-text] control character 0x00 (is this a text file?)");
    EXPECT_EQ(OnlyError("# ok\n# ok\ncourse = /srv/caf\xC3(\n"), "kiosk.conf:3:18: error: [not-text] invalid UTF-8");
    // An overlong encoding of '/'.
    EXPECT_EQ(OnlyError("course = /srv/\xC0\xAF\n"), "kiosk.conf:1:15: error: [not-text] invalid UTF-8");
}

TEST(KioskConfigErrors, NonAsciiPathsAreFine) {
    EXPECT_EQ(ParseOk("course = /srv/cours/droits-de-l\xE2\x80\x99homme\n").course,
              "/srv/cours/droits-de-l\xE2\x80\x99homme");
}

TEST(KioskConfigErrors, OverlongLineIsRefused) {
    EXPECT_EQ(OnlyError("course = /" + std::string(5000, 'a')),
              "kiosk.conf:1:1: error: [syntax] line longer than 4096 bytes");
}

// ---- a kiosk keeps running on a file with mistakes in it ----------------------------------------

TEST(KioskConfigBestEffort, GoodLinesApplyAndBadLinesKeepTheirDefaults) {
    KioskConfigResult r = ParseKioskConfig("kiosk = true\ntheme = neon\ndata_dir = /var/lib/k\ntext_size = 999\n"
                                           "allow_guest = no\nwho = me\n",
                                           "kiosk.conf");
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.best_effort.kiosk);
    EXPECT_EQ(r.best_effort.theme, "light");
    EXPECT_EQ(r.best_effort.data_dir, "/var/lib/k");
    EXPECT_EQ(r.best_effort.text_size, 100);
    EXPECT_FALSE(r.best_effort.allow_guest);
    EXPECT_EQ(r.bad_keys, (std::vector<std::string>{"theme", "text_size", "who"}));
    EXPECT_FALSE(r.KeyFailed("data_dir"));
}

TEST(KioskConfigBestEffort, ABadDataDirIsFlaggedSoNoSecondDatabaseIsStarted) {
    KioskConfigResult r = ParseKioskConfig("kiosk = true\ndata_dir = var/lib/k\n", "kiosk.conf");
    EXPECT_TRUE(r.KeyFailed("data_dir"));
    EXPECT_EQ(r.best_effort.data_dir, "");
    KioskConfigResult twice = ParseKioskConfig("data_dir = /a\ndata_dir = /b\n", "kiosk.conf");
    EXPECT_TRUE(twice.KeyFailed("data_dir"));  // which one was meant is anyone's guess
}

TEST(KioskConfigBestEffort, AStrayByteInALineStillNamesItsKey) {
    KioskConfigResult r = ParseKioskConfig(std::string("data_dir = /var/lib/\xFF\n"), "kiosk.conf");
    EXPECT_TRUE(r.KeyFailed("data_dir"));
    KioskConfigResult long_line = ParseKioskConfig("course = /" + std::string(5000, 'a'), "kiosk.conf");
    EXPECT_TRUE(long_line.KeyFailed("course"));
}

TEST(KioskConfigBestEffort, AFileThatCannotBeReadFailsEveryKey) {
    KioskConfigResult r = LoadKioskConfig("/nonexistent/lectern/kiosk.conf");
    EXPECT_TRUE(r.KeyFailed("data_dir"));
    EXPECT_TRUE(r.KeyFailed("kiosk"));
    std::string utf16("\xFF\xFE" "k\0", 4);
    EXPECT_TRUE(ParseKioskConfig(utf16, "kiosk.conf").KeyFailed("data_dir"));
}

TEST(KioskConfigBestEffort, CountdownThatDoesNotFitIsShortenedForTheTimer) {
    KioskConfigResult r = ParseKioskConfig("idle_timeout_seconds = 40\ncountdown_seconds = 60\n", "kiosk.conf");
    EXPECT_TRUE(r.KeyFailed("countdown_seconds"));
    EXPECT_EQ(r.best_effort.idle_timeout_seconds, 40);
    EXPECT_EQ(r.best_effort.countdown_seconds, 30);
}

TEST(KioskConfigBestEffort, ACorrectFileHasNoBadKeysAndMatchesConfig) {
    KioskConfigResult r = ParseKioskConfig(kFullExample, "kiosk.conf");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.bad_keys.empty());
    EXPECT_EQ(r.best_effort.theme, r.config->theme);
    EXPECT_EQ(r.best_effort.data_dir, r.config->data_dir);
}

// ---- the admin chord ----------------------------------------------------------------------------

TEST(KioskChord, ParsesAnyCaseAndSpacesAndFormatsCanonically) {
    std::optional<KeyChord> c = ParseKeyChord(" shift + CONTROL+alt + q ");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->Format(), "Ctrl+Alt+Shift+Q");
    EXPECT_EQ(ParseKeyChord("Super+Alt+7")->Format(), "Alt+Super+7");
    EXPECT_EQ(ParseKeyChord("Ctrl+Shift+f10")->Format(), "Ctrl+Shift+F10");
}

TEST(KioskChord, RefusesChordsThatAreTooEasyOrNeverArrive) {
    std::string why;
    for (const char* bad : {"A", "Ctrl+A", "Shift+Super+A", "Ctrl+Alt+F1", "Ctrl+Alt+Shift+F12", "Ctrl+Alt+",
                            "Ctrl++A", "Ctrl+Ctrl+A", "Hyper+Ctrl+A", "Ctrl+Alt+Esc", "Ctrl+Alt+F13", "Ctrl+Alt+F0",
                            "Ctrl+Alt+AB", ""}) {
        EXPECT_FALSE(ParseKeyChord(bad, &why)) << bad;
        EXPECT_FALSE(why.empty()) << bad;
    }
}

// ---- reading files and the search order ---------------------------------------------------------

struct KioskConfigFiles : ::testing::Test {
    TempDir dir;
    std::string system_path = dir.Sub("etc/lectern/kiosk.conf");
    std::string xdg = dir.Sub("xdg");
    std::string home = dir.Sub("home");
    ScopedEnv env_xdg{"XDG_CONFIG_HOME", nullptr};
    ScopedEnv env_home{"HOME", nullptr};

    void Put(const std::string& path, const std::string& text) {
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
        WriteFile(path, text);
    }
};

TEST_F(KioskConfigFiles, LoadNamesTheFileInDiagnostics) {
    Put(dir.Sub("k.conf"), "kiosk = true\nbogus = 1\n");
    KioskConfigResult r = LoadKioskConfig(dir.Sub("k.conf"));
    ASSERT_EQ(r.diagnostics.All().size(), 1u);
    EXPECT_EQ(r.diagnostics.All()[0].Format(), dir.Sub("k.conf") + ":2:1: error: [unknown-key] unknown key 'bogus'");
}

TEST_F(KioskConfigFiles, LoadRefusesMissingFoldersAndHugeFiles) {
    EXPECT_TRUE(LoadKioskConfig(dir.Sub("none.conf")).diagnostics.Has("unreadable"));
    EXPECT_TRUE(LoadKioskConfig(dir.path()).diagnostics.Has("unreadable"));
    Put(dir.Sub("big.conf"), std::string(70000, '#'));
    EXPECT_TRUE(LoadKioskConfig(dir.Sub("big.conf")).diagnostics.Has("too-large"));
}

TEST_F(KioskConfigFiles, CommandLinePathComesFirst) {
    Put(dir.Sub("cli.conf"), "theme = dark\n");
    Put(xdg + "/lectern/kiosk.conf", "theme = yellow\n");
    Put(system_path, "theme = contrast\n");
    ::setenv("XDG_CONFIG_HOME", xdg.c_str(), 1);
    KioskConfigResult r = FindKioskConfig(dir.Sub("cli.conf"), system_path);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.config->theme, "dark");
    EXPECT_EQ(r.config->source, dir.Sub("cli.conf"));
}

TEST_F(KioskConfigFiles, MissingCommandLinePathIsAnErrorNotAFallback) {
    Put(system_path, "kiosk = true\n");
    KioskConfigResult r = FindKioskConfig(dir.Sub("typo.conf"), system_path);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.diagnostics.Has("unreadable"));
    EXPECT_NE(r.diagnostics.FormatAll().find("typo.conf"), std::string::npos);
}

TEST_F(KioskConfigFiles, XdgConfigHomeComesBeforeTheSystemFile) {
    Put(xdg + "/lectern/kiosk.conf", "theme = yellow\n");
    Put(system_path, "theme = contrast\n");
    ::setenv("XDG_CONFIG_HOME", xdg.c_str(), 1);
    EXPECT_EQ(KioskConfigCandidates("", system_path),
              (std::vector<std::string>{xdg + "/lectern/kiosk.conf", system_path}));
    EXPECT_EQ(FindKioskConfig("", system_path).config->theme, "yellow");
}

TEST_F(KioskConfigFiles, HomeDotConfigWhenXdgConfigHomeIsUnsetOrRelative) {
    Put(home + "/.config/lectern/kiosk.conf", "theme = dark\n");
    Put(system_path, "theme = contrast\n");
    ::setenv("HOME", home.c_str(), 1);
    EXPECT_EQ(FindKioskConfig("", system_path).config->theme, "dark");
    ::setenv("XDG_CONFIG_HOME", "relative/dir", 1);  // the XDG spec says to ignore it
    EXPECT_EQ(KioskConfigCandidates("", system_path).front(), home + "/.config/lectern/kiosk.conf");
}

TEST_F(KioskConfigFiles, SystemFileWhenThereIsNoUserFile) {
    Put(system_path, "kiosk = true\n");
    ::setenv("XDG_CONFIG_HOME", xdg.c_str(), 1);
    KioskConfigResult r = FindKioskConfig("", system_path);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.config->kiosk);
    EXPECT_EQ(r.config->source, system_path);
}

TEST_F(KioskConfigFiles, DefaultsWhenNoFileExists) {
    ::setenv("XDG_CONFIG_HOME", xdg.c_str(), 1);
    KioskConfigResult r = FindKioskConfig("", system_path);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.config->source, "");
    EXPECT_FALSE(r.config->kiosk);
    EXPECT_EQ(r.config->idle_timeout_seconds, 300);
}

TEST_F(KioskConfigFiles, TheDefaultSystemPathIsEtcLectern) {
    ::setenv("XDG_CONFIG_HOME", xdg.c_str(), 1);
    EXPECT_EQ(KioskConfigCandidates("").back(), "/etc/lectern/kiosk.conf");
}

TEST_F(KioskConfigFiles, AFoundFileWithErrorsIsNotSkipped) {
    // A broken user file must not silently hand over to another file (or to kiosk = false).
    Put(xdg + "/lectern/kiosk.conf", "kiosk = ture\n");
    Put(system_path, "kiosk = true\n");
    ::setenv("XDG_CONFIG_HOME", xdg.c_str(), 1);
    KioskConfigResult r = FindKioskConfig("", system_path);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.diagnostics.Has("bad-value"));
}

TEST_F(KioskConfigFiles, AFoundFileThatCannotBeReadIsAnError) {
    Put(system_path, "kiosk = true\n");
    ::chmod(system_path.c_str(), 0);
    ::chmod(dir.path().c_str(), 0755);
    for (const char* sub : {"etc", "etc/lectern"}) ::chmod(dir.Sub(sub).c_str(), 0755);
    std::string sys = system_path, x = xdg;
    int code = RunUnprivileged([&]() {
        ::setenv("XDG_CONFIG_HOME", x.c_str(), 1);
        KioskConfigResult r = FindKioskConfig("", sys);
        if (r.ok() || !r.diagnostics.Has("unreadable")) {
            std::fprintf(stderr, "expected an unreadable error, got: %s\n", r.diagnostics.FormatAll().c_str());
            return 1;
        }
        return 0;
    });
    EXPECT_EQ(code, 0);
}

// ---- the administrator PIN file -----------------------------------------------------------------

struct KioskAdminPinFile : ::testing::Test {
    TempDir dir;
    std::string data = dir.Sub("data");
};

TEST_F(KioskAdminPinFile, MissingFileIsMissing) {
    AdminPinRead r = ReadAdminPinHash(data);
    EXPECT_EQ(r.status, AdminPinStatus::Missing);
    EXPECT_TRUE(r.hash.empty());
}

TEST_F(KioskAdminPinFile, WrittenHashReadsBackAndVerifies) {
    AdminFileStatus w = WriteAdminPinHash(data, AdminHash());
    ASSERT_TRUE(w.ok()) << Describe(w.error());
    EXPECT_EQ(ReadFile(AdminPinPath(data)), AdminHash() + "\n");  // the hash string only
    AdminPinRead r = ReadAdminPinHash(data);
    ASSERT_EQ(r.status, AdminPinStatus::Ok) << (r.problem ? Describe(*r.problem) : "");
    EXPECT_EQ(r.hash, AdminHash());
    EXPECT_FALSE(r.problem.has_value());
    EXPECT_EQ(VerifyPin("20242025", r.hash), PinCheck::Match);
}

TEST_F(KioskAdminPinFile, FileIsMode0600AndANewFolder0700WhateverTheUmask) {
    mode_t old = ::umask(0);
    AdminFileStatus w = WriteAdminPinHash(data + "/nested", AdminHash());
    ::umask(old);
    ASSERT_TRUE(w.ok()) << Describe(w.error());
    EXPECT_EQ(ModeOf(AdminPinPath(data + "/nested")), 0600u);
    EXPECT_EQ(ModeOf(data), 0700u);
    EXPECT_EQ(ModeOf(data + "/nested"), 0700u);
}

TEST_F(KioskAdminPinFile, RefusesToWriteAnythingButAHash) {
    EXPECT_FALSE(WriteAdminPinHash(data, "1234").ok());
    EXPECT_FALSE(WriteAdminPinHash(data, "").ok());
    EXPECT_FALSE(WriteAdminPinHash(data, AdminHash() + "\nextra").ok());
    EXPECT_EQ(ReadAdminPinHash(data).status, AdminPinStatus::Missing);
}

TEST_F(KioskAdminPinFile, ReplacingRenamesANewFileAndLeavesNoTemporaryBehind) {
    ASSERT_TRUE(WriteAdminPinHash(data, AdminHash()).ok());
    ino_t before = InodeOf(AdminPinPath(data));
    std::string second = *HashPin("11112222");
    ASSERT_TRUE(WriteAdminPinHash(data, second).ok());
    EXPECT_NE(InodeOf(AdminPinPath(data)), before);  // a new file renamed into place, not rewritten
    EXPECT_EQ(ReadAdminPinHash(data).hash, second);
    EXPECT_EQ(CountEntries(data), 1);
    EXPECT_EQ(ModeOf(AdminPinPath(data)), 0600u);
}

TEST_F(KioskAdminPinFile, ReadersNeverSeeAHalfWrittenFile) {
    std::string a = AdminHash(), b = *HashPin("11112222");
    ASSERT_TRUE(WriteAdminPinHash(data, a).ok());
    std::atomic<bool> done{false};
    std::atomic<int> bad{0}, reads{0};
    std::thread reader([&]() {
        while (!done) {
            AdminPinRead r = ReadAdminPinHash(data);
            if (r.status != AdminPinStatus::Ok || (r.hash != a && r.hash != b)) ++bad;
            ++reads;
        }
    });
    for (int i = 0; i < 40; ++i) ASSERT_TRUE(WriteAdminPinHash(data, i % 2 ? a : b).ok());
    done = true;
    reader.join();
    EXPECT_EQ(bad, 0);
    EXPECT_GT(reads, 0);
    EXPECT_EQ(CountEntries(data), 1);
}

TEST_F(KioskAdminPinFile, FailedWriteKeepsTheOldFileAndCleansUp) {
    ASSERT_TRUE(WriteAdminPinHash(data, AdminHash()).ok());
    // A folder where the new file should go: rename fails after the temp file was written.
    std::filesystem::create_directories(data + "/blocked.pin");
    WriteFile(data + "/blocked.pin/x", "x");
    os::WriteResult w = WriteFileAtomically(data + "/blocked.pin", "new", 0600);
    EXPECT_FALSE(w.ok());
    EXPECT_NE(os::Describe(w.error()).find("blocked.pin"), std::string::npos) << os::Describe(w.error());
    EXPECT_EQ(CountEntries(data), 2);  // admin.pin and the folder; no temp file left
    EXPECT_EQ(ReadAdminPinHash(data).hash, AdminHash());
}

TEST_F(KioskAdminPinFile, FolderPathThroughAFileFails) {
    WriteFile(dir.Sub("plain"), "x");
    AdminFileStatus w = WriteAdminPinHash(dir.Sub("plain/data"), AdminHash());
    EXPECT_FALSE(w.ok());
    EXPECT_EQ(w.error().code, AdminFileErrorCode::NotWritten);
    EXPECT_NE(Describe(w.error()).find("plain"), std::string::npos) << Describe(w.error());
}

TEST_F(KioskAdminPinFile, WritableByOthersIsInsecure) {
    ASSERT_TRUE(WriteAdminPinHash(data, AdminHash()).ok());
    ::chmod(AdminPinPath(data).c_str(), 0666);
    AdminPinRead r = ReadAdminPinHash(data);
    EXPECT_EQ(r.status, AdminPinStatus::Insecure);
    EXPECT_TRUE(r.hash.empty());
    ASSERT_TRUE(r.problem);
    EXPECT_EQ(r.problem->code, AdminFileErrorCode::WritableByOthers);
    EXPECT_NE(Describe(*r.problem).find("chmod 600"), std::string::npos) << Describe(*r.problem);
    ::chmod(AdminPinPath(data).c_str(), 0620);
    EXPECT_EQ(ReadAdminPinHash(data).status, AdminPinStatus::Insecure);
}

TEST_F(KioskAdminPinFile, ReadableByOthersWorksWithAWarning) {
    ASSERT_TRUE(WriteAdminPinHash(data, AdminHash()).ok());
    ::chmod(AdminPinPath(data).c_str(), 0644);
    AdminPinRead r = ReadAdminPinHash(data);
    EXPECT_EQ(r.status, AdminPinStatus::Ok);
    ASSERT_TRUE(r.problem);
    EXPECT_EQ(r.problem->code, AdminFileErrorCode::ReadableByOthers);
    EXPECT_NE(Describe(*r.problem).find("chmod 600"), std::string::npos) << Describe(*r.problem);
}

TEST_F(KioskAdminPinFile, SymlinkIsInsecure) {
    std::filesystem::create_directories(data);
    WriteFile(dir.Sub("elsewhere.pin"), AdminHash() + "\n");
    ::chmod(dir.Sub("elsewhere.pin").c_str(), 0600);
    ASSERT_EQ(::symlink(dir.Sub("elsewhere.pin").c_str(), AdminPinPath(data).c_str()), 0);
    EXPECT_EQ(ReadAdminPinHash(data).status, AdminPinStatus::Insecure);
}

TEST_F(KioskAdminPinFile, FolderInPlaceOfTheFileIsInsecure) {
    std::filesystem::create_directories(AdminPinPath(data));
    EXPECT_EQ(ReadAdminPinHash(data).status, AdminPinStatus::Insecure);
}

TEST_F(KioskAdminPinFile, OwnedByAnotherUserIsInsecure) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the file away";
    ASSERT_TRUE(WriteAdminPinHash(data, AdminHash()).ok());
    ASSERT_EQ(::chown(AdminPinPath(data).c_str(), 65534, 65534), 0);
    EXPECT_EQ(ReadAdminPinHash(data).status, AdminPinStatus::Insecure);
}

TEST_F(KioskAdminPinFile, PlainPinOrGarbageIsMalformed) {
    std::filesystem::create_directories(data);
    for (const std::string& text : {std::string("1234\n"), std::string(), std::string(600, 'x'),
                                    AdminHash().substr(0, 40) + "\n"}) {
        WriteFile(AdminPinPath(data), text);
        ::chmod(AdminPinPath(data).c_str(), 0600);
        AdminPinRead r = ReadAdminPinHash(data);
        EXPECT_EQ(r.status, AdminPinStatus::Malformed) << text;
        EXPECT_TRUE(r.hash.empty());
    }
}

TEST_F(KioskAdminPinFile, CrlfWrittenByHandIsAccepted) {
    std::filesystem::create_directories(data);
    WriteFile(AdminPinPath(data), AdminHash() + "\r\n");
    ::chmod(AdminPinPath(data).c_str(), 0600);
    EXPECT_EQ(ReadAdminPinHash(data).status, AdminPinStatus::Ok);
}

// ---- the administrator's lockout ----------------------------------------------------------------

TEST_F(KioskAdminPinFile, GateIsFreshWhenMissingOrGarbage) {
    EXPECT_EQ(ReadAdminGate(data), PinGate{});
    std::filesystem::create_directories(data);
    WriteFile(AdminGatePath(data), "\x01\x02 not json");
    EXPECT_EQ(ReadAdminGate(data), PinGate{});
}

TEST_F(KioskAdminPinFile, GateLockSurvivesARestart) {
    PinGate gate;
    for (int i = 0; i < 5; ++i) gate.RecordFailure(kT0);
    ASSERT_TRUE(WriteAdminGate(data, gate).ok());
    EXPECT_EQ(ModeOf(AdminGatePath(data)), 0600u);
    PinGate back = ReadAdminGate(data);  // as read by the next run of the program
    EXPECT_EQ(back, gate);
    EXPECT_FALSE(back.CanTry(kT0 + 1000));
    EXPECT_EQ(back.SecondsLeft(kT0 + 1000), 29);
}

// ---- the file the kiosk recipe installs ---------------------------------------------------------

TEST(KioskConfigShipped, TheRecipesExampleParsesCleanAndTurnsKioskOn) {
    std::string path = std::string(LECTERN_SOURCE_DIR) + "/tools/kiosk/kiosk.conf";
    KioskConfigResult r = LoadKioskConfig(path);
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    EXPECT_TRUE(r.config->kiosk);
    // The folder tools/kiosk/tmpfiles.conf makes 0700 for the kiosk user.
    EXPECT_EQ(r.config->data_dir, "/var/lib/lectern-kiosk/data");
    EXPECT_EQ(r.config->admin_chord.Format(), "Ctrl+Alt+Shift+A");
    EXPECT_EQ(r.config->idle_timeout_seconds, 300);
    EXPECT_EQ(r.config->countdown_seconds, 30);
    EXPECT_TRUE(r.config->allow_guest);
}

// ---- the idle time set on the admin screen -----------------------------------------------------

TEST(AdminIdleTimeout, MissingFileMeansTheConfigurationFileDecides) {
    TempDir dir;
    EXPECT_FALSE(ReadAdminIdleTimeout(dir.path()).has_value());
}

TEST(AdminIdleTimeout, WrittenValueIsReadBackWithPrivateMode) {
    TempDir dir;
    AdminFileStatus w = WriteAdminIdleTimeout(dir.path(), 600, 30);
    ASSERT_TRUE(w.ok()) << Describe(w.error());
    EXPECT_EQ(ReadAdminIdleTimeout(dir.path()), std::optional<int>(600));
    struct stat st {};
    ASSERT_EQ(::stat(AdminSettingsPath(dir.path()).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    ASSERT_TRUE(WriteAdminIdleTimeout(dir.path(), 120, 30).ok());
    EXPECT_EQ(ReadAdminIdleTimeout(dir.path()), std::optional<int>(120));
}

TEST(AdminIdleTimeout, RefusesTimesOutOfRangeOrNotLongerThanTheWarning) {
    TempDir dir;
    EXPECT_FALSE(WriteAdminIdleTimeout(dir.path(), 29, 10).ok());
    EXPECT_FALSE(WriteAdminIdleTimeout(dir.path(), 86401, 10).ok());
    AdminFileStatus w = WriteAdminIdleTimeout(dir.path(), 60, 60);
    EXPECT_FALSE(w.ok());
    EXPECT_EQ(w.error().code, AdminFileErrorCode::IdleNotOverWarning);
    EXPECT_EQ(w.error().countdown_seconds, 60);
    EXPECT_NE(Describe(w.error()).find("60-second warning"), std::string::npos) << Describe(w.error());
    EXPECT_FALSE(ReadAdminIdleTimeout(dir.path()).has_value()) << "a refused value must not be written";
}

TEST(AdminIdleTimeout, DamagedOrForeignContentIsIgnored) {
    TempDir dir;
    for (const char* text : {"", "idle_timeout_seconds = ten\n", "idle_timeout_seconds = 5\n", "idle_timeout_seconds = 300 extra\n",
                             "colour = blue\n", "idle_timeout_seconds = 99999999999999\n"}) {
        ASSERT_TRUE(WriteFileAtomically(AdminSettingsPath(dir.path()), text, 0600).ok());
        EXPECT_FALSE(ReadAdminIdleTimeout(dir.path()).has_value()) << text;
    }
    ASSERT_TRUE(WriteFileAtomically(AdminSettingsPath(dir.path()), "  idle_timeout_seconds=900  \n", 0600).ok());
    EXPECT_EQ(ReadAdminIdleTimeout(dir.path()), std::optional<int>(900));
}
