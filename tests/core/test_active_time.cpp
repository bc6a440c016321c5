// Active time (learning/active_time.h): what counts as time spent, and when it is handed over.
#include "learning/active_time.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace lectern {
namespace {

constexpr int64_t kMinute = 60 * 1000;

// Frames every `step` ms from `from` to `to`; input at every frame if `typing`.
int64_t Frames(ActiveTimeCounter& t, int64_t from, int64_t to, int64_t step, bool focused, bool typing) {
    int64_t handed = 0;
    for (int64_t now = from; now <= to; now += step) handed += t.Frame(now, focused, typing);
    return handed;
}

TEST(ActiveTimeCounter, ALearnerWorkingTheWholeTimeIsCountedToTheMillisecond) {
    for (int64_t step : {1, 16, 100, 1000, 29000}) {
        ActiveTimeCounter t;
        const int64_t handed = Frames(t, 5000, 5000 + 20 * kMinute, step, true, true);
        const int64_t last_frame = 5000 + (20 * kMinute / step) * step;
        EXPECT_EQ(handed + t.HandOver(last_frame), last_frame - 5000) << "frames every " << step << " ms";
    }
}

TEST(ActiveTimeCounter, AWindowWithoutFocusCountsNothing) {
    ActiveTimeCounter t;
    EXPECT_EQ(Frames(t, 0, 10 * kMinute, 16, false, true) + t.HandOver(10 * kMinute), 0);
}

TEST(ActiveTimeCounter, ALearnerWhoWalksAwayCountsOnlyTheIdleAllowanceAfterTheLastInput) {
    for (int64_t step : {16, 250, 1000, 7000}) {
        ActiveTimeCounter t;
        int64_t handed = t.Frame(0, true, true);
        handed += Frames(t, step, 30 * kMinute, step, true, false);  // no input after the first frame
        handed += t.HandOver(30 * kMinute);
        EXPECT_EQ(handed, ActiveTimeCounter::kIdleMs) << "frames every " << step << " ms";
    }
}

TEST(ActiveTimeCounter, InputAfterAnIdleStretchCountsAgainFromThatInput) {
    ActiveTimeCounter t;
    int64_t handed = t.Frame(0, true, true);
    handed += Frames(t, 1000, 10 * kMinute, 1000, true, false);             // 3 minutes count
    handed += t.Frame(10 * kMinute + 1000, true, true);                  // back: the gap does not count
    handed += Frames(t, 10 * kMinute + 2000, 11 * kMinute + 1000, 1000, true, true);  // one more minute
    handed += t.HandOver(11 * kMinute + 1000);
    EXPECT_EQ(handed, ActiveTimeCounter::kIdleMs + kMinute);
}

// A frame that only comes after a long pause (the loop sleeps while nothing happens) counts up
// to the idle allowance, not the whole pause.
TEST(ActiveTimeCounter, ALongFrameGapCountsAtMostTheIdleAllowance) {
    ActiveTimeCounter t;
    t.Frame(0, true, true);
    const int64_t handed = t.Frame(60 * kMinute, true, false) + t.HandOver(60 * kMinute);
    EXPECT_EQ(handed, ActiveTimeCounter::kIdleMs);
}

// Generated sessions (focus, input and frame gaps at random): the time is handed over at most
// every 30 s, nothing is handed over twice or lost (the sum equals what a reference counts: the
// part of each frame's gap before the allowance after the last input ran out), and a program
// killed at any frame (no final HandOver) loses at most 30 s of it.
TEST(ActiveTimeCounter, GeneratedSessionsHandOverEveryCountedMillisecondAtMostEveryThirtySeconds) {
    std::mt19937 rng(20261207);
    for (int session = 0; session < 300; ++session) {
        ActiveTimeCounter t;
        int64_t now = std::uniform_int_distribution<int64_t>(0, 1'000'000)(rng);
        int64_t handed = 0, last_hand_over = now, last_input = now, counted = 0, prev = now;
        for (int frame = 0; frame < 400; ++frame) {
            const bool focused = std::uniform_int_distribution<int>(0, 9)(rng) != 0;
            const bool input = std::uniform_int_distribution<int>(0, 3)(rng) == 0;
            if (frame > 0 && focused) counted += std::max<int64_t>(0, std::min(now, last_input + ActiveTimeCounter::kIdleMs) - prev);
            const int64_t got = t.Frame(now, focused, input);
            if (got > 0) {
                EXPECT_GT(now - last_hand_over, ActiveTimeCounter::kHandOverMs) << "session " << session << " frame " << frame;
                last_hand_over = now;
            }
            handed += got;
            EXPECT_LE(counted - handed, ActiveTimeCounter::kHandOverMs) << "session " << session << " frame " << frame;
            if (input || frame == 0) last_input = now;
            prev = now;
            // Mostly frames a few ms apart, sometimes seconds or minutes (the loop sleeps).
            const int kind = std::uniform_int_distribution<int>(0, 19)(rng);
            now += kind < 15 ? std::uniform_int_distribution<int64_t>(1, 50)(rng)
                 : kind < 19 ? std::uniform_int_distribution<int64_t>(1000, 40'000)(rng)
                             : std::uniform_int_distribution<int64_t>(60'000, 400'000)(rng);
        }
        handed += t.HandOver(prev);
        EXPECT_EQ(handed, counted) << "session " << session;
    }
}

}  // namespace
}  // namespace lectern
