// Active time: how long a learner really works on the course, for the progress screen and the
// exports. A frame counts while the window has the focus and the learner's last input is less
// than three minutes old (someone who walks away stops counting three minutes after their last
// key, click or mouse movement; the time before that counts). What is counted is handed over at
// most every 30 seconds, and whenever the caller asks (sign-out, a pause, a fault), so a killed
// program loses at most 30 seconds of it. Times are the caller's clock in milliseconds.
#pragma once

#include <cstdint>

namespace lectern {

class ActiveTimeCounter {
public:
    static constexpr int64_t kIdleMs = 3 * 60 * 1000;  // no input for this long: not counted
    static constexpr int64_t kHandOverMs = 30 * 1000;  // what is counted goes to the store this often

    // One frame at `now`: counts the time since the last frame if the learner was active.
    // Returns the milliseconds to hand over now (0 until kHandOverMs have passed since the last).
    int64_t Frame(int64_t now, bool focused, bool had_input);
    // What is counted and not handed over yet, handed over now.
    int64_t HandOver(int64_t now);

private:
    bool m_started = false;
    int64_t m_last_frame = 0, m_last_input = 0, m_last_hand_over = 0, m_pending = 0;
};

}  // namespace lectern
