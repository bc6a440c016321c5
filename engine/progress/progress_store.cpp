#include "progress/progress_store.h"

#include "os/files.h"
#include "os/system.h"
#include "text/unicode.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <algorithm>
#include <climits>
#include <cstdio>
#include <functional>
#include <mutex>
#include <set>
#include <utility>

#include "course/model.h"

namespace lectern {

namespace {

// ---- schema -------------------------------------------------------------------------------------
// Migrations are append-only: a released step is never edited, because files written by that
// release already carry its result. Each runs inside the same IMMEDIATE transaction as the
// user_version bump, so a crash mid-migration leaves the previous version intact.

const char* const kSchemaV1 = R"sql(
CREATE TABLE learners(
    id INTEGER PRIMARY KEY,
    display_name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,   -- display_name trimmed and case-folded: uniqueness ignores case
    created_ms INTEGER NOT NULL,
    pin_hash TEXT                    -- null: no PIN (filled by the PIN feature)
);
CREATE TABLE page_views(
    id INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL,
    page_id TEXT NOT NULL,
    viewed_ms INTEGER NOT NULL
);
CREATE INDEX page_views_by_item ON page_views(learner_id, course_id, page_id);
CREATE TABLE answers(
    id INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK(kind IN ('check', 'quiz', 'scenario')),
    container_id TEXT NOT NULL,      -- page (check), quiz (quiz) or scenario (scenario) id
    item_id TEXT NOT NULL,           -- question id or scenario node id
    attempt_number INTEGER,          -- quiz answers only
    response TEXT NOT NULL,          -- opaque to the store
    correct INTEGER,
    score REAL,
    max_score REAL,
    answered_ms INTEGER NOT NULL
);
CREATE INDEX answers_by_item ON answers(learner_id, course_id, kind, item_id);
CREATE TABLE attempts(
    id INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL,
    quiz_id TEXT NOT NULL,
    attempt_number INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    started_ms INTEGER NOT NULL,
    state_json TEXT NOT NULL,        -- opaque: the whole attempt, rewritten after every answer
    saved_ms INTEGER NOT NULL,
    ended_ms INTEGER,                -- null until submitted
    score_raw REAL,
    score_max REAL,
    passed INTEGER,
    UNIQUE(learner_id, course_id, quiz_id, attempt_number)
);
CREATE TABLE scenario_endings(
    id INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    ending_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    path_json TEXT NOT NULL,
    reached_ms INTEGER NOT NULL
);
CREATE INDEX scenario_endings_by_item ON scenario_endings(learner_id, course_id, scenario_id);
CREATE TABLE locations(
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL,
    page_id TEXT NOT NULL,
    quiz_id TEXT NOT NULL,
    question_index INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY(learner_id, course_id)
);
CREATE TABLE time_on_task(
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL,
    item_type TEXT NOT NULL,
    item_id TEXT NOT NULL,
    active_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY(learner_id, course_id, item_id)
);
)sql";

// v2: per-learner settings (display preferences follow the learner, anchors-features ask 5);
// a store id so exported statement ids and actors are unique across kiosks; time indexes so
// "export --since" does not scan every row.
const char* const kMigrateV2 = R"sql(
CREATE TABLE learner_settings(
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY(learner_id, key)
);
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta(key, value)
SELECT 'store_id', lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' ||
                         substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' ||
                         substr(h, 21, 12))
FROM (SELECT hex(randomblob(16)) AS h);
CREATE INDEX page_views_by_time ON page_views(viewed_ms);
CREATE INDEX answers_by_time ON answers(answered_ms);
)sql";

struct Migration {
    int to_version;
    const char* sql;
};
const Migration kMigrations[] = {{1, kSchemaV1}, {2, kMigrateV2}};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kProgressSchemaVersion,
              "one migration per schema version");

// ---- small helpers ------------------------------------------------------------------------------

enum class Fault { None, NotDb, Busy, NoWrite, Full, Io };

Fault Classify(int rc) {
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: return Fault::None;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return Fault::NotDb;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Fault::Busy;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH: return Fault::NoWrite;
    case SQLITE_FULL: return Fault::Full;
    default: return Fault::Io;
    }
}

// Whether the connection's last error was a full disk.
bool DiskFullIn(sqlite3* db) {
    if (!db) return false;
    const int os_error = sqlite3_system_errno(db);
#ifdef _WIN32
    if (os_error == 112 || os_error == 39) return true;  // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
#endif
    return (sqlite3_extended_errcode(db) & 0xff) == SQLITE_FULL || os_error == ENOSPC;
}

std::string ErrMsg(sqlite3* db, int rc) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return msg + " (sqlite code " + std::to_string(rc) + ")";
}

WriteResult FromRc(sqlite3* db, int rc) {
    StoreFailure f{StoreError::None, ErrMsg(db, rc)};
    int ext = db ? sqlite3_extended_errcode(db) : rc;
    switch (Classify(rc)) {
    case Fault::None: break;
    case Fault::Busy: f.code = StoreError::Busy; break;
    case Fault::NoWrite: f.code = StoreError::NotSaving; break;
    case Fault::Full: f.code = StoreError::DiskFull; break;
    case Fault::NotDb: f.code = StoreError::Corrupt; break;
    case Fault::Io: f.code = StoreError::Io; break;
    }
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        f.code = ext == SQLITE_CONSTRAINT_FOREIGNKEY ? StoreError::UnknownLearner : StoreError::InvalidArgument;
    }
    if (f.code == StoreError::None) return int64_t{0};
    return WriteResult::Fail(std::move(f));
}

WriteResult Fail(StoreError error, std::string message) { return WriteResult::Fail({error, std::move(message)}); }

bool FileExists(const std::string& path) { return os::Stat(path).exists(); }

std::string ParentDir(const std::string& path) {
    auto slash = os::LastSeparator(path);
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

// A file or folder we may write into (root passes everywhere except on read-only mounts; SQLite
// then decides).
bool Writable(const std::string& path) { return os::Writable(path); }

int Exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

// Reads one integer from a query; returns the SQLite code of the failure, or SQLITE_OK.
int QueryInt(sqlite3* db, const char* sql, int64_t& out) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            out = sqlite3_column_int64(stmt, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(stmt);
    return rc;
}

int QueryText(sqlite3* db, const char* sql, std::string& out) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    out.clear();
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(stmt, 0);
            if (!out.empty()) out += "\n";
            out += text ? reinterpret_cast<const char*>(text) : "";
        }
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

// Runs every pending migration in one IMMEDIATE transaction. `version` is re-read inside the
// transaction: another process may have migrated between our first look and the lock.
int Migrate(sqlite3* db, int64_t& version) {
    int rc = Exec(db, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK) return rc;
    rc = QueryInt(db, "PRAGMA user_version", version);
    if (rc == SQLITE_OK && version < kProgressSchemaVersion) {
        for (const Migration& m : kMigrations) {
            if (m.to_version <= version) continue;
            rc = Exec(db, m.sql);
            if (rc != SQLITE_OK) break;
        }
        if (rc == SQLITE_OK) {
            std::string bump = "PRAGMA user_version = " + std::to_string(kProgressSchemaVersion);
            rc = Exec(db, bump.c_str());
        }
    }
    if (rc == SQLITE_OK) rc = Exec(db, "COMMIT");
    if (rc != SQLITE_OK) {
        if (!sqlite3_get_autocommit(db)) Exec(db, "ROLLBACK");
        return rc;
    }
    if (version < kProgressSchemaVersion) version = kProgressSchemaVersion;
    return SQLITE_OK;
}

// ---- display names ------------------------------------------------------------------------------

// Trims the name (NFC, white space at either end removed) and makes its uniqueness key: the one
// comparison key Lectern uses for every "same text" question (text/unicode.h), so "Ана" and "АНА",
// "José" typed with a combining accent and "JOSÉ" are one learner. False when the name is unusable.
bool NormaliseName(const std::string& name, std::string& trimmed, std::string& key, std::string& why) {
    if (!unicode::IsValidUtf8(name)) {
        why = "the name is not valid UTF-8";
        return false;
    }
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f) {
            why = "the name contains a control character";
            return false;
        }
    key = unicode::ComparisonKey(name);
    if (key.empty()) {
        why = "the name is empty";
        return false;
    }
    const std::string nfc = unicode::Nfc(name);
    // Trim what ComparisonKey ignores at either end: ASCII and Unicode spaces (NBSP, ideographic).
    static const char* const kSpaces[] = {" ", "\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x8B", "\xE2\x80\xAF"};
    size_t begin = 0, end = nfc.size();
    for (bool again = true; again;) {
        again = false;
        for (const char* sp : kSpaces) {
            const size_t n = std::strlen(sp);
            if (end - begin >= n && nfc.compare(begin, n, sp) == 0) begin += n, again = true;
            if (end - begin >= n && nfc.compare(end - n, n, sp) == 0) end -= n, again = true;
        }
    }
    trimmed = nfc.substr(begin, end - begin);
    if (unicode::CodepointCount(trimmed) > 80) {
        why = "the name is longer than 80 characters";
        return false;
    }
    return true;
}

// ---- statement binding --------------------------------------------------------------------------

// Resets a cached statement when the call that used it returns, however it returns.
struct StmtScope {
    sqlite3_stmt* stmt;
    explicit StmtScope(sqlite3_stmt* s) : stmt(s) {}
    ~StmtScope() {
        if (stmt) {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
        }
    }
    StmtScope(const StmtScope&) = delete;
    StmtScope& operator=(const StmtScope&) = delete;
};

void Bind(sqlite3_stmt* s, int i, int64_t v) { sqlite3_bind_int64(s, i, v); }
void Bind(sqlite3_stmt* s, int i, int v) { sqlite3_bind_int64(s, i, v); }
void Bind(sqlite3_stmt* s, int i, double v) { sqlite3_bind_double(s, i, v); }
void Bind(sqlite3_stmt* s, int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}
void Bind(sqlite3_stmt* s, int i, const char* v) { sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT); }
template <typename T>
void Bind(sqlite3_stmt* s, int i, const std::optional<T>& v) {
    if (v) {
        Bind(s, i, *v);
    } else {
        sqlite3_bind_null(s, i);
    }
}
void Bind(sqlite3_stmt* s, int i, const std::optional<bool>& v) {
    if (v) {
        sqlite3_bind_int(s, i, *v ? 1 : 0);
    } else {
        sqlite3_bind_null(s, i);
    }
}

template <typename... Args>
void BindAll(sqlite3_stmt* s, const Args&... args) {
    int i = 0;
    (Bind(s, ++i, args), ...);
}

std::string ColText(sqlite3_stmt* s, int i) {
    const unsigned char* t = sqlite3_column_text(s, i);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(s, i)))
             : std::string();
}
int64_t ColInt(sqlite3_stmt* s, int i) { return sqlite3_column_int64(s, i); }
bool ColNull(sqlite3_stmt* s, int i) { return sqlite3_column_type(s, i) == SQLITE_NULL; }
std::optional<double> ColOptDouble(sqlite3_stmt* s, int i) {
    if (ColNull(s, i)) return std::nullopt;
    return sqlite3_column_double(s, i);
}
std::optional<int64_t> ColOptInt(sqlite3_stmt* s, int i) {
    if (ColNull(s, i)) return std::nullopt;
    return sqlite3_column_int64(s, i);
}

AnswerKind AnswerKindFrom(const std::string& s) {
    if (s == "quiz") return AnswerKind::Quiz;
    if (s == "scenario") return AnswerKind::Scenario;
    return AnswerKind::Check;
}

ItemType ItemTypeFrom(const std::string& s) {
    static const ItemType kAll[] = {ItemType::Page,   ItemType::Question, ItemType::Quiz,  ItemType::Scenario,
                                    ItemType::Lesson, ItemType::Module,   ItemType::Course};
    for (ItemType t : kAll) {
        if (s == ToString(t)) return t;
    }
    return ItemType::Page;
}

