// The parts of os/files.h that are the same on every system.
#include "os/files.h"

#include <cstring>

namespace lectern::os {

std::string NotRegularReason(const FileInfo& info) {
    switch (info.kind) {
        case FileKind::Missing:
        case FileKind::Regular: return "";
        case FileKind::Folder: return "a folder";
        case FileKind::Fifo: return "a FIFO (named pipe)";
        case FileKind::Socket: return "a socket";
        case FileKind::Device: return "a device";
        case FileKind::Link: return "a symbolic link";
        case FileKind::Other: break;
    }
    return "not a regular file";
}

// errno-style codes on both systems (files_windows.cpp maps Windows' codes to them).
std::string ErrorText(int error) { return std::strerror(error); }

}  // namespace lectern::os
