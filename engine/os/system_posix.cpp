// POSIX implementation of os/system.h (Linux).
#include "os/system.h"

#include <dlfcn.h>
#include <pthread.h>
#include <pwd.h>
#include <time.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

namespace lectern::os {

namespace {

std::string HomeDir() {
    if (const char* home = std::getenv("HOME"); home && *home) return home;
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_dir) return pw->pw_dir;
    return {};
}

}  // namespace

std::string DefaultDataDir() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    if (xdg && xdg[0] == '/') return std::string(xdg) + "/lectern";
    return HomeDir() + "/.local/share/lectern";
}

std::string UserConfigDir() {
    // XDG: a relative $XDG_CONFIG_HOME is invalid and ignored.
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/') return std::string(xdg) + "/lectern";
    std::string home = HomeDir();
    return home.empty() ? std::string() : home + "/.config/lectern";
}

std::string SystemConfigDir() { return "/etc/lectern"; }

long ProcessId() { return static_cast<long>(::getpid()); }

void SetEnv(const char* name, const char* value) {
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
}

Utf8Arguments::Utf8Arguments(int&, char**&) {}

std::tm UtcTime(std::time_t seconds) {
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return utc;
}

int64_t SystemBootMs() {
    timespec ts{};
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

// Why /proc/self/stat and not a timestamp taken in main() or a static initializer: those miss
// exec, the dynamic loader and every shared library's constructors, which are a real part of
// start-up (libGL, LLVM inside Mesa, fontconfig...). Field 22 (starttime) is counted in clock
// ticks since boot, on the same clock as CLOCK_BOOTTIME. Its resolution is one tick (10 ms with
// USER_HZ=100) and it is truncated, so the result may read up to one tick high: compare medians
// of several runs, not single values.
double MsSinceProcessStart() {
    FILE* file = std::fopen("/proc/self/stat", "r");
    if (!file) return -1.0;
    char buffer[1024];
    size_t length = std::fread(buffer, 1, sizeof(buffer) - 1, file);
    std::fclose(file);
    buffer[length] = '\0';
    // The command name (field 2) is in parentheses and may contain spaces or ')': fields after
    // it are counted from the last ')'. Field 3 (state) follows it; starttime is field 22.
    const char* cursor = std::strrchr(buffer, ')');
    if (!cursor) return -1.0;
    ++cursor;
    for (int field = 3; field < 22; ++field) {
        cursor = std::strchr(cursor + 1, ' ');
        if (!cursor) return -1.0;
    }
    unsigned long long start_ticks = 0;
    if (std::sscanf(cursor, " %llu", &start_ticks) != 1) return -1.0;
    long ticks_per_second = sysconf(_SC_CLK_TCK);
    if (ticks_per_second <= 0) return -1.0;
    timespec now{};
    if (clock_gettime(CLOCK_BOOTTIME, &now) != 0) return -1.0;
    double now_ms = now.tv_sec * 1000.0 + now.tv_nsec / 1.0e6;
    double start_ms = static_cast<double>(start_ticks) * 1000.0 / ticks_per_second;
    return now_ms - start_ms;
}

std::string ExecutablePath() {
    // read_symlink, not canonical: the link still names the program after its file was replaced
    // (a rebuild or an upgrade while it runs), with " (deleted)" appended.
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.string();
}

bool KioskSupported() { return true; }

SharedLibrary::SharedLibrary(const std::vector<std::string>& names) {
    for (const std::string& name : names)
        if (!m_handle) m_handle = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
}
void* SharedLibrary::Symbol(const char* name) const { return m_handle ? dlsym(m_handle, name) : nullptr; }
void SharedLibrary::Close() {
    if (m_handle) dlclose(m_handle);
    m_handle = nullptr;
}

void PrepareFontLookup() {}

void TakeStopRequests(void (*on_stop)(int)) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread([set, on_stop] {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) return;
        on_stop(sig);
    }).detach();
}

bool OnCaptureRequest(void (*handler)(int)) {
    std::signal(SIGUSR1, handler);
    return true;
}

void ShowFatalError(const std::string&, const std::string&) {}

std::string MissingOpenGlHint() { return "is libgl1-mesa-dri installed?"; }

std::string FileBesideExecutable(const std::string& name) {
    std::string exe = ExecutablePath();
    if (exe.empty()) return {};
    std::string path = exe.substr(0, exe.find_last_of('/') + 1) + name;
    return ::access(path.c_str(), R_OK) == 0 ? path : std::string();
}

}  // namespace lectern::os
