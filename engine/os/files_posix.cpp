// POSIX implementation of os/files.h (Linux, and any Unix).
#include "os/files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace lectern::os {
namespace fs = std::filesystem;

namespace {

WriteResult Fail(FileErrorCode code, const fs::path& path, int err = 0) { return WriteResult::Fail({code, path, err, {}}); }

bool FsyncFolder(const fs::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

FileKind KindOf(const struct stat& st) {
    if (S_ISLNK(st.st_mode)) return FileKind::Link;
    if (S_ISDIR(st.st_mode)) return FileKind::Folder;
    if (S_ISFIFO(st.st_mode)) return FileKind::Fifo;
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return FileKind::Device;
    if (S_ISSOCK(st.st_mode)) return FileKind::Socket;
    return S_ISREG(st.st_mode) ? FileKind::Regular : FileKind::Other;
}

// mkdir -p, each folder it creates 0700; folders that exist are left as they are.
WriteResult CreateMissingFolders(const fs::path& dir) {
    if (dir.empty()) return WriteResult::Ok();
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) return S_ISDIR(st.st_mode) ? WriteResult::Ok() : Fail(FileErrorCode::NotAFolder, dir);
    fs::path parent = dir.parent_path();
    if (!parent.empty() && parent != dir)
        if (WriteResult r = CreateMissingFolders(parent); !r) return r;
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Fail(FileErrorCode::CannotCreateFolder, dir, errno);
    return WriteResult::Ok();
}

}  // namespace

WriteResult MakePrivateFolder(const PathArg& dir_arg) {
    const fs::path& dir = dir_arg.path();
    if (WriteResult r = CreateMissingFolders(dir); !r) return r;
    struct stat st {};
    if (dir.empty() || ::stat(dir.c_str(), &st) != 0) return WriteResult::Ok();
    if (st.st_uid == ::geteuid() && (st.st_mode & 077) != 0 && ::chmod(dir.c_str(), st.st_mode & 0700) != 0)
        return Fail(FileErrorCode::CannotMakePrivate, dir, errno);
    return WriteResult::Ok();
}

WriteResult MakePrivateFile(const PathArg& path_arg) {
    const fs::path& path = path_arg.path();
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        bool ok = ::fchmod(fd, 0600) == 0;  // the umask may have narrowed it further; 0600 exactly
        ::close(fd);
        return ok ? WriteResult::Ok() : Fail(FileErrorCode::CannotSetMode, path, errno);
    }
    if (errno != EEXIST) return Fail(FileErrorCode::CannotCreate, path, errno);
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return Fail(FileErrorCode::CannotCheck, path, errno);
    if (std::optional<FileErrorCode> why = Hazard(KindOf(st))) return Fail(*why, path);
    if (st.st_uid == ::geteuid() && (st.st_mode & 077) != 0 && ::chmod(path.c_str(), 0600) != 0)
        return Fail(FileErrorCode::CannotMakePrivate, path, errno);
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

    m_mode = options.mode;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (std::optional<FileErrorCode> why = Hazard(KindOf(st))) {
            Refuse({*why, path, 0, {}});
            return;
        }
        for (const fs::path& guarded : options.never_replace) {
            struct stat gst {};
            if (::stat(guarded.c_str(), &gst) == 0 && gst.st_dev == st.st_dev && gst.st_ino == st.st_ino) {
                Refuse({FileErrorCode::RefusedGuarded, path, 0, guarded});
                return;
            }
        }
        if (options.keep_existing_mode) m_mode = st.st_mode & 07777;
    } else if (errno != ENOENT) {
        Refuse({FileErrorCode::CannotCheck, path, errno, {}});
        return;
    }

    std::string tmp = (folder.empty() ? fs::path(".") : folder).string() + "/." + path.filename().string() + ".tmp-XXXXXX";
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);  // O_CREAT | O_EXCL, mode 0600: no planted file is reused
    if (fd < 0) {
        Refuse({FileErrorCode::CannotCreateTemporary, path, errno, {}});
        return;
    }
    m_tmp = tmp;
    m_handle = fd;
}

