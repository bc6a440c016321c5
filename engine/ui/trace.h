// LECTERN_TRACE=1: a line on stderr for each thing an end-to-end test waits for ("trace: screen
// reader page m1-l1-p1 ... actions 2"), so tests read what a key did instead of guessing with
// sleeps. The app says when; this says what, and says a changing value (focus, the banner, the
// screen drawn) only when it changed.
#pragma once

#include <cstdio>
#include <map>
#include <string>

#include "learning/session.h"
#include "ui/ui.h"

namespace lectern::ui {

class Trace {
public:
    explicit Trace(bool on, std::FILE* out = stderr) : m_on(on), m_out(out) {}
    bool On() const { return m_on; }
    // "trace: " and the formatted line, when tracing.
    void operator()(const char* format, ...) const
#if defined(__GNUC__)
        __attribute__((format(printf, 2, 3)))
#endif
        ;
    // True (and remembered) when `value` differs from the last value given for `what` (before the
    // first, the last value is ""); false when not tracing, so a caller writes
    // `if (trace.Changed(...)) trace(...)`.
    bool Changed(const std::string& what, const std::string& value);

private:
    bool m_on;
    std::FILE* m_out;
    std::map<std::string, std::string> m_last;
};

// The line after a frame that moved or acted: the screen and page; in a quiz its attempt, question
// and last score; the course's progress; on the reader, each scenario's step and each knowledge
// check's answer, tries and verdict (as the next frame draws them); and the actions' kinds.
// Reads the session through Check(), which makes a check's state exist as the reader does.
std::string DescribeMove(Session* session, Screen screen, const Actions& actions);

}  // namespace lectern::ui