std::optional<LearnerId> FilterLearner(const EventFilter& f) { return f.learner; }

WriteResult CheckIds(LearnerId learner, const std::string& course_id, const std::string& item_id,
                     int64_t now_ms) {
    if (learner <= 0) return Fail(StoreError::UnknownLearner, "no learner id");
    if (course_id.empty()) return Fail(StoreError::InvalidArgument, "empty course id");
    if (item_id.empty()) return Fail(StoreError::InvalidArgument, "empty item id");
    if (now_ms < 0) return Fail(StoreError::InvalidArgument, "negative time");
    return int64_t{0};
}

}  // namespace

// ---- public free functions ----------------------------------------------------------------------

const char* ToString(OpenStatus status) {
    switch (status) {
    case OpenStatus::Ok: return "ok";
    case OpenStatus::CannotWrite: return "cannot-write";
    case OpenStatus::Corrupt: return "corrupt";
    case OpenStatus::TooNew: return "too-new";
    case OpenStatus::Locked: return "locked";
    case OpenStatus::IoError: return "io-error";
    }
    return "?";
}

const char* ToString(StoreProblem problem) {
    switch (problem) {
    case StoreProblem::None: return "none";
    case StoreProblem::NotAFile: return "not-a-file";
    case StoreProblem::FolderNotMade: return "folder-not-made";
    case StoreProblem::FolderReadOnly: return "folder-read-only";
    case StoreProblem::FileReadOnly: return "file-read-only";
    case StoreProblem::NotADatabase: return "not-a-database";
    case StoreProblem::Damaged: return "damaged";
    case StoreProblem::TooNew: return "too-new";
    case StoreProblem::OtherWriter: return "other-writer";
    case StoreProblem::Busy: return "busy";
    case StoreProblem::WriteAheadLog: return "write-ahead-log";
    case StoreProblem::NoWriteAheadLog: return "no-write-ahead-log";
    case StoreProblem::DiskFull: return "disk-full";
    case StoreProblem::Unreadable: return "unreadable";
    }
    return "?";
}

const char* ToString(StoreError error) {
    switch (error) {
    case StoreError::None: return "none";
    case StoreError::NotSaving: return "not-saving";
    case StoreError::Busy: return "busy";
    case StoreError::DiskFull: return "disk-full";
    case StoreError::Io: return "io";
    case StoreError::Corrupt: return "corrupt";
    case StoreError::UnknownLearner: return "unknown-learner";
    case StoreError::DuplicateName: return "duplicate-name";
    case StoreError::NotFound: return "not-found";
    case StoreError::InvalidArgument: return "invalid-argument";
    }
    return "?";
}

const char* ToString(AnswerKind kind) {
    switch (kind) {
    case AnswerKind::Check: return "check";
    case AnswerKind::Quiz: return "quiz";
    case AnswerKind::Scenario: return "scenario";
    }
    return "check";
}

const char* ToString(ItemType type) {
    switch (type) {
    case ItemType::Page: return "page";
    case ItemType::Question: return "question";
    case ItemType::Quiz: return "quiz";
    case ItemType::Scenario: return "scenario";
    case ItemType::Lesson: return "lesson";
    case ItemType::Module: return "module";
    case ItemType::Course: return "course";
    }
    return "page";
}

std::string DefaultDataDir() { return os::DefaultDataDir(); }

std::string ProgressDbPath(const std::string& data_dir) {
    if (!data_dir.empty() && data_dir.back() == '/') return data_dir + "progress.sqlite3";
    return data_dir + "/progress.sqlite3";
}

MoveAsideResult MoveAside(const std::string& db_path, int64_t now_ms) {
    if (!FileExists(db_path)) return MoveAsideResult::Fail({os::FileErrorCode::Missing, os::Path(db_path), 0, {}});
    tm utc = os::UtcTime(static_cast<time_t>(now_ms / 1000));
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    // Never overwrite an earlier bad file: that one may be the only copy of someone's work.
    std::string base = db_path + ".bad-" + stamp;
    for (int n = 1; FileExists(base) || FileExists(base + "-wal") || FileExists(base + "-shm"); ++n) {
        base = db_path + ".bad-" + stamp + "-" + std::to_string(n);
    }
    // The -wal may hold the newest committed data, so it moves with the database under the
    // matching name; the -shm is only an index, but moving it keeps the folder tidy.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        std::string from = db_path + suffix;
        int err = 0;
        if (FileExists(from) && !os::Rename(from, base + suffix, &err))
            return MoveAsideResult::Fail({os::FileErrorCode::CannotRename, os::Path(from), err, os::Path(base + suffix)});
    }
    if (int err = 0; !os::Rename(db_path, base, &err))
        return MoveAsideResult::Fail({os::FileErrorCode::CannotRename, os::Path(db_path), err, os::Path(base)});
    // Make the renames durable before anyone creates a fresh database in their place.
    os::SyncFolder(ParentDir(db_path));
    return os::Path(base);
}

// ---- opening ------------------------------------------------------------------------------------

namespace {

// The code a refusal shows when the site says nothing more precise.
StoreProblem ProblemOf(OpenStatus status) {
    switch (status) {
    case OpenStatus::Ok: return StoreProblem::None;
    case OpenStatus::Corrupt: return StoreProblem::Damaged;
    case OpenStatus::TooNew: return StoreProblem::TooNew;
    case OpenStatus::Locked: return StoreProblem::Busy;
    case OpenStatus::CannotWrite: return StoreProblem::FileReadOnly;
    case OpenStatus::IoError: return StoreProblem::Unreadable;
    }
    return StoreProblem::Unreadable;
}

OpenResult Refuse(OpenStatus status, std::string message, int found_version = 0, StoreProblem problem = StoreProblem::None,
                  std::string path = {}) {
    OpenResult r;
    r.status = status;
    r.message = std::move(message);
    r.found_version = found_version;
    r.problem = problem == StoreProblem::None ? ProblemOf(status) : problem;
    r.problem_path = std::move(path);
    return r;
}

OpenStatus StatusFor(Fault f) {
    switch (f) {
    case Fault::NotDb: return OpenStatus::Corrupt;
    case Fault::Busy: return OpenStatus::Locked;
    case Fault::NoWrite: return OpenStatus::CannotWrite;
    default: return OpenStatus::IoError;
    }
}

void SetPragmas(sqlite3* db, int busy_timeout_ms) {
    sqlite3_busy_timeout(db, busy_timeout_ms);
    Exec(db, "PRAGMA foreign_keys = ON");
}

int64_t FileSize(const std::string& path) {
    os::FileInfo info = os::Stat(path);
    return info.exists() ? info.size : -1;
}

uint32_t BigEndian(const unsigned char* p, int bytes) {
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
    return v;
}

// The cheap check every open makes, from the 100-byte header SQLite documents (fileformat2):
// a copy cut short keeps a header that promises more pages than the file holds. Only trusted
// when no write-ahead log has content: until recovery, the log may hold the newest pages.
std::string HeaderProblem(const std::string& path) {
    int64_t size = FileSize(path);
    if (size <= 0) return "";  // new or empty: SQLite initialises it
    if (size < 100) return "too short to be a database (" + std::to_string(size) + " bytes)";
    unsigned char header[100];
    os::ReadOnlyFile file(path);
    if (!file.ok()) return "";  // unreadable: let SQLite report it
    if (file.ReadAt(0, header, sizeof header) != static_cast<int64_t>(sizeof header)) return "";
    if (std::memcmp(header, "SQLite format 3", 16) != 0) return "not a SQLite database";
    uint32_t page_size = BigEndian(header + 16, 2);
    if (page_size == 1) page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0) return "impossible page size in the header";
    if (FileSize(path + "-wal") > 0) return "";
    uint32_t change_counter = BigEndian(header + 24, 4);
    uint32_t pages = BigEndian(header + 28, 4);
    uint32_t valid_for = BigEndian(header + 92, 4);
    if (pages > 0 && valid_for == change_counter &&
        static_cast<int64_t>(pages) * page_size > size) {
        return "truncated: the header promises " + std::to_string(static_cast<int64_t>(pages) * page_size) +
               " bytes, the file has " + std::to_string(size);
    }
    if (size % page_size != 0) return "truncated: the size is not a whole number of pages";
    return "";
}

// Checks the file we can read. Returns Ok with `version` set, or the failure.
OpenStatus Inspect(sqlite3* db, int64_t full_check_max_bytes, const std::string& path, int64_t& version,
                   std::string& message) {
    if (std::string problem = HeaderProblem(path); !problem.empty()) {
        message = path + " is damaged: " + problem;
        return OpenStatus::Corrupt;
    }
    // Reading the schema parses every CREATE statement: a damaged first page fails here.
    int64_t objects = 0;
    if (int rc = QueryInt(db, "SELECT count(*) FROM sqlite_master", objects); rc != SQLITE_OK) {
        message = path + ": " + ErrMsg(db, rc);
        return StatusFor(Classify(rc));
    }
    int rc = QueryInt(db, "PRAGMA user_version", version);
    if (rc != SQLITE_OK) {
        message = path + ": " + ErrMsg(db, rc);
        return StatusFor(Classify(rc));
    }
    if (version > kProgressSchemaVersion) {
        message = path + " was written by a newer Lectern (schema " + std::to_string(version) +
                  ", this build knows " + std::to_string(kProgressSchemaVersion) + "); progress is not saved";
        return OpenStatus::TooNew;
    }
    int64_t size = FileSize(path);
    bool full = full_check_max_bytes < 0 || (size >= 0 && size <= full_check_max_bytes);
    if (full && version > 0) {
        std::string check;
        rc = QueryText(db, "PRAGMA quick_check", check);
        if (rc != SQLITE_OK || check != "ok") {
            message = path + " is damaged: " + (rc != SQLITE_OK ? ErrMsg(db, rc) : check);
            Fault f = Classify(rc);
            return f == Fault::Busy ? OpenStatus::Locked : f == Fault::NoWrite ? OpenStatus::CannotWrite
                                                                                : OpenStatus::Corrupt;
        }
    }
    return OpenStatus::Ok;
}

// A read-only store always presents the current schema: an older file is copied into memory
// and migrated there, so every read works and nothing touches the file.
sqlite3* MemoryCopy(sqlite3* source, int& rc) {
    sqlite3* mem = nullptr;
    rc = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_close(mem);
        return nullptr;
    }
    if (source) {
        sqlite3_backup* backup = sqlite3_backup_init(mem, "main", source, "main");
        if (!backup) {
            rc = sqlite3_errcode(mem);
            sqlite3_close(mem);
            return nullptr;
        }
        sqlite3_backup_step(backup, -1);
        rc = sqlite3_backup_finish(backup);
        if (rc != SQLITE_OK) {
            sqlite3_close(mem);
            return nullptr;
        }
    }
    int64_t version = 0;
    rc = Migrate(mem, version);
    if (rc != SQLITE_OK) {
        sqlite3_close(mem);
        return nullptr;
    }
    return mem;
}

// A copy of a database and its log in a fresh folder under the temp dir, removed on scope exit.
// Used only to read a crash image that cannot be recovered in place.
struct PrivateCopy {
    std::string dir;
    std::string db_path;

    bool Make(const std::string& source) {
        dir = os::MakeTempFolder("lectern-recover");
        if (dir.empty()) return false;
        std::string target = dir + "/progress.sqlite3";
        if (!CopyFile(source, target) || !CopyFile(source + "-wal", target + "-wal")) return false;
        db_path = target;
        return true;
    }
    ~PrivateCopy() {
        if (dir.empty()) return;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) os::RemoveFile(dir + "/progress.sqlite3" + suffix);
        os::RemoveEmptyFolder(dir);
    }

    static bool CopyFile(const std::string& from, const std::string& to) {
        std::string error;
        return os::CopyDurably(from, to, error);
    }
};

