// Time since this process started, for start-up measurements (`--first-frame-exit`).
// Header-only and dependency-free so the bare baseline window (tests/perf) measures exactly as
// lectern does without linking the rest of the platform layer.
#pragma once

#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace lectern::platform {

// Milliseconds from the kernel's record of this process's start to now.
//
// Why /proc/self/stat and not a timestamp taken in main() or a static initializer: those miss
// exec, the dynamic loader and every shared library's constructors, which are a real part of
// start-up (libGL, LLVM inside Mesa, fontconfig...). Field 22 (starttime) is counted in clock
// ticks since boot, on the same clock as CLOCK_BOOTTIME. Its resolution is one tick (10 ms with
// USER_HZ=100) and it is truncated, so the result may read up to one tick high: compare medians
// of several runs, not single values. Returns a negative number if /proc is unavailable.
inline double MsSinceProcessStart() {
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

}  // namespace lectern::platform
