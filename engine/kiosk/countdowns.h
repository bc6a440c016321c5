// The kiosk's two countdowns as the frame loop ticks them: the idle sign-out (IdleTimer) and the
// seconds until a locked PIN may be tried again. Each tick says what the screen shows and when
// the loop must wake next, so a kiosk that nobody touches sleeps (0% CPU) yet the warning ticks
// every second and the sign-out comes on time. Plain values with the clock passed in: the tests
// drive them to the millisecond.
#pragma once

#include <cstdint>

#include "kiosk/idle_timer.h"

namespace lectern::kiosk {

// `base_wake_seconds`: how often the loop wakes anyway (--capture, --watch); 0 when only input
// wakes it. A countdown never makes the loop wake later than that.
struct IdleTick {
    bool sign_out = false;   // the idle time is over: sign the learner (or guest) out now
    int seconds_left = -1;   // during the warning: whole seconds until sign-out; -1 otherwise
    double wake_seconds = 0; // wake the loop within this long (when sign_out: the base interval)
};
// `boot_ms` is CLOCK_BOOTTIME (see idle_timer.h: suspended time counts).
IdleTick TickIdle(IdleTimer& timer, bool had_input, int64_t boot_ms, double base_wake_seconds);

// Too many wrong PINs (a learner's or the administrator's): entry is locked, and the message
// counts the seconds down until a PIN may be tried again.
class PinLockout {
public:
    // Locked for `seconds` from now; 0 or less clears the lock.
    void Start(int seconds, int64_t now_ms) { m_until_ms = seconds > 0 ? now_ms + int64_t{seconds} * 1000 : 0; }
    void Clear() { m_until_ms = 0; }
    bool Active() const { return m_until_ms != 0; }

    struct Tick {
        bool ended = false;      // the lock just ran out: "You can try your PIN again."
        int seconds_left = 0;    // while locked: whole seconds left, rounded up
        double wake_seconds = 0; // wake the loop at the next whole second (or the base interval)
    };
    // Only while Active(). Clears the lock once it has run out (and says so once).
    Tick Advance(int64_t now_ms, double base_wake_seconds);

private:
    int64_t m_until_ms = 0;
};

}  // namespace lectern::kiosk
