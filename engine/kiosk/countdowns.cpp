#include "kiosk/countdowns.h"

#include <algorithm>

namespace lectern::kiosk {

namespace {

// A countdown's own wake-up never comes later than the loop's base interval.
double NoLaterThanBase(double wake, double base) { return base > 0 ? std::min(wake, base) : wake; }

}  // namespace

IdleTick TickIdle(IdleTimer& timer, bool had_input, int64_t boot_ms, double base_wake_seconds) {
    IdleTick tick;
    if (had_input) timer.Input(boot_ms);
    IdleState st = timer.State(boot_ms);
    if (st.phase == IdlePhase::Expired) {
        tick.sign_out = true;
        tick.wake_seconds = base_wake_seconds;
        return tick;
    }
    tick.seconds_left = st.phase == IdlePhase::CountingDown ? st.seconds_left : -1;
    // Wake for the next change only: a second at a time during the countdown, else not before it.
    double wake = std::max<int64_t>(timer.MsUntilNextChange(boot_ms), 50) / 1000.0;
    if (st.phase == IdlePhase::CountingDown) wake = std::min(wake, 1.0);
    tick.wake_seconds = NoLaterThanBase(wake, base_wake_seconds);
    return tick;
}

PinLockout::Tick PinLockout::Advance(int64_t now_ms, double base_wake_seconds) {
    Tick tick;
    int64_t left_ms = m_until_ms - now_ms;
    if (left_ms <= 0) {
        m_until_ms = 0;
        tick.ended = true;
        tick.wake_seconds = base_wake_seconds;
        return tick;
    }
    tick.seconds_left = static_cast<int>((left_ms + 999) / 1000);
    tick.wake_seconds = NoLaterThanBase((left_ms % 1000 + 1) / 1000.0, base_wake_seconds);  // at the next whole second
    return tick;
}

}  // namespace lectern::kiosk
