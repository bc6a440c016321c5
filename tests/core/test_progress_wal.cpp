// The write-ahead log as administrators meet it: a log left by a killed session beside a database
// copied in from another machine, a restored backup, a log from another file, a truncated or
// damaged log, a database replaced while Lectern runs. In every case no learner's data may be
// lost (what is not applied is kept, byte for byte), and the file is never changed behind a
// message that says it was not.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "progress/progress_store.h"
#include "progress_test_util.h"

using namespace lectern;
using namespace progress_test;

namespace {

constexpr int64_t kT0 = 1714550000000;

// The database and its log as a killed session leaves them (copied while the store is open: with
// the store's own checkpoints, everything since the last one is only in the log).
struct Image {
    std::string db, wal;
};

using Writes = std::function<void(ProgressStore&)>;

Image MakeImage(const std::string& db_path, const Writes& clean_session, const Writes& killed_session) {
    {
        OpenResult r = ProgressStore::Open(db_path);
        EXPECT_EQ(r.status, OpenStatus::Ok) << r.message;
        if (r.store) clean_session(*r.store);
    }
    Image image;
    OpenResult r = ProgressStore::Open(db_path);
    EXPECT_EQ(r.status, OpenStatus::Ok) << r.message;
    if (!r.store) return image;
    killed_session(*r.store);
    image.db = ReadFile(db_path);
    image.wal = ReadFile(db_path + "-wal");
    EXPECT_GT(image.wal.size(), 32u) << "the killed session's work is in the log";
    return image;
}

Writes AddLearner(const std::string& name, int pages = 3) {
    return [name, pages](ProgressStore& s) {
        auto learner = s.FindLearner(name);
        LearnerId id = learner ? learner->id : *s.CreateLearner(name, kT0);
        ASSERT_GT(id, 0);
        for (int i = 0; i < pages; ++i) ASSERT_TRUE(s.RecordPageView(id, "course-a", name + "-p" + std::to_string(i), kT0 + i));
    };
}

Writes Nothing() {
    return [](ProgressStore&) {};
}

std::set<std::string> LearnerNames(ProgressStore& s) {
    std::set<std::string> names;
    for (const Learner& l : s.Learners()) names.insert(l.display_name);
    return names;
}

// Files in `dir` whose names start with `prefix`.
std::vector<std::string> Matching(const std::string& dir, const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        std::string name = e.path().filename().string();
        if (name.rfind(prefix, 0) == 0) out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

void Place(const std::string& db_path, const std::string& db, const std::string& wal) {
    fs::create_directories(fs::path(db_path).parent_path());
    WriteFile(db_path, db);
    if (!wal.empty()) WriteFile(db_path + "-wal", wal);
}

OpenResult OpenPlaced(const std::string& db_path, const std::string& db, const std::string& wal) {
    Place(db_path, db, wal);
    return ProgressStore::Open(db_path);
}

}  // namespace

TEST(ProgressWal, LogOfAKilledSessionIsRecoveredAfterKeepingACopy) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.Sub("live"));
    Image image = MakeImage(path, AddLearner("Ana"), AddLearner("Bo"));
    std::string target = ProgressDbPath(dir.Sub("restart"));
    Place(target, image.db, image.wal);

    OpenResult r = ProgressStore::Open(target);
    ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
    EXPECT_FALSE(r.wal_set_aside);
    EXPECT_NE(r.notice.find("Recovered"), std::string::npos) << r.notice;
    EXPECT_EQ(LearnerNames(*r.store), (std::set<std::string>{"Ana", "Bo"}));
    EXPECT_EQ(r.store->PageViews({}).size(), 6u);
    std::vector<std::string> copies = Matching(dir.Sub("restart"), "progress.sqlite3.recovered-");
    ASSERT_EQ(copies.size(), 2u) << "the database and its log, as they were";
    EXPECT_EQ(ReadFile(copies[0]), image.db);
    EXPECT_EQ(ReadFile(copies[1]), image.wal);
    EXPECT_NE(r.notice.find(copies[0]), std::string::npos) << "the notice names the copy";
}

// The cases that must never be applied: each builds the folder an administrator would leave.
struct ForeignCase {
    const char* name;
    // Writes progress.sqlite3 (+ -wal) into `target`; returns the learners the database itself
    // holds (what must survive) and sets `wal` to the log that must be kept byte for byte.
    std::function<std::set<std::string>(TempDir&, const std::string& target, std::string& wal)> make;
    const char* reason;  // words the notice must contain
};

