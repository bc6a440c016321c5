#include "learning/active_time.h"

#include <algorithm>

namespace lectern {

int64_t ActiveTimeCounter::Frame(int64_t now, bool focused, bool had_input) {
    if (!m_started) {
        m_started = true;
        m_last_frame = m_last_input = m_last_hand_over = now;
    }
    // The time since the last frame counts up to the moment the learner became idle.
    const int64_t idle_at_last_frame = m_last_frame - m_last_input;
    if (focused && idle_at_last_frame < kIdleMs && now > m_last_frame)
        m_pending += std::min(now - m_last_frame, kIdleMs - idle_at_last_frame);
    if (had_input) m_last_input = now;
    m_last_frame = std::max(m_last_frame, now);
    return now - m_last_hand_over > kHandOverMs ? HandOver(now) : 0;
}

int64_t ActiveTimeCounter::HandOver(int64_t now) {
    const int64_t ms = m_pending;
    m_pending = 0;
    m_last_hand_over = now;
    return ms;
}

}  // namespace lectern
