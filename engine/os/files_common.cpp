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

std::string Describe(const FileError& e) {
    const char* what = "cannot write";
    const char* after = "";  // what follows the path
    switch (e.code) {
        case FileErrorCode::NotAFileName: what = "not a file name:"; break;
        case FileErrorCode::NotAFolder: what = "not a folder:"; break;
        case FileErrorCode::CannotCreateFolder: what = "cannot create folder"; break;
        case FileErrorCode::CannotMakePrivate: what = "cannot make private"; break;
        case FileErrorCode::CannotCreate: what = "cannot create"; break;
        case FileErrorCode::CannotCheck: what = "cannot check"; break;
        case FileErrorCode::RefusedLink: what = "refused:", after = " is a symbolic link; write to the file it points at by its own name"; break;
        case FileErrorCode::RefusedFolder: what = "refused:", after = " is a folder"; break;
        case FileErrorCode::RefusedFifo: what = "refused:", after = " is a FIFO (named pipe)"; break;
        case FileErrorCode::RefusedDevice: what = "refused:", after = " is a device"; break;
        case FileErrorCode::RefusedSocket: what = "refused:", after = " is a socket"; break;
        case FileErrorCode::RefusedNotRegular: what = "refused:", after = " is not a regular file"; break;
        case FileErrorCode::RefusedGuarded: what = "refused:"; break;
        case FileErrorCode::CannotCreateTemporary: what = "cannot create a temporary file beside"; break;
        case FileErrorCode::CannotWrite: what = "cannot write"; break;
        case FileErrorCode::CannotSetMode: what = "cannot set the mode of"; break;
        case FileErrorCode::CannotSync: what = "cannot sync"; break;
        case FileErrorCode::CannotClose: what = "cannot close"; break;
        case FileErrorCode::CannotReplace: what = "cannot replace"; break;
        case FileErrorCode::CannotSyncFolder: what = "cannot sync the folder"; break;
        case FileErrorCode::Missing: what = "", after = " does not exist"; break;
        case FileErrorCode::CannotRename: what = "cannot rename"; break;
    }
    std::string out = (*what ? std::string(what) + " " : std::string()) + Utf8(e.path) + after;
    if (e.code == FileErrorCode::RefusedGuarded) out += " is " + Utf8(e.other) + ", which must not be overwritten";
    if (e.system_error) out += ": " + ErrorText(e.system_error);
    return out;
}

std::optional<FileErrorCode> Hazard(FileKind kind) {
    switch (kind) {
        case FileKind::Missing:
        case FileKind::Regular: return std::nullopt;
        case FileKind::Link: return FileErrorCode::RefusedLink;
        case FileKind::Folder: return FileErrorCode::RefusedFolder;
        case FileKind::Fifo: return FileErrorCode::RefusedFifo;
        case FileKind::Device: return FileErrorCode::RefusedDevice;
        case FileKind::Socket: return FileErrorCode::RefusedSocket;
        case FileKind::Other: break;
    }
    return FileErrorCode::RefusedNotRegular;
}

WriteResult WriteFileAtomically(const PathArg& path, std::string_view content, const WriteOptions& options) {
    AtomicFileWriter writer(path, options);
    if (!writer.Write(content)) return WriteResult::Fail(writer.error());
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

void AtomicFileWriter::Refuse(FileError error) {
    if (!m_error) m_error = std::move(error);
}

bool AtomicFileWriter::Fail(FileErrorCode code, const std::filesystem::path& path, int system_error) {
    Refuse({code, path, system_error, {}});
    Abandon();
    return false;
}

AtomicFileWriter::~AtomicFileWriter() { Abandon(); }

// errno-style codes on both systems (files_windows.cpp maps Windows' codes to them).
std::string ErrorText(int error) { return std::strerror(error); }

}  // namespace lectern::os
