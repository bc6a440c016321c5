// The size a window opens at when none was asked for (FitWindowSize): on every screen Lectern's
// users have (a 1366x768 laptop with a taskbar, 1024x768 under wine, 1920x1080 at 150 %, a 4K
// monitor at 200 %...), at every content scale and with every frame, the window with its frame is
// inside the work area, shrunk no more than it must be, and never below the smallest window.
#include <gtest/gtest.h>

#include <algorithm>

#include "platform/window_placement.h"

namespace lectern::platform {
namespace {

// What the system does with a logical size: multiplies it by the scale and drops the fraction
// (GLFW_SCALE_TO_MONITOR on Windows and X11).
int Scaled(int logical, float scale) { return static_cast<int>(static_cast<float>(logical) * scale); }

TEST(WindowSize, TheDefaultWindowWithItsFrameFitsEveryWorkAreaAndShrinksNoMoreThanItMust) {
    const ScreenRect areas[] = {
        {0, 0, 1366, 728},    // 1366x768 laptop, 40 px taskbar at the bottom
        {0, 0, 1024, 768},    // wine's screen in a small Xvfb, no taskbar
        {0, 0, 1280, 800},    // the tests' Xvfb
        {0, 0, 1920, 1040},   // 1920x1080 with a taskbar
        {0, 27, 1366, 741},   // a GNOME top bar
        {1920, 0, 1280, 984}, // a second monitor, right of the first
        {0, 0, 3840, 2120},   // 4K
        {0, 0, 800, 560},     // a small virtual machine console
        {0, 0, 300, 200},     // smaller than the smallest window
        {0, 0, 0, 0},         // nothing known
    };
    const float scales[] = {1.0f, 1.25f, 1.5f, 1.75f, 2.0f, 3.0f};
    const WindowFrame frames[] = {{0, 0, 0, 0}, {8, 31, 8, 8}, {1, 23, 1, 4}, {12, 45, 12, 12}};
    const WindowSize wanted[] = {{1280, 800}, {400, 300}, {320, 240}, {200, 100}, {5000, 5000}};
    int cases = 0;
    for (const ScreenRect& a : areas)
        for (float s : scales)
            for (const WindowFrame& f : frames)
                for (const WindowSize& w : wanted) {
                    ++cases;
                    const WindowSize got = FitWindowSize(w, s, a, f);
                    SCOPED_TRACE(::testing::Message() << "work area " << a.w << "x" << a.h << " scale " << s << " frame " << f.left
                                                      << "," << f.top << "," << f.right << "," << f.bottom << " want " << w.w << "x" << w.h
                                                      << " got " << got.w << "x" << got.h);
                    // Never larger than asked, never smaller than the smallest window (unless asked).
                    ASSERT_LE(got.w, w.w);
                    ASSERT_LE(got.h, w.h);
                    ASSERT_GE(got.w, std::min(w.w, kMinWindowSize.w));
                    ASSERT_GE(got.h, std::min(w.h, kMinWindowSize.h));
                    if (a.w <= 0) {
                        EXPECT_EQ(got.w, w.w);
                        EXPECT_EQ(got.h, w.h);
                        continue;
                    }
                    const int room_w = a.w - f.left - f.right, room_h = a.h - f.top - f.bottom;
                    // Inside the work area, unless it is the smallest window, which may not be.
                    const int least_w = std::min(w.w, kMinWindowSize.w), least_h = std::min(w.h, kMinWindowSize.h);
                    if (got.w > least_w) {
                        EXPECT_LE(Scaled(got.w, s), room_w);
                    }
                    if (got.h > least_h) {
                        EXPECT_LE(Scaled(got.h, s), room_h);
                    }
                    // Shrunk no more than it must: one logical pixel more would not fit.
                    if (got.w < w.w && got.w > least_w) {
                        EXPECT_GT(Scaled(got.w + 1, s), room_w);
                    }
                    if (got.h < w.h && got.h > least_h) {
                        EXPECT_GT(Scaled(got.h + 1, s), room_h);
                    }
                    // The smallest window only where nothing larger fits.
                    if (got.w == least_w && w.w > least_w) {
                        EXPECT_GT(Scaled(got.w + 1, s), room_w);
                    }
                    if (got.h == least_h && w.h > least_h) {
                        EXPECT_GT(Scaled(got.h + 1, s), room_h);
                    }
                }
    EXPECT_EQ(cases, 10 * 6 * 4 * 5);
}

TEST(WindowSize, TheScreensOfTheIssue) {
    struct Case {
        const char* name;
        ScreenRect area;
        float scale;
        WindowFrame frame;
        WindowSize expected;
    };
    const Case cases[] = {
        // A 1366x768 laptop: the 1280x800 default was taller than the screen.
        {"1366x768, taskbar, 100 %", {0, 0, 1366, 728}, 1.0f, {8, 31, 8, 8}, {1280, 689}},
        // wine on a 1024x768 screen shrank a 1280x800 window to 1028x753 by itself.
        {"1024x768 under wine", {0, 0, 1024, 768}, 1.0f, {2, 21, 2, 2}, {1020, 745}},
        // The most common laptop: 1920x1080 at 150 %; 1280x800 logical was 1920x1200.
        {"1920x1080 at 150 %", {0, 0, 1920, 1040}, 1.5f, {12, 45, 12, 12}, {1264, 655}},
        // Room enough: as asked.
        {"4K at 200 %", {0, 0, 3840, 2120}, 2.0f, {16, 60, 16, 16}, {1280, 800}},
        {"the tests' Xvfb, no frame", {0, 0, 1280, 800}, 1.0f, {0, 0, 0, 0}, {1280, 800}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const WindowSize got = FitWindowSize({1280, 800}, c.scale, c.area, c.frame);
        EXPECT_EQ(got.w, c.expected.w);
        EXPECT_EQ(got.h, c.expected.h);
    }
}

}  // namespace
}  // namespace lectern::platform
