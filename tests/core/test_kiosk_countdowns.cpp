// The kiosk's countdowns as the frame loop ticks them (kiosk/countdowns.h) and the chord's key
// number: every millisecond that matters, on a clock the test holds.
#include <gtest/gtest.h>

#include <string>

#include "kiosk/countdowns.h"
#include "kiosk/kiosk_config.h"

using namespace lectern;
using namespace lectern::kiosk;

namespace {
constexpr int64_t kStart = 5'000'000;  // boot clock, ms
}  // namespace

TEST(KioskIdleTick, SleepsUntilTheWarningThenWakesEverySecondThenSignsOut) {
    IdleTimer timer(120, 30, kStart);  // warning at 90 s, sign-out at 120 s
    IdleTick t = TickIdle(timer, false, kStart, 0);
    EXPECT_FALSE(t.sign_out);
    EXPECT_EQ(t.seconds_left, -1) << "no warning while active";
    EXPECT_DOUBLE_EQ(t.wake_seconds, 90.0) << "the loop sleeps until the warning is due";
    t = TickIdle(timer, false, kStart + 90'000, 0);
    EXPECT_EQ(t.seconds_left, 30);
    EXPECT_LE(t.wake_seconds, 1.0) << "the warning ticks each second";
    t = TickIdle(timer, false, kStart + 119'999, 0);
    EXPECT_FALSE(t.sign_out);
    EXPECT_EQ(t.seconds_left, 1);
    t = TickIdle(timer, false, kStart + 120'000, 0);
    EXPECT_TRUE(t.sign_out);
    EXPECT_EQ(t.seconds_left, -1);
}

TEST(KioskIdleTick, InputDuringTheWarningCancelsIt) {
    IdleTimer timer(120, 30, kStart);
    ASSERT_EQ(TickIdle(timer, false, kStart + 100'000, 0).seconds_left, 20);
    IdleTick t = TickIdle(timer, true, kStart + 100'500, 0);
    EXPECT_EQ(t.seconds_left, -1);
    EXPECT_FALSE(t.sign_out);
    EXPECT_FALSE(TickIdle(timer, false, kStart + 200'000, 0).sign_out) << "the input pushed the sign-out back";
    EXPECT_TRUE(TickIdle(timer, false, kStart + 220'500, 0).sign_out);
}

TEST(KioskIdleTick, NeverWakesLaterThanTheBaseIntervalNorSoonerThanFiftyMs) {
    // Every phase x base interval (none, --capture's 0.1 s, --watch's 0.5 s, a long one).
    for (double base : {0.0, 0.1, 0.5, 60.0}) {
        for (int64_t at : {int64_t{0}, int64_t{89'990}, int64_t{90'000}, int64_t{119'500}, int64_t{120'000}}) {
            IdleTimer timer(120, 30, kStart);
            IdleTick t = TickIdle(timer, false, kStart + at, base);
            SCOPED_TRACE("base " + std::to_string(base) + " at " + std::to_string(at));
            if (t.sign_out) {
                EXPECT_DOUBLE_EQ(t.wake_seconds, base) << "after sign-out only the base interval wakes the loop";
                continue;
            }
            EXPECT_GE(t.wake_seconds, base > 0 ? std::min(base, 0.05) : 0.05);
            if (base > 0) {
                EXPECT_LE(t.wake_seconds, base);
            }
        }
    }
}

TEST(KioskPinLockout, CountsWholeSecondsDownThenSaysOnceThatAPinMayBeTried) {
    PinLockout lock;
    EXPECT_FALSE(lock.Active());
    lock.Start(30, kStart);
    ASSERT_TRUE(lock.Active());
    PinLockout::Tick t = lock.Advance(kStart, 0);
    EXPECT_FALSE(t.ended);
    EXPECT_EQ(t.seconds_left, 30);
    EXPECT_DOUBLE_EQ(t.wake_seconds, 0.001) << "wakes when the shown number changes";
    t = lock.Advance(kStart + 400, 0);
    EXPECT_EQ(t.seconds_left, 30) << "rounded up: never shows 0 while still locked";
    EXPECT_NEAR(t.wake_seconds, 0.601, 1e-9);
    t = lock.Advance(kStart + 29'999, 0.5);
    EXPECT_EQ(t.seconds_left, 1);
    EXPECT_LE(t.wake_seconds, 0.5);
    t = lock.Advance(kStart + 30'000, 0.5);
    EXPECT_TRUE(t.ended);
    EXPECT_DOUBLE_EQ(t.wake_seconds, 0.5) << "back to the base interval";
    EXPECT_FALSE(lock.Active()) << "said once: the lock is gone";
}

TEST(KioskPinLockout, StartingWithNoSecondsOrClearingLiftsTheLock) {
    PinLockout lock;
    lock.Start(0, kStart);
    EXPECT_FALSE(lock.Active());
    lock.Start(-5, kStart);
    EXPECT_FALSE(lock.Active());
    lock.Start(10, kStart);
    lock.Clear();
    EXPECT_FALSE(lock.Active());
}

TEST(KioskChord, KeyCodeIsGlfwsNumberForEveryKeyAChordMayUse) {
    for (char c = 'A'; c <= 'Z'; ++c) EXPECT_EQ((KeyChord{true, true, false, false, std::string(1, c)}.KeyCode()), c);
    for (char c = '0'; c <= '9'; ++c) EXPECT_EQ((KeyChord{true, true, false, false, std::string(1, c)}.KeyCode()), c);
    for (int n = 1; n <= 12; ++n)
        EXPECT_EQ((KeyChord{true, false, true, false, "F" + std::to_string(n)}.KeyCode()), 289 + n) << "F" << n;
    // Every chord the config accepts has a key the loop can see.
    for (const char* text : {"Ctrl+Alt+Shift+A", "Ctrl+Shift+F5", "Alt+Shift+9", "Ctrl+Super+F12"}) {
        auto chord = ParseKeyChord(text);
        ASSERT_TRUE(chord) << text;
        EXPECT_GE(chord->KeyCode(), 0) << text;
    }
    for (const char* key : {"", "F0", "F13", "Esc"}) EXPECT_EQ((KeyChord{true, true, false, false, key}.KeyCode()), -1) << key;
}
