#include "platform/window_placement.h"

#include <algorithm>
#include <cmath>

namespace lectern::platform {

ScreenRect FitOnMonitor(ScreenRect wanted, const ScreenRect& work_area) {
    if (work_area.w <= 0 || work_area.h <= 0) return wanted;  // nothing known: leave it be
    wanted.w = std::clamp(wanted.w, 1, work_area.w);
    wanted.h = std::clamp(wanted.h, 1, work_area.h);
    wanted.x = std::clamp(wanted.x, work_area.x, work_area.x + work_area.w - wanted.w);
    wanted.y = std::clamp(wanted.y, work_area.y, work_area.y + work_area.h - wanted.h);
    return wanted;
}

WindowSize FitWindowSize(WindowSize wanted, float scale, const ScreenRect& work_area, const WindowFrame& frame) {
    if (work_area.w <= 0 || work_area.h <= 0 || !(scale > 0.0f)) return wanted;
    // The most whole logical pixels that still fit once scaled. The system drops the fraction of
    // the scaled size (GLFW_SCALE_TO_MONITOR on Windows and X11), so 1093 at 125 % is 1366 px.
    auto scaled = [scale](int logical) { return static_cast<int>(static_cast<float>(logical) * scale); };
    auto fit = [&](int want, int room, int least) {
        int most = std::max(0, static_cast<int>(std::floor(static_cast<float>(room) / scale)));
        while (scaled(most + 1) <= room) ++most;
        while (most > 0 && scaled(most) > room) --most;
        return std::max(std::min(want, most), std::min(want, least));
    };
    return {fit(wanted.w, work_area.w - frame.left - frame.right, kMinWindowSize.w),
            fit(wanted.h, work_area.h - frame.top - frame.bottom, kMinWindowSize.h)};
}

}  // namespace lectern::platform