bool AtomicFileWriter::Flush() {
    size_t done = 0;
    while (done < m_buffer.size()) {
        ssize_t n = ::write(static_cast<int>(m_handle), m_buffer.data() + done, m_buffer.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Fail(FileErrorCode::CannotWrite, m_tmp, errno);
        done += static_cast<size_t>(n);
    }
    m_buffer.clear();
    return true;
}

void AtomicFileWriter::Abandon() {
    if (m_handle < 0) return;
    ::close(static_cast<int>(m_handle));
    ::unlink(m_tmp.c_str());
    m_handle = -1;
}

WriteResult AtomicFileWriter::Commit() {
    if (!ok() || !Flush()) return WriteResult::Fail(*m_error);
    const int fd = static_cast<int>(m_handle);
    if (::fchmod(fd, m_mode) != 0) return Fail(FileErrorCode::CannotSetMode, m_tmp, errno), WriteResult::Fail(*m_error);
    // The data must be on disk before the name points at it, or a power cut could leave an empty
    // file where a good one was.
    if (::fsync(fd) != 0) return Fail(FileErrorCode::CannotSync, m_tmp, errno), WriteResult::Fail(*m_error);
    m_handle = -1;
    if (::close(fd) != 0) {
        Fail(FileErrorCode::CannotClose, m_tmp, errno);
        ::unlink(m_tmp.c_str());
        return WriteResult::Fail(*m_error);
    }
    if (::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
        Fail(FileErrorCode::CannotReplace, m_path, errno);
        ::unlink(m_tmp.c_str());
        return WriteResult::Fail(*m_error);
    }
    // The rename lives in the folder: sync it so the new name survives a power cut too.
    const fs::path folder = m_path.parent_path();
    if (!FsyncFolder(folder))
        return ::lectern::os::Fail(FileErrorCode::CannotSyncFolder, folder.empty() ? fs::path(".") : folder, errno);
    return WriteResult::Ok();
}

std::string MachineName() {
    char buf[256] = {};
    std::string out;
    if (::gethostname(buf, sizeof buf - 1) == 0)
        for (const char* p = buf; *p && out.size() < 64; ++p)
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
                out += *p;
    return out.empty() ? "host" : out;
}

namespace {

FileInfo InfoOf(const struct stat& st) {
    FileInfo info;
    if (S_ISREG(st.st_mode)) info.kind = FileKind::Regular;
    else if (S_ISDIR(st.st_mode)) info.kind = FileKind::Folder;
    else if (S_ISLNK(st.st_mode)) info.kind = FileKind::Link;
    else if (S_ISFIFO(st.st_mode)) info.kind = FileKind::Fifo;
    else if (S_ISSOCK(st.st_mode)) info.kind = FileKind::Socket;
    else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) info.kind = FileKind::Device;
    else info.kind = FileKind::Other;
    info.size = static_cast<int64_t>(st.st_size);
    info.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    info.ctime_ns = static_cast<int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
    info.device = static_cast<uint64_t>(st.st_dev);
    info.inode = static_cast<uint64_t>(st.st_ino);
    info.group_or_others_write = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
    info.group_or_others_read = (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
    info.owner = static_cast<long>(st.st_uid);
    info.owned_by_me_or_root = st.st_uid == ::geteuid() || st.st_uid == 0;
    return info;
}

FileInfo Missing(int err) {
    FileInfo info;
    info.error = err;
    return info;
}

}  // namespace

FileInfo Stat(const PathArg& path) {
    struct stat st {};
    return ::stat(path.path().c_str(), &st) == 0 ? InfoOf(st) : Missing(errno);
}

FileInfo LinkStat(const PathArg& path) {
    struct stat st {};
    return ::lstat(path.path().c_str(), &st) == 0 ? InfoOf(st) : Missing(errno);
}


// access() is the kernel's answer for this process, which is what matters (root passes it
// everywhere except on read-only mounts).
bool Writable(const PathArg& path) { return ::access(path.path().c_str(), W_OK) == 0; }
bool Readable(const PathArg& path) { return ::access(path.path().c_str(), R_OK) == 0; }

ReadResult ReadSmallFile(const PathArg& path, size_t max_bytes, bool refuse_link) {
    ReadResult r;
    int fd = ::open(path.path().c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | (refuse_link ? O_NOFOLLOW : 0));
    if (fd < 0) {
        r.error = errno;
        r.status = r.error == ENOENT ? ReadResult::Status::Missing
                   : r.error == ELOOP ? ReadResult::Status::Link : ReadResult::Status::Error;
        return r;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        r.error = errno;
        ::close(fd);
        return r;
    }
    r.info = InfoOf(st);
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        r.status = ReadResult::Status::NotRegular;
        return r;
    }
    if (static_cast<uint64_t>(st.st_size) > max_bytes) {
        ::close(fd);
        r.status = ReadResult::Status::TooLarge;
        return r;
    }
    // Room for the whole file at once: growing the string as it is read copies it several
    // times over, and a course reads dozens of files of 50-100 KB.
    r.content.reserve(static_cast<size_t>(st.st_size));
    char buffer[65536];
    while (true) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            r.error = errno;
            ::close(fd);
            r.content.clear();
            return r;
        }
        if (n == 0) break;
        r.content.append(buffer, static_cast<size_t>(n));
        if (r.content.size() > max_bytes) {  // grew while we read it
            ::close(fd);
            r.content.clear();
            r.status = ReadResult::Status::TooLarge;
            return r;
        }
    }
    ::close(fd);
    r.status = ReadResult::Status::Ok;
    return r;
}

