#include "course/course_watch.h"

namespace fs = std::filesystem;

namespace lectern {

CourseWatch::CourseWatch(const fs::path& course) {
    std::error_code ec;
    m_root = fs::is_directory(course, ec) ? course : course.parent_path();
    m_signature = Signature();
}

std::string CourseWatch::Signature() const {
    std::string sig;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(m_root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const auto time = fs::last_write_time(it->path(), ec).time_since_epoch().count();
        sig += it->path().generic_u8string() + "|" + std::to_string(it->file_size(ec)) + "|" + std::to_string(time) + "\n";
    }
    return sig;
}

bool CourseWatch::Changed() {
    std::string now = Signature();
    if (now == m_signature) return false;
    m_signature = std::move(now);
    return true;
}

}  // namespace lectern
