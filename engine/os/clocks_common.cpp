// The clocks' parts that are the same on every system (os/system.h).
#include <chrono>
#include <cstdlib>
#include <fstream>

#include "os/system.h"

namespace lectern::os {

namespace {

bool TestClockSet() {
    static const bool set = std::getenv("LECTERN_TEST_CLOCK") != nullptr;
    return set;
}

}  // namespace

int64_t SystemWallMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Under a test clock each clock keeps its first reading: only the test's steps move it.
int64_t BootMs() {
    if (!TestClockSet()) return SystemBootMs();
    static const int64_t start = SystemBootMs();
    return start + TestClockOffsetMs();
}

int64_t WallMs() {
    if (!TestClockSet()) return SystemWallMs();
    static const int64_t start = SystemWallMs();
    return start + TestClockOffsetMs();
}

int64_t TestClockOffsetMs() {
    static const char* const file = std::getenv("LECTERN_TEST_CLOCK");
    if (!file) return 0;
    std::ifstream in(file);
    long long offset = 0;
    return in >> offset ? static_cast<int64_t>(offset) : 0;
}

}  // namespace lectern::os