// ---- special files, the writer lock, and vetting a write-ahead log ------------------------------

// What the path is when it is not a regular file (or a missing one), else empty. stat, not open:
// opening a FIFO blocks until someone writes to it, which is how lectern-progress used to hang.
std::string NotRegularReason(const std::string& path) { return os::NotRegularReason(os::Stat(path)); }

// Identity and last change of a file: equal stamps mean nobody wrote or replaced it in between.
struct FileStamp {
    bool exists = false;
    uint64_t dev = 0;
    uint64_t ino = 0;
    int64_t size = 0;
    int64_t mtime_ns = 0, ctime_ns = 0;
    bool operator==(const FileStamp& o) const {
        return exists == o.exists && dev == o.dev && ino == o.ino && size == o.size && mtime_ns == o.mtime_ns &&
               ctime_ns == o.ctime_ns;
    }
    bool operator!=(const FileStamp& o) const { return !(*this == o); }
};

FileStamp StampOf(const std::string& path) {
    FileStamp s;
    os::FileInfo info = os::Stat(path);
    if (!info.exists()) return s;
    s.exists = true;
    s.dev = info.device;
    s.ino = info.inode;
    s.size = info.size;
    s.mtime_ns = info.mtime_ns;
    s.ctime_ns = info.ctime_ns;
    return s;
}

void SyncDir(const std::string& dir) { os::SyncFolder(dir); }

// Copies a file to a new name (never over an existing one) and syncs it: the copy may be the
// only record of someone's work.
bool CopyDurably(const std::string& from, const std::string& to, std::string& error) {
    return os::CopyDurably(from, to, error);
}

std::string UtcStamp(int64_t now_ms) {
    tm utc = os::UtcTime(now_ms >= 0 ? static_cast<time_t>(now_ms / 1000) : std::time(nullptr));
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    return stamp;
}

// <db>.<kind>-<stamp>[-n]: a name no earlier copy (or its -wal/-shm) uses.
std::string FreeCopyName(const std::string& db_path, const char* kind, int64_t now_ms) {
    std::string stamp = UtcStamp(now_ms);
    std::string base = db_path + "." + kind + "-" + stamp;
    for (int n = 1; FileExists(base) || FileExists(base + "-wal") || FileExists(base + "-shm"); ++n) {
        base = db_path + "." + kind + "-" + stamp + "-" + std::to_string(n);
    }
    return base;
}

// A recovered log is also in the database once the store has opened, so its pre-recovery copies
// are a safety net, not a record: the newest few are kept and older ones go, or a kiosk that
// loses power every evening would fill its disk. Copies of logs set aside (.bad-*) are never
// removed.
constexpr int kRecoveredCopiesKept = 5;

void PruneRecoveredCopies(const std::string& db_path) {
    std::string dir = ParentDir(db_path);
    std::string prefix = db_path.substr(os::LastSeparator(db_path) + 1) + ".recovered-";
    std::vector<std::string> bases;
    for (const std::string& name : os::FolderEntries(dir)) {
        if (name.rfind(prefix, 0) != 0) continue;
        if (name.size() > 4 && name.compare(name.size() - 4, 4, "-wal") == 0) continue;
        bases.push_back(dir + "/" + name);
    }
    if (static_cast<int>(bases.size()) <= kRecoveredCopiesKept) return;
    std::sort(bases.begin(), bases.end(), [](const std::string& a, const std::string& b) {
        int64_t ta = os::Stat(a).mtime_ns / 1000000000;
        int64_t tb = os::Stat(b).mtime_ns / 1000000000;
        return ta != tb ? ta < tb : a < b;
    });
    for (size_t i = 0; i + kRecoveredCopiesKept < bases.size(); ++i) {
        os::RemoveFile(bases[i] + "-wal");
        os::RemoveFile(bases[i]);
    }
}

std::string UriFor(const std::string& path, const char* params) {
    std::string uri = "file:";
    for (char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            uri += buf;
        } else {
            uri += c;
        }
    }
    return uri + "?" + params;
}

// What a (possibly recovered) database says about itself; empty strings where it says nothing.
struct StoreTokens {
    bool readable = false;
    std::string store_id, gen, base;
    std::string check;  // quick_check result ("ok") when asked for
};

StoreTokens ReadTokens(sqlite3* db, bool check) {
    StoreTokens t;
    int64_t has_meta = 0;
    if (QueryInt(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'", has_meta) !=
        SQLITE_OK) {
        return t;
    }
    t.readable = true;
    if (has_meta) {
        // NOT INDEXED: the rows are read from the table's own page alone. A checkpoint cut short
        // can leave the table's page and its key index from different transactions (every write
        // replaces rows, so their rowids move), and a lookup through that index finds the file
        // "malformed" although the table itself is whole.
        QueryText(db, "SELECT value FROM meta NOT INDEXED WHERE key = 'store_id'", t.store_id);
        QueryText(db, "SELECT value FROM meta NOT INDEXED WHERE key = 'gen'", t.gen);
        QueryText(db, "SELECT value FROM meta NOT INDEXED WHERE key = 'base'", t.base);
    }
    if (check && QueryText(db, "PRAGMA quick_check", t.check) != SQLITE_OK) t.check = sqlite3_errmsg(db);
    return t;
}

// The frames of a log as the file format documents them (fileformat2 "WAL File Format"): a 32-byte
// header (magic, format, page size, checkpoint sequence, two salts, a checksum of the first 24
// bytes), then frames of a 24-byte header (page number, database size after a commit or 0, the
// header's salts, a running checksum) and one page.
struct WalFile {
    os::ReadOnlyFile file;
    unsigned char header[32] = {};
    int64_t page_size = 0;
    bool header_read = false;

    explicit WalFile(const std::string& path) : file(path) {
        header_read = file.ok() && file.ReadAt(0, header, sizeof header) == static_cast<int64_t>(sizeof header);
        if (header_read) page_size = BigEndian(header + 8, 4);
        if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0) page_size = 0;
    }
    int64_t FrameOffset(int64_t i) const { return 32 + i * (24 + page_size); }
    // The header of frame i (24 bytes), false past the end.
    bool FrameHeader(int64_t i, unsigned char* out) {
        return page_size > 0 && file.ReadAt(FrameOffset(i), out, 24) == 24;
    }
    bool Page(int64_t i, std::string& out) {
        out.assign(static_cast<size_t>(page_size), '\0');
        return page_size > 0 && file.ReadAt(FrameOffset(i) + 24, &out[0], out.size()) == page_size;
    }
    // SQLite's checksum (wal.c walChecksumBytes): pairs of 32-bit words, big-endian when the
    // magic number's low bit is set, else little-endian.
    bool HeaderIsSqlites() const {
        if (!header_read || page_size == 0) return false;
        uint32_t magic = BigEndian(header, 4);
        if ((magic & 0xFFFFFFFEu) != 0x377f0682u || BigEndian(header + 4, 4) != 3007000u) return false;
        bool big = magic & 1;
        uint32_t s1 = 0, s2 = 0;
        for (int i = 0; i < 24; i += 8) {
            uint32_t a = big ? BigEndian(header + i, 4) : LittleEndian(header + i);
            uint32_t b = big ? BigEndian(header + i + 4, 4) : LittleEndian(header + i + 4);
            s1 += a + s2;
            s2 += b + s1;
        }
        return s1 == BigEndian(header + 24, 4) && s2 == BigEndian(header + 28, 4);
    }
    static uint32_t LittleEndian(const unsigned char* p) {
        return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
               static_cast<uint32_t>(p[3]) << 24;
    }
};

// The page numbers of the first `frames` frames of a log (the ones SQLite found valid).
std::set<uint32_t> WalPages(const std::string& wal, int64_t frames) {
    std::set<uint32_t> pages;
    WalFile file(wal);
    unsigned char frame[24];
    for (int64_t i = 0; i < frames && file.FrameHeader(i, frame); ++i) pages.insert(BigEndian(frame, 4));
    return pages;
}

// True when the database file's page `page` is, byte for byte, one of the first `frames` (valid)
// frames of the log: a checkpoint of THIS log copied it there. The meta page carries random
// tokens, so no other log can hold the same bytes.
bool FileHasPageFromLog(const std::string& db_path, const std::string& wal, int64_t frames, uint32_t page) {
    WalFile log(wal);
    if (page == 0 || log.page_size == 0) return false;
    std::string in_file(static_cast<size_t>(log.page_size), '\0');
    os::ReadOnlyFile db(db_path);
    if (!db.ok() || db.ReadAt((static_cast<int64_t>(page) - 1) * log.page_size, &in_file[0], in_file.size()) != log.page_size) {
        return false;
    }
    unsigned char frame[24];
    std::string in_log;
    for (int64_t i = 0; i < frames && log.FrameHeader(i, frame); ++i) {
        if (BigEndian(frame, 4) == page && log.Page(i, in_log) && in_log == in_file) return true;
    }
    return false;
}

// A log in which SQLite finds no complete transaction is either one a session was killed in the
// middle of writing, or a damaged one. SQLite writes a log in order (its header, then each frame's
// header and then its page), so a kill leaves SQLite's own header and frames of one unfinished
// transaction: at most the very last frame written may carry the commit mark, cut off before its
// page was complete. Anything else (a broken header, a committing frame followed by more of the
// same log) is damage: a transaction that was committed no longer reads back.
bool OnlyAnUnfinishedWrite(const std::string& wal) {
    WalFile log(wal);
    if (!log.HeaderIsSqlites()) return false;
    unsigned char frame[24];
    int64_t commits_before_last = 0;
    bool last_commits = false;
    for (int64_t i = 0; log.FrameHeader(i, frame); ++i) {
        if (std::memcmp(frame + 8, log.header + 16, 8) != 0) continue;  // a frame of an earlier, checkpointed log
        commits_before_last += last_commits;
        last_commits = BigEndian(frame + 4, 4) != 0;
    }
    return commits_before_last == 0;
}

struct WalVerdict {
    OpenStatus status = OpenStatus::Ok;  // IoError/CannotWrite: the log could not be examined
    std::string message;
    std::string notice;
    bool set_aside = false;
    std::string file_gen;  // the 'gen' token in the database file itself (empty: none yet)
};

// Moves the log (and its index) aside beside a copy of the database, so SQLite never applies it
// and the pair can still be opened together by whoever investigates.
WalVerdict SetAsideWal(const std::string& db_path, const std::string& why, int64_t now_ms,
                       const std::string& file_gen = "") {
    WalVerdict v;
    v.file_gen = file_gen;
    std::string base = FreeCopyName(db_path, "bad", now_ms);
    std::string error;
    if (FileSize(db_path) > 0 && !CopyDurably(db_path, base, error)) {
        v.status = OpenStatus::CannotWrite;
        v.message = "the write-ahead log beside " + db_path + " " + why + ", and it could not be set aside (" +
                    error + "), so progress is not being saved";
        return v;
    }
    for (const char* suffix : {"-wal", "-shm"}) {
        std::string from = db_path + suffix;
        int err = 0;
        if (FileExists(from) && !os::Rename(from, base + suffix, &err)) {
            v.status = OpenStatus::CannotWrite;
            v.message = "cannot move " + from + " aside: " + os::ErrorText(err) + "; progress is not being saved";
            return v;
        }
    }
    SyncDir(ParentDir(db_path));
    v.set_aside = true;
    v.notice = "A write-ahead log beside " + db_path + " " + why +
               ", so it was NOT applied; it was kept as " + base + "-wal with a copy of the database as " + base;
    return v;
}

