// lectern_os: the one place for the operating system's file calls that guard learners' data.
// Owns: writing files atomically and safely, private folders and files, the machine's name.
// Must never include: the course model, the progress store, Dear ImGui, GLFW or GL; every other
// library may use it. One implementation file per OS (files_posix.cpp today).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace lectern::os {

struct WriteResult {
    bool ok = false;
    std::string message;  // names the path and what went wrong when !ok
};

struct WriteOptions {
    // Mode of a new file. The mode is set explicitly, so the umask never widens or narrows it.
    mode_t mode = 0600;
    // When the target exists, keep its mode (an export an administrator made 0600 stays 0600).
    bool keep_existing_mode = false;
    // Files that must never be replaced, whatever name reaches them (hard links, "..", symlinked
    // folders): the progress database and its journals, for example. Compared by device and inode.
    std::vector<std::filesystem::path> never_replace;
};

// Writes `content` so that readers see the old file or the new one, never a mix or an empty file,
// even across a power cut: a temporary file created with O_EXCL beside the target (mkostemp),
// write, fchmod, fsync, rename over the target, fsync the folder. Missing folders are created 0700.
// Refused with a message naming the path, before anything is written: a target that is a symbolic
// link (a planted link would redirect the write), anything but a regular file (a FIFO would block,
// a device or a folder would be replaced), and any file in `never_replace`.
WriteResult WriteFileAtomically(const std::filesystem::path& path, std::string_view content, const WriteOptions& options = {});

// Creates `dir` and its missing parents with mode 0700. An existing `dir` of this user's that is
// open to group or others is narrowed to 0700 (it holds PIN hashes and everyone's progress).
WriteResult MakePrivateFolder(const std::filesystem::path& dir);

// Makes `path` an existing, empty-or-not, regular file of mode 0600: created (O_EXCL) when
// missing, narrowed to 0600 when this user's file is open to others. Refuses symbolic links and
// anything but a regular file. For files a library (SQLite) would otherwise create with 0644.
WriteResult MakePrivateFile(const std::filesystem::path& path);

// The machine's name for file names ("kiosk-3"): letters, digits, '-' and '_' only; "host"
// when it has none.
std::string MachineName();

}  // namespace lectern::os
