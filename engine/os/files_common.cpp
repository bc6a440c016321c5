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

WriteResult WriteFileAtomically(const PathArg& path, std::string_view content, const WriteOptions& options) {
    AtomicFileWriter writer(path, options);
    if (!writer.Write(content)) return {false, writer.message()};
    return writer.Commit();
}

bool AtomicFileWriter::Write(std::string_view bytes) {
    if (!ok()) return false;
    // A few large writes, not one per statement or CSV row.
    constexpr size_t kBuffer = 1 << 16;
    if (m_buffer.size() + bytes.size() > kBuffer && !Flush()) return false;
    if (bytes.size() >= kBuffer) {
        m_buffer.assign(bytes);
        return Flush();
    }
    m_buffer.append(bytes);
    return true;
}

bool AtomicFileWriter::Fail(const std::string& what, const std::filesystem::path& path, int error) {
    if (m_message.empty()) m_message = what + " " + Utf8(path) + (error ? ": " + ErrorText(error) : std::string());
    Abandon();
    return false;
}

AtomicFileWriter::~AtomicFileWriter() { Abandon(); }

// errno-style codes on both systems (files_windows.cpp maps Windows' codes to them).
std::string ErrorText(int error) { return std::strerror(error); }

}  // namespace lectern::os