// A log holding only the start of a write that a killed session never finished: nothing in it
// was ever saved, so it is not applied and not reported as set aside. The files as they were are
// kept like a recovered log's (the newest few), and the log is removed so the next start is clean.
WalVerdict DiscardUnfinished(const std::string& db_path, int64_t now_ms, const std::string& file_gen) {
    WalVerdict v;
    v.file_gen = file_gen;
    std::string base = FreeCopyName(db_path, "recovered", now_ms);
    std::string error;
    if (!CopyDurably(db_path, base, error) || !CopyDurably(db_path + "-wal", base + "-wal", error)) {
        os::RemoveFile(base);
        v.status = OpenStatus::CannotWrite;
        v.message = "cannot keep a copy of " + db_path + " before removing an unfinished write from its log (" +
                    error + "); nothing was changed and progress is not being saved";
        return v;
    }
    for (const char* suffix : {"-wal", "-shm"}) os::RemoveFile(db_path + suffix);
    SyncDir(ParentDir(db_path));
    PruneRecoveredCopies(db_path);
    v.notice = "Lectern was stopped while it was saving, so the write it had not finished was discarded (" + db_path +
               "-wal); nothing that had been saved was lost. The files as they were are kept as " + base;
    return v;
}

// Decides what to do with <db>-wal before SQLite may see it (the caller holds the writer lock, so
// no live Lectern is using the log). See the header for the scheme.
WalVerdict VetWal(const std::string& db_path, int64_t now_ms) {
    WalVerdict v;
    std::string wal = db_path + "-wal";
    int64_t wal_size = FileSize(wal);
    // SQLite deletes a log found beside an empty or missing database: keep it instead.
    if (wal_size > 0 && FileSize(db_path) <= 0) return SetAsideWal(db_path, "was found without its database", now_ms);
    StoreTokens alone;
    int64_t meta_page = 0;
    if (FileSize(db_path) > 0) {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(UriFor(db_path, "mode=ro&immutable=1").c_str(), &db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK) {
            alone = ReadTokens(db, false);
            QueryInt(db, "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'meta'", meta_page);
        }
        sqlite3_close(db);
    }
    v.file_gen = alone.gen;
    if (wal_size <= 0) return v;
    auto aside = [&](const std::string& why, int64_t when) { return SetAsideWal(db_path, why, when, alone.gen); };
    StoreTokens recovered;
    int64_t frames = 0, recovered_meta_page = 0;
    {
        PrivateCopy copy;
        if (!copy.Make(db_path)) {
            v.status = OpenStatus::CannotWrite;
            v.message = "cannot make a private copy of " + db_path + " to check its write-ahead log (" +
                        std::strerror(errno) + "); nothing was changed and progress is not being saved";
            return v;
        }
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(copy.db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
            recovered = ReadTokens(db, true);
            QueryInt(db, "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'meta'", recovered_meta_page);
            int log = 0, done = 0;
            if (sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done) == SQLITE_OK) {
                frames = log;
            }
        }
        sqlite3_close(db);
    }
    if (frames <= 0) {
        // Nothing in it SQLite can use: a bare header is harmless; a write a killed session never
        // finished held nothing that was saved (a copy is kept with the recovered ones, and the
        // log goes, so the next start finds nothing); anything else is a damaged log that someone
        // may still want to look at.
        if (wal_size <= 32) return v;
        if (OnlyAnUnfinishedWrite(wal)) return DiscardUnfinished(db_path, now_ms, alone.gen);
        return aside("is damaged (SQLite can read no complete transaction from it; what it held may be lost)", now_ms);
    }
    if (!recovered.readable || recovered.check != "ok") {
        return aside("does not fit the database (applying it would damage it: " +
                                        (recovered.readable ? recovered.check : std::string("unreadable")) + ")",
                           now_ms);
    }
    if (!alone.store_id.empty() && !recovered.store_id.empty() && alone.store_id != recovered.store_id) {
        return aside("belongs to another progress database (a database was copied in over it)",
                           now_ms);
    }
    // Every transaction of this scheme rewrites the meta table's one page, so a log written
    // against this file carries that page; without it the tokens below would only be the file's
    // own, read back. A file that never had a token predates the scheme: its log is judged by
    // the checks above alone.
    if (!alone.gen.empty() && meta_page > 0 && !WalPages(wal, frames).count(static_cast<uint32_t>(meta_page))) {
        return aside("was not written by Lectern for this database", now_ms);
    }
    // A checkpoint cut short by a kill has copied some of this log's pages into the file: if the
    // meta page is one of them, the file is this log's, half applied, and only applying the rest
    // makes it whole again (setting the log aside would leave it damaged).
    bool file_has_our_meta = FileHasPageFromLog(db_path, wal, frames, static_cast<uint32_t>(recovered_meta_page));
    bool written_by_scheme = !recovered.base.empty() || !recovered.gen.empty();
    if (written_by_scheme && !file_has_our_meta) {
        // base: the token of the file this log builds on; gen: the token a checkpoint was about
        // to write (a crash mid-checkpoint may already have copied it into the file).
        bool fits = recovered.base.empty() ? (alone.gen.empty() || alone.gen == recovered.gen)
                                           : (alone.gen == recovered.base || alone.gen == recovered.gen);
        if (!fits) {
            return aside("was written against another version of this database (it was replaced or restored "
                         "from a backup since)",
                         now_ms);
        }
    }
    // It belongs: keep the pair as it is now, then let SQLite recover it.
    std::string base = FreeCopyName(db_path, "recovered", now_ms);
    std::string error;
    if (!CopyDurably(db_path, base, error) || !CopyDurably(wal, base + "-wal", error)) {
        os::RemoveFile(base);
        v.status = OpenStatus::CannotWrite;
        v.message = "cannot keep a copy of " + db_path + " before recovering its write-ahead log (" + error +
                    "); nothing was changed and progress is not being saved";
        return v;
    }
    SyncDir(ParentDir(db_path));
    PruneRecoveredCopies(db_path);
    v.notice = "Recovered " + std::to_string(frames) + " pages of changes a session did not close cleanly (" + db_path +
               "-wal); the files as they were before are kept as " + base;
    return v;
}

}  // namespace

// One per database file per process: the writer lock (os::FileLock on <db>.lock, which the system
// drops when the process dies) and what the file is expected to look like between checkpoints.
struct ProgressStore::SharedFile {
    std::string lock_path;
    std::unique_ptr<os::FileLock> lock;
    std::mutex mutex;      // guards the fields below
    std::string base;      // the 'gen' token the database file holds now
    FileStamp stamp;       // the file as the last checkpoint left it
};

namespace {

std::mutex g_shared_mutex;
std::map<std::string, std::weak_ptr<ProgressStore::SharedFile>> g_shared;  // by lock path

// Takes (or shares, within this process) the writer lock for db_path. Empty result + message
// when another process holds it or the lock file cannot be made.
std::shared_ptr<ProgressStore::SharedFile> AcquireWriter(const std::string& db_path, OpenStatus& status,
                                                         std::string& message, long& holder) {
    std::string lock_path = db_path + ".lock";
    std::string dir = ParentDir(db_path);
    if (std::string real = os::RealFolder(dir); !real.empty()) lock_path = real + db_path.substr(dir.size()) + ".lock";
    std::lock_guard<std::mutex> guard(g_shared_mutex);
    if (auto existing = g_shared[lock_path].lock()) return existing;
    if (std::string odd = NotRegularReason(lock_path); !odd.empty()) {
        status = OpenStatus::IoError;
        message = lock_path + " is " + odd + ", not a lock file; Lectern will not open it";
        return nullptr;
    }
    os::FileLock::Status lock_status = os::FileLock::Status::Error;
    long pid = 0;
    std::string error;
    std::unique_ptr<os::FileLock> lock = os::FileLock::TryAcquire(lock_path, lock_status, pid, error);
    if (lock_status == os::FileLock::Status::Error) {
        status = OpenStatus::CannotWrite;
        message = "cannot create the lock file " + lock_path + ": " + error;
        return nullptr;
    }
    if (lock_status == os::FileLock::Status::Busy) {
        holder = pid;
        status = OpenStatus::Locked;
        message = "Lectern is already open with this progress folder" +
                  (pid > 0 ? " (process " + std::to_string(pid) + ")" : std::string()) +
                  "; close it first (" + db_path + ")";
        return nullptr;
    }
    auto shared = std::make_shared<ProgressStore::SharedFile>();
    shared->lock_path = lock_path;
    shared->lock = std::move(lock);
    g_shared[lock_path] = shared;
    return shared;
}

}  // namespace

OpenResult ProgressStore::Open(const std::string& db_path, const OpenOptions& options) {
    FileStamp before = StampOf(db_path);
    OpenResult r = OpenFile(db_path, options);
    r.db_unchanged = StampOf(db_path) == before;
    return r;
}

