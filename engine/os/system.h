// lectern_os, the system side: where a user's data and settings live, the temporary folder, the
// process id and the clocks. One implementation file per OS (system_posix.cpp, system_windows.cpp).
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

namespace lectern::os {

// The folder for Lectern's data: $XDG_DATA_HOME/lectern or ~/.local/share/lectern on Linux,
// %APPDATA%\Lectern on Windows. UTF-8.
std::string DefaultDataDir();
// The folder for per-user settings: $XDG_CONFIG_HOME/lectern or ~/.config/lectern on Linux,
// %APPDATA%\Lectern on Windows; empty when the system names none.
std::string UserConfigDir();
// System-wide settings file location for kiosk.conf: /etc/lectern on Linux, %PROGRAMDATA%\Lectern
// on Windows.
std::string SystemConfigDir();

long ProcessId();

// Sets this process's environment variable `name` to `value`, or removes it when `value` is null,
// where std::getenv and the C libraries read it (setenv / _putenv_s: Windows' C runtime keeps its
// own copy of the environment, which SetEnvironmentVariableW would not change).
void SetEnv(const char* name, const char* value);

// The program's arguments as UTF-8. Linux passes them as they are; Windows hands main() its
// arguments in the ANSI code page ("José" as "Jos\xE9", "Алексей" as "???????"), so they are read
// again from the UTF-16 command line. Call at the top of main; argv then points into this object.
class Utf8Arguments {
public:
    Utf8Arguments(int& argc, char**& argv);

private:
    std::vector<std::string> m_args;
    std::vector<char*> m_pointers;
};

// Broken-down UTC time (gmtime_r / gmtime_s).
std::tm UtcTime(std::time_t seconds);

// Milliseconds on a clock that keeps counting through suspend (CLOCK_BOOTTIME on Linux,
// QueryUnbiasedInterruptTime's complement, GetTickCount64, on Windows): idle sign-out uses it, so
// a laptop opened after the idle time is not still signed in.
int64_t BootMs();
// Wall-clock milliseconds since 1970 (UTC), as learners' records are stamped.
int64_t WallMs();
// Tests only: with the variable LECTERN_TEST_CLOCK set, BootMs and WallMs stand still at their
// first reading in this process and move only by the milliseconds in the file the variable names
// (one number; a missing or unreadable file counts as 0). An end-to-end test then steps the
// clocks past an idle time, a PIN lock-out or a typing pause instead of sleeping through it, and
// nothing happens between its steps however slow a loaded machine is: a clock that also ran in
// real time let a "not signed out at 25 s" check see 33 s at load 25. Without the variable, 0 and
// no file is read.
int64_t TestClockOffsetMs();
// The system's own clocks, never stopped by LECTERN_TEST_CLOCK: for BootMs and WallMs only.
int64_t SystemBootMs();
int64_t SystemWallMs();

// Milliseconds since this process started, from the system's record of the start (so the
// loader and libraries' start-up count); negative when unknown.
double MsSinceProcessStart();

// The running program's own path (UTF-8), empty when unknown.
std::string ExecutablePath();

// `name` in the running program's folder if such a file exists there, else empty. In the
// system's own encoding for C libraries that take a narrow path (libthai): UTF-8 on Linux, and on
// Windows too where the manifest's UTF-8 code page holds (1903 and later); before that the ANSI
// code page, through the short 8.3 name when there is one.
std::string FileBesideExecutable(const std::string& name);

// Points fontconfig at its configuration before its first use. Nothing on Linux (the system's).
// On Windows: fonts/fonts.conf beside the program, by its short ANSI name (FONTCONFIG_FILE), since
// fontconfig's own lookup of the program's folder goes through the ANSI code page and fails for a
// folder such as C:\Users\Алексей\Downloads. Safe to call more than once.
void PrepareFontLookup();

// A shared library opened at run time (dlopen / LoadLibrary), for optional features whose
// library costs start-up time or may be missing (espeak-ng). Kept open until the process ends.
class SharedLibrary {
public:
    // The first of `names` that opens; ok() is false when none does.
    explicit SharedLibrary(const std::vector<std::string>& names);
    bool ok() const { return m_handle != nullptr; }
    void* Symbol(const char* name) const;
    // Closes it now (only when nothing from it is in use).
    void Close();

private:
    void* m_handle = nullptr;
};

// True on systems where a kiosk session can be locked down (cage/systemd on Linux).
bool KioskSupported();

// Calls on_stop(code) on a thread of its own when the system asks the program to end: SIGTERM,
// SIGHUP or SIGINT on Linux (blocked in every thread and taken with sigwait, so on_stop may do
// more than a signal handler may); Ctrl+C, closing the console, log-off or shutdown on Windows.
// Call first thing in main, before any other thread exists.
void TakeStopRequests(void (*on_stop)(int code));

// Installs `handler` for the "save a capture now" request (SIGUSR1 on Linux). False where the
// system has no such request (Windows).
bool OnCaptureRequest(void (*handler)(int));

// Tells the user something that stops the program, where they will see it even without a
// terminal: a message box on Windows (a program started from Explorer has no console); nothing
// more than the caller's stderr on Linux.
void ShowFatalError(const std::string& title, const std::string& text);

// What to do when no OpenGL 3.3 context can be made, in this system's terms.
std::string MissingOpenGlHint();

}  // namespace lectern::os
