// What a failed IM_ASSERT does in Lectern (lectern_imconfig.h says why it does not abort).
#include "lectern_imconfig.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// Places already reported, so a slip inside a frame loop does not flood the log 60 times a
// second. A fixed table keeps this free of allocation (it may run in any state).
constexpr int kMaxReported = 64;
std::atomic<const char*> g_reported[kMaxReported];
std::atomic<int> g_reported_lines[kMaxReported];
std::atomic<int> g_failures{0};

bool AlreadyReported(const char* file, int line) {
    for (int i = 0; i < kMaxReported; ++i) {
        const char* seen = g_reported[i].load();
        if (seen == nullptr) {
            const char* expected = nullptr;
            if (g_reported[i].compare_exchange_strong(expected, file)) {
                g_reported_lines[i].store(line);
                return false;
            }
            seen = expected;
        }
        if (seen == file && g_reported_lines[i].load() == line) return true;
    }
    return false;  // table full: report again rather than stay silent
}

}  // namespace

void LecternImGuiAssertFailed(const char* expression, const char* file, int line) {
    const char* mode = std::getenv("LECTERN_IMGUI_ASSERT");
    const bool abort_now = mode != nullptr && std::strcmp(mode, "abort") == 0;
    g_failures.fetch_add(1);
    if (abort_now || !AlreadyReported(file, line)) {
        std::fprintf(stderr, "%s:%d: Dear ImGui assertion failed: %s\n", file, line, expression);
        std::fflush(stderr);
    }
    if (abort_now) std::abort();
}

int LecternImGuiAssertFailures() { return g_failures.load(); }