OpenResult ProgressStore::OpenFile(const std::string& db_path, const OpenOptions& options) {
    if (db_path.empty()) return Refuse(OpenStatus::IoError, "no progress database path");
    // Every refusal below names the database file unless it says otherwise.
    auto refuse = [&](OpenStatus status, std::string message, int found_version = 0, StoreProblem problem = StoreProblem::None,
                      std::string path = {}) {
        return Refuse(status, std::move(message), found_version, problem, path.empty() ? db_path : path);
    };
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::string path = db_path + suffix;
        if (std::string odd = NotRegularReason(path); !odd.empty()) {
            return refuse(OpenStatus::IoError, path + " is " + odd + ", not a progress database; Lectern will not open it", 0,
                          StoreProblem::NotAFile, path);
        }
    }
    bool exists = FileExists(db_path);
    // A file that is no database at all (random bytes, a copy cut short) is refused before
    // anything touches it, its mode included, so the player can say it was left untouched.
    if (exists) {
        if (std::string problem = HeaderProblem(db_path); !problem.empty()) {
            return refuse(OpenStatus::Corrupt, db_path + " is damaged: " + problem, 0, StoreProblem::NotADatabase);
        }
    }
    std::string why_not_saving, notice;
    StoreProblem why_code = StoreProblem::None;
    std::string why_path = db_path;
    bool wal_set_aside = false;
    std::shared_ptr<SharedFile> shared;
    std::string file_gen;

    // ---- read-write ----
    if (!options.read_only) {
        std::string dir = ParentDir(db_path);
        // Missing folders are made 0700: progress is personal data (the XDG spec asks for 0700 too).
        if (os::WriteResult made = os::MakePrivateFolder(dir); !made) {
            why_not_saving = os::Describe(made.error());
            why_code = StoreProblem::FolderNotMade;
            why_path = dir;
        } else if (!Writable(dir)) {
            // SQLite must create -wal and -shm beside the file; without that it cannot commit.
            why_not_saving = "the folder " + dir + " is read-only";
            why_code = StoreProblem::FolderReadOnly;
            why_path = dir;
        } else if (exists && !Writable(db_path)) {
            why_not_saving = db_path + " is read-only";
            why_code = StoreProblem::FileReadOnly;
        } else if (os::WriteResult p = os::MakePrivateFile(db_path); !p) {
            // Created here, 0600, before SQLite would create it 0644: it holds PIN hashes and
            // everyone's progress. SQLite gives -wal and -shm the database file's mode.
            return refuse(OpenStatus::IoError, os::Describe(p.error()));
        } else {
            exists = true;
        }
    }
    if (!options.read_only && why_not_saving.empty()) {
        // One writer per folder, and nothing looks at the log before the lock is ours: moving a
        // live writer's log aside would lose its work.
        OpenStatus lock_status = OpenStatus::Ok;
        std::string lock_message;
        long holder = 0;
        shared = AcquireWriter(db_path, lock_status, lock_message, holder);
        if (!shared && lock_status == OpenStatus::Locked) {
            OpenResult r = refuse(lock_status, lock_message, 0, StoreProblem::OtherWriter);
            r.other_writer = true;
            r.other_writer_pid = holder;
            return r;
        }
        if (!shared && lock_status != OpenStatus::CannotWrite) return refuse(lock_status, lock_message);
        if (!shared) {
            why_not_saving = lock_message;
            why_code = StoreProblem::FolderReadOnly;  // the lock file beside it could not be made
            why_path = ParentDir(db_path);
        }
    }
    if (shared) {
        WalVerdict verdict = VetWal(db_path, options.now_ms);
        file_gen = verdict.file_gen;
        notice = verdict.notice;
        wal_set_aside = verdict.set_aside;
        if (verdict.status != OpenStatus::Ok) {
            why_not_saving = verdict.message;
            why_code = StoreProblem::WriteAheadLog;
            shared.reset();
        }
        if (!notice.empty()) std::fprintf(stderr, "lectern: %s\n", notice.c_str());
    }
    if (shared) {
        sqlite3* db = nullptr;
        int rc = sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (rc == SQLITE_OK) {
            // The store checkpoints itself (see the header): never SQLite behind its back.
            sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
            sqlite3_wal_autocheckpoint(db, 0);
        }
        Fault fault = Classify(rc);
        if (rc == SQLITE_OK && sqlite3_db_readonly(db, "main") == 1) fault = Fault::NoWrite;
        int64_t version = 0;
        OpenStatus status = fault == Fault::None ? OpenStatus::Ok : StatusFor(fault);
        std::string message = fault == Fault::None ? std::string() : db_path + ": " + ErrMsg(db, rc);
        if (status == OpenStatus::Ok) {
            SetPragmas(db, options.busy_timeout_ms);
            status = Inspect(db, options.full_check_max_bytes, db_path, version, message);
        }
        int found_version = static_cast<int>(version);
        StoreProblem shared_problem = StoreProblem::None;
        if (status == OpenStatus::Ok) {
            // journal_mode=WAL answers with the mode now in force; anything but "wal" means the
            // file could not be switched (read-only media, a lock held in exclusive mode).
            std::string mode;
            rc = QueryText(db, "PRAGMA journal_mode = WAL", mode);
            if (rc != SQLITE_OK) {
                status = StatusFor(Classify(rc));
                message = db_path + ": " + ErrMsg(db, rc);
            } else if (mode != "wal") {
                status = OpenStatus::CannotWrite;
                message = db_path + ": cannot use a write-ahead log (journal mode " + mode + ")";
                shared_problem = StoreProblem::NoWriteAheadLog;
            }
        }
        if (status == OpenStatus::Ok) {
            // FULL: the WAL is synced at every commit, so an acknowledged answer survives a power
            // cut, not only a crash of this process.
            Exec(db, "PRAGMA synchronous = FULL");
            rc = Migrate(db, version);
            if (rc != SQLITE_OK) {
                status = StatusFor(Classify(rc));
                message = db_path + ": cannot prepare the schema: " + ErrMsg(db, rc);
            } else if (version > kProgressSchemaVersion) {
                status = OpenStatus::TooNew;  // another process migrated past us meanwhile
                message = db_path + " was written by a newer Lectern";
            }
        }
        if (status == OpenStatus::Ok) {
            OpenResult r;
            r.status = OpenStatus::Ok;
            r.found_version = found_version;
            r.notice = notice;
            r.wal_set_aside = wal_set_aside;
            r.store.reset(new ProgressStore(db, db_path, false));
            r.store->Attach(std::move(shared), file_gen);
            return r;
        }
        // The step that failed was the last to use the connection: a full disk shows in its
        // error (SQLITE_FULL, or the system's ENOSPC behind an I/O error such as the -shm's).
        if (shared_problem == StoreProblem::None && DiskFullIn(db)) shared_problem = StoreProblem::DiskFull;
        sqlite3_close(db);
        shared.reset();
        if (!notice.empty()) message += ". " + notice;
        if (status != OpenStatus::CannotWrite) return refuse(status, message, found_version, shared_problem);
        why_not_saving = message;
        why_code = shared_problem == StoreProblem::None ? StoreProblem::FileReadOnly : shared_problem;
        exists = FileExists(db_path);
    }

    // ---- read-only: asked for, or the only way left ----
    OpenStatus ok_status = options.read_only ? OpenStatus::Ok : OpenStatus::CannotWrite;
    std::string note = options.read_only ? std::string() : why_not_saving + "; progress is not being saved";
    if (!exists) {
        if (options.read_only) return refuse(OpenStatus::IoError, db_path + " does not exist");
        int rc = SQLITE_OK;
        sqlite3* mem = MemoryCopy(nullptr, rc);
        if (!mem) return refuse(OpenStatus::IoError, "cannot create an in-memory store: " + ErrMsg(nullptr, rc));
        OpenResult r;
        r.status = ok_status;
        r.message = note;
        if (!options.read_only) {
            r.problem = why_code == StoreProblem::None ? StoreProblem::Unreadable : why_code;
            r.problem_path = why_path;
        }
        r.store.reset(new ProgressStore(mem, db_path, true));
        return r;
    }
    // Plain read-only first: it sees a live writer's commits. When SQLite cannot use the file
    // in place (a read-only folder without the -shm a WAL file needs), and the log holds commits,
    // a private copy of file + log in the temp folder is recovered and read, so the learner still
    // sees their latest work; with an empty log, immutable=1 reads the file as it stands.
    struct Attempt {
        std::string target;  // URI, or empty for the private copy
        int flags;
    };
    std::vector<Attempt> attempts = {{UriFor(db_path, "mode=ro"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI}};
    if (FileSize(db_path + "-wal") > 0) {
        attempts.push_back({"", SQLITE_OPEN_READWRITE});
    } else {
        attempts.push_back({UriFor(db_path, "mode=ro&immutable=1"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI});
    }
    OpenResult failure = refuse(OpenStatus::IoError, db_path + ": cannot be read");
    for (const Attempt& attempt : attempts) {
        PrivateCopy copy;
        std::string target = attempt.target, checked_path = db_path;
        if (target.empty()) {
            if (!copy.Make(db_path)) break;
            target = checked_path = copy.db_path;
        }
        sqlite3* db = nullptr;
        int rc = sqlite3_open_v2(target.c_str(), &db, attempt.flags, nullptr);
        int64_t version = 0;
        std::string message;
        OpenStatus status = rc == SQLITE_OK ? OpenStatus::Ok : StatusFor(Classify(rc));
        if (status != OpenStatus::Ok) message = db_path + ": " + ErrMsg(db, rc);
        if (status == OpenStatus::Ok) {
            SetPragmas(db, options.busy_timeout_ms);
            status = Inspect(db, options.full_check_max_bytes, checked_path, version, message);
        }
        if (status == OpenStatus::Ok) {
            sqlite3* use = db;
            if (version < kProgressSchemaVersion || !copy.db_path.empty()) {
                use = MemoryCopy(db, rc);  // the private copy is deleted on return
                sqlite3_close(db);
                if (!use) return refuse(OpenStatus::IoError, db_path + ": cannot read: " + ErrMsg(nullptr, rc));
            }
            OpenResult r;
            r.status = ok_status;
            r.message = note;
            if (!options.read_only) {
                r.problem = why_code == StoreProblem::None ? StoreProblem::Unreadable : why_code;
                r.problem_path = why_path;
            }
            r.notice = notice;
            r.wal_set_aside = wal_set_aside;
            r.found_version = static_cast<int>(version);
            r.store.reset(new ProgressStore(use, db_path, true));
            return r;
        }
        sqlite3_close(db);
        failure = refuse(status == OpenStatus::CannotWrite ? OpenStatus::IoError : status, message, static_cast<int>(version));
        // Only "cannot open" is worth another way in; corrupt stays corrupt.
        if (status != OpenStatus::CannotWrite && status != OpenStatus::IoError) break;
    }
    return failure;
}

namespace {

// Steps a write statement to completion.
WriteResult StepWrite(sqlite3* db, sqlite3_stmt* stmt) {
    if (!stmt) return Fail(StoreError::Io, std::string("cannot prepare statement: ") + sqlite3_errmsg(db));
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return FromRc(db, rc);
    return int64_t{sqlite3_last_insert_rowid(db)};
}

}  // namespace

ProgressStore::ProgressStore(sqlite3* db, std::string path, bool read_only)
    : m_db(db), m_path(std::move(path)), m_read_only(read_only) {}

ProgressStore::~ProgressStore() {
    // A clean close leaves no log behind: checkpoint it all, then let SQLite's own close (the last
    // connection's) delete the empty -wal. A replaced file is never checkpointed into.
    if (m_shared && !m_replaced && Checkpoint(true)) sqlite3_db_config(m_db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    for (auto& entry : m_statements) sqlite3_finalize(entry.second);
    sqlite3_close(m_db);
}

namespace {
int CountWalFrames(void* frames, sqlite3*, const char*, int count) {
    *static_cast<int*>(frames) = count;
    return SQLITE_OK;
}
// The store's own checkpoints run when the log passes this many pages (SQLite's default too).
constexpr int kCheckpointFrames = 1000;
}  // namespace

void ProgressStore::Attach(std::shared_ptr<SharedFile> shared, const std::string& file_gen) {
    m_shared = std::move(shared);
    sqlite3_wal_hook(m_db, CountWalFrames, &m_wal_frames);
    {
        std::lock_guard<std::mutex> guard(m_shared->mutex);
        if (!m_shared->stamp.exists) {
            // The first store of this process on the file: the token in the file itself (not in a
            // recovered log) is what the next transactions build on.
            m_shared->base = file_gen;
            m_shared->stamp = StampOf(m_path);
        }
    }
    Checkpoint(false);  // a recovered log goes into the file now, under a fresh token
}

bool ProgressStore::FileChangedBehindUs() {
    if (!m_shared || m_replaced) return m_replaced;
    std::lock_guard<std::mutex> guard(m_shared->mutex);
    if (StampOf(m_path) != m_shared->stamp) m_replaced = true;
    return m_replaced;
}

bool ProgressStore::Checkpoint(bool truncate) {
    if (m_read_only || !m_shared || FileChangedBehindUs()) return false;
    std::string token, base;
    if (QueryText(m_db, "SELECT lower(hex(randomblob(16)))", token) != SQLITE_OK || token.empty()) return false;
    {
        std::lock_guard<std::mutex> guard(m_shared->mutex);
        base = m_shared->base;
    }
    if (Exec(m_db, "BEGIN IMMEDIATE") != SQLITE_OK) return false;
    sqlite3_stmt* s = Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('gen', ?), ('base', ?)");
    bool written = false;
    {
        StmtScope scope(s);
        if (s) BindAll(s, token, base);
        written = StepWrite(m_db, s).ok();
    }
    if (!written || Exec(m_db, "COMMIT") != SQLITE_OK) {
        if (!sqlite3_get_autocommit(m_db)) Exec(m_db, "ROLLBACK");
        return false;
    }
    std::lock_guard<std::mutex> guard(m_shared->mutex);
    int log = -1, done = -1;
    int rc = sqlite3_wal_checkpoint_v2(m_db, "main", truncate ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE,
                                       &log, &done);
    bool complete = rc == SQLITE_OK && log == done;
    if (complete) m_shared->base = token;
    m_shared->stamp = StampOf(m_path);
    m_wal_frames = complete ? 0 : log;
    return complete;
}

sqlite3_stmt* ProgressStore::Prepare(const char* sql) const {
    auto it = m_statements.find(sql);
    if (it != m_statements.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return nullptr;
    }
    m_statements[sql] = stmt;
    return stmt;
}

template <typename Fn>
WriteResult ProgressStore::Write(Fn&& body) {
    if (m_read_only) return Fail(StoreError::NotSaving, "progress is not being saved (read-only store)");
    if (FileChangedBehindUs()) {
        return Fail(StoreError::Io, m_path + " was replaced or changed by another program while Lectern was running, "
                                    "so nothing more is saved into it; what this session saved before is kept and "
                                    "set aside at the next start");
    }
    std::string base;
    {
        std::lock_guard<std::mutex> guard(m_shared->mutex);
        base = m_shared->base;
    }
    // IMMEDIATE takes the write lock up front, so waiting for another writer happens here, inside
    // busy_timeout, and never as an unresolvable upgrade deadlock halfway through.
    int rc = Exec(m_db, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK) return FromRc(m_db, rc);
    WriteResult result = body();
    if (result.ok()) {
        // Every transaction names the file it builds on, so every log says whose it is.
        sqlite3_stmt* s = Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('base', ?)");
        StmtScope scope(s);
        if (s) BindAll(s, base);
        if (WriteResult marked = StepWrite(m_db, s); !marked.ok()) result = marked;  // else the body's id
    }
    if (result.ok()) {
        rc = Exec(m_db, "COMMIT");
        if (rc != SQLITE_OK) result = FromRc(m_db, rc);
    }
    if (!sqlite3_get_autocommit(m_db)) Exec(m_db, "ROLLBACK");
    if (result.ok() && m_wal_frames >= kCheckpointFrames) Checkpoint(false);
    return result;
}

int ProgressStore::schema_version() const {
    int64_t v = 0;
    QueryInt(m_db, "PRAGMA user_version", v);
    return static_cast<int>(v);
}

std::string ProgressStore::store_id() const {
    std::string id;
    QueryText(m_db, "SELECT value FROM meta WHERE key = 'store_id'", id);
    return id;
}

std::string ProgressStore::CheckIntegrity() const {
    std::string out;
    int rc = QueryText(m_db, "PRAGMA integrity_check", out);
    if (rc != SQLITE_OK) return ErrMsg(m_db, rc);
    return out;
}

// ---- learners -----------------------------------------------------------------------------------

WriteResult ProgressStore::CreateLearner(const std::string& display_name, int64_t now_ms) {
    std::string trimmed, key, why;
    if (!NormaliseName(display_name, trimmed, key, why)) return Fail(StoreError::InvalidArgument, why);
    if (now_ms < 0) return Fail(StoreError::InvalidArgument, "negative time");
    if (FindLearner(trimmed)) return Fail(StoreError::DuplicateName, "a learner called \"" + trimmed + "\" already exists");
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare("INSERT INTO learners(display_name, name_key, created_ms) VALUES(?, ?, ?)");
        StmtScope scope(s);
        if (s) BindAll(s, trimmed, key, now_ms);
        WriteResult r = StepWrite(m_db, s);
        if (r.error().code == StoreError::InvalidArgument) {
            return Fail(StoreError::DuplicateName, "a learner called \"" + trimmed + "\" already exists");
        }
        return r;
    });
}