std::vector<ForeignCase> ForeignCases() {
    return {
        {"database copied in from another machine over a stale log",
         [](TempDir& dir, const std::string& target, std::string& wal) {
             Image local = MakeImage(ProgressDbPath(dir.Sub("here")), AddLearner("Ana"), AddLearner("Ana", 5));
             std::string other = ProgressDbPath(dir.Sub("there"));
             { MakeImage(other, AddLearner("Chen"), Nothing()); }
             Place(target, ReadFile(other), local.wal);
             wal = local.wal;
             return std::set<std::string>{"Chen"};
         },
         "another progress database"},
        {"log taken from another Lectern database",
         [](TempDir& dir, const std::string& target, std::string& wal) {
             Image a = MakeImage(ProgressDbPath(dir.Sub("a")), AddLearner("Amal"), AddLearner("Amal", 40));
             Image b = MakeImage(ProgressDbPath(dir.Sub("b")), AddLearner("Bea"), Nothing());
             Place(target, b.db, a.wal);
             wal = a.wal;
             return std::set<std::string>{"Bea"};
         },
         "another progress database"},
        {"backup restored over the log of a later session",
         [](TempDir& dir, const std::string& target, std::string& wal) {
             std::string live = ProgressDbPath(dir.Sub("live"));
             { MakeImage(live, AddLearner("Dana"), Nothing()); }
             std::string backup = ReadFile(live);  // the nightly copy, taken with Lectern closed
             { MakeImage(live, AddLearner("Eli"), Nothing()); }
             Image later = MakeImage(live, AddLearner("Eli", 2), AddLearner("Fay"));
             Place(target, backup, later.wal);
             wal = later.wal;
             return std::set<std::string>{"Dana"};
         },
         "replaced or restored"},
        {"log from a database that is not Lectern's",
         [](TempDir& dir, const std::string& target, std::string& wal) {
             std::string foreign = dir.Sub("notes.sqlite3");
             {
                 RawDb raw(foreign);
                 raw.Exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                          "CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('a');");
                 wal = ReadFile(foreign + "-wal");
             }
             {
                 Image mine = MakeImage(ProgressDbPath(dir.Sub("m")), AddLearner("Gil"), Nothing());
                 Place(target, mine.db, wal);
             }
             return std::set<std::string>{"Gil"};
         },
         "NOT applied"},
        {"damaged log (its header overwritten)",
         [](TempDir& dir, const std::string& target, std::string& wal) {
             Image image = MakeImage(ProgressDbPath(dir.Sub("d")), AddLearner("Hana"), AddLearner("Ivo"));
             wal = image.wal;
             for (int i = 0; i < 32; ++i) wal[i] = static_cast<char>(0x5a);
             Place(target, image.db, wal);
             return std::set<std::string>{"Hana"};
         },
         "damaged"},
        {"log without its database",
         [](TempDir& dir, const std::string& target, std::string& wal) {
             Image image = MakeImage(ProgressDbPath(dir.Sub("e")), AddLearner("Jo"), AddLearner("Kai"));
             wal = image.wal;
             Place(target, "", wal);
             return std::set<std::string>{};
         },
         "without its database"},
    };
}

TEST(ProgressWal, ALogThatDoesNotBelongIsKeptAsideAndNeverApplied) {
    for (const ForeignCase& c : ForeignCases()) {
        SCOPED_TRACE(c.name);
        TempDir dir;
        std::string target = ProgressDbPath(dir.Sub("target"));
        std::string wal;
        std::set<std::string> expected = c.make(dir, target, wal);
        std::string db_before = ReadFile(target);

        OpenResult r = ProgressStore::Open(target);
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        EXPECT_TRUE(r.wal_set_aside);
        EXPECT_NE(r.notice.find(c.reason), std::string::npos) << r.notice;
        EXPECT_NE(r.notice.find("NOT applied"), std::string::npos) << r.notice;
        EXPECT_EQ(LearnerNames(*r.store), expected) << "the database's own learners, nothing else";
        EXPECT_EQ(r.store->CheckIntegrity(), "ok");
        r.store.reset();

        std::vector<std::string> kept = Matching(dir.Sub("target"), "progress.sqlite3.bad-");
        std::string kept_wal, kept_db;
        for (const std::string& k : kept) {
            if (k.size() > 4 && k.compare(k.size() - 4, 4, "-wal") == 0) kept_wal = k;
            else if (k.find("-shm") == std::string::npos) kept_db = k;
        }
        ASSERT_FALSE(kept_wal.empty()) << "the log was kept";
        EXPECT_EQ(ReadFile(kept_wal), wal) << "byte for byte";
        if (!db_before.empty()) {
            ASSERT_FALSE(kept_db.empty());
            EXPECT_EQ(ReadFile(kept_db), db_before) << "with the database as it was";
        }
        EXPECT_NE(r.notice.find(kept_wal), std::string::npos) << "the notice names where it is";
        // The next start finds nothing more to set aside.
        OpenResult again = ProgressStore::Open(target);
        ASSERT_EQ(again.status, OpenStatus::Ok) << again.message;
        EXPECT_TRUE(again.notice.empty()) << again.notice;
        EXPECT_EQ(LearnerNames(*again.store), expected);
    }
}

