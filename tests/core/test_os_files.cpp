// Files Lectern writes: private whatever the umask, never through a planted symlink, never over a
// FIFO, a device, a folder or the progress database itself.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tuple>

#include "os/files.h"
#include "progress/progress_store.h"
#include "progress_test_util.h"

using lectern::os::Describe;
using lectern::os::MakePrivateFile;
using lectern::os::MakePrivateFolder;
using lectern::os::WriteFileAtomically;
using lectern::os::WriteOptions;
using progress_test::ReadFile;
using progress_test::TempDir;
using progress_test::WriteFile;

namespace {

mode_t ModeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
}

// Sets the umask for one scope: the tests below run as a careless administrator's shell would.
struct Umask {
    mode_t old;
    explicit Umask(mode_t m) : old(::umask(m)) {}
    ~Umask() { ::umask(old); }
};

}  // namespace

TEST(OsFiles, NewFilesAndFoldersArePrivateWhateverTheUmask) {
    Umask wide(0);
    TempDir dir;
    ASSERT_TRUE(WriteFileAtomically(dir.Sub("a/b/secret.txt"), "x").ok());
    EXPECT_EQ(ModeOf(dir.Sub("a/b/secret.txt")), 0600);
    EXPECT_EQ(ModeOf(dir.Sub("a")), 0700);
    EXPECT_EQ(ModeOf(dir.Sub("a/b")), 0700);
    ASSERT_TRUE(MakePrivateFile(dir.Sub("new.db")).ok());
    EXPECT_EQ(ModeOf(dir.Sub("new.db")), 0600);
    // A data folder an older version left open to others is narrowed.
    ASSERT_EQ(::mkdir(dir.Sub("data").c_str(), 0755), 0);
    ASSERT_TRUE(MakePrivateFolder(dir.Sub("data")).ok());
    EXPECT_EQ(ModeOf(dir.Sub("data")), 0700);
}

TEST(OsFiles, TheProgressStoreAndItsLogAreCreated0600WhateverTheUmask) {
    Umask wide(0);
    TempDir dir;
    const std::string db = dir.Sub("data/progress.sqlite3");
    lectern::OpenResult r = lectern::ProgressStore::Open(db);
    ASSERT_TRUE(r.ok()) << r.message;
    ASSERT_TRUE(r.store->CreateLearner("Ана", 1).ok());  // a write: the -wal and -shm now exist
    EXPECT_EQ(ModeOf(dir.Sub("data")), 0700);
    EXPECT_EQ(ModeOf(db), 0600);
    EXPECT_EQ(ModeOf(db + "-wal"), 0600);
    EXPECT_EQ(ModeOf(db + "-shm"), 0600);
}

TEST(OsFiles, AnExistingFileKeepsItsModeWhenAsked) {
    Umask wide(0);
    TempDir dir;
    const std::string path = dir.Sub("report.csv");
    WriteFile(path, "old");
    ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
    WriteOptions o;
    o.mode = 0644;
    o.keep_existing_mode = true;
    ASSERT_TRUE(WriteFileAtomically(path, "new", o).ok());
    EXPECT_EQ(ReadFile(path), "new");
    EXPECT_EQ(ModeOf(path), 0600) << "an export widened a private file";
    ASSERT_TRUE(WriteFileAtomically(dir.Sub("fresh.csv"), "x", o).ok());
    EXPECT_EQ(ModeOf(dir.Sub("fresh.csv")), 0644);
}

TEST(OsFiles, APlantedSymlinkIsRefusedAndItsTargetUntouched) {
    TempDir dir;
    const std::string victim = dir.Sub("victim.txt");
    WriteFile(victim, "precious");
    ASSERT_EQ(::symlink(victim.c_str(), dir.Sub("export.csv").c_str()), 0);
    lectern::os::WriteResult w = WriteFileAtomically(dir.Sub("export.csv"), "attack");
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.error().code, lectern::os::FileErrorCode::RefusedLink);
    EXPECT_EQ(w.error().path, dir.Sub("export.csv"));
    EXPECT_NE(Describe(w.error()).find("symbolic link"), std::string::npos) << Describe(w.error());
    EXPECT_EQ(ReadFile(victim), "precious");
    struct stat st {};
    ASSERT_EQ(::lstat(dir.Sub("export.csv").c_str(), &st), 0);
    EXPECT_TRUE(S_ISLNK(st.st_mode)) << "the link was replaced";
    // No temporary file is left behind either.
    int entries = 0;
    for (auto& e : std::filesystem::directory_iterator(dir.path())) entries += e.path().filename().string()[0] == '.';
    EXPECT_EQ(entries, 0);
}

TEST(OsFiles, FifosDevicesAndFoldersAreRefusedWithoutBlocking) {
    TempDir dir;
    ASSERT_EQ(::mkfifo(dir.Sub("fifo").c_str(), 0600), 0);
    ASSERT_EQ(::mkdir(dir.Sub("folder").c_str(), 0700), 0);
    using lectern::os::FileErrorCode;
    const std::tuple<std::string, const char*, FileErrorCode> cases[] = {
        {dir.Sub("fifo"), "FIFO", FileErrorCode::RefusedFifo},
        {"/dev/null", "device", FileErrorCode::RefusedDevice},
        {dir.Sub("folder"), "folder", FileErrorCode::RefusedFolder}};
    for (const auto& [path, word, code] : cases) {
        lectern::os::WriteResult w = WriteFileAtomically(path, "x");
        ASSERT_FALSE(w.ok()) << path;
        EXPECT_EQ(w.error().code, code) << path;
        EXPECT_NE(Describe(w.error()).find(word), std::string::npos) << Describe(w.error());
        lectern::os::WriteResult p = MakePrivateFile(path);
        ASSERT_FALSE(p.ok()) << path;
        EXPECT_EQ(p.error().code, code) << path;
    }
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(OsFiles, TheProgressDatabaseIsNeverOverwrittenByAnyName) {
    TempDir dir;
    const std::string db = dir.Sub("progress.sqlite3");
    WriteFile(db, "database bytes");
    ASSERT_EQ(::link(db.c_str(), dir.Sub("hardlink.csv").c_str()), 0);
    ASSERT_EQ(::mkdir(dir.Sub("sub").c_str(), 0700), 0);
    WriteOptions o;
    o.never_replace = {db};
    for (const std::string& name : {db, dir.Sub("hardlink.csv"), dir.Sub("sub/../progress.sqlite3")}) {
        lectern::os::WriteResult w = WriteFileAtomically(name, "csv", o);
        ASSERT_FALSE(w.ok()) << name;
        EXPECT_EQ(w.error().code, lectern::os::FileErrorCode::RefusedGuarded);
        EXPECT_EQ(w.error().other, db);
        EXPECT_NE(Describe(w.error()).find("must not be overwritten"), std::string::npos) << Describe(w.error());
    }
    EXPECT_EQ(ReadFile(db), "database bytes");
}

TEST(OsFiles, MachineNameIsSafeInAFileName) {
    const std::string name = lectern::os::MachineName();
    ASSERT_FALSE(name.empty());
    for (char c : name) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << name;
}
