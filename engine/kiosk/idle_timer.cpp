#include "kiosk/idle_timer.h"

#include <algorithm>

#include "kiosk/kiosk_config.h"

namespace lectern {

const char* ToString(IdlePhase phase) {
    switch (phase) {
        case IdlePhase::Active: return "active";
        case IdlePhase::CountingDown: return "counting down";
        case IdlePhase::Expired: return "expired";
    }
    return "unknown";
}

IdleTimer::IdleTimer(int idle_timeout_seconds, int countdown_seconds, int64_t now_ms) {
    int timeout = std::clamp(idle_timeout_seconds, kIdleTimeoutMin, kIdleTimeoutMax);
    int countdown = std::clamp(countdown_seconds, 1, timeout);
    m_timeout_ms = int64_t{timeout} * 1000;
    m_countdown_ms = int64_t{countdown} * 1000;
    m_last_input_ms = now_ms;
}

IdleTimer::IdleTimer(const KioskConfig& config, int64_t now_ms)
    : IdleTimer(config.idle_timeout_seconds, config.countdown_seconds, now_ms) {}

int64_t IdleTimer::Elapsed(int64_t now_ms) const {
    // A clock that went backwards reads as "no time passed", never as a huge idle stretch.
    return std::max<int64_t>(0, now_ms - m_last_input_ms);
}

bool IdleTimer::Input(int64_t now_ms) {
    if (Expired(now_ms)) return false;
    // max: events delivered out of order must not move the last input back in time.
    m_last_input_ms = std::max(m_last_input_ms, now_ms);
    return true;
}

IdleState IdleTimer::State(int64_t now_ms) const {
    int64_t elapsed = Elapsed(now_ms);
    if (elapsed >= m_timeout_ms) return {IdlePhase::Expired, 0};
    int64_t left = m_timeout_ms - elapsed;
    if (left > m_countdown_ms) return {IdlePhase::Active, 0};
    return {IdlePhase::CountingDown, static_cast<int>((left + 999) / 1000)};
}

int64_t IdleTimer::MsUntilNextChange(int64_t now_ms) const {
    int64_t elapsed = Elapsed(now_ms);
    if (elapsed >= m_timeout_ms) return -1;
    int64_t left = m_timeout_ms - elapsed;
    if (left > m_countdown_ms) return left - m_countdown_ms;  // the countdown starts
    // seconds_left = ceil(left / 1000) drops by one when left crosses a whole second.
    int64_t to_tick = left % 1000;
    return to_tick == 0 ? 1000 : to_tick;
}

void IdleTimer::Restart(int64_t now_ms) { m_last_input_ms = now_ms; }

}  // namespace lectern
