// Where the learner is in the course, read like a player (inkcpp's runner): Current(),
// CanAdvance(), Next(), Back(), JumpTo(id). Deterministic, no clock, no I/O.
#pragma once

#include <string>

#include "course/model.h"

namespace lectern {

class Navigator {
public:
    explicit Navigator(const Course& course) : m_course(&course) {}

    int Index() const { return m_index; }
    int Count() const { return static_cast<int>(m_course->reading_order.size()); }
    const Page& Current() const { return m_course->PageAt(m_index); }
    const Module& CurrentModule() const;
    const Lesson& CurrentLesson() const;
    Course::PageRef Where() const { return m_course->reading_order.at(static_cast<size_t>(m_index)); }

    bool CanAdvance() const { return m_index + 1 < Count(); }
    bool CanGoBack() const { return m_index > 0; }
    bool Next();
    bool Back();
    // A page, lesson or module id; false (and no move) when it names nothing to read.
    bool JumpTo(const std::string& id);
    bool JumpToIndex(int index);

    // "Page n of m" within the current lesson (1-based n).
    int PageInLesson() const { return Where().page + 1; }
    int PagesInLesson() const { return static_cast<int>(CurrentLesson().pages.size()); }
    // Is this the last page of its lesson (the place a lesson's quiz or next lesson follows)?
    bool AtLessonEnd() const { return PageInLesson() == PagesInLesson(); }

private:
    const Course* m_course;
    int m_index = 0;
};

}  // namespace lectern
