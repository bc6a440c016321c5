// Windows implementation of os/system.h.
#include "os/system.h"
#include "os/files.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <shellapi.h>
#include <shlobj.h>

#include <cstdlib>
#include <filesystem>

namespace lectern::os {

namespace {

// A known folder (%APPDATA%, %PROGRAMDATA%) as UTF-8, from the shell, not from the environment
// (which a user may have changed, and which the ANSI functions would mangle).
std::string KnownFolder(int csidl) {
    wchar_t path[MAX_PATH] = {};
    if (SHGetFolderPathW(nullptr, csidl | CSIDL_FLAG_CREATE, nullptr, SHGFP_TYPE_CURRENT, path) != S_OK) return {};
    return Utf8(std::filesystem::path(path));
}

}  // namespace

std::string DefaultDataDir() {
    std::string appdata = KnownFolder(CSIDL_APPDATA);
    return appdata.empty() ? std::string("Lectern") : appdata + "\\Lectern";
}

std::string UserConfigDir() {
    std::string appdata = KnownFolder(CSIDL_APPDATA);
    return appdata.empty() ? std::string() : appdata + "\\Lectern";
}

std::string SystemConfigDir() {
    std::string all = KnownFolder(CSIDL_COMMON_APPDATA);
    return all.empty() ? std::string() : all + "\\Lectern";
}

long ProcessId() { return static_cast<long>(GetCurrentProcessId()); }

// _putenv_s with an empty value removes the variable (Windows has no empty variables).
void SetEnv(const char* name, const char* value) { _putenv_s(name, value ? value : ""); }

Utf8Arguments::Utf8Arguments(int& argc, char**& argv) {
    int count = 0;
    LPWSTR* wide = CommandLineToArgvW(GetCommandLineW(), &count);
    if (!wide) return;
    for (int i = 0; i < count; ++i) m_args.push_back(Utf8(std::filesystem::path(wide[i])));
    LocalFree(wide);
    for (std::string& arg : m_args) m_pointers.push_back(arg.data());
    m_pointers.push_back(nullptr);
    argc = count;
    argv = m_pointers.data();
    // What the programs print is UTF-8 too; a console shows it as such only when told.
    SetConsoleOutputCP(CP_UTF8);
}

std::tm UtcTime(std::time_t seconds) {
    std::tm utc{};
    gmtime_s(&utc, &seconds);
    return utc;
}

// GetTickCount64 counts through sleep and hibernation, as CLOCK_BOOTTIME does.
int64_t SystemBootMs() { return static_cast<int64_t>(GetTickCount64()); }

// The creation time Windows records for the process: it includes the loader and every DLL's
// start-up, as /proc/self/stat does on Linux.
double MsSinceProcessStart() {
    FILETIME created, exited, kernel, user, now;
    if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user)) return -1.0;
    GetSystemTimeAsFileTime(&now);
    ULARGE_INTEGER c, n;
    c.LowPart = created.dwLowDateTime;
    c.HighPart = created.dwHighDateTime;
    n.LowPart = now.dwLowDateTime;
    n.HighPart = now.dwHighDateTime;
    return static_cast<double>(n.QuadPart - c.QuadPart) / 10000.0;
}

std::string ExecutablePath() {
    std::wstring buffer(MAX_PATH, L'\0');
    for (;;) {
        DWORD n = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
        if (n == 0) return {};
        if (n < buffer.size()) {
            buffer.resize(n);
            return Utf8(std::filesystem::path(buffer));
        }
        buffer.resize(buffer.size() * 2);
    }
}

bool KioskSupported() { return false; }

SharedLibrary::SharedLibrary(const std::vector<std::string>& names) {
    for (const std::string& name : names)
        if (!m_handle) m_handle = reinterpret_cast<void*>(LoadLibraryW(Path(name).c_str()));
}
void* SharedLibrary::Symbol(const char* name) const {
    return m_handle ? reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(m_handle), name)) : nullptr;
}
void SharedLibrary::Close() {
    if (m_handle) FreeLibrary(static_cast<HMODULE>(m_handle));
    m_handle = nullptr;
}

void PrepareFontLookup() {
    static const bool done = [] {
        if (const char* set = std::getenv("FONTCONFIG_FILE"); set && *set) return true;
        std::string conf = FileBesideExecutable("fonts\\fonts.conf");
        if (!conf.empty()) _putenv_s("FONTCONFIG_FILE", conf.c_str());
        return true;
    }();
    (void)done;
}

namespace {
void (*g_on_stop)(int) = nullptr;
// Runs on a thread the system creates for it. Returning TRUE for close, log-off and shutdown
// gives the program until it returns to finish (the system waits a few seconds): on_stop only
// asks the frame loop to stop, so wait for the process to end here.
BOOL WINAPI OnConsoleEvent(DWORD event) {
    if (!g_on_stop) return FALSE;
    g_on_stop(static_cast<int>(event) + 1000);
    if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT) Sleep(5000);
    return TRUE;
}
}  // namespace

void TakeStopRequests(void (*on_stop)(int)) {
    g_on_stop = on_stop;
    SetConsoleCtrlHandler(OnConsoleEvent, TRUE);
}

bool OnCaptureRequest(void (*)(int)) { return false; }

void ShowFatalError(const std::string& title, const std::string& text) {
    std::wstring wide_title = Path(title).wstring(), wide_text = Path(text).wstring();
    MessageBoxW(nullptr, wide_text.c_str(), wide_title.c_str(), MB_OK | MB_ICONERROR);
}

}  // namespace lectern::os

namespace lectern::os {
// Windows without a GPU driver (many virtual machines and remote desktops) offers OpenGL 1.1 only.
std::string MissingOpenGlHint() {
    return "this computer's graphics driver does not offer OpenGL 3.3, which Lectern needs. This is usual in a "
           "virtual machine or remote desktop without a graphics driver. Install the graphics card maker's "
           "driver, or ask your IT service for a machine with one";
}
std::string FileBesideExecutable(const std::string& name) {
    std::string exe = ExecutablePath();
    if (exe.empty()) return {};
    std::filesystem::path path = Path(exe).parent_path() / Path(name);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {};
    // libthai opens it with fopen: the ANSI code page's spelling (short 8.3 name if it has none).
    std::wstring wide = path.wstring();
    wchar_t short_name[MAX_PATH];
    if (GetShortPathNameW(wide.c_str(), short_name, MAX_PATH) > 0) wide = short_name;
    int n = WideCharToMultiByte(CP_ACP, 0, wide.c_str(), -1, nullptr, 0, nullptr, nullptr);
    std::string ansi(n > 0 ? n - 1 : 0, '\0');
    if (n > 0) WideCharToMultiByte(CP_ACP, 0, wide.c_str(), -1, ansi.data(), n, nullptr, nullptr);
    return ansi;
}

}  // namespace lectern::os
