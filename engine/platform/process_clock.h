// Time since this process started, for start-up measurements (`--first-frame-exit`). The bare
// baseline window (tests/perf) includes it too, so both measure the same way; the system call
// behind it is in lectern_os (os/system.h says which one, per system).
#pragma once

#include "os/system.h"

namespace lectern::platform {

// Milliseconds from the system's record of this process's start to now; negative if unknown.
inline double MsSinceProcessStart() { return os::MsSinceProcessStart(); }

}  // namespace lectern::platform