namespace {
Learner ReadLearner(sqlite3_stmt* s) {
    Learner l;
    l.id = ColInt(s, 0);
    l.display_name = ColText(s, 1);
    l.created_ms = ColInt(s, 2);
    if (!ColNull(s, 3)) l.pin_hash = ColText(s, 3);
    return l;
}
}  // namespace

std::vector<Learner> ProgressStore::Learners() const {
    std::vector<Learner> out;
    sqlite3_stmt* s = Prepare("SELECT id, display_name, created_ms, pin_hash FROM learners ORDER BY name_key");
    StmtScope scope(s);
    while (s && sqlite3_step(s) == SQLITE_ROW) out.push_back(ReadLearner(s));
    return out;
}

std::optional<Learner> ProgressStore::FindLearner(const std::string& display_name) const {
    std::string trimmed, key, why;
    if (!NormaliseName(display_name, trimmed, key, why)) return std::nullopt;
    sqlite3_stmt* s = Prepare("SELECT id, display_name, created_ms, pin_hash FROM learners WHERE name_key = ?");
    StmtScope scope(s);
    if (!s) return std::nullopt;
    BindAll(s, key);
    if (sqlite3_step(s) == SQLITE_ROW) return ReadLearner(s);
    // Rows written before every name had the one comparison key (unicode.h) may carry an older
    // key that folded fewer scripts: compare their names afresh (a kiosk has tens of learners).
    for (const Learner& l : Learners()) {
        std::string t, k, w;
        if (NormaliseName(l.display_name, t, k, w) && k == key) return l;
    }
    return std::nullopt;
}

std::optional<Learner> ProgressStore::GetLearner(LearnerId id) const {
    sqlite3_stmt* s = Prepare("SELECT id, display_name, created_ms, pin_hash FROM learners WHERE id = ?");
    StmtScope scope(s);
    if (!s) return std::nullopt;
    BindAll(s, id);
    if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
    return ReadLearner(s);
}

WriteResult ProgressStore::RenameLearner(LearnerId learner, const std::string& display_name, int64_t now_ms) {
    std::string trimmed, key, why;
    if (!NormaliseName(display_name, trimmed, key, why)) return Fail(StoreError::InvalidArgument, why);
    if (now_ms < 0) return Fail(StoreError::InvalidArgument, "negative time");
    if (auto other = FindLearner(trimmed); other && other->id != learner)
        return Fail(StoreError::DuplicateName, "a learner named '" + trimmed + "' already exists");
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare("UPDATE learners SET display_name = ?, name_key = ? WHERE id = ?");
        StmtScope scope(s);
        if (s) BindAll(s, trimmed, key, learner);
        WriteResult r = StepWrite(m_db, s);
        if (r.error().code == StoreError::InvalidArgument)
            return Fail(StoreError::DuplicateName, "a learner named '" + trimmed + "' already exists");
        if (r.ok() && sqlite3_changes(m_db) == 0) return Fail(StoreError::UnknownLearner, "no such learner");
        if (r) *r = learner;
        return r;
    });
}

WriteResult ProgressStore::RemoveLearner(LearnerId learner, int64_t now_ms) {
    if (now_ms < 0) return Fail(StoreError::InvalidArgument, "negative time");
    // Every table that names the learner, children first, in one transaction: all or nothing.
    static const char* const kDeletes[] = {
        "DELETE FROM page_views WHERE learner_id = ?",   "DELETE FROM answers WHERE learner_id = ?",
        "DELETE FROM attempts WHERE learner_id = ?",     "DELETE FROM scenario_endings WHERE learner_id = ?",
        "DELETE FROM locations WHERE learner_id = ?",    "DELETE FROM time_on_task WHERE learner_id = ?",
        "DELETE FROM learner_settings WHERE learner_id = ?", "DELETE FROM learners WHERE id = ?",
    };
    return Write([&]() -> WriteResult {
        for (const char* sql : kDeletes) {
            sqlite3_stmt* s = Prepare(sql);
            StmtScope scope(s);
            if (s) BindAll(s, learner);
            if (WriteResult r = StepWrite(m_db, s); !r.ok()) return r;
        }
        if (sqlite3_changes(m_db) == 0) return Fail(StoreError::UnknownLearner, "no such learner");
        return learner;
    });
}

WriteResult ProgressStore::SetPinHash(LearnerId learner, const std::optional<std::string>& pin_hash, int64_t now_ms) {
    (void)now_ms;  // kept for a uniform write signature; the hash itself carries no time
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare("UPDATE learners SET pin_hash = ? WHERE id = ?");
        StmtScope scope(s);
        if (s) BindAll(s, pin_hash, learner);
        WriteResult r = StepWrite(m_db, s);
        if (r.ok() && sqlite3_changes(m_db) == 0) return Fail(StoreError::UnknownLearner, "no such learner");
        if (r) *r = learner;
        return r;
    });
}

// ---- events -------------------------------------------------------------------------------------

WriteResult ProgressStore::RecordPageView(LearnerId learner, const std::string& course_id,
                                          const std::string& page_id, int64_t now_ms) {
    if (WriteResult bad = CheckIds(learner, course_id, page_id, now_ms); !bad.ok()) return bad;
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s =
            Prepare("INSERT INTO page_views(learner_id, course_id, page_id, viewed_ms) VALUES(?, ?, ?, ?)");
        StmtScope scope(s);
        if (s) BindAll(s, learner, course_id, page_id, now_ms);
        return StepWrite(m_db, s);
    });
}

namespace {
const char* const kInsertAnswer =
    "INSERT INTO answers(learner_id, course_id, kind, container_id, item_id, attempt_number, response, "
    "correct, score, max_score, answered_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
}

WriteResult ProgressStore::RecordAnswer(const AnswerEvent& a, int64_t now_ms) {
    if (WriteResult bad = CheckIds(a.learner, a.course_id, a.item_id, now_ms); !bad.ok()) return bad;
    if (a.container_id.empty()) return Fail(StoreError::InvalidArgument, "empty container id");
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare(kInsertAnswer);
        StmtScope scope(s);
        std::optional<int64_t> attempt;
        if (a.kind == AnswerKind::Quiz) attempt = a.attempt_number;
        if (s) {
            BindAll(s, a.learner, a.course_id, ToString(a.kind), a.container_id, a.item_id, attempt, a.response,
                    a.correct, a.score, a.max_score, now_ms);
        }
        return StepWrite(m_db, s);
    });
}

WriteResult ProgressStore::StartAttempt(const AttemptStart& a, int64_t now_ms) {
    if (WriteResult bad = CheckIds(a.learner, a.course_id, a.quiz_id, now_ms); !bad.ok()) return bad;
    if (a.attempt_number < 1) return Fail(StoreError::InvalidArgument, "attempt numbers start at 1");
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare(
            "INSERT INTO attempts(learner_id, course_id, quiz_id, attempt_number, seed, started_ms, state_json, "
            "saved_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
        StmtScope scope(s);
        if (s) BindAll(s, a.learner, a.course_id, a.quiz_id, a.attempt_number, a.seed, now_ms, a.state_json, now_ms);
        WriteResult r = StepWrite(m_db, s);
        if (r.error().code == StoreError::InvalidArgument)
            return Fail(StoreError::InvalidArgument,
                        "attempt " + std::to_string(a.attempt_number) + " of " + a.quiz_id + " already exists");
        return r;
    });
}

namespace {
// Updates an open attempt's state; NotFound when there is no such open attempt.
WriteResult UpdateOpenAttempt(sqlite3* db, sqlite3_stmt* s, const AttemptKey& key, const std::string& state_json,
                              int64_t now_ms) {
    StmtScope scope(s);
    if (s) BindAll(s, state_json, now_ms, key.learner, key.course_id, key.quiz_id, key.attempt_number);
    WriteResult r = StepWrite(db, s);
    if (r.ok() && sqlite3_changes(db) == 0) {
        return Fail(StoreError::NotFound, "no open attempt " + std::to_string(key.attempt_number) + " of " +
                                              key.quiz_id);
    }
    if (r) *r = 0;
    return r;
}
const char* const kSaveAttempt =
    "UPDATE attempts SET state_json = ?, saved_ms = ? "
    "WHERE learner_id = ? AND course_id = ? AND quiz_id = ? AND attempt_number = ? AND ended_ms IS NULL";
}  // namespace

WriteResult ProgressStore::SaveAttempt(const AttemptKey& key, const std::string& state_json, int64_t now_ms) {
    if (WriteResult bad = CheckIds(key.learner, key.course_id, key.quiz_id, now_ms); !bad.ok()) return bad;
    return Write([&]() { return UpdateOpenAttempt(m_db, Prepare(kSaveAttempt), key, state_json, now_ms); });
}

WriteResult ProgressStore::RecordQuizAnswer(const AnswerEvent& a, const std::string& state_json, int64_t now_ms) {
    if (WriteResult bad = CheckIds(a.learner, a.course_id, a.item_id, now_ms); !bad.ok()) return bad;
    if (a.container_id.empty()) return Fail(StoreError::InvalidArgument, "empty quiz id");
    return Write([&]() -> WriteResult {
        AttemptKey key{a.learner, a.course_id, a.container_id, a.attempt_number};
        WriteResult saved = UpdateOpenAttempt(m_db, Prepare(kSaveAttempt), key, state_json, now_ms);
        if (!saved.ok()) return saved;
        sqlite3_stmt* s = Prepare(kInsertAnswer);
        StmtScope scope(s);
        if (s) {
            BindAll(s, a.learner, a.course_id, ToString(AnswerKind::Quiz), a.container_id, a.item_id,
                    static_cast<int64_t>(a.attempt_number), a.response, a.correct, a.score, a.max_score, now_ms);
        }
        return StepWrite(m_db, s);
    });
}

