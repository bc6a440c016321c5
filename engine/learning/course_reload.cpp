#include "learning/course_reload.h"

#include "os/files.h"

namespace lectern {

CourseReloader::CourseReloader(std::string course_path)
    : m_course_path(std::move(course_path)), m_watch(os::Path(m_course_path)) {}

Reload CourseReloader::Poll(int64_t now_ms, const Session* session, ProgressStore* store) {
    Reload r;
    if (m_last_look_ms && now_ms - *m_last_look_ms < kIntervalMs) return r;
    m_last_look_ms = now_ms;
    if (!m_watch.Changed()) return r;
    LoadResult fresh = LoadCourse(m_course_path);
    if (!fresh.ok()) {
        r.kind = ReloadKind::Failed;
        r.problems = fresh.diagnostics;
        return r;
    }
    r.kind = ReloadKind::Reloaded;
    r.load = std::move(fresh);
    if (!session) return r;
    std::optional<LearnerId> learner = session->Learner();
    r.quiz_closed = session->ActiveQuiz() != nullptr;
    r.session = std::make_unique<Session>(r.load.course, learner ? store : nullptr, learner);
    int index = r.load.course->LinkTarget(session->Nav().Current().id);
    r.session->Nav().JumpToIndex(index >= 0 ? index : 0);
    r.session->ShowPage(r.session->Nav().Index(), now_ms);
    return r;
}

}  // namespace lectern
