#include "ui/trace.h"

#include <cstdarg>

#include "ui/controller.h"

namespace lectern::ui {

namespace {

// A check's verdict in the trace, one word each.
const char* VerdictName(GradeStatus s) {
    switch (s) {
        case GradeStatus::Correct: return "correct";
        case GradeStatus::Partial: return "partial";
        case GradeStatus::Incorrect: return "incorrect";
        case GradeStatus::Unanswered: break;
    }
    return "unanswered";
}

std::string QuizPart(const Session& s) {
    if (!s.ActiveQuiz()) return "";
    const Attempt* a = s.ActiveAttempt();
    char b[160];
    std::snprintf(b, sizeof b, " quiz %s attempt %d question %d answered %d submitted %d", s.ActiveQuiz()->id.c_str(),
                  a ? a->number : 0, a ? a->current + 1 : 0, a ? static_cast<int>(a->answers.size()) : 0, a && a->submitted ? 1 : 0);
    std::string out = b;
    const Question* q = a && !a->submitted ? CurrentQuestion(*s.ActiveQuiz(), *a) : nullptr;
    if (q) out += std::string(" type ") + QuestionTypeName(q->type);
    if (s.LastResult()) {
        std::snprintf(b, sizeof b, " score %.0f passed %d", s.LastResult()->percent, s.LastResult()->passed ? 1 : 0);
        out += b;
    }
    return out;
}

std::string ProgressPart(const Session& s) {
    CourseStatus st = s.Status();
    int lessons = 0, done = 0;
    for (const auto& ms : st.modules)
        for (const auto& ls : ms.lessons) {
            ++lessons;
            done += ls.status == CompletionStatus::Completed;
        }
    char b[96];
    std::snprintf(b, sizeof b, " progress %d%% lessons %d/%d", st.percent, done, lessons);
    return b;
}

// What the reader shows of the page's scenarios and knowledge checks.
std::string PagePart(Session& s) {
    std::string out;
    for (const Block& blk : s.Nav().Current().blocks)
        if (blk.kind == BlockKind::Scenario && blk.scenario)
            if (const ScenarioRun* run = s.FindRun(blk.scenario->id); run && run->Current())
                out += " scenario " + blk.scenario->id + " at " + run->Current()->id + " path " + std::to_string(run->Path().size()) +
                       " ended " + (run->IsEnded() ? "1" : "0");
    for (const Block& blk : s.Nav().Current().blocks)
        if (blk.kind == BlockKind::Question && blk.question) {
            const CheckState& cs = s.Check(*blk.question);
            out += " check " + blk.question->id + " answer " + ResponseToJson(cs.response) + " tries " + std::to_string(cs.tries) +
                   " verdict " + (cs.last ? VerdictName(cs.last->status) : "none");
        }
    return out;
}

}  // namespace

void Trace::operator()(const char* format, ...) const {
    if (!m_on) return;
    std::string line = "trace: ";
    va_list args;
    va_start(args, format);
    va_list copy;
    va_copy(copy, args);
    int n = std::vsnprintf(nullptr, 0, format, copy);
    va_end(copy);
    if (n > 0) {
        std::string text(static_cast<size_t>(n) + 1, '\0');
        std::vsnprintf(text.data(), text.size(), format, args);
        text.resize(static_cast<size_t>(n));
        line += text;
    }
    va_end(args);
    line += '\n';
    std::fputs(line.c_str(), m_out);  // one write per line: lines of two threads never interleave
    // The tests read the trace while Lectern runs. Windows' C runtime buffers stderr when it is a
    // file: without this the smoke test under wine saw no line at all and took Lectern for hung.
    std::fflush(m_out);
}

bool Trace::Changed(const std::string& what, const std::string& value) {
    if (!m_on) return false;
    std::string& last = m_last[what];
    if (last == value) return false;
    last = value;
    return true;
}

std::string DescribeMove(Session* session, Screen screen, const Actions& actions) {
    std::string line = std::string("screen ") + ScreenName(screen) + " page " + (session ? session->Nav().Current().id : "-");
    if (session) {
        line += QuizPart(*session) + ProgressPart(*session);
        if (screen == Screen::Reader) line += PagePart(*session);
    }
    line += " actions";
    for (const auto& a : actions.list) line += " " + std::to_string(static_cast<int>(a.kind));
    return line;
}

}  // namespace lectern::ui
