// Every moment a SIGKILL can leave the files in, made deterministically: a thin VFS over SQLite's
// own ("unix") copies the database and its log after EVERY write, truncate or delete that
// SQLite makes to them, which is exactly what the disk holds if the process dies right after that
// call (SIGKILL loses nothing the kernel already has). Each copy is then opened as the next start
// would open it. The random-moment tests (test_progress_crash.cpp) hit only some of these moments;
// the one that failed in CI (a checkpoint cut off after some of its pages, then set aside as
// "another version of this database", leaving the file damaged) is among those made here.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <cstring>
#include <unistd.h>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "progress/progress_store.h"
#include "progress_test_util.h"

using namespace lectern;
using namespace progress_test;

namespace {

constexpr int64_t kT0 = 1714550000000;

// ---- the copying VFS ----------------------------------------------------------------------------

struct KillImages {
    std::string db_path;  // the watched database (its -wal and -journal too)
    struct Files {
        std::map<std::string, std::string> by_suffix;  // "", "-wal", "-journal" -> bytes
    };
    std::vector<Files> taken;  // in memory: a few hundred small files, written out one at a time

    void Take() {
        Files f;
        for (const char* suffix : {"", "-wal", "-journal"}) {
            if (fs::exists(db_path + suffix)) f.by_suffix[suffix] = ReadFile(db_path + suffix);
        }
        taken.push_back(std::move(f));
    }
    int count() const { return static_cast<int>(taken.size()); }
};

KillImages* g_images = nullptr;
sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_shim;

struct ShimFile {
    sqlite3_file base;
    sqlite3_file* real;
    bool watched;
};

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }
void AfterChange(sqlite3_file* f) {
    if (g_images && reinterpret_cast<ShimFile*>(f)->watched) g_images->Take();
}

int ShimClose(sqlite3_file* f) {
    int rc = Real(f)->pMethods->xClose(Real(f));
    return rc;
}
int ShimRead(sqlite3_file* f, void* p, int n, sqlite3_int64 off) { return Real(f)->pMethods->xRead(Real(f), p, n, off); }
int ShimWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
    int rc = Real(f)->pMethods->xWrite(Real(f), p, n, off);
    AfterChange(f);
    return rc;
}
int ShimTruncate(sqlite3_file* f, sqlite3_int64 size) {
    int rc = Real(f)->pMethods->xTruncate(Real(f), size);
    AfterChange(f);
    return rc;
}
// A sync changes nothing a SIGKILL can see (the kernel keeps what was written), and skipping
// SQLite's keeps thousands of opens quick; the store's own copies still sync.
int ShimSync(sqlite3_file*, int) { return SQLITE_OK; }
int ShimFileSize(sqlite3_file* f, sqlite3_int64* size) { return Real(f)->pMethods->xFileSize(Real(f), size); }
int ShimLock(sqlite3_file* f, int l) { return Real(f)->pMethods->xLock(Real(f), l); }
int ShimUnlock(sqlite3_file* f, int l) { return Real(f)->pMethods->xUnlock(Real(f), l); }
int ShimCheckReserved(sqlite3_file* f, int* out) { return Real(f)->pMethods->xCheckReservedLock(Real(f), out); }
int ShimFileControl(sqlite3_file* f, int op, void* arg) { return Real(f)->pMethods->xFileControl(Real(f), op, arg); }
int ShimSectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int ShimDeviceCharacteristics(sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); }
int ShimShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int ShimShmLock(sqlite3_file* f, int offset, int n, int flags) { return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags); }
void ShimShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShimShmUnmap(sqlite3_file* f, int del) { return Real(f)->pMethods->xShmUnmap(Real(f), del); }
int ShimFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) { return Real(f)->pMethods->xFetch(Real(f), off, n, out); }
int ShimUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return Real(f)->pMethods->xUnfetch(Real(f), off, p); }

const sqlite3_io_methods kShimMethods = {
    3,           ShimClose,      ShimRead,        ShimWrite,         ShimTruncate,
    ShimSync,    ShimFileSize,   ShimLock,        ShimUnlock,        ShimCheckReserved,
    ShimFileControl, ShimSectorSize, ShimDeviceCharacteristics, ShimShmMap, ShimShmLock,
    ShimShmBarrier, ShimShmUnmap, ShimFetch,      ShimUnfetch,
};

