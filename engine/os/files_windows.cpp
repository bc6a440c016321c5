// Windows implementation of os/files.h. Every name reaches Windows as UTF-16 (the W functions),
// converted from UTF-8 by PathArg; nothing here uses the ANSI code page.
#include "os/files.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <random>

namespace lectern::os {
namespace fs = std::filesystem;

namespace {

// Windows error codes as the errno values the rest of Lectern compares with.
int ToErrno(DWORD error) {
    switch (error) {
        case ERROR_FILE_NOT_FOUND:
        case ERROR_PATH_NOT_FOUND:
        case ERROR_INVALID_NAME:
        case ERROR_BAD_NETPATH: return ENOENT;
        case ERROR_ACCESS_DENIED:
        case ERROR_SHARING_VIOLATION:
        case ERROR_LOCK_VIOLATION: return EACCES;
        case ERROR_FILE_EXISTS:
        case ERROR_ALREADY_EXISTS: return EEXIST;
        case ERROR_DISK_FULL:
        case ERROR_HANDLE_DISK_FULL: return ENOSPC;
        case ERROR_WRITE_PROTECT: return EROFS;
        case ERROR_DIRECTORY: return ENOTDIR;
        case ERROR_CANT_RESOLVE_FILENAME: return ELOOP;
        default: return EIO;
    }
}

WriteResult Fail(FileErrorCode code, const fs::path& path, int err = 0) { return WriteResult::Fail({code, path, err, {}}); }

int64_t FileTimeNs(const FILETIME& t) {
    // 100 ns ticks since 1601 to ns since 1970.
    ULARGE_INTEGER v;
    v.LowPart = t.dwLowDateTime;
    v.HighPart = t.dwHighDateTime;
    return (static_cast<int64_t>(v.QuadPart) - 116444736000000000LL) * 100;
}

FileInfo InfoOfHandle(HANDLE h) {
    FileInfo info;
    BY_HANDLE_FILE_INFORMATION bh{};
    if (!GetFileInformationByHandle(h, &bh)) {
        info.error = ToErrno(GetLastError());
        return info;
    }
    DWORD type = GetFileType(h);
    if (type == FILE_TYPE_PIPE) info.kind = FileKind::Fifo;
    else if (type == FILE_TYPE_CHAR) info.kind = FileKind::Device;
    else if (bh.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) info.kind = FileKind::Folder;
    else info.kind = FileKind::Regular;
    info.size = (static_cast<int64_t>(bh.nFileSizeHigh) << 32) | bh.nFileSizeLow;
    info.mtime_ns = FileTimeNs(bh.ftLastWriteTime);
    info.ctime_ns = info.mtime_ns;
    info.device = bh.dwVolumeSerialNumber;
    info.inode = (static_cast<uint64_t>(bh.nFileIndexHigh) << 32) | bh.nFileIndexLow;
    return info;
}

// Opens for reading attributes only; FILE_FLAG_OPEN_REPARSE_POINT opens a link itself (lstat).
FileInfo StatImpl(const fs::path& path, bool follow) {
    DWORD flags = FILE_FLAG_BACKUP_SEMANTICS | (follow ? 0 : FILE_FLAG_OPEN_REPARSE_POINT);
    HANDLE h = CreateFileW(path.c_str(), FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           nullptr, OPEN_EXISTING, flags, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        FileInfo info;
        info.error = ToErrno(GetLastError());
        return info;
    }
    FileInfo info = InfoOfHandle(h);
    if (!follow) {
        FILE_ATTRIBUTE_TAG_INFO tag{};
        if (GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof tag) &&
            (tag.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT))
            info.kind = FileKind::Link;
    }
    CloseHandle(h);
    return info;
}

WriteResult CreateMissingFolders(const fs::path& dir) {
    if (dir.empty()) return WriteResult::Ok();
    FileInfo info = StatImpl(dir, true);
    if (info.exists()) return info.kind == FileKind::Folder ? WriteResult::Ok() : Fail(FileErrorCode::NotAFolder, dir);
    fs::path parent = dir.parent_path();
    if (!parent.empty() && parent != dir)
        if (WriteResult r = CreateMissingFolders(parent); !r) return r;
    // The folder inherits its parent's ACL: under %APPDATA% that is the user's alone.
    if (!CreateDirectoryW(dir.c_str(), nullptr) && GetLastError() != ERROR_ALREADY_EXISTS)
        return Fail(FileErrorCode::CannotCreateFolder, dir, ToErrno(GetLastError()));
    return WriteResult::Ok();
}

bool WriteAll(HANDLE h, std::string_view content) {
    size_t done = 0;
    while (done < content.size()) {
        DWORD chunk = static_cast<DWORD>(std::min<size_t>(content.size() - done, 1u << 30));
        DWORD wrote = 0;
        if (!WriteFile(h, content.data() + done, chunk, &wrote, nullptr) || wrote == 0) return false;
        done += wrote;
    }
    return true;
}

}  // namespace

