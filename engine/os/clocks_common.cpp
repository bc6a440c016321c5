// The clocks' parts that are the same on every system (os/system.h).
#include <chrono>
#include <cstdlib>
#include <fstream>

#include "os/system.h"

namespace lectern::os {

int64_t WallMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + TestClockOffsetMs();
}

int64_t TestClockOffsetMs() {
    static const char* const file = std::getenv("LECTERN_TEST_CLOCK");
    if (!file) return 0;
    std::ifstream in(file);
    long long offset = 0;
    return in >> offset ? static_cast<int64_t>(offset) : 0;
}

}  // namespace lectern::os