TEST(ProgressWal, TruncatedLogGivesItsCompleteTransactionsAndKeepsTheWholeFile) {
    TempDir dir;
    Image image = MakeImage(ProgressDbPath(dir.Sub("live")), AddLearner("Ana", 1), AddLearner("Ana", 12));
    ASSERT_GT(image.wal.size(), 4096u);
    // Every length from a bare header to the whole log, in steps that land on, before and after
    // frame boundaries (4096-byte pages + 24-byte frame headers).
    std::vector<size_t> lengths;
    for (size_t n = 0; n <= image.wal.size(); n += 1373) lengths.push_back(n);
    for (size_t f = 32; f <= image.wal.size(); f += 4096 + 24) {
        for (long d : {-1L, 0L, 1L, 24L}) {
            long n = static_cast<long>(f) + d;
            if (n > 0 && n <= static_cast<long>(image.wal.size())) lengths.push_back(static_cast<size_t>(n));
        }
    }
    size_t previous_views = 0;
    std::sort(lengths.begin(), lengths.end());
    for (size_t n : lengths) {
        SCOPED_TRACE("log cut to " + std::to_string(n) + " of " + std::to_string(image.wal.size()) + " bytes");
        TempDir run;
        std::string target = ProgressDbPath(run.Sub("t"));
        std::string cut = image.wal.substr(0, n);
        OpenResult r = OpenPlaced(target, image.db, cut);
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        EXPECT_EQ(r.store->CheckIntegrity(), "ok");
        ASSERT_TRUE(r.store->FindLearner("Ana"));
        size_t views = r.store->PageViews({}).size();
        EXPECT_GE(views, 1u) << "the database's own page view";
        EXPECT_GE(views, previous_views) << "a longer log never gives less";
        previous_views = views;
        if (n == 0) continue;
        // Whatever was not applied is still on disk, byte for byte.
        std::vector<std::string> copies = Matching(run.Sub("t"), r.wal_set_aside ? "progress.sqlite3.bad-" : "progress.sqlite3.recovered-");
        bool kept = false;
        for (const std::string& c : copies) kept = kept || ReadFile(c) == cut;
        EXPECT_TRUE(kept || n <= 32) << "the log as found was kept (" << copies.size() << " copies)";
    }
    EXPECT_EQ(previous_views, 13u) << "the whole log gives every page view";
}

TEST(ProgressWal, DatabaseReplacedWhileOpenStopsWritingAndIsNeverCheckpointedInto) {
    for (bool in_place : {false, true}) {
        SCOPED_TRACE(in_place ? "copied over in place (cp)" : "renamed over (mv)");
        TempDir dir;
        std::string path = ProgressDbPath(dir.Sub("data"));
        std::string other = ProgressDbPath(dir.Sub("other"));
        { MakeImage(other, AddLearner("Replacement"), Nothing()); }
        std::string replacement = ReadFile(other);

        OpenResult r = ProgressStore::Open(path);
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        LearnerId ana = *r.store->CreateLearner("Ana", kT0);
        ASSERT_TRUE(r.store->RecordPageView(ana, "course-a", "p1", kT0));
        if (in_place) {
            WriteFile(path, replacement);
        } else {
            WriteFile(path + ".new", replacement);
            ASSERT_EQ(::rename((path + ".new").c_str(), path.c_str()), 0);
        }
        WriteResult w = r.store->RecordPageView(ana, "course-a", "p2", kT0 + 1);
        EXPECT_EQ(w.error().code, StoreError::Io);
        EXPECT_NE(w.error().message.find("replaced"), std::string::npos) << w.error().message;
        EXPECT_TRUE(r.store->replaced());
        r.store.reset();  // closing must not write this session's log into the new file
        EXPECT_EQ(ReadFile(path), replacement) << "the replacement is untouched";

        OpenResult next = ProgressStore::Open(path);
        ASSERT_EQ(next.status, OpenStatus::Ok) << next.message;
        EXPECT_EQ(LearnerNames(*next.store), (std::set<std::string>{"Replacement"}));
        EXPECT_EQ(next.store->CheckIntegrity(), "ok");
        // This session's answers were committed to its log: kept aside, not lost.
        std::vector<std::string> kept = Matching(dir.Sub("data"), "progress.sqlite3.bad-");
        EXPECT_FALSE(kept.empty()) << "the session's log is kept";
        EXPECT_TRUE(next.wal_set_aside) << next.notice;
    }
}