ReadOnlyFile::ReadOnlyFile(const PathArg& path) {
    m_handle = ::open(path.path().c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (m_handle < 0) m_error = errno;
}
ReadOnlyFile::~ReadOnlyFile() {
    if (m_handle >= 0) ::close(static_cast<int>(m_handle));
}
bool ReadOnlyFile::ok() const { return m_handle >= 0; }
int64_t ReadOnlyFile::ReadAt(int64_t offset, void* buffer, size_t size) {
    return ::pread(static_cast<int>(m_handle), buffer, size, static_cast<off_t>(offset));
}
int64_t ReadOnlyFile::Read(void* buffer, size_t size) {
    ssize_t n;
    do {
        n = ::read(static_cast<int>(m_handle), buffer, size);
    } while (n < 0 && errno == EINTR);
    if (n < 0) m_error = errno;
    return n;
}

MappedFile::MappedFile(const PathArg& path) {
    int fd = ::open(path.path().c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info {};
    if (fd >= 0 && ::fstat(fd, &info) == 0 && info.st_size > 0 && info.st_size < INT32_MAX) {
        void* data = ::mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (data != MAP_FAILED) {
            m_data = data;
            m_size = static_cast<size_t>(info.st_size);
        }
    }
    if (fd >= 0) ::close(fd);
}
MappedFile::~MappedFile() {
    if (m_data) ::munmap(m_data, m_size);
}

bool Rename(const PathArg& from, const PathArg& to, int* error) {
    if (::rename(from.path().c_str(), to.path().c_str()) == 0) return true;
    if (error) *error = errno;
    return false;
}

bool RemoveFile(const PathArg& path) { return ::unlink(path.path().c_str()) == 0; }

void SyncFolder(const PathArg& dir) { FsyncFolder(dir.path()); }

bool CopyDurably(const PathArg& from, const PathArg& to, std::string& error) {
    int in = ::open(from.path().c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (in < 0) {
        error = "cannot read " + from.utf8() + ": " + std::strerror(errno);
        return false;
    }
    int out = ::open(to.path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
        error = "cannot create " + to.utf8() + ": " + std::strerror(errno);
        ::close(in);
        return false;
    }
    bool ok = true;
    char buf[65536];
    for (ssize_t n; ok && (n = ::read(in, buf, sizeof buf)) != 0;) {
        ok = n > 0 && ::write(out, buf, static_cast<size_t>(n)) == n;
    }
    if (!ok) error = "cannot copy " + from.utf8() + " to " + to.utf8() + ": " + std::strerror(errno);
    ok = ::fsync(out) == 0 && ok;
    ::close(in);
    ok = ::close(out) == 0 && ok;
    if (!ok) {
        if (error.empty()) error = "cannot write " + to.utf8() + ": " + std::strerror(errno);
        ::unlink(to.path().c_str());
    }
    return ok;
}

std::vector<std::string> FolderEntries(const PathArg& dir) {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir.path().c_str())) {
        while (dirent* e = ::readdir(d)) {
            std::string name = e->d_name;
            if (name != "." && name != "..") names.push_back(name);
        }
        ::closedir(d);
    }
    return names;
}

std::string MakeTempFolder(const std::string& prefix) {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp && tmp[0] ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
    return ::mkdtemp(tmpl.data()) ? tmpl : std::string();
}

bool RemoveEmptyFolder(const PathArg& dir) { return ::rmdir(dir.path().c_str()) == 0; }

std::string RealFolder(const PathArg& dir) {
    char resolved[PATH_MAX];
    return ::realpath(dir.path().c_str(), resolved) ? std::string(resolved) : std::string();
}

std::unique_ptr<FileLock> FileLock::TryAcquire(const std::string& path, Status& status, long& holder_pid,
                                               std::string& error) {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    if (fd < 0) {
        status = Status::Error;
        error = std::strerror(errno);
        return nullptr;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char buf[32] = {};
        ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
        holder_pid = n > 0 ? std::strtol(buf, nullptr, 10) : 0;
        ::close(fd);
        status = Status::Busy;
        return nullptr;
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        // The pid is only for the message another process shows; the lock itself holds.
    }
    std::unique_ptr<FileLock> lock(new FileLock());
    lock->m_handle = fd;
    status = Status::Ok;
    return lock;
}

FileLock::~FileLock() {
    if (m_handle >= 0) {
        if (::ftruncate(static_cast<int>(m_handle), 0) != 0) {
        }
        ::close(static_cast<int>(m_handle));
    }
}

}  // namespace lectern::os