WriteResult ProgressStore::SubmitAttempt(const AttemptKey& key, const AttemptResult& result,
                                         const std::string& state_json, int64_t now_ms) {
    if (WriteResult bad = CheckIds(key.learner, key.course_id, key.quiz_id, now_ms); !bad.ok()) return bad;
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare(
            "UPDATE attempts SET state_json = ?, saved_ms = ?, ended_ms = ?, score_raw = ?, score_max = ?, "
            "passed = ? WHERE learner_id = ? AND course_id = ? AND quiz_id = ? AND attempt_number = ? "
            "AND ended_ms IS NULL");
        StmtScope scope(s);
        if (s) {
            BindAll(s, state_json, now_ms, now_ms, result.score_raw, result.score_max, result.passed ? 1 : 0,
                    key.learner, key.course_id, key.quiz_id, key.attempt_number);
        }
        WriteResult r = StepWrite(m_db, s);
        if (r.ok() && sqlite3_changes(m_db) == 0) {
            return Fail(StoreError::NotFound,
                        "no open attempt " + std::to_string(key.attempt_number) + " of " + key.quiz_id);
        }
        if (r) *r = 0;
        return r;
    });
}

WriteResult ProgressStore::RecordScenarioEnding(const ScenarioEnding& e, int64_t now_ms) {
    if (WriteResult bad = CheckIds(e.learner, e.course_id, e.scenario_id, now_ms); !bad.ok()) return bad;
    if (e.ending_id.empty()) return Fail(StoreError::InvalidArgument, "empty ending id");
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare(
            "INSERT INTO scenario_endings(learner_id, course_id, scenario_id, ending_id, outcome, path_json, "
            "reached_ms) VALUES(?, ?, ?, ?, ?, ?, ?)");
        StmtScope scope(s);
        if (s) BindAll(s, e.learner, e.course_id, e.scenario_id, e.ending_id, e.outcome, e.path_json, now_ms);
        return StepWrite(m_db, s);
    });
}

WriteResult ProgressStore::SetSetting(LearnerId learner, const std::string& key, const std::string& value,
                                      int64_t now_ms) {
    if (learner <= 0) return Fail(StoreError::UnknownLearner, "no learner id");
    if (key.empty()) return Fail(StoreError::InvalidArgument, "empty setting key");
    if (now_ms < 0) return Fail(StoreError::InvalidArgument, "negative time");
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare(
            "INSERT INTO learner_settings(learner_id, key, value, updated_ms) VALUES(?, ?, ?, ?) "
            "ON CONFLICT(learner_id, key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms");
        StmtScope scope(s);
        if (s) BindAll(s, learner, key, value, now_ms);
        return StepWrite(m_db, s);
    });
}

WriteResult ProgressStore::SaveLocation(LearnerId learner, const Location& loc, int64_t now_ms) {
    const std::string& item = loc.page_id.empty() ? loc.quiz_id : loc.page_id;
    if (WriteResult bad = CheckIds(learner, loc.course_id, item, now_ms); !bad.ok()) return bad;
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare(
            "INSERT INTO locations(learner_id, course_id, page_id, quiz_id, question_index, updated_ms) "
            "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(learner_id, course_id) DO UPDATE SET "
            "page_id = excluded.page_id, quiz_id = excluded.quiz_id, question_index = excluded.question_index, "
            "updated_ms = excluded.updated_ms");
        StmtScope scope(s);
        int question_index = loc.quiz_id.empty() ? -1 : loc.question_index;
        if (s) BindAll(s, learner, loc.course_id, loc.page_id, loc.quiz_id, question_index, now_ms);
        return StepWrite(m_db, s);
    });
}

WriteResult ProgressStore::AddActiveTime(LearnerId learner, const std::string& course_id, ItemType item_type,
                                         const std::string& item_id, int64_t active_ms, int64_t now_ms) {
    if (WriteResult bad = CheckIds(learner, course_id, item_id, now_ms); !bad.ok()) return bad;
    if (active_ms < 0) return Fail(StoreError::InvalidArgument, "negative active time");
    return Write([&]() -> WriteResult {
        sqlite3_stmt* s = Prepare(
            "INSERT INTO time_on_task(learner_id, course_id, item_type, item_id, active_ms, updated_ms) "
            "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(learner_id, course_id, item_id) DO UPDATE SET "
            "active_ms = active_ms + excluded.active_ms, updated_ms = excluded.updated_ms");
        StmtScope scope(s);
        if (s) BindAll(s, learner, course_id, ToString(item_type), item_id, active_ms, now_ms);
        return StepWrite(m_db, s);
    });
}

// ---- reads --------------------------------------------------------------------------------------

