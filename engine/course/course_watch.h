// --watch, for authors: notices when any file under a course folder changes, so the player can
// reload it and stay on the same page. Compares the names, sizes and modification times of every
// file under the folder: cheap enough to poll twice a second, and needs nothing beyond the
// standard library (no inotify, nothing that differs between systems).
#pragma once

#include <filesystem>
#include <string>

namespace lectern {

class CourseWatch {
public:
    // `course`: the course folder, or its course.xml (then its folder is watched).
    explicit CourseWatch(const std::filesystem::path& course);

    // True once for each change since construction or the last call that returned true: a file
    // added, removed, renamed, resized or written.
    bool Changed();

private:
    std::string Signature() const;
    std::filesystem::path m_root;
    std::string m_signature;
};

}  // namespace lectern