bool Watched(const char* name) {
    if (!g_images || !name) return false;
    std::string n = name;
    return n == g_images->db_path || n == g_images->db_path + "-wal" || n == g_images->db_path + "-journal";
}

int ShimOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
    ShimFile* s = reinterpret_cast<ShimFile*>(f);
    s->real = reinterpret_cast<sqlite3_file*>(s + 1);
    s->watched = Watched(name);
    int rc = g_real->xOpen(g_real, name, s->real, flags, out_flags);
    f->pMethods = s->real->pMethods ? &kShimMethods : nullptr;
    return rc;
}

int ShimDelete(sqlite3_vfs*, const char* name, int sync_dir) {
    int rc = g_real->xDelete(g_real, name, sync_dir);
    if (Watched(name)) g_images->Take();
    return rc;
}

// Makes the copying VFS the default for as long as it lives (the store opens with the default).
struct ShimScope {
    ShimScope() {
        g_real = sqlite3_vfs_find(nullptr);
        g_shim = *g_real;
        g_shim.zName = "lectern-kill-images";
        g_shim.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
        g_shim.xOpen = ShimOpen;
        g_shim.xDelete = ShimDelete;
        g_shim.pNext = nullptr;
        sqlite3_vfs_register(&g_shim, 1);
    }
    ~ShimScope() {
        sqlite3_vfs_register(g_real, 1);
        sqlite3_vfs_unregister(&g_shim);
    }
};

// ---- the lives that get killed ------------------------------------------------------------------

// Page views the store acknowledged, with the number of images taken when it did: every image
// from that number on must hold it.
struct Acks {
    std::vector<std::pair<std::string, int>> views;  // page id, images taken at acknowledgement
};

struct Life {
    std::string name;
    int views_before = 0;     // in the log before the checkpoint in the middle
    bool reader = false;      // a reader holds an older snapshot through that checkpoint
    int views_after = 0;      // after it, before the clean close
};

// What the folder holds when the watched life starts.
enum class Start { Fresh, Clean, Crashed };
const char* ToString(Start s) { return s == Start::Fresh ? "no database yet" : s == Start::Clean ? "a cleanly closed store" : "the files of a killed session"; }

void Prepare(Start start, const std::string& db_path, Acks& acks) {
    if (start == Start::Fresh) return;
    OpenResult r = ProgressStore::Open(db_path);
    ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
    LearnerId ana = *r.store->CreateLearner("Ana", kT0);
    for (int i = 0; i < 4; ++i) {
        std::string page = "before-" + std::to_string(i);
        ASSERT_TRUE(r.store->RecordPageView(ana, "course", page, kT0 + i));
        acks.views.push_back({page, 0});
    }
    if (start == Start::Crashed) {
        // A session killed with its work only in the log: the files as they are now, kept.
        std::string db = ReadFile(db_path), wal = ReadFile(db_path + "-wal");
        ASSERT_GT(wal.size(), 32u);
        r.store.reset();
        fs::remove(db_path + "-wal");
        fs::remove(db_path + "-shm");
        WriteFile(db_path, db);
        WriteFile(db_path + "-wal", wal);
    }
}

void Live(const Life& life, const std::string& db_path, KillImages& images, Acks& acks) {
    OpenResult r = ProgressStore::Open(db_path);
    ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
    ProgressStore& s = *r.store;
    std::optional<Learner> ana = s.FindLearner("Ana");
    LearnerId id = ana ? ana->id : *s.CreateLearner("Ana", kT0);
    ASSERT_GT(id, 0);
    int n = 0;
    auto view = [&] {
        // A long page id spreads rows over more pages, so a checkpoint has many pages to copy.
        std::string page = "p" + std::to_string(n++) + "-" + std::string(300, 'x');
        ASSERT_TRUE(s.RecordPageView(id, "course", page, kT0 + 100 + n));
        acks.views.push_back({page, images.count()});
    };
    for (int i = 0; i < life.views_before; ++i) view();
    std::unique_ptr<RawDb> reader;
    if (life.reader) {
        reader = std::make_unique<RawDb>(db_path, SQLITE_OPEN_READONLY);
        ASSERT_EQ(reader->Exec("BEGIN; SELECT count(*) FROM page_views;"), SQLITE_OK);
        view();  // the reader's snapshot ends before this one: the checkpoint must stop short of it
    }
    s.Checkpoint(false);
    for (int i = 0; i < life.views_after; ++i) view();
    if (reader) {
        reader->Exec("COMMIT");
        reader.reset();
    }
    s.Checkpoint(false);
    r.store.reset();  // a clean close: the last checkpoint, the log emptied and removed
}

