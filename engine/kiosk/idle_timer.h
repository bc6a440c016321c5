// IdleTimer: when a kiosk learner walks away, warn, then sign them out, so the next person at the
// machine never lands in a classmate's record (Kolibri #2131: children carried on in a
// classmate's account).
//
// A plain value with the clock as a parameter, so tests drive it to the millisecond:
//   Active        until idle_timeout - countdown seconds after the last input
//   CountingDown  for the last `countdown` seconds: "Are you still there? Signing out in N s"
//   Expired       at idle_timeout after the last input; stays Expired (input no longer revives it)
//                 until Restart, so a keypress that wakes a suspended machine hours later cannot
//                 resume the old session.
//
// Which clock: pass milliseconds of CLOCK_BOOTTIME (clock_gettime), not the wall clock and not
// std::chrono::steady_clock. The wall clock jumps (NTP, an admin setting the time) and would end
// or stretch sessions; steady_clock is CLOCK_MONOTONIC on Linux, which stops while the machine is
// suspended, so a laptop closed mid-session would reopen still signed in. CLOCK_BOOTTIME counts
// suspended time. If the clock ever goes backwards anyway, that reads as no time having passed.
//
// How the app uses it:
//   sign-in           timer = IdleTimer(config.idle_timeout_seconds, config.countdown_seconds, now)
//                     (or timer.Restart(now))
//   every input event timer.Input(now): key, click, wheel, touch, and mouse motion (a reader who
//                     only scrolls with the mouse is present)
//   every frame       switch (timer.State(now).phase): Active -> nothing; CountingDown -> show the
//                     warning with seconds_left (any input dismisses it, via Input); Expired ->
//                     report AddActiveTime up to the last input only, sign out, show sign-in.
//   event loop        wait at most timer.MsUntilNextChange(now) so the warning appears, ticks
//                     each second and expires on time while the loop otherwise sleeps (0% CPU).
//   guests            the same timer: a guest's screen is cleared on expiry too.
// Every answer is already committed when it is given (progress_store.h), so signing out on expiry
// loses nothing; there is no "save first" step to fail.
#pragma once

#include <cstdint>

namespace lectern {

struct KioskConfig;

enum class IdlePhase { Active, CountingDown, Expired };
const char* ToString(IdlePhase phase);

struct IdleState {
    IdlePhase phase = IdlePhase::Active;
    // Whole seconds until sign-out, rounded up (so it reads 30 when the countdown begins and 1 in
    // its last second); 0 once Expired.
    int seconds_left = 0;
};

class IdleTimer {
public:
    // Values outside the config's limits are clamped: timeout 30..86400 s, countdown 1 s up to
    // the timeout.
    IdleTimer(int idle_timeout_seconds, int countdown_seconds, int64_t now_ms);
    IdleTimer(const KioskConfig& config, int64_t now_ms);

    // Any input from the learner. Ignored (returns false) once Expired: see above.
    bool Input(int64_t now_ms);
    IdleState State(int64_t now_ms) const;
    bool Expired(int64_t now_ms) const { return State(now_ms).phase == IdlePhase::Expired; }
    // Milliseconds until State(now) next changes (countdown starts, seconds_left ticks, expiry);
    // -1 once Expired (nothing more will happen). Never 0 for a live timer, so a loop that waits
    // this long always makes progress.
    int64_t MsUntilNextChange(int64_t now_ms) const;
    // A new session: as if constructed now.
    void Restart(int64_t now_ms);

    int64_t last_input_ms() const { return m_last_input_ms; }
    int64_t timeout_ms() const { return m_timeout_ms; }
    int64_t countdown_ms() const { return m_countdown_ms; }

private:
    int64_t Elapsed(int64_t now_ms) const;

    int64_t m_timeout_ms;
    int64_t m_countdown_ms;
    int64_t m_last_input_ms;
};

}  // namespace lectern
