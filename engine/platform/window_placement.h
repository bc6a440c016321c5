// Where a window goes so that all of it is on a monitor, and how big it opens. A window manager
// normally places windows; with none (a kiosk under cage, a bare X server, a presenter's laptop in
// some set-ups) a window asked for beside another lands wherever it was asked for, off the screen
// included. And no window manager shrinks a window that is larger than the screen (1280x800 on a
// 1366x768 laptop: the bottom row of buttons would be under the taskbar; wine shrinks it itself,
// to whatever it likes).
// Pure arithmetic, no window system: unit-tested directly.
#pragma once

namespace lectern::platform {

struct ScreenRect {
    int x = 0, y = 0, w = 0, h = 0;
};

// `wanted` moved (and shrunk only if it is larger) so that it lies inside `work_area`.
ScreenRect FitOnMonitor(ScreenRect wanted, const ScreenRect& work_area);

// What the system draws around a window's content: title bar and borders, in screen pixels.
struct WindowFrame {
    int left = 0, top = 0, right = 0, bottom = 0;
};

struct WindowSize {
    int w = 0, h = 0;
};

// The smallest window Lectern opens (--size's lower limit too): below it a page has no room.
constexpr WindowSize kMinWindowSize{320, 240};

// The content size to ask for, in logical pixels (the system multiplies them by the monitor's
// content `scale`), so that the window with its `frame` fits in the monitor's `work_area` (the
// screen less the taskbar or panels): `wanted` where it fits, each side shrunk where it does not,
// never below kMinWindowSize. An unknown work area (0x0) or scale leaves `wanted` as it is.
WindowSize FitWindowSize(WindowSize wanted, float scale, const ScreenRect& work_area, const WindowFrame& frame);

}  // namespace lectern::platform
