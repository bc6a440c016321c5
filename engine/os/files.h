// lectern_os: the one place for the operating system's file calls that guard learners' data.
// Owns: writing files atomically and safely, private folders and files, the machine's name.
// Must never include: the course model, the progress store, Dear ImGui, GLFW or GL; every other
// library may use it. One implementation file per OS (files_posix.cpp, files_windows.cpp).
//
// Paths are UTF-8 inside Lectern. Windows opens files by UTF-16 names, and a std::filesystem::path
// built from a std::string there reads the bytes in the ANSI code page ("José" would become
// "JosÃ©"), so every path that crosses into this library goes through PathArg, which reads text
// as UTF-8 on every system.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace lectern::os {

// UTF-8 text to a path, and back. The only conversions Lectern uses (std::filesystem::u8path and
// u8string are the identity on Linux).
inline std::filesystem::path Path(std::string_view utf8) { return std::filesystem::u8path(utf8.begin(), utf8.end()); }
inline std::string Utf8(const std::filesystem::path& path) { return path.u8string(); }

// A path given either as UTF-8 text or as a std::filesystem::path.
class PathArg {
public:
    PathArg(const std::filesystem::path& path) : m_path(path) {}
    PathArg(const std::string& utf8) : m_path(Path(utf8)) {}
    PathArg(const char* utf8) : m_path(Path(utf8)) {}
    const std::filesystem::path& path() const { return m_path; }
    std::string utf8() const { return Utf8(m_path); }

private:
    std::filesystem::path m_path;
};

using mode_t = unsigned int;  // POSIX permission bits; Windows keeps the folder's ACL instead

// Why a file could not be written or made private: a code, the path it is about and the system's
// reason, so the interface words it in the learner's language and a tool in English (Describe).
enum class FileErrorCode {
    NotAFileName,           // the path ends in a folder separator
    NotAFolder,             // a folder on the way is something else
    CannotCreateFolder,
    CannotMakePrivate,      // narrowing the mode to 0700 / 0600 failed
    CannotCreate,
    CannotCheck,            // the existing target could not be examined
    RefusedLink,            // the target is a symbolic link (a planted link would redirect the write)
    RefusedFolder,
    RefusedFifo,
    RefusedDevice,
    RefusedSocket,
    RefusedNotRegular,
    RefusedGuarded,         // the target is one of WriteOptions::never_replace (`other`)
    CannotCreateTemporary,  // beside the target
    CannotWrite,
    CannotSetMode,
    CannotSync,
    CannotClose,
    CannotReplace,
    CannotSyncFolder,
    Missing,       // nothing is at the path
    CannotRename,  // `path` could not be renamed to `other`
};

struct FileError {
    FileErrorCode code = FileErrorCode::CannotWrite;
    std::filesystem::path path;   // the file or folder it is about
    int system_error = 0;         // errno-style (ErrorText), 0 when the refusal is Lectern's own
    std::filesystem::path other;  // RefusedGuarded: the protected file the target is
};
// English, for logs and the command-line tools: "cannot create folder /x: Permission denied".
std::string Describe(const FileError& error);

using WriteResult = StatusOf<FileError>;

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
// On Windows: a temporary file created with CREATE_NEW, FlushFileBuffers, then MoveFileExW with
// MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH; reparse points (links) are refused as
// symbolic links are.
WriteResult WriteFileAtomically(const PathArg& path, std::string_view content, const WriteOptions& options = {});

// WriteFileAtomically in pieces, for files too big to build in memory first (an export of every
// learner's progress): the pieces go to the temporary file, and only Commit() puts it under the
// target's name. A writer destroyed without Commit (a write failed, the export stopped, an
// exception) removes the temporary file, so the target is never a partial file; a process killed
// midway leaves at most the hidden ".<name>.tmp-..." beside it, never a partial file under the name.
class AtomicFileWriter {
public:
    // Checks and refuses exactly as WriteFileAtomically does, and creates the temporary file.
    explicit AtomicFileWriter(const PathArg& path, const WriteOptions& options = {});
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    // False once anything failed; error() says what went wrong and where.
    bool ok() const { return !m_error.has_value(); }
    const FileError& error() const { return *m_error; }
    // Appends (buffered); false on failure, after which nothing more is written.
    bool Write(std::string_view bytes);
    // Flush, set the mode, sync, rename over the target, sync the folder.
    WriteResult Commit();

private:
    bool Flush();
    bool Fail(FileErrorCode code, const std::filesystem::path& path, int system_error);
    void Refuse(FileError error);  // the first failure is kept
    void Abandon();  // closes and removes the temporary file

    std::filesystem::path m_path, m_tmp;
    intptr_t m_handle = -1;
    mode_t m_mode = 0600;
    std::string m_buffer;
    std::optional<FileError> m_error;
};

// Creates `dir` and its missing parents with mode 0700. An existing `dir` of this user's that is
// open to group or others is narrowed to 0700 (it holds PIN hashes and everyone's progress).
WriteResult MakePrivateFolder(const PathArg& dir);

// Makes `path` an existing, empty-or-not, regular file of mode 0600: created (O_EXCL) when
// missing, narrowed to 0600 when this user's file is open to others. Refuses symbolic links and
// anything but a regular file. For files a library (SQLite) would otherwise create with 0644.
WriteResult MakePrivateFile(const PathArg& path);

