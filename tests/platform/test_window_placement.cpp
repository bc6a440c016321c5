// The notes window's place with no window manager to place it: every wanted rectangle, on every
// side of and across a monitor's work area (including one not at the origin), ends wholly on it,
// as near as it can be to where it was asked for.
#include <gtest/gtest.h>

#include "platform/window_placement.h"

namespace lectern::platform {
namespace {

TEST(WindowPlacement, EveryWantedPlaceEndsWhollyOnTheMonitorAndMovesNoMoreThanItMust) {
    const ScreenRect monitors[] = {{0, 0, 1280, 800}, {1920, 0, 1280, 1024}, {-1280, 200, 1280, 720}, {0, 27, 1366, 741}};
    const int sizes[][2] = {{560, 800}, {300, 200}, {1280, 800}, {4000, 3000}, {1, 1}};
    for (const ScreenRect& m : monitors)
        for (const auto& size : sizes)
            for (int x = m.x - 5000; x <= m.x + m.w + 5000; x += 397)
                for (int y = m.y - 3000; y <= m.y + m.h + 3000; y += 311) {
                    const ScreenRect want{x, y, size[0], size[1]};
                    const ScreenRect got = FitOnMonitor(want, m);
                    SCOPED_TRACE(::testing::Message() << "monitor " << m.x << "," << m.y << " " << m.w << "x" << m.h << "; want "
                                                      << x << "," << y << " " << size[0] << "x" << size[1]);
                    ASSERT_GE(got.x, m.x);
                    ASSERT_GE(got.y, m.y);
                    ASSERT_LE(got.x + got.w, m.x + m.w);
                    ASSERT_LE(got.y + got.h, m.y + m.h);
                    // Never shrunk below what fits, never moved when it already fitted.
                    EXPECT_EQ(got.w, std::min(size[0], m.w));
                    EXPECT_EQ(got.h, std::min(size[1], m.h));
                    const bool fitted = x >= m.x && y >= m.y && x + size[0] <= m.x + m.w && y + size[1] <= m.y + m.h;
                    if (fitted) {
                        EXPECT_EQ(got.x, x);
                        EXPECT_EQ(got.y, y);
                    }
                }
}

TEST(WindowPlacement, BesideAWindowThatFillsTheOnlyMonitorComesBackOnIt) {
    // The presenter's case: one 1280x800 monitor filled by the room's window; the notes window
    // asked for 16 px to its right.
    const ScreenRect got = FitOnMonitor({1280 + 16, 0, 560, 800}, {0, 0, 1280, 800});
    EXPECT_EQ(got.x, 1280 - 560);
    EXPECT_EQ(got.y, 0);
}

}  // namespace
}  // namespace lectern::platform
