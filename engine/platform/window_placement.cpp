#include "platform/window_placement.h"

#include <algorithm>

namespace lectern::platform {

ScreenRect FitOnMonitor(ScreenRect wanted, const ScreenRect& work_area) {
    if (work_area.w <= 0 || work_area.h <= 0) return wanted;  // nothing known: leave it be
    wanted.w = std::clamp(wanted.w, 1, work_area.w);
    wanted.h = std::clamp(wanted.h, 1, work_area.h);
    wanted.x = std::clamp(wanted.x, work_area.x, work_area.x + work_area.w - wanted.w);
    wanted.y = std::clamp(wanted.y, work_area.y, work_area.y + work_area.h - wanted.h);
    return wanted;
}

}  // namespace lectern::platform