TEST(ProgressWal, CleanCloseLeavesNoLogAndTheNextOpenHasNothingToRecover) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.Sub("data"));
    {
        OpenResult r = ProgressStore::Open(path);
        ASSERT_EQ(r.status, OpenStatus::Ok);
        AddLearner("Ana", 30)(*r.store);
        EXPECT_GT(fs::file_size(path + "-wal"), 0u);
    }
    EXPECT_FALSE(fs::exists(path + "-wal")) << "the log is gone after a clean close";
    OpenResult r = ProgressStore::Open(path);
    ASSERT_EQ(r.status, OpenStatus::Ok);
    EXPECT_TRUE(r.notice.empty()) << r.notice;
    EXPECT_EQ(r.store->PageViews({}).size(), 30u);
    EXPECT_TRUE(Matching(dir.Sub("data"), "progress.sqlite3.recovered-").empty());
}

TEST(ProgressWal, OnlyTheNewestRecoveredCopiesAreKept) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.Sub("data"));
    for (int crash = 0; crash < 8; ++crash) {
        Image image = MakeImage(path, Nothing(), AddLearner("Ana", 1));
        WriteFile(path, image.db);
        WriteFile(path + "-wal", image.wal);
        OpenOptions o;
        o.now_ms = kT0 + crash * 1000;
        OpenResult r = ProgressStore::Open(path, o);
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        EXPECT_FALSE(r.wal_set_aside) << r.notice;
    }
    EXPECT_EQ(Matching(dir.Sub("data"), "progress.sqlite3.recovered-").size(), 10u) << "five pairs";
    OpenResult r = ProgressStore::Open(path);
    EXPECT_EQ(r.store->PageViews({}).size(), 8u) << "every crash's page view was recovered";
}

