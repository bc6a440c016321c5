// What the player does with each state a progress folder can be in (progress/store_opening.h):
// every state opened, then "move it aside" asked of each, with the files checked byte for byte.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "progress/store_opening.h"
#include "progress_test_util.h"

using namespace lectern;
using progress_test::RawDb;
using progress_test::ReadFile;
using progress_test::TempDir;
using progress_test::WriteFile;

namespace {

constexpr int64_t kNow = 1714557600000;  // 2024-05-01T10:00:00Z

void MakeStore(const std::string& data_dir, const std::string& learner) {
    PlayerStore p = OpenPlayerStore(data_dir);
    ASSERT_TRUE(p.store) << Describe(p.not_saving, p.why_not_saving);
    p.store->CreateLearner(learner, kNow);
}

struct FolderCase {
    const char* name;
    std::function<void(const std::string& data_dir)> make;  // leaves the folder in this state
    bool opens;            // a store to write to
    bool damaged;          // offered to be moved aside
    bool refused;          // the player does not start
    const char* banner;    // words every screen shows ("" : no banner)
    bool left_untouched;   // the database file's bytes must be as they were (a store that opens may migrate)
};

std::vector<FolderCase> FolderCases() {
    return {
        {"no folder yet", [](const std::string&) {}, true, false, false, "", false},
        {"a good store", [](const std::string& d) { MakeStore(d, "Ana"); }, true, false, false, "", false},
        {"a good store, learner named in Arabic and Chinese",
         [](const std::string& d) {
             MakeStore(d, "\xD9\x85\xD8\xB1\xD9\x8A\xD9\x85");  // مريم
             MakeStore(d, "\xE7\x8E\x8B\xE8\x8A\xB3");          // 王芳
         },
         true, false, false, "", false},
        {"random bytes",
         [](const std::string& d) {
             std::filesystem::create_directories(d);
             WriteFile(ProgressDbPath(d), std::string(8192, '\x5a'));
             // As an administrator's copy arrives: readable by all. Even the mode stays.
             std::filesystem::permissions(ProgressDbPath(d), std::filesystem::perms(0644));
         },
         false, true, false, "NOT being saved", true},
        {"a copy cut short",
         [](const std::string& d) {
             MakeStore(d, "Ana");
             std::string whole = ReadFile(ProgressDbPath(d));
             WriteFile(ProgressDbPath(d), whole.substr(0, whole.size() / 2 + 100));
             std::filesystem::permissions(ProgressDbPath(d), std::filesystem::perms(0644));
         },
         false, true, false, "NOT being saved", true},
        {"a newer Lectern's store",
         [](const std::string& d) {
             MakeStore(d, "Ana");
             RawDb raw(ProgressDbPath(d));
             raw.Exec("PRAGMA user_version = 999");
         },
         false, true, false, "NOT being saved", true},
        {"another program holds it locked",
         [](const std::string& d) {
             MakeStore(d, "Ana");
             // Held until the process ends, as another program would hold it (kept in a static,
             // not leaked, so LeakSanitizer sees it reachable).
             static std::vector<std::unique_ptr<RawDb>> held;
             held.push_back(std::make_unique<RawDb>(ProgressDbPath(d)));
             RawDb* other = held.back().get();
             other->Exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO meta(key, value) VALUES('x', 'y');");
         },
         false, false, false, "NOT being saved", true},
        {"a stale log from a database that is not Lectern's",
         [](const std::string& d) {
             MakeStore(d, "Ana");
             std::string foreign = d + "/notes.sqlite3";
             RawDb raw(foreign);
             raw.Exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                      "CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('a');");
             WriteFile(ProgressDbPath(d) + "-wal", ReadFile(foreign + "-wal"));
         },
         true, false, false, "NOT applied", false},
    };
}

// Builds each case's folder in a temporary folder, opens it as the player does, and hands over the
// folder, the database file's bytes before the open and what the open decided.
void ForEachFolderCase(const std::function<void(const FolderCase&, const std::string& data, const std::string& before, PlayerStore&)>& check) {
    for (const FolderCase& c : FolderCases()) {
        SCOPED_TRACE(c.name);
        TempDir dir;
        const std::string data = dir.Sub("data");
        c.make(data);
        const std::string before = ReadFile(ProgressDbPath(data));
        PlayerStore p = OpenPlayerStore(data);
        check(c, data, before, p);
    }
}

}  // namespace