struct Outcome {
    int images = 0;
    std::vector<std::string> failures;  // one line per image that did not come back whole
};

// Opens image n (1-based) the way the next start would, and says what is wrong with what it finds.
std::string CheckImage(const KillImages& images, int n, const Acks& acks, const std::string& scratch) {
    TempDir dir(scratch);
    std::string path = dir.Sub("progress.sqlite3");
    for (const auto& [suffix, bytes] : images.taken[static_cast<size_t>(n - 1)].by_suffix) WriteFile(path + suffix, bytes);
    OpenResult r = ProgressStore::Open(path);
    if (r.status != OpenStatus::Ok) return std::string("did not open: ") + ToString(r.status) + ": " + r.message;
    if (r.wal_set_aside) return "its own log was set aside: " + r.notice;
    std::string check = r.store->CheckIntegrity();
    if (check != "ok") return "integrity check: " + check;
    std::set<std::string> pages;
    for (const PageView& v : r.store->PageViews({})) pages.insert(v.page_id);
    for (const auto& [page, at] : acks.views) {
        if (at <= n && !pages.count(page)) return "lost the acknowledged view " + page.substr(0, 12);
    }
    return "";
}

// Thousands of opens, each syncing the copies it keeps: in a memory file system when the machine
// has one (/dev/shm), which changes nothing about what is checked.
std::string ScratchRoot() {
    std::error_code ec;
    if (fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0) return "/dev/shm";
    return fs::temp_directory_path().string();
}

Outcome KillEverywhere(Start start, const Life& life) {
    TempDir dir;
    KillImages images;
    images.db_path = ProgressDbPath(dir.Sub("data"));
    Acks acks;
    ShimScope shim;
    Prepare(start, images.db_path, acks);
    g_images = &images;
    Live(life, images.db_path, images, acks);
    g_images = nullptr;
    Outcome out;
    out.images = images.count();
    const std::string scratch = ScratchRoot();
    for (int n = 1; n <= images.count(); ++n) {
        std::string wrong = CheckImage(images, n, acks, scratch);
        if (!wrong.empty()) out.failures.push_back("killed after file change " + std::to_string(n) + ": " + wrong);
    }
    return out;
}

}  // namespace

// Every start (no file yet, a clean store, a killed session's files) x every life (few or many
// writes, a reader holding the checkpoint back or not) x every file change SQLite makes in it.
TEST(ProgressKillPoints, EveryFileChangeOfEveryLifeLeavesAStoreThatOpensWhole) {
    std::vector<Life> lives;
    for (int before : {0, 6})
        for (bool reader : {false, true})
            for (int after : {0, 3}) lives.push_back({"", before, reader, after});
    int images = 0, cases = 0;
    for (Start start : {Start::Fresh, Start::Clean, Start::Crashed}) {
        for (const Life& life : lives) {
            std::string name = std::string(ToString(start)) + ", " + std::to_string(life.views_before) + " views, " +
                               (life.reader ? "a reader, " : "") + std::to_string(life.views_after) + " after";
            SCOPED_TRACE(name);
            Outcome o = KillEverywhere(start, life);
            ++cases;
            images += o.images;
            EXPECT_GT(o.images, 0) << "the copying VFS saw no file change";
            // One example of each kind of failure, with how many moments had it.
            std::map<std::string, std::pair<int, std::string>> kinds;
            for (const std::string& f : o.failures) {
                // The kind: the words after the file's name (paths and times differ every time).
                size_t named = f.find("progress.sqlite3 ");
                std::string what = f.substr(named == std::string::npos ? f.find(": ") + 2 : named + 17);
                auto& k = kinds[what.substr(0, 40)];
                if (k.first++ == 0) k.second = f;
            }
            std::string summary;
            for (const auto& [kind, seen] : kinds) summary += std::to_string(seen.first) + " x " + seen.second + "\n";
            EXPECT_TRUE(o.failures.empty()) << o.failures.size() << " of " << o.images << " kill moments:\n" << summary;
        }
    }
    std::printf("[ progress ] %d lives, %d kill moments opened\n", cases, images);
}