// A session killed in the middle of its first write after a checkpoint leaves a log in which SQLite
// finds no complete transaction. Nothing in it was ever saved, so the next start must say exactly
// that (an administrator reading "damaged" would go looking for lost work), not set it aside, keep
// a copy, and leave a folder with nothing more to report. A log whose committed transaction no
// longer reads back is the other case: damage, said as such and set aside.
TEST(ProgressWal, AnUnfinishedWriteIsDiscardedWithNothingSavedLostAndDamageIsStillCalledDamage) {
    TempDir dir;
    Image image = MakeImage(ProgressDbPath(dir.Sub("live")), AddLearner("Ana", 1), AddLearner("Bo", 1));
    // The killed session's first transaction (Bo): its frames up to the first commit mark.
    const size_t page = 4096, frame = 24 + page;
    size_t first_commit_end = 0;
    for (size_t off = 32; off + frame <= image.wal.size(); off += frame) {
        auto byte = [&](size_t i) { return static_cast<unsigned char>(image.wal[off + i]); };
        if (byte(4) | byte(5) | byte(6) | byte(7)) {
            first_commit_end = off + frame;
            break;
        }
    }
    ASSERT_GT(first_commit_end, 32u + frame) << "the first write spans more than one frame";
    // Every length that cuts that transaction short: a bare header excepted, at and around every
    // frame boundary, and in the middle of each frame.
    std::set<size_t> cuts;
    for (size_t f = 32; f < first_commit_end; f += frame) {
        for (size_t n : {f + 1, f + 24, f + 24 + page / 2, f + frame - 1, f + frame}) {
            if (n > 32 && n < first_commit_end) cuts.insert(n);
        }
    }
    for (size_t n : cuts) {
        SCOPED_TRACE("log cut to " + std::to_string(n) + " bytes");
        TempDir run;
        std::string target = ProgressDbPath(run.Sub("t"));
        std::string cut = image.wal.substr(0, n);
        OpenResult r = OpenPlaced(target, image.db, cut);
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        EXPECT_FALSE(r.wal_set_aside) << r.notice;
        EXPECT_NE(r.notice.find("stopped while it was saving"), std::string::npos) << r.notice;
        EXPECT_NE(r.notice.find("nothing that had been saved was lost"), std::string::npos) << r.notice;
        for (const char* alarming : {"damaged", "NOT applied", "another"}) {
            EXPECT_EQ(r.notice.find(alarming), std::string::npos) << alarming << " in: " << r.notice;
        }
        EXPECT_EQ(LearnerNames(*r.store), (std::set<std::string>{"Ana"})) << "everything saved is there";
        std::vector<std::string> copies = Matching(run.Sub("t"), "progress.sqlite3.recovered-");
        bool kept = false;
        for (const std::string& c : copies) kept = kept || ReadFile(c) == cut;
        EXPECT_TRUE(kept) << "a copy of the log as found is kept";
        EXPECT_NE(r.notice.find(copies.empty() ? std::string("?") : copies[0]), std::string::npos) << r.notice;
        r.store.reset();
        OpenResult again = ProgressStore::Open(target);
        ASSERT_EQ(again.status, OpenStatus::Ok) << again.message;
        EXPECT_TRUE(again.notice.empty()) << again.notice;
    }
    // The same log whole but with its first committing frame's page changed on disk: a committed
    // write that no longer reads back.
    {
        TempDir run;
        std::string target = ProgressDbPath(run.Sub("t"));
        std::string broken = image.wal;
        broken[first_commit_end - page / 2] = static_cast<char>(broken[first_commit_end - page / 2] ^ 0x5a);
        Place(target, image.db, broken);
        OpenResult r = ProgressStore::Open(target);
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        ASSERT_GT(broken.size(), first_commit_end + frame) << "Bo's page view follows his first write";
        EXPECT_TRUE(r.wal_set_aside) << r.notice;
        EXPECT_NE(r.notice.find("damaged"), std::string::npos) << r.notice;
        EXPECT_NE(r.notice.find("may be lost"), std::string::npos) << r.notice;
    }
}

namespace {

// A Unix socket bound at `path` (what a misdirected service leaves in a folder); the file stays
// after the descriptor is closed.
bool MakeSocketFile(const std::string& path) {
    sockaddr_un address{};
    if (path.size() >= sizeof address.sun_path) return false;
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) return false;
    bool bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return bound;
}

}  // namespace

TEST(ProgressSpecialFiles, NonRegularFilesAreRefusedBeforeAnyoneOpensThem) {
    TempDir dir;
    struct Kind {
        const char* name;
        std::function<bool(const std::string&)> make;
        const char* says;
    };
    std::vector<Kind> kinds = {
        {"fifo", [](const std::string& p) { return ::mkfifo(p.c_str(), 0600) == 0; }, "FIFO"},
        {"folder", [](const std::string& p) { return ::mkdir(p.c_str(), 0700) == 0; }, "folder"},
        {"device", [](const std::string& p) { return ::symlink("/dev/null", p.c_str()) == 0; }, "device"},
        {"socket", [](const std::string& p) { return MakeSocketFile(p); }, "socket"},
    };
    for (const Kind& k : kinds) {
        for (const char* suffix : {"", "-wal"}) {
            for (bool read_only : {false, true}) {
                SCOPED_TRACE(std::string(k.name) + " at progress.sqlite3" + suffix + (read_only ? " read-only" : ""));
                std::string folder = dir.Sub(std::string(k.name) + suffix + (read_only ? "-ro" : "-rw"));
                fs::create_directories(folder);
                std::string path = ProgressDbPath(folder);
                if (*suffix) { MakeImage(path, AddLearner("Ana"), Nothing()); }
                ASSERT_TRUE(k.make(path + suffix));
                OpenOptions o;
                o.read_only = read_only;
                OpenResult r = ProgressStore::Open(path, o);  // a FIFO would block here forever
                EXPECT_EQ(r.status, OpenStatus::IoError);
                EXPECT_FALSE(r.store);
                EXPECT_NE(r.message.find(k.says), std::string::npos) << r.message;
                EXPECT_NE(r.message.find(path + suffix), std::string::npos) << r.message;
            }
        }
    }
}