std::vector<PageView> ProgressStore::PageViews(const EventFilter& f) const {
    std::vector<PageView> out;
    sqlite3_stmt* s = Prepare(
        "SELECT id, learner_id, course_id, page_id, viewed_ms FROM page_views "
        "WHERE (?1 IS NULL OR learner_id = ?1) AND (?2 = '' OR course_id = ?2) AND viewed_ms >= ?3 ORDER BY id");
    StmtScope scope(s);
    if (!s) return out;
    BindAll(s, FilterLearner(f), f.course_id, f.since_ms);
    while (sqlite3_step(s) == SQLITE_ROW) {
        PageView v;
        v.id = ColInt(s, 0);
        v.learner = ColInt(s, 1);
        v.course_id = ColText(s, 2);
        v.page_id = ColText(s, 3);
        v.viewed_ms = ColInt(s, 4);
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<AnswerRecord> ProgressStore::Answers(const EventFilter& f) const {
    std::vector<AnswerRecord> out;
    sqlite3_stmt* s = Prepare(
        "SELECT id, learner_id, course_id, kind, container_id, item_id, attempt_number, response, correct, score, "
        "max_score, answered_ms FROM answers "
        "WHERE (?1 IS NULL OR learner_id = ?1) AND (?2 = '' OR course_id = ?2) AND answered_ms >= ?3 ORDER BY id");
    StmtScope scope(s);
    if (!s) return out;
    BindAll(s, FilterLearner(f), f.course_id, f.since_ms);
    while (sqlite3_step(s) == SQLITE_ROW) {
        AnswerRecord a;
        a.id = ColInt(s, 0);
        a.learner = ColInt(s, 1);
        a.course_id = ColText(s, 2);
        a.kind = AnswerKindFrom(ColText(s, 3));
        a.container_id = ColText(s, 4);
        a.item_id = ColText(s, 5);
        a.attempt_number = static_cast<int>(ColInt(s, 6));
        a.response = ColText(s, 7);
        if (!ColNull(s, 8)) a.correct = ColInt(s, 8) != 0;
        a.score = ColOptDouble(s, 9);
        a.max_score = ColOptDouble(s, 10);
        a.answered_ms = ColInt(s, 11);
        out.push_back(std::move(a));
    }
    return out;
}

namespace {
const char* const kAttemptColumns =
    "SELECT id, learner_id, course_id, quiz_id, attempt_number, seed, started_ms, state_json, saved_ms, ended_ms, "
    "score_raw, score_max, passed FROM attempts ";
AttemptRecord ReadAttempt(sqlite3_stmt* s) {
    AttemptRecord a;
    a.id = ColInt(s, 0);
    a.learner = ColInt(s, 1);
    a.course_id = ColText(s, 2);
    a.quiz_id = ColText(s, 3);
    a.attempt_number = static_cast<int>(ColInt(s, 4));
    a.seed = ColInt(s, 5);
    a.started_ms = ColInt(s, 6);
    a.state_json = ColText(s, 7);
    a.saved_ms = ColInt(s, 8);
    a.ended_ms = ColOptInt(s, 9);
    if (a.ended_ms) {
        AttemptResult r;
        r.score_raw = sqlite3_column_double(s, 10);
        r.score_max = sqlite3_column_double(s, 11);
        r.passed = ColInt(s, 12) != 0;
        a.result = r;
    }
    return a;
}
}  // namespace

std::vector<AttemptRecord> ProgressStore::Attempts(const EventFilter& f) const {
    std::vector<AttemptRecord> out;
    static const std::string sql = std::string(kAttemptColumns) +
                                   "WHERE (?1 IS NULL OR learner_id = ?1) AND (?2 = '' OR course_id = ?2) "
                                   "AND max(started_ms, saved_ms) >= ?3 ORDER BY learner_id, quiz_id, attempt_number";
    sqlite3_stmt* s = Prepare(sql.c_str());
    StmtScope scope(s);
    if (!s) return out;
    BindAll(s, FilterLearner(f), f.course_id, f.since_ms);
    while (sqlite3_step(s) == SQLITE_ROW) out.push_back(ReadAttempt(s));
    return out;
}

std::vector<AttemptRecord> ProgressStore::Attempts(LearnerId learner, const std::string& course_id,
                                                   const std::string& quiz_id) const {
    std::vector<AttemptRecord> out;
    static const std::string sql = std::string(kAttemptColumns) +
                                   "WHERE learner_id = ? AND course_id = ? AND quiz_id = ? ORDER BY attempt_number";
    sqlite3_stmt* s = Prepare(sql.c_str());
    StmtScope scope(s);
    if (!s) return out;
    BindAll(s, learner, course_id, quiz_id);
    while (sqlite3_step(s) == SQLITE_ROW) out.push_back(ReadAttempt(s));
    return out;
}

std::optional<AttemptRecord> ProgressStore::OpenAttempt(LearnerId learner, const std::string& course_id,
                                                        const std::string& quiz_id) const {
    static const std::string sql = std::string(kAttemptColumns) +
                                   "WHERE learner_id = ? AND course_id = ? AND quiz_id = ? AND ended_ms IS NULL "
                                   "ORDER BY attempt_number DESC LIMIT 1";
    sqlite3_stmt* s = Prepare(sql.c_str());
    StmtScope scope(s);
    if (!s) return std::nullopt;
    BindAll(s, learner, course_id, quiz_id);
    if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
    return ReadAttempt(s);
}

int ProgressStore::NextAttemptNumber(LearnerId learner, const std::string& course_id,
                                     const std::string& quiz_id) const {
    sqlite3_stmt* s = Prepare(
        "SELECT coalesce(max(attempt_number), 0) + 1 FROM attempts WHERE learner_id = ? AND course_id = ? "
        "AND quiz_id = ?");
    StmtScope scope(s);
    if (!s) return 1;
    BindAll(s, learner, course_id, quiz_id);
    if (sqlite3_step(s) != SQLITE_ROW) return 1;
    return static_cast<int>(ColInt(s, 0));
}

std::vector<ScenarioEndingRecord> ProgressStore::ScenarioEndings(const EventFilter& f) const {
    std::vector<ScenarioEndingRecord> out;
    sqlite3_stmt* s = Prepare(
        "SELECT id, learner_id, course_id, scenario_id, ending_id, outcome, path_json, reached_ms "
        "FROM scenario_endings "
        "WHERE (?1 IS NULL OR learner_id = ?1) AND (?2 = '' OR course_id = ?2) AND reached_ms >= ?3 ORDER BY id");
    StmtScope scope(s);
    if (!s) return out;
    BindAll(s, FilterLearner(f), f.course_id, f.since_ms);
    while (sqlite3_step(s) == SQLITE_ROW) {
        ScenarioEndingRecord e;
        e.id = ColInt(s, 0);
        e.learner = ColInt(s, 1);
        e.course_id = ColText(s, 2);
        e.scenario_id = ColText(s, 3);
        e.ending_id = ColText(s, 4);
        e.outcome = ColText(s, 5);
        e.path_json = ColText(s, 6);
        e.reached_ms = ColInt(s, 7);
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<std::string> ProgressStore::GetSetting(LearnerId learner, const std::string& key) const {
    sqlite3_stmt* s = Prepare("SELECT value FROM learner_settings WHERE learner_id = ? AND key = ?");
    StmtScope scope(s);
    if (!s) return std::nullopt;
    BindAll(s, learner, key);
    if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
    return ColText(s, 0);
}

std::map<std::string, std::string> ProgressStore::Settings(LearnerId learner) const {
    std::map<std::string, std::string> out;
    sqlite3_stmt* s = Prepare("SELECT key, value FROM learner_settings WHERE learner_id = ?");
    StmtScope scope(s);
    if (!s) return out;
    BindAll(s, learner);
    while (sqlite3_step(s) == SQLITE_ROW) out[ColText(s, 0)] = ColText(s, 1);
    return out;
}

std::optional<Location> ProgressStore::LastLocation(LearnerId learner, const std::string& course_id) const {
    sqlite3_stmt* s = Prepare(
        "SELECT course_id, page_id, quiz_id, question_index, updated_ms FROM locations "
        "WHERE learner_id = ?1 AND (?2 = '' OR course_id = ?2) ORDER BY updated_ms DESC LIMIT 1");
    StmtScope scope(s);
    if (!s) return std::nullopt;
    BindAll(s, learner, course_id);
    if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
    Location loc;
    loc.course_id = ColText(s, 0);
    loc.page_id = ColText(s, 1);
    loc.quiz_id = ColText(s, 2);
    loc.question_index = static_cast<int>(ColInt(s, 3));
    loc.updated_ms = ColInt(s, 4);
    return loc;
}

std::vector<ActiveTime> ProgressStore::ActiveTimes(const EventFilter& f) const {
    std::vector<ActiveTime> out;
    sqlite3_stmt* s = Prepare(
        "SELECT learner_id, course_id, item_type, item_id, active_ms, updated_ms FROM time_on_task "
        "WHERE (?1 IS NULL OR learner_id = ?1) AND (?2 = '' OR course_id = ?2) AND updated_ms >= ?3 "
        "ORDER BY learner_id, course_id, item_id");
    StmtScope scope(s);
    if (!s) return out;
    BindAll(s, FilterLearner(f), f.course_id, f.since_ms);
    while (sqlite3_step(s) == SQLITE_ROW) {
        ActiveTime t;
        t.learner = ColInt(s, 0);
        t.course_id = ColText(s, 1);
        t.item_type = ItemTypeFrom(ColText(s, 2));
        t.item_id = ColText(s, 3);
        t.active_ms = ColInt(s, 4);
        t.updated_ms = ColInt(s, 5);
        out.push_back(std::move(t));
    }
    return out;
}

LearnerProgress ProgressStore::LoadProgress(LearnerId learner, const std::string& course_id) const {
    LearnerProgress p;
    p.course_id = course_id;
    {
        sqlite3_stmt* s = Prepare(
            "SELECT page_id, max(viewed_ms) FROM page_views WHERE learner_id = ? AND course_id = ? GROUP BY page_id");
        StmtScope scope(s);
        if (s) {
            BindAll(s, learner, course_id);
            while (sqlite3_step(s) == SQLITE_ROW) p.pages_viewed[ColText(s, 0)] = ColInt(s, 1);
        }
    }
    {
        sqlite3_stmt* s = Prepare(
            "SELECT item_id, max(answered_ms) FROM answers WHERE learner_id = ? AND course_id = ? AND kind = 'check' "
            "GROUP BY item_id");
        StmtScope scope(s);
        if (s) {
            BindAll(s, learner, course_id);
            while (sqlite3_step(s) == SQLITE_ROW) p.checks_answered[ColText(s, 0)] = ColInt(s, 1);
        }
    }
    {
        sqlite3_stmt* s = Prepare(
            "SELECT quiz_id, ended_ms IS NOT NULL, score_raw, score_max, passed FROM attempts "
            "WHERE learner_id = ? AND course_id = ?");
        StmtScope scope(s);
        if (s) {
            BindAll(s, learner, course_id);
            while (sqlite3_step(s) == SQLITE_ROW) {
                LearnerProgress::QuizSummary& q = p.quizzes[ColText(s, 0)];
                ++q.attempts_started;
                if (ColInt(s, 1) == 0) continue;
                ++q.attempts_submitted;
                if (ColInt(s, 4) != 0) q.passed = true;
                double max = sqlite3_column_double(s, 3);
                if (max > 0) {
                    double scaled = sqlite3_column_double(s, 2) / max;
                    if (!q.best_scaled || scaled > *q.best_scaled) q.best_scaled = scaled;
                }
            }
        }
    }
    {
        sqlite3_stmt* s = Prepare(
            "SELECT scenario_id, ending_id FROM scenario_endings WHERE learner_id = ? AND course_id = ? ORDER BY id");
        StmtScope scope(s);
        if (s) {
            BindAll(s, learner, course_id);
            while (sqlite3_step(s) == SQLITE_ROW) p.scenario_endings[ColText(s, 0)] = ColText(s, 1);
        }
    }
    {
        sqlite3_stmt* s = Prepare("SELECT item_id, active_ms FROM time_on_task WHERE learner_id = ? AND course_id = ?");
        StmtScope scope(s);
        if (s) {
            BindAll(s, learner, course_id);
            while (sqlite3_step(s) == SQLITE_ROW) p.active_ms[ColText(s, 0)] = ColInt(s, 1);
        }
    }
    return p;
}

// ---- set aside ----------------------------------------------------------------------------------

namespace {

struct CourseIds {
    std::set<std::string> pages, questions, quizzes, scenarios, lessons, modules;
    std::map<std::string, std::set<std::string>> scenario_nodes;  // scenario id -> node and ending ids
    std::set<std::string> all;
};

void CollectBlocks(const Blocks& blocks, CourseIds& ids);

void CollectScenario(const Scenario& sc, CourseIds& ids) {
    ids.scenarios.insert(sc.id);
    CollectBlocks(sc.intro, ids);
    for (const ScenarioNode& node : sc.nodes) {
        ids.scenario_nodes[sc.id].insert(node.id);
        CollectBlocks(node.body, ids);
        CollectBlocks(node.debrief, ids);
    }
}

void CollectBlocks(const Blocks& blocks, CourseIds& ids) {
    for (const Block& b : blocks) {
        if (b.question) ids.questions.insert(b.question->id);
        if (b.scenario) CollectScenario(*b.scenario, ids);
        CollectBlocks(b.children, ids);
    }
}

void CollectQuiz(const Quiz& quiz, CourseIds& ids) {
    ids.quizzes.insert(quiz.id);
    for (const Pool& pool : quiz.pools) {
        for (const auto& q : pool.questions) {
            if (q) ids.questions.insert(q->id);
        }
    }
}

CourseIds Collect(const Course& course) {
    CourseIds ids;
    for (const Module& m : course.modules) {
        ids.modules.insert(m.id);
        CollectBlocks(m.facilitator, ids);
        for (const Lesson& l : m.lessons) {
            ids.lessons.insert(l.id);
            CollectBlocks(l.facilitator, ids);
            for (const Page& p : l.pages) {
                ids.pages.insert(p.id);
                CollectBlocks(p.blocks, ids);
            }
        }
        if (m.quiz) CollectQuiz(*m.quiz, ids);
    }
    if (course.assessment) CollectQuiz(*course.assessment, ids);
    for (const auto* set : {&ids.pages, &ids.questions, &ids.quizzes, &ids.scenarios, &ids.lessons, &ids.modules}) {
        ids.all.insert(set->begin(), set->end());
    }
    ids.all.insert(course.id);
    return ids;
}

}  // namespace

std::vector<SetAsideItem> ProgressStore::SetAside(const Course& course, std::optional<LearnerId> learner) const {
    CourseIds ids = Collect(course);
    // Each query yields (learner, item id, rows, last time, context) for one kind of row; the
    // predicate says whether the item still exists. Grouped in SQL, judged here.
    struct Source {
        const char* table;
        const char* sql;
        std::function<bool(const std::string& item, const std::string& context)> exists;
    };
    auto in = [](const std::set<std::string>& set, const std::string& id) { return set.count(id) > 0; };
    const Source sources[] = {
        {"page_views",
         "SELECT learner_id, page_id, count(*), max(viewed_ms), '' FROM page_views "
         "WHERE course_id = ?1 AND (?2 IS NULL OR learner_id = ?2) GROUP BY learner_id, page_id",
         [&](const std::string& item, const std::string&) { return in(ids.pages, item); }},
        {"answers",
         "SELECT learner_id, item_id, count(*), max(answered_ms), kind FROM answers "
         "WHERE course_id = ?1 AND (?2 IS NULL OR learner_id = ?2) AND kind <> 'scenario' "
         "GROUP BY learner_id, item_id, kind",
         [&](const std::string& item, const std::string&) { return in(ids.questions, item); }},
        {"answers",
         "SELECT learner_id, container_id, count(*), max(answered_ms), 'quiz' FROM answers "
         "WHERE course_id = ?1 AND (?2 IS NULL OR learner_id = ?2) AND kind = 'quiz' "
         "GROUP BY learner_id, container_id",
         [&](const std::string& item, const std::string&) { return in(ids.quizzes, item); }},
        {"answers",
         "SELECT learner_id, item_id, count(*), max(answered_ms), container_id FROM answers "
         "WHERE course_id = ?1 AND (?2 IS NULL OR learner_id = ?2) AND kind = 'scenario' "
         "GROUP BY learner_id, container_id, item_id",
         [&](const std::string& node, const std::string& scenario) {
             auto it = ids.scenario_nodes.find(scenario);
             return it != ids.scenario_nodes.end() && it->second.count(node) > 0;
         }},
        {"attempts",
         "SELECT learner_id, quiz_id, count(*), max(saved_ms), '' FROM attempts "
         "WHERE course_id = ?1 AND (?2 IS NULL OR learner_id = ?2) GROUP BY learner_id, quiz_id",
         [&](const std::string& item, const std::string&) { return in(ids.quizzes, item); }},
        {"scenario_endings",
         "SELECT learner_id, ending_id, count(*), max(reached_ms), scenario_id FROM scenario_endings "
         "WHERE course_id = ?1 AND (?2 IS NULL OR learner_id = ?2) GROUP BY learner_id, scenario_id, ending_id",
         [&](const std::string& ending, const std::string& scenario) {
             auto it = ids.scenario_nodes.find(scenario);
             return it != ids.scenario_nodes.end() && it->second.count(ending) > 0;
         }},
        {"locations",
         "SELECT learner_id, CASE WHEN page_id <> '' THEN page_id ELSE quiz_id END, 1, updated_ms, '' "
         "FROM locations WHERE course_id = ?1 AND (?2 IS NULL OR learner_id = ?2)",
         [&](const std::string& item, const std::string&) { return in(ids.pages, item) || in(ids.quizzes, item); }},
        {"time_on_task",
         "SELECT learner_id, item_id, 1, updated_ms, item_type FROM time_on_task "
         "WHERE course_id = ?1 AND (?2 IS NULL OR learner_id = ?2)",
         [&](const std::string& item, const std::string&) { return in(ids.all, item); }},
    };
    std::vector<SetAsideItem> out;
    for (const Source& src : sources) {
        sqlite3_stmt* s = Prepare(src.sql);
        StmtScope scope(s);
        if (!s) continue;
        BindAll(s, course.id, learner);
        while (sqlite3_step(s) == SQLITE_ROW) {
            std::string item = ColText(s, 1);
            std::string context = ColText(s, 4);
            if (src.exists(item, context)) continue;
            SetAsideItem a;
            a.learner = ColInt(s, 0);
            a.table = src.table;
            a.item_id = item;
            a.rows = static_cast<int>(ColInt(s, 2));
            a.last_ms = ColInt(s, 3);
            out.push_back(std::move(a));
        }
    }
    return out;
}

}  // namespace lectern
