// Where a window goes so that all of it is on a monitor. A window manager normally does this;
// with none (a kiosk under cage, a bare X server, a presenter's laptop in some set-ups) a window
// asked for beside another lands wherever it was asked for, off the screen included.
// Pure arithmetic, no window system: unit-tested directly.
#pragma once

namespace lectern::platform {

struct ScreenRect {
    int x = 0, y = 0, w = 0, h = 0;
};

// `wanted` moved (and shrunk only if it is larger) so that it lies inside `work_area`.
ScreenRect FitOnMonitor(ScreenRect wanted, const ScreenRect& work_area);

}  // namespace lectern::platform
