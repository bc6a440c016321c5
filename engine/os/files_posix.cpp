// POSIX implementation of os/files.h (Linux, and any Unix).
#include "os/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lectern::os {
namespace fs = std::filesystem;

namespace {

WriteResult Fail(const std::string& what, const fs::path& path, int err = 0) {
    WriteResult r;
    r.message = what + " " + path.string() + (err ? std::string(": ") + std::strerror(err) : std::string());
    return r;
}

bool FsyncFolder(const fs::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Why an existing path may not be written over (empty: it may, or it does not exist).
std::string Hazard(const fs::path& path, const struct stat& st) {
    if (S_ISLNK(st.st_mode)) return "is a symbolic link; write to the file it points at by its own name";
    if (S_ISDIR(st.st_mode)) return "is a folder";
    if (S_ISFIFO(st.st_mode)) return "is a FIFO (named pipe)";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "is a device";
    if (S_ISSOCK(st.st_mode)) return "is a socket";
    if (!S_ISREG(st.st_mode)) return "is not a regular file";
    (void)path;
    return {};
}

// mkdir -p, each folder it creates 0700; folders that exist are left as they are.
WriteResult CreateMissingFolders(const fs::path& dir) {
    if (dir.empty()) return {true, {}};
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) return S_ISDIR(st.st_mode) ? WriteResult{true, {}} : Fail("not a folder:", dir);
    fs::path parent = dir.parent_path();
    if (!parent.empty() && parent != dir)
        if (WriteResult r = CreateMissingFolders(parent); !r.ok) return r;
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Fail("cannot create folder", dir, errno);
    return {true, {}};
}

}  // namespace

WriteResult MakePrivateFolder(const fs::path& dir) {
    if (WriteResult r = CreateMissingFolders(dir); !r.ok) return r;
    struct stat st {};
    if (dir.empty() || ::stat(dir.c_str(), &st) != 0) return {true, {}};
    if (st.st_uid == ::geteuid() && (st.st_mode & 077) != 0 && ::chmod(dir.c_str(), st.st_mode & 0700) != 0)
        return Fail("cannot make private (mode 0700)", dir, errno);
    return {true, {}};
}

WriteResult MakePrivateFile(const fs::path& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        bool ok = ::fchmod(fd, 0600) == 0;  // the umask may have narrowed it further; 0600 exactly
        ::close(fd);
        return ok ? WriteResult{true, {}} : Fail("cannot set the mode of", path, errno);
    }
    if (errno != EEXIST) return Fail("cannot create", path, errno);
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return Fail("cannot read", path, errno);
    if (std::string why = Hazard(path, st); !why.empty()) return Fail("refused:", path.string() + " " + why);
    if (st.st_uid == ::geteuid() && (st.st_mode & 077) != 0 && ::chmod(path.c_str(), 0600) != 0)
        return Fail("cannot make private (mode 0600)", path, errno);
    return {true, {}};
}

WriteResult WriteFileAtomically(const fs::path& path, std::string_view content, const WriteOptions& options) {
    if (path.filename().empty()) return Fail("not a file name:", path);
    const fs::path folder = path.parent_path();
    if (WriteResult r = CreateMissingFolders(folder); !r.ok) return r;

    mode_t mode = options.mode;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (std::string why = Hazard(path, st); !why.empty()) {
            WriteResult r;
            r.message = "refused: " + path.string() + " " + why;
            return r;
        }
        for (const fs::path& guarded : options.never_replace) {
            struct stat gst {};
            if (::stat(guarded.c_str(), &gst) == 0 && gst.st_dev == st.st_dev && gst.st_ino == st.st_ino) {
                WriteResult r;
                r.message = "refused: " + path.string() + " is " + guarded.string() + ", which must not be overwritten";
                return r;
            }
        }
        if (options.keep_existing_mode) mode = st.st_mode & 07777;
    } else if (errno != ENOENT) {
        return Fail("cannot check", path, errno);
    }

    std::string tmp = (folder.empty() ? fs::path(".") : folder).string() + "/." + path.filename().string() + ".tmp-XXXXXX";
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);  // O_CREAT | O_EXCL, mode 0600: no planted file is reused
    if (fd < 0) return Fail("cannot create a temporary file beside", path, errno);
    auto give_up = [&](const char* what) {
        WriteResult r = Fail(what, tmp, errno);
        ::close(fd);
        ::unlink(tmp.c_str());
        return r;
    };
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return give_up("cannot write");
        done += static_cast<size_t>(n);
    }
    if (::fchmod(fd, mode) != 0) return give_up("cannot set the mode of");
    // The data must be on disk before the name points at it, or a power cut could leave an empty
    // file where a good one was.
    if (::fsync(fd) != 0) return give_up("cannot sync");
    if (::close(fd) != 0) {
        WriteResult r = Fail("cannot close", tmp, errno);
        ::unlink(tmp.c_str());
        return r;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        WriteResult r = Fail("cannot replace", path, errno);
        ::unlink(tmp.c_str());
        return r;
    }
    // The rename lives in the folder: sync it so the new name survives a power cut too.
    if (!FsyncFolder(folder)) return Fail("cannot sync the folder", folder.empty() ? fs::path(".") : folder, errno);
    return {true, {}};
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

}  // namespace lectern::os
