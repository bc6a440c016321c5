// --watch, for authors: when a file of the course changes, the course is loaded again and the
// learner goes on where they were. The rules: at most one look at the files every half second;
// a course that no longer loads leaves the old one on screen (and its problems are shown until
// the files are fixed); a course that loads replaces the old one, with the same learner (or
// guest), on the same page when a page with that id still exists, else on the first page. An
// open quiz is closed (its drawn questions may be gone): the learner is back on the page.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "course/course_watch.h"
#include "course/diagnostics.h"
#include "course/loader.h"
#include "learning/session.h"

namespace lectern {

enum class ReloadKind {
    None,      // nothing changed (or it is too soon to look again)
    Failed,    // the files changed and the course no longer loads: `problems` says why
    Reloaded,  // `load` is the new course; `session` the learner's, on the new course
};

struct Reload {
    ReloadKind kind = ReloadKind::None;
    Diagnostics problems;
    LoadResult load;
    std::unique_ptr<Session> session;  // null when nobody (not even a guest) was reading
    bool quiz_closed = false;          // a quiz was open and is no longer
};

class CourseReloader {
public:
    static constexpr int64_t kIntervalMs = 500;

    explicit CourseReloader(std::string course_path);

    // Looks at the files (at most every kIntervalMs) and reloads the course when one changed.
    // `session`: who is reading now (null on the sign-in screen); `store` holds the learner's
    // progress (a guest's new session saves nothing, as before). Shows the page on the new
    // session (a page view) when there is one.
    Reload Poll(int64_t now_ms, const Session* session, ProgressStore* store);

private:
    std::string m_course_path;
    CourseWatch m_watch;
    std::optional<int64_t> m_last_look_ms;
};

}  // namespace lectern