TEST(StoreOpening, EachStateOfTheFolderGetsItsOwnChoice) {
    ForEachFolderCase([](const FolderCase& c, const std::string& data, const std::string& before, PlayerStore& p) {
        // The terminal's banner (the window words the same codes from the catalog: KioskWords.*).
        const std::string banner = p.log_set_aside ? p.notice : Describe(p.not_saving, p.why_not_saving);
        EXPECT_EQ(p.store != nullptr, c.opens) << banner;
        EXPECT_EQ(p.damaged, c.damaged) << banner;
        EXPECT_EQ(p.refused, c.refused);
        EXPECT_EQ(p.damaged, !p.problem.empty()) << "a damaged file says what is wrong with it, and only then";
        if (*c.banner) EXPECT_NE(banner.find(c.banner), std::string::npos) << banner;
        else EXPECT_EQ(banner, "");
        // The screens say it in the interface's language from the kind and the store's own words.
        const bool not_saving = banner.find("NOT being saved") != std::string::npos;
        EXPECT_EQ(p.not_saving != NotSaving::No, not_saving) << banner;
        if (not_saving) { EXPECT_NE(banner.find(p.why_not_saving), std::string::npos) << banner; }
        if (not_saving) { EXPECT_FALSE(p.why_not_saving.empty()); }
        // ... and as a code with its file or folder, for the interface to word (KioskWords.*).
        if (not_saving || p.damaged) {
            EXPECT_NE(p.problem_code, StoreProblem::None) << banner;
            EXPECT_FALSE(p.problem_path.empty()) << banner;
            EXPECT_NE(p.why_not_saving.find(p.problem_path), std::string::npos) << ToString(p.problem_code) << ": " << banner;
        }
        if (c.left_untouched) { EXPECT_TRUE(ReadFile(ProgressDbPath(data)) == before) << "a file the player could not use is never written"; }
        // A file the player did not open and did not change: the banner says so, in those words.
        if (c.left_untouched && !c.opens) {
            EXPECT_EQ(p.not_saving, NotSaving::FileUntouched) << banner;
            EXPECT_NE(banner.find("The file was left untouched."), std::string::npos) << banner;
        }
        struct stat st {};
        ASSERT_EQ(::stat(data.c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0700u) << "the folder holds PIN hashes";
    });
}

TEST(StoreOpening, ASecondLecternOnTheSameFolderIsRefused) {
    TempDir dir;
    const std::string data = dir.Sub("data");
    { MakeStore(data, "Ana"); }
    // The first Lectern is another process (as a first window would be): it opens the folder,
    // says so, and keeps it open until this one has tried.
    int opened[2], done[2];
    ASSERT_EQ(::pipe(opened), 0);
    ASSERT_EQ(::pipe(done), 0);
    pid_t pid = ::fork();
    if (pid == 0) {
        PlayerStore first = OpenPlayerStore(data);
        char c = first.store ? 'y' : 'n';
        if (::write(opened[1], &c, 1) != 1) ::_exit(2);
        if (::read(done[0], &c, 1) != 1) ::_exit(3);
        ::_exit(0);
    }
    char c = 0;
    ASSERT_EQ(::read(opened[0], &c, 1), 1);
    ASSERT_EQ(c, 'y') << "the first Lectern opened the store";
    PlayerStore second = OpenPlayerStore(data);
    EXPECT_TRUE(second.refused);
    EXPECT_FALSE(second.store);
    EXPECT_FALSE(second.refusal.empty());
    EXPECT_FALSE(second.log.empty()) << "said on the terminal";
    EXPECT_FALSE(second.damaged) << "a busy file is not offered to be moved aside";
    MoveAsideOutcome out = MoveDamagedStoreAside(second, data, kNow);
    ASSERT_FALSE(out.ok());
    EXPECT_TRUE(out.error().not_damaged);
    if (::write(done[1], "x", 1) != 1) ADD_FAILURE() << "could not tell the first Lectern to end";
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    PlayerStore later = OpenPlayerStore(data);
    EXPECT_TRUE(later.store) << "once the first has closed, the folder opens: " << later.why_not_saving;
}

TEST(StoreOpening, OnlyADamagedFileIsMovedAsideAndTheFolderStartsAfresh) {
    ForEachFolderCase([](const FolderCase& c, const std::string& data, const std::string& before, PlayerStore& p) {
        MoveAsideOutcome out = MoveDamagedStoreAside(p, data, kNow);
        ASSERT_EQ(out.ok(), c.damaged) << (out ? std::string() : Describe(out.error()));
        if (!c.damaged) {
            EXPECT_TRUE(out.error().not_damaged);
            if (c.left_untouched) { EXPECT_TRUE(ReadFile(ProgressDbPath(data)) == before) << "a usable or busy file stays where it is"; }
            EXPECT_EQ(p.store != nullptr, c.opens) << "nothing changed for the running player";
            return;
        }
        EXPECT_TRUE(ReadFile(lectern::os::Utf8(*out)) == before) << "the damaged file is kept, byte for byte";
        ASSERT_TRUE(p.store) << "a fresh store in its place: " << Describe(p.not_saving, p.why_not_saving);
        EXPECT_FALSE(p.damaged);
        EXPECT_EQ(p.problem, "");
        EXPECT_EQ(p.not_saving, NotSaving::No) << "progress is saved again";
        EXPECT_FALSE(p.log_set_aside);
        EXPECT_TRUE(p.store->Learners().empty());
    });
}

TEST(StoreOpening, AMoveAsideThatFailsSaysWhyAndKeepsTheDamagedState) {
    TempDir dir;
    const std::string data = dir.Sub("data");
    std::filesystem::create_directories(data);
    WriteFile(ProgressDbPath(data), "not a database");
    PlayerStore p = OpenPlayerStore(data);
    ASSERT_TRUE(p.damaged);
    std::filesystem::remove(ProgressDbPath(data));  // gone behind the player's back
    MoveAsideOutcome out = MoveDamagedStoreAside(p, data, kNow);
    ASSERT_FALSE(out.ok());
    EXPECT_FALSE(out.error().not_damaged);
    EXPECT_EQ(out.error().file.code, lectern::os::FileErrorCode::Missing);
    EXPECT_EQ(out.error().file.path, lectern::os::Path(ProgressDbPath(data)));
    EXPECT_TRUE(p.damaged) << "still offered, still not saving";
    EXPECT_FALSE(p.store);
}