WriteResult MakePrivateFolder(const PathArg& dir) { return CreateMissingFolders(dir.path()); }

WriteResult MakePrivateFile(const PathArg& path_arg) {
    const fs::path& path = path_arg.path();
    HANDLE h = CreateFileW(path.c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                           CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h != INVALID_HANDLE_VALUE) {
        CloseHandle(h);
        return WriteResult::Ok();
    }
    if (GetLastError() != ERROR_FILE_EXISTS) return Fail(FileErrorCode::CannotCreate, path, ToErrno(GetLastError()));
    FileInfo info = StatImpl(path, false);
    if (std::optional<FileErrorCode> why = Hazard(info.kind)) return Fail(*why, path);
    return WriteResult::Ok();
}

AtomicFileWriter::AtomicFileWriter(const PathArg& path_arg, const WriteOptions& options) : m_path(path_arg.path()) {
    const fs::path& path = m_path;
    if (path.filename().empty()) {
        Refuse({FileErrorCode::NotAFileName, path, 0, {}});
        return;
    }
    const fs::path folder = path.parent_path();
    if (WriteResult r = CreateMissingFolders(folder); !r) {
        Refuse(r.error());
        return;
    }

    FileInfo existing = StatImpl(path, false);
    if (existing.exists()) {
        if (std::optional<FileErrorCode> why = Hazard(existing.kind)) {
            Refuse({*why, path, 0, {}});
            return;
        }
        for (const fs::path& guarded : options.never_replace) {
            FileInfo g = StatImpl(guarded, true);
            if (g.exists() && g.device == existing.device && g.inode == existing.inode) {
                Refuse({FileErrorCode::RefusedGuarded, path, 0, guarded});
                return;
            }
        }
    } else if (existing.error != ENOENT) {
        Refuse({FileErrorCode::CannotCheck, path, existing.error, {}});
        return;
    }

    // CREATE_NEW is O_EXCL: a name someone planted is never reused.
    std::random_device random;
    HANDLE h = INVALID_HANDLE_VALUE;
    for (int attempt = 0; attempt < 100 && h == INVALID_HANDLE_VALUE; ++attempt) {
        m_tmp = (folder.empty() ? fs::path(".") : folder) / Path("." + Utf8(path.filename()) + ".tmp-" + std::to_string(random()));
        h = CreateFileW(m_tmp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
        if (h == INVALID_HANDLE_VALUE && GetLastError() != ERROR_FILE_EXISTS) break;
    }
    if (h == INVALID_HANDLE_VALUE) {
        Refuse({FileErrorCode::CannotCreateTemporary, path, ToErrno(GetLastError()), {}});
        return;
    }
    m_handle = reinterpret_cast<intptr_t>(h);
}

bool AtomicFileWriter::Flush() {
    if (!WriteAll(reinterpret_cast<HANDLE>(m_handle), m_buffer)) return Fail(FileErrorCode::CannotWrite, m_tmp, ToErrno(GetLastError()));
    m_buffer.clear();
    return true;
}

void AtomicFileWriter::Abandon() {
    if (m_handle == -1) return;
    CloseHandle(reinterpret_cast<HANDLE>(m_handle));
    DeleteFileW(m_tmp.c_str());
    m_handle = -1;
}

WriteResult AtomicFileWriter::Commit() {
    if (!ok() || !Flush()) return WriteResult::Fail(*m_error);
    HANDLE h = reinterpret_cast<HANDLE>(m_handle);
    // The data must be on disk before the name points at it, or a power cut could leave an empty
    // file where a good one was.
    if (!FlushFileBuffers(h)) return Fail(FileErrorCode::CannotSync, m_tmp, ToErrno(GetLastError())), WriteResult::Fail(*m_error);
    CloseHandle(h);
    m_handle = -1;
    // WRITE_THROUGH: MoveFileEx returns only once the rename is on disk.
    if (!MoveFileExW(m_tmp.c_str(), m_path.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        Fail(FileErrorCode::CannotReplace, m_path, ToErrno(GetLastError()));
        DeleteFileW(m_tmp.c_str());
        return WriteResult::Fail(*m_error);
    }
    return WriteResult::Ok();
}

std::string MachineName() {
    wchar_t buf[MAX_COMPUTERNAME_LENGTH + 1] = {};
    DWORD size = MAX_COMPUTERNAME_LENGTH + 1;
    std::string out;
    if (GetComputerNameW(buf, &size))
        for (const wchar_t* p = buf; *p && out.size() < 64; ++p)
            if ((*p >= L'a' && *p <= L'z') || (*p >= L'A' && *p <= L'Z') || (*p >= L'0' && *p <= L'9') || *p == L'-' ||
                *p == L'_')
                out += static_cast<char>(*p);
    return out.empty() ? "host" : out;
}

FileInfo Stat(const PathArg& path) { return StatImpl(path.path(), true); }
FileInfo LinkStat(const PathArg& path) { return StatImpl(path.path(), false); }


bool Writable(const PathArg& path) {
    DWORD attributes = GetFileAttributesW(path.path().c_str());
    if (attributes == INVALID_FILE_ATTRIBUTES) return false;
    if (attributes & FILE_ATTRIBUTE_DIRECTORY) {
        // A folder's read-only flag means nothing on Windows; try creating a file in it.
        fs::path probe = path.path() / Path(".lectern-write-probe-" + std::to_string(GetCurrentProcessId()));
        HANDLE h = CreateFileW(probe.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                               FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, nullptr);
        if (h == INVALID_HANDLE_VALUE) return GetLastError() == ERROR_FILE_EXISTS;
        CloseHandle(h);
        return true;
    }
    return (attributes & FILE_ATTRIBUTE_READONLY) == 0;
}

bool Readable(const PathArg& path) {
    HANDLE h = CreateFileW(path.path().c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE) return false;
    CloseHandle(h);
    return true;
}

ReadResult ReadSmallFile(const PathArg& path, size_t max_bytes, bool refuse_link) {
    ReadResult r;
    if (refuse_link) {
        FileInfo link = StatImpl(path.path(), false);
        if (link.kind == FileKind::Link) {
            r.status = ReadResult::Status::Link;
            return r;
        }
    }
    HANDLE h = CreateFileW(path.path().c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        r.error = ToErrno(GetLastError());
        r.status = r.error == ENOENT ? ReadResult::Status::Missing : ReadResult::Status::Error;
        return r;
    }
    r.info = InfoOfHandle(h);
    if (r.info.kind != FileKind::Regular) {
        CloseHandle(h);
        r.status = r.info.exists() ? ReadResult::Status::NotRegular : ReadResult::Status::Error;
        return r;
    }
    if (static_cast<uint64_t>(r.info.size) > max_bytes) {
        CloseHandle(h);
        r.status = ReadResult::Status::TooLarge;
        return r;
    }
    // Room for the whole file at once (see files_posix.cpp).
    r.content.reserve(static_cast<size_t>(std::max<int64_t>(0, r.info.size)));
    char buffer[65536];
    for (;;) {
        DWORD got = 0;
        if (!ReadFile(h, buffer, sizeof buffer, &got, nullptr)) {
            r.error = ToErrno(GetLastError());
            CloseHandle(h);
            r.content.clear();
            return r;
        }
        if (got == 0) break;
        r.content.append(buffer, got);
        if (r.content.size() > max_bytes) {
            CloseHandle(h);
            r.content.clear();
            r.status = ReadResult::Status::TooLarge;
            return r;
        }
    }
    CloseHandle(h);
    r.status = ReadResult::Status::Ok;
    return r;
}

ReadOnlyFile::ReadOnlyFile(const PathArg& path) {
    HANDLE h = CreateFileW(path.path().c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) m_error = ToErrno(GetLastError());
    else m_handle = reinterpret_cast<intptr_t>(h);
}
ReadOnlyFile::~ReadOnlyFile() {
    if (m_handle != -1) CloseHandle(reinterpret_cast<HANDLE>(m_handle));
}
bool ReadOnlyFile::ok() const { return m_handle != -1; }
int64_t ReadOnlyFile::ReadAt(int64_t offset, void* buffer, size_t size) {
    OVERLAPPED at{};
    at.Offset = static_cast<DWORD>(offset & 0xFFFFFFFF);
    at.OffsetHigh = static_cast<DWORD>(offset >> 32);
    DWORD got = 0;
    if (!ReadFile(reinterpret_cast<HANDLE>(m_handle), buffer, static_cast<DWORD>(size), &got, &at))
        return GetLastError() == ERROR_HANDLE_EOF ? 0 : -1;
    return got;
}
int64_t ReadOnlyFile::Read(void* buffer, size_t size) {
    DWORD got = 0;
    if (!ReadFile(reinterpret_cast<HANDLE>(m_handle), buffer, static_cast<DWORD>(std::min<size_t>(size, 1u << 30)), &got,
                  nullptr)) {
        m_error = ToErrno(GetLastError());
        return -1;
    }
    return got;
}

MappedFile::MappedFile(const PathArg& path) {
    HANDLE file = CreateFileW(path.path().c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, nullptr,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) return;
    LARGE_INTEGER size{};
    if (GetFileSizeEx(file, &size) && size.QuadPart > 0 && size.QuadPart < INT32_MAX) {
        // The mapping keeps the file open; both handles can go once the view exists.
        HANDLE mapping = CreateFileMappingW(file, nullptr, PAGE_READONLY, 0, 0, nullptr);
        if (mapping) {
            m_data = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
            if (m_data) m_size = static_cast<size_t>(size.QuadPart);
            CloseHandle(mapping);
        }
    }
    CloseHandle(file);
}
MappedFile::~MappedFile() {
    if (m_data) UnmapViewOfFile(m_data);
}

bool Rename(const PathArg& from, const PathArg& to, int* error) {
    if (MoveFileExW(from.path().c_str(), to.path().c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        return true;
    if (error) *error = ToErrno(GetLastError());
    return false;
}

bool RemoveFile(const PathArg& path) { return DeleteFileW(path.path().c_str()) != 0; }

// MoveFileEx with MOVEFILE_WRITE_THROUGH already waited for renames; Windows has no folder fsync.
void SyncFolder(const PathArg&) {}

bool CopyDurably(const PathArg& from, const PathArg& to, std::string& error) {
    HANDLE in = CreateFileW(from.path().c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                            nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (in == INVALID_HANDLE_VALUE) {
        error = "cannot read " + from.utf8() + ": " + ErrorText(ToErrno(GetLastError()));
        return false;
    }
    HANDLE out = CreateFileW(to.path().c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (out == INVALID_HANDLE_VALUE) {
        error = "cannot create " + to.utf8() + ": " + ErrorText(ToErrno(GetLastError()));
        CloseHandle(in);
        return false;
    }
    bool ok = true;
    char buf[65536];
    for (;;) {
        DWORD got = 0;
        if (!ReadFile(in, buf, sizeof buf, &got, nullptr)) ok = false;
        if (!ok || got == 0) break;
        if (!WriteAll(out, std::string_view(buf, got))) {
            ok = false;
            break;
        }
    }
    if (!ok) error = "cannot copy " + from.utf8() + " to " + to.utf8() + ": " + ErrorText(ToErrno(GetLastError()));
    ok = FlushFileBuffers(out) && ok;
    CloseHandle(in);
    ok = CloseHandle(out) && ok;
    if (!ok) {
        if (error.empty()) error = "cannot write " + to.utf8();
        DeleteFileW(to.path().c_str());
    }
    return ok;
}

std::vector<std::string> FolderEntries(const PathArg& dir) {
    std::vector<std::string> names;
    WIN32_FIND_DATAW found;
    HANDLE h = FindFirstFileW((dir.path() / L"*").c_str(), &found);
    if (h == INVALID_HANDLE_VALUE) return names;
    do {
        std::string name = Utf8(fs::path(found.cFileName));
        if (name != "." && name != "..") names.push_back(name);
    } while (FindNextFileW(h, &found));
    FindClose(h);
    return names;
}

std::string MakeTempFolder(const std::string& prefix) {
    wchar_t base[MAX_PATH + 1];
    DWORD n = GetTempPathW(MAX_PATH + 1, base);
    if (n == 0 || n > MAX_PATH) return {};
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path dir = fs::path(base) / Path(prefix + "-" + std::to_string(random()));
        if (CreateDirectoryW(dir.c_str(), nullptr)) return Utf8(dir);
        if (GetLastError() != ERROR_ALREADY_EXISTS) return {};
    }
    return {};
}

bool RemoveEmptyFolder(const PathArg& dir) { return RemoveDirectoryW(dir.path().c_str()) != 0; }

std::string RealFolder(const PathArg& dir) {
    std::error_code ec;
    fs::path real = fs::canonical(dir.path(), ec);
    return ec ? std::string() : Utf8(real);
}

// LockFileEx on one byte far past the pid the file holds, so others can still read the pid; the
// system releases the lock when the process ends, however it ends.
std::unique_ptr<FileLock> FileLock::TryAcquire(const std::string& path, Status& status, long& holder_pid,
                                               std::string& error) {
    if (StatImpl(Path(path), false).kind == FileKind::Link) {
        status = Status::Error;
        error = "it is a symbolic link";
        return nullptr;
    }
    HANDLE h = CreateFileW(Path(path).c_str(), GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        status = Status::Error;
        error = ErrorText(ToErrno(GetLastError()));
        return nullptr;
    }
    OVERLAPPED beyond{};
    beyond.Offset = 0x7FFFFFF0;
    if (!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &beyond)) {
        char buf[32] = {};
        DWORD got = 0;
        OVERLAPPED start{};
        if (ReadFile(h, buf, sizeof buf - 1, &got, &start)) holder_pid = std::strtol(buf, nullptr, 10);
        CloseHandle(h);
        status = Status::Busy;
        return nullptr;
    }
    std::string pid = std::to_string(GetCurrentProcessId()) + "\n";
    DWORD wrote = 0;
    OVERLAPPED start{};
    SetEndOfFile(h);
    WriteFile(h, pid.data(), static_cast<DWORD>(pid.size()), &wrote, &start);
    SetFilePointer(h, static_cast<LONG>(pid.size()), nullptr, FILE_BEGIN);
    SetEndOfFile(h);
    std::unique_ptr<FileLock> lock(new FileLock());
    lock->m_handle = reinterpret_cast<intptr_t>(h);
    status = Status::Ok;
    return lock;
}

FileLock::~FileLock() {
    if (m_handle == -1) return;
    HANDLE h = reinterpret_cast<HANDLE>(m_handle);
    SetFilePointer(h, 0, nullptr, FILE_BEGIN);
    SetEndOfFile(h);
    CloseHandle(h);
}

}  // namespace lectern::os
