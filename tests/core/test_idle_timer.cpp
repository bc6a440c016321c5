// Idle timer: the warning starts countdown seconds before the timeout, any input cancels it, the
// session expires exactly at the timeout, and nothing brings an expired session back.
#include <gtest/gtest.h>

#include <vector>

#include "kiosk/idle_timer.h"
#include "kiosk/kiosk_config.h"

using namespace lectern;

namespace {

constexpr int64_t kT0 = 5000000;  // an arbitrary boot-clock reading
constexpr int64_t kSecond = 1000;

IdleTimer Default() { return IdleTimer(300, 30, kT0); }

}  // namespace

TEST(IdleTimer, ActiveUntilTheCountdownStarts) {
    IdleTimer t = Default();
    EXPECT_EQ(t.State(kT0).phase, IdlePhase::Active);
    EXPECT_EQ(t.State(kT0 + 270 * kSecond - 1).phase, IdlePhase::Active);
}

TEST(IdleTimer, CountdownStartsThirtySecondsBeforeTheTimeout) {
    IdleState s = Default().State(kT0 + 270 * kSecond);
    EXPECT_EQ(s.phase, IdlePhase::CountingDown);
    EXPECT_EQ(s.seconds_left, 30);
}

TEST(IdleTimer, SecondsLeftRoundsUpSoItNeverShowsZeroBeforeSignOut) {
    IdleTimer t = Default();
    EXPECT_EQ(t.State(kT0 + 270 * kSecond + 1).seconds_left, 30);
    EXPECT_EQ(t.State(kT0 + 271 * kSecond).seconds_left, 29);
    EXPECT_EQ(t.State(kT0 + 299 * kSecond).seconds_left, 1);
    EXPECT_EQ(t.State(kT0 + 300 * kSecond - 1).seconds_left, 1);
}

TEST(IdleTimer, ExpiresExactlyAtTheTimeout) {
    IdleTimer t = Default();
    EXPECT_FALSE(t.Expired(kT0 + 300 * kSecond - 1));
    EXPECT_TRUE(t.Expired(kT0 + 300 * kSecond));
    EXPECT_EQ(t.State(kT0 + 300 * kSecond).seconds_left, 0);
    EXPECT_TRUE(t.Expired(kT0 + 24 * 3600 * kSecond));
}

TEST(IdleTimer, AnyInputDuringTheCountdownCancelsIt) {
    IdleTimer t = Default();
    int64_t warned = kT0 + 295 * kSecond;
    ASSERT_EQ(t.State(warned).phase, IdlePhase::CountingDown);
    EXPECT_TRUE(t.Input(warned));
    EXPECT_EQ(t.State(warned).phase, IdlePhase::Active);
    // A full timeout again from the input, not what was left of the old one.
    EXPECT_EQ(t.State(warned + 270 * kSecond - 1).phase, IdlePhase::Active);
    EXPECT_TRUE(t.Expired(warned + 300 * kSecond));
}

TEST(IdleTimer, InputWhileActivePushesTheTimeoutBack) {
    IdleTimer t = Default();
    for (int minute = 1; minute <= 60; ++minute) EXPECT_TRUE(t.Input(kT0 + minute * 60 * kSecond));
    int64_t last = kT0 + 3600 * kSecond;
    EXPECT_EQ(t.State(last + 269 * kSecond).phase, IdlePhase::Active);
    EXPECT_EQ(t.last_input_ms(), last);
}

TEST(IdleTimer, InputAfterExpiryDoesNotReviveTheSession) {
    IdleTimer t = Default();
    // A keypress that wakes a machine suspended for hours arrives long after the timeout.
    EXPECT_FALSE(t.Input(kT0 + 5 * 3600 * kSecond));
    EXPECT_TRUE(t.Expired(kT0 + 5 * 3600 * kSecond));
    EXPECT_EQ(t.last_input_ms(), kT0);
}

TEST(IdleTimer, RestartBeginsANewSession) {
    IdleTimer t = Default();
    int64_t later = kT0 + 400 * kSecond;
    ASSERT_TRUE(t.Expired(later));
    t.Restart(later);
    EXPECT_EQ(t.State(later).phase, IdlePhase::Active);
    EXPECT_TRUE(t.Input(later + kSecond));
}

TEST(IdleTimer, TakesTimeoutAndCountdownFromTheConfig) {
    KioskConfig config;
    config.idle_timeout_seconds = 600;
    config.countdown_seconds = 45;
    IdleTimer t(config, kT0);
    EXPECT_EQ(t.State(kT0 + 555 * kSecond - 1).phase, IdlePhase::Active);
    EXPECT_EQ(t.State(kT0 + 555 * kSecond).seconds_left, 45);
    EXPECT_TRUE(t.Expired(kT0 + 600 * kSecond));
}

TEST(IdleTimer, ValuesOutsideTheLimitsAreClamped) {
    IdleTimer short_one(1, 30, kT0);
    EXPECT_EQ(short_one.timeout_ms(), 30 * kSecond);
    EXPECT_EQ(short_one.countdown_ms(), 30 * kSecond);  // warns for the whole 30 s
    IdleTimer long_one(1000000, 0, kT0);
    EXPECT_EQ(long_one.timeout_ms(), 86400 * kSecond);
    EXPECT_EQ(long_one.countdown_ms(), 1 * kSecond);
}

TEST(IdleTimer, ClockGoingBackwardsReadsAsNoTimePassed) {
    IdleTimer t = Default();
    EXPECT_EQ(t.State(kT0 - 3600 * kSecond).phase, IdlePhase::Active);
    EXPECT_TRUE(t.Input(kT0 - 10 * kSecond));  // an event stamped earlier than the last one
    EXPECT_EQ(t.last_input_ms(), kT0);          // does not move the last input back
    EXPECT_TRUE(t.Expired(kT0 + 300 * kSecond));
}

TEST(IdleTimer, WaitingForTheNextChangeVisitsEverySecondOfTheCountdown) {
    // A frame loop that sleeps exactly MsUntilNextChange each time, as the kiosk's will.
    IdleTimer t = Default();
    int64_t now = kT0;
    std::vector<int> shown;
    int wakes = 0;
    while (true) {
        int64_t wait = t.MsUntilNextChange(now);
        if (wait < 0) break;
        ASSERT_GT(wait, 0);
        now += wait;
        ++wakes;
        IdleState s = t.State(now);
        if (s.phase == IdlePhase::CountingDown) shown.push_back(s.seconds_left);
        ASSERT_LT(wakes, 100);
    }
    EXPECT_EQ(now, kT0 + 300 * kSecond);  // expired on time
    EXPECT_EQ(wakes, 31);                 // the countdown's start, 29 ticks, the expiry
    ASSERT_EQ(shown.size(), 30u);
    for (int i = 0; i < 30; ++i) EXPECT_EQ(shown[i], 30 - i);
}

TEST(IdleTimer, NextChangeFromTheMiddleOfASecond) {
    IdleTimer t = Default();
    EXPECT_EQ(t.MsUntilNextChange(kT0), 270 * kSecond);
    EXPECT_EQ(t.MsUntilNextChange(kT0 + 280 * kSecond + 300), 700);  // 19.7 s left shows 20; 19 in 0.7 s
    EXPECT_EQ(t.MsUntilNextChange(kT0 + 300 * kSecond), -1);
}

TEST(IdleTimer, PhasesHaveNames) {
    EXPECT_STREQ(ToString(IdlePhase::Active), "active");
    EXPECT_STREQ(ToString(IdlePhase::CountingDown), "counting down");
    EXPECT_STREQ(ToString(IdlePhase::Expired), "expired");
}
