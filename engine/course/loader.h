// Loads a course folder into the immutable model, strictly: unknown elements or attributes,
// missing required attributes, duplicate ids, dangling references and unsafe paths are errors.
// Every problem in every file is collected in one pass (house style rule 4).
#pragma once

#include <memory>
#include <string>

#include "course/diagnostics.h"
#include "course/model.h"

namespace lectern {

struct LoadOptions {
    // Largest XML file read, in bytes. Anything larger is refused before parsing.
    size_t max_file_bytes = 16u * 1024u * 1024u;
    // How many of the files course.xml names are read and parsed at once: 0, one per core (when
    // there are two or more of each); 1, one after the other on the caller's thread. Either way
    // the course and its diagnostics are the same.
    int threads = 0;
};

struct LoadResult {
    std::shared_ptr<const Course> course;  // null when any error was found
    Diagnostics diagnostics;
    bool unreadable = false;  // the input could not be read at all (missing, a directory, ...)
    bool ok() const { return course != nullptr; }
};

// `path` is a course folder or its course.xml. Diagnostics name files as
// `<path as given>/<file relative to the course folder>`, so an editor can open them.
LoadResult LoadCourse(const std::string& path, const LoadOptions& options = {});

// Same, from text in memory (for tests): `files` maps course-relative paths to contents;
// "course.xml" is the root. Images are not checked against the disk.
LoadResult LoadCourseFromMemory(const std::map<std::string, std::string>& files,
                                const LoadOptions& options = {});

}  // namespace lectern
