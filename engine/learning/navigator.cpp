#include "learning/navigator.h"

namespace lectern {

const Module& Navigator::CurrentModule() const { return m_course->modules.at(static_cast<size_t>(Where().module)); }

const Lesson& Navigator::CurrentLesson() const {
    return CurrentModule().lessons.at(static_cast<size_t>(Where().lesson));
}

bool Navigator::Next() {
    if (!CanAdvance()) return false;
    ++m_index;
    return true;
}

bool Navigator::Back() {
    if (!CanGoBack()) return false;
    --m_index;
    return true;
}

bool Navigator::JumpTo(const std::string& id) { return JumpToIndex(m_course->LinkTarget(id)); }

bool Navigator::JumpToIndex(int index) {
    if (index < 0 || index >= Count()) return false;
    m_index = index;
    return true;
}

}  // namespace lectern