// The machine's name for file names ("kiosk-3"): letters, digits, '-' and '_' only; "host"
// when it has none.
std::string MachineName();

// ---- what a path is ---------------------------------------------------------------------------

// Where a path's last folder separator is (npos when it has none): '/' on Linux, where '\' is a
// letter of a name; '/' or '\' on Windows, where std::filesystem joins with '\' and Lectern
// with '/'.
inline size_t LastSeparator(const std::string& path) {
#ifdef _WIN32
    return path.find_last_of("/\\");
#else
    return path.find_last_of('/');
#endif
}

enum class FileKind { Missing, Regular, Folder, Link, Fifo, Socket, Device, Other };
// Why a path of this kind may not be written over (none: a regular file, or nothing there).
std::optional<FileErrorCode> Hazard(FileKind kind);

struct FileInfo {
    FileKind kind = FileKind::Missing;
    int error = 0;  // errno-style code when the path could not be examined (kind Missing)
    int64_t size = 0;
    int64_t mtime_ns = 0, ctime_ns = 0;
    uint64_t device = 0, inode = 0;  // identity: equal pairs are the same file (hard links too)
    // POSIX permission bits; on Windows false (the profile folder's ACL makes it private).
    bool group_or_others_write = false, group_or_others_read = false;
    bool owned_by_me_or_root = true;
    long owner = 0;
    bool exists() const { return kind != FileKind::Missing; }
};

// What `path` is, following links (Stat) or not (LinkStat).
FileInfo Stat(const PathArg& path);
FileInfo LinkStat(const PathArg& path);
// "a folder", "a FIFO (named pipe)", ... for anything that is not a regular file; empty for a
// regular or missing file.
std::string NotRegularReason(const FileInfo& info);
// The system's text for an errno-style code from this library.
std::string ErrorText(int error);

// May this process write into `path` (a file or a folder)? Read the file?
bool Writable(const PathArg& path);
bool Readable(const PathArg& path);

// ---- reading, copying, renaming ----------------------------------------------------------------

struct ReadResult {
    enum class Status { Ok, Missing, Link, NotRegular, TooLarge, Error };
    Status status = Status::Error;
    int error = 0;  // for Missing and Error
    std::string content;
    FileInfo info;  // of the opened file
};
// Reads a whole small file, opened without blocking (a FIFO is refused, not waited on). With
// `refuse_link`, a symbolic link in the last component is refused (O_NOFOLLOW).
ReadResult ReadSmallFile(const PathArg& path, size_t max_bytes, bool refuse_link);

// A file opened for reading at offsets (pread), never blocking on a FIFO.
class ReadOnlyFile {
public:
    explicit ReadOnlyFile(const PathArg& path);
    ~ReadOnlyFile();
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;
    bool ok() const;
    int error() const { return m_error; }
    // Bytes read at `offset` (fewer at the end of the file), -1 on error.
    int64_t ReadAt(int64_t offset, void* buffer, size_t size);
    // The rest of the file from the current position, -1 on error.
    int64_t Read(void* buffer, size_t size);

private:
    intptr_t m_handle = -1;
    int m_error = 0;
};

// A whole file mapped read-only into memory (mmap / CreateFileMapping): font files, which may be
// tens of megabytes and are read in small parts. data() is null when the file cannot be mapped
// (missing, empty, or 2 GiB or more).
class MappedFile {
public:
    explicit MappedFile(const PathArg& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    void* data() const { return m_data; }
    size_t size() const { return m_size; }

private:
    void* m_data = nullptr;
    size_t m_size = 0;
};

// Renames, replacing `to` if it exists. False with *error set on failure.
bool Rename(const PathArg& from, const PathArg& to, int* error = nullptr);
bool RemoveFile(const PathArg& path);
// Flushes a folder's entries (renames, new names) to disk; a no-op where the system has none.
void SyncFolder(const PathArg& dir);
// Copies to a new name (never over an existing file), mode 0600, synced to disk.
bool CopyDurably(const PathArg& from, const PathArg& to, std::string& error);
// The names in a folder ("." and ".." left out), in no order.
std::vector<std::string> FolderEntries(const PathArg& dir);
// A new private folder under the system's temporary folder; empty on failure.
std::string MakeTempFolder(const std::string& prefix);
bool RemoveEmptyFolder(const PathArg& dir);
// The absolute, link-free path of an existing folder; empty on failure.
std::string RealFolder(const PathArg& dir);

// ---- one writer per file across processes ------------------------------------------------------

// An exclusive lock on a lock file that the system drops when the process dies (flock on Linux,
// LockFileEx on Windows). The holder's process id is written in the file for others' messages.
class FileLock {
public:
    // Busy: another process holds it (*holder_pid is its id when it wrote one).
    enum class Status { Ok, Busy, Error };
    static std::unique_ptr<FileLock> TryAcquire(const std::string& path, Status& status, long& holder_pid,
                                                std::string& error);
    ~FileLock();  // empties the file, then releases the lock
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    FileLock() = default;
    intptr_t m_handle = -1;
};

}  // namespace lectern::os
