// ProgressStore: the durable record of what each learner did, in one SQLite file.
//
// Why it is shaped like this: users of every comparable system report lost progress (SCORM
// size limits, save delays, "commit to LMS" steps that fail). Here every event is committed in
// its own transaction, with the WAL synced (synchronous=FULL), before the call returns; the app
// acknowledges an answer on screen only after that. Progress is keyed by course id + authored
// ids (house rule 6), so a course update never shifts it onto other items; rows for items that
// no longer exist are kept and reported as "set aside", never deleted.
//
// Nothing here reads the clock: every write takes the time as int64 unix milliseconds, so tests
// and replays are deterministic.
//
// Guests: a guest is not a learner and has no LearnerId. The app simply makes no write calls for
// a guest (there is no id to pass). OpenOptions::read_only exists for tools that must never
// write (the export tool) and for a class-run mode; in that mode every write returns
// StoreError::NotSaving and touches nothing.
//
// Threads: one ProgressStore per thread. Several stores in ONE process may share a file (busy_timeout
// makes them wait for each other). Across processes there is one writer per data folder: a
// read-write Open takes an flock on <db>.lock (holding the pid) and a second process is refused
// with OpenStatus::Locked ("Lectern is already open with this progress folder (process N)");
// read-only stores take no lock and run beside the writer (WAL).
//
// The write-ahead log (why the store knows whose log it is): SQLite replays any <db>-wal it finds
// onto whatever file now has the database's name, and a checkpoint on close writes it in. So an
// administrator who copies in a database, or restores a backup, beside a log left by a killed
// session would have it silently overwritten. The store therefore (1) never lets SQLite
// checkpoint on its own (wal_autocheckpoint off, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE) but checkpoints
// itself, first writing a fresh random meta 'gen' token, so the token in the file changes with
// every checkpoint; (2) writes meta 'base' = the token of the file the log builds on in every
// transaction, so every log carries it; (3) before a read-write open, recovers a private copy of
// file + log and compares store_id and tokens with the file alone (read with immutable=1, which
// never touches the log). A kill in the middle of a checkpoint leaves the file holding some of the
// log's pages, so a file whose meta page is byte for byte one of the log's frames belongs to it
// whatever its tokens say (only applying the rest of the log makes that file whole). A log that
// belongs is copied to <db>.recovered-<UTC> (+ -wal) and then recovered; a foreign, stale or
// damaged one is moved to <db>.bad-<UTC>-wal beside a copy of the database (<db>.bad-<UTC>) and
// never applied. A log holding only a write a killed session never finished (no transaction in
// it completed) is not set aside: nothing in it was saved; it is copied like a recovered one and
// removed, and the notice says so. While running, a database file that changes between
// the store's own checkpoints (replaced, restored, or written by another program) stops all writes
// (StoreError::Io) and is never checkpointed into; the next start sets that log aside.
//
// How the app uses it (apply the Action, call the store, redraw only after the call returns):
//   start-up        Open(ProgressDbPath(--data-dir or DefaultDataDir())), then by status:
//                   Ok: go on. CannotWrite: go on with the read-only store and show "not saving".
//                   Corrupt: offer MoveAside(path, now) and Open again (a fresh file; the bad one
//                   is kept). TooNew: run without a store (like a guest) and say why. Locked:
//                   another program holds the file; offer to retry. IoError: run without a store.
//   sign-in         FindLearner / CreateLearner; LastLocation(learner) to resume; Settings(learner)
//   page shown      RecordPageView + SaveLocation{page}
//   check answered  RecordAnswer{kind Check, container = page id}
//   scenario choice RecordAnswer{kind Scenario, container = scenario id, item = node id}
//   scenario end    RecordScenarioEnding
//   quiz started    StartAttempt{NextAttemptNumber(...), seed, state} + SaveLocation{quiz, 0}
//   quiz answered   RecordQuizAnswer(answer, whole attempt state) + SaveLocation{quiz, index}
//   quiz navigated  SaveAttempt(state) + SaveLocation{quiz, index}
//   quiz submitted  SubmitAttempt(result, final state)
//   quiz reopened   OpenAttempt(...) -> state_json to resume the same drawn questions
//   setting changed SetSetting(key, value)
//   every few secs  AddActiveTime(item, active ms since the last report) while the learner is active
//   progress screen ComputeStatus(course, LoadProgress(learner, course id)) (progress_status.h);
//                   SetAside(course) for the "no longer in this course" note after an update
// A failed write (WriteResult with an error) means the event is not saved: the app says so
// instead of acknowledging it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "os/files.h"

struct sqlite3;
struct sqlite3_stmt;

namespace lectern {

struct Course;

using LearnerId = int64_t;

// The schema this build writes. Older files are migrated forward on open; newer ones are refused.
// v1: learners, page_views, answers, attempts, scenario_endings, locations, time_on_task.
// v2: learner_settings; meta.store_id (a random UUID naming this store, so exported xAPI ids are
//     globally unique and stable); indexes on event times for "export since".
constexpr int kProgressSchemaVersion = 2;

// $XDG_DATA_HOME/lectern when XDG_DATA_HOME is set and absolute (the XDG spec says to ignore a
// relative one), else $HOME/.local/share/lectern (HOME from the password database if unset).
std::string DefaultDataDir();
// <data_dir>/progress.sqlite3
std::string ProgressDbPath(const std::string& data_dir);

// ---- results ------------------------------------------------------------------------------------

enum class OpenStatus {
    Ok,           // read-write, schema current
    CannotWrite,  // directory or file not writable: opened read-only, "not saving" (store present)
    Corrupt,      // file exists but is not a database or fails the integrity check (no store)
    TooNew,       // user_version is newer than this build knows (no store; file untouched)
    Locked,       // another Lectern writes to this folder, or a lock outlived busy_timeout (no store)
    IoError,      // anything else the OS refused, or the path is not a regular file (no store)
};
const char* ToString(OpenStatus status);

enum class StoreError {
    None,
    NotSaving,        // the store is read-only (CannotWrite or OpenOptions::read_only)
    Busy,             // another writer held the lock longer than busy_timeout
    DiskFull,
    Io,               // the OS refused the write
    Corrupt,          // SQLite found the file damaged while writing
    UnknownLearner,   // no learner with that id
    DuplicateName,    // a learner with that display name (ignoring case) already exists
    NotFound,         // no such attempt (or it was already submitted)
    InvalidArgument,  // empty id or name, negative time, ...
};
const char* ToString(StoreError error);

// Why a write was not saved: the code, and SQLite's or the store's words about it (for logs).
struct StoreFailure {
    StoreError code = StoreError::None;
    std::string message;
};
// A write saved: the new row's id (the learner's for CreateLearner and the other learner
// writes, 0 for an update), or why it was not.
using WriteResult = Result<int64_t, StoreFailure>;

struct OpenOptions {
    bool read_only = false;     // never write (export tool); the file is opened SQLITE_OPEN_READONLY
    int busy_timeout_ms = 5000;
    // Every open checks the file header (a truncated copy fails it) and reads the schema, which
    // costs well under a millisecond. A full PRAGMA quick_check, which reads every page, also runs
    // when the file is at most this many bytes: it costs about 1.6 ms per MB (bench_progress), and
    // start-up must stay under 50 ms even on a slow kiosk. -1: always (the export tool); 0: never.
    // CheckIntegrity() runs the full check on demand (e.g. while the app is idle).
    int64_t full_check_max_bytes = 8 * 1024 * 1024;
    // Names the copies kept when a write-ahead log is recovered or set aside (UTC, to the second).
    // -1: the system clock, the one time the store reads it (file names only, never a record).
    int64_t now_ms = -1;
};

// ---- records ------------------------------------------------------------------------------------

struct Learner {
    LearnerId id = 0;
    std::string display_name;
    int64_t created_ms = 0;
    std::optional<std::string> pin_hash;  // filled by the PIN feature; null means no PIN
};

struct PageView {
    int64_t id = 0;
    LearnerId learner = 0;
    std::string course_id;
    std::string page_id;
    int64_t viewed_ms = 0;
};

enum class AnswerKind { Check, Quiz, Scenario };
const char* ToString(AnswerKind kind);  // "check", "quiz", "scenario"

struct AnswerEvent {
    LearnerId learner = 0;
    std::string course_id;
    AnswerKind kind = AnswerKind::Check;
    std::string container_id;  // page id (check), quiz id (quiz) or scenario id (scenario)
    std::string item_id;       // question id, or scenario node id
    int attempt_number = 0;    // quiz answers: the attempt it belongs to; 0 otherwise
    std::string response;      // opaque to the store: the learner's choice(s), e.g. JSON
    std::optional<bool> correct;
    std::optional<double> score;
    std::optional<double> max_score;
};

struct AnswerRecord : AnswerEvent {
    int64_t id = 0;
    int64_t answered_ms = 0;
};

struct AttemptStart {
    LearnerId learner = 0;
    std::string course_id;
    std::string quiz_id;
    int attempt_number = 1;
    int64_t seed = 0;
    std::string state_json = "{}";  // opaque: drawn questions, order, answers so far
};

struct AttemptKey {
    LearnerId learner = 0;
    std::string course_id;
    std::string quiz_id;
    int attempt_number = 1;
};

struct AttemptResult {
    double score_raw = 0;
    double score_max = 0;
    bool passed = false;
};

struct AttemptRecord {
    int64_t id = 0;
    LearnerId learner = 0;
    std::string course_id;
    std::string quiz_id;
    int attempt_number = 0;
    int64_t seed = 0;
    int64_t started_ms = 0;
    std::string state_json;
    int64_t saved_ms = 0;
    std::optional<int64_t> ended_ms;      // set once submitted
    std::optional<AttemptResult> result;  // set once submitted

    bool submitted() const { return ended_ms.has_value(); }
};

struct ScenarioEnding {
    LearnerId learner = 0;
    std::string course_id;
    std::string scenario_id;
    std::string ending_id;
    std::string outcome;    // "best", "acceptable", "poor" (the ending's rating)
    std::string path_json;  // opaque: the choices taken, for the debrief
};

struct ScenarioEndingRecord : ScenarioEnding {
    int64_t id = 0;
    int64_t reached_ms = 0;
};

// Where to resume: a page, or a question inside a quiz attempt.
struct Location {
    std::string course_id;
    std::string page_id;      // empty when in a quiz
    std::string quiz_id;      // empty when on a page
    int question_index = -1;  // quiz only
    int64_t updated_ms = 0;
};

enum class ItemType { Page, Question, Quiz, Scenario, Lesson, Module, Course };
const char* ToString(ItemType type);  // "page", "question", ...

struct ActiveTime {
    LearnerId learner = 0;
    std::string course_id;
    ItemType item_type = ItemType::Page;
    std::string item_id;
    int64_t active_ms = 0;  // accumulated
    int64_t updated_ms = 0;
};

// Rows that name an item the current course no longer has. Kept, reported, never deleted.
struct SetAsideItem {
    LearnerId learner = 0;
    std::string table;    // "page_views", "answers", "attempts", "scenario_endings", ...
    std::string item_id;  // the missing authored id
    int rows = 0;
    int64_t last_ms = 0;
};

// Filter for reads. Empty course_id = every course.
struct EventFilter {
    std::optional<LearnerId> learner;
    std::string course_id;
    int64_t since_ms = INT64_MIN;  // rows at or after this time

    EventFilter() = default;
    EventFilter(std::optional<LearnerId> learner_, std::string course_id_ = "", int64_t since_ms_ = INT64_MIN)
        : learner(learner_), course_id(std::move(course_id_)), since_ms(since_ms_) {}
};

// Everything ComputeStatus needs for one learner in one course (see progress_status.h).
struct LearnerProgress {
    std::string course_id;
    std::map<std::string, int64_t> pages_viewed;     // page id -> last viewed
    std::map<std::string, int64_t> checks_answered;  // question id -> last answered
    struct QuizSummary {
        int attempts_started = 0;
        int attempts_submitted = 0;
        bool passed = false;
        std::optional<double> best_scaled;  // best score_raw / score_max of submitted attempts
    };
    std::map<std::string, QuizSummary> quizzes;               // quiz id
    std::map<std::string, std::string> scenario_endings;      // scenario id -> last ending id
    std::map<std::string, int64_t> active_ms;                 // item id -> time on task
};

// ---- the store ----------------------------------------------------------------------------------

class ProgressStore;

// Why the store cannot save, or cannot be used, as a code with its data (`OpenResult::problem`
// and `problem_path`), for the interface to word in the course's language (ui/kiosk_words.h);
// OpenResult::message says the same in English with the details (SQLite's and the system's
// words), for logs and tools.
enum class StoreProblem {
    None,
    NotAFile,          // the path (or its -wal, -shm, -journal) is a folder, link or device
    FolderNotMade,     // the folder could not be made (problem_path: the folder)
    FolderReadOnly,    // the folder is read-only (problem_path: the folder)
    FileReadOnly,      // the file is read-only
    NotADatabase,      // the file is no database at all (random bytes, a copy cut short)
    Damaged,           // a database that fails its checks
    TooNew,            // written by a newer Lectern
    OtherWriter,       // another Lectern writes to this folder
    Busy,              // a lock outlived the wait
    WriteAheadLog,     // its write-ahead log could not be checked, used or set aside
    NoWriteAheadLog,   // its file system would not let it keep a write-ahead log (journal mode)
    DiskFull,          // the disk holding it is full
    Unreadable,        // the file could not be opened or read (anything else the system refused)
};
const char* ToString(StoreProblem problem);

struct OpenResult {
    OpenStatus status = OpenStatus::IoError;
    std::string message;                  // for a banner or a log line; names the path
    StoreProblem problem = StoreProblem::None;  // the same as a code, for the interface
    std::string problem_path;                   // the file or folder it is about
    std::unique_ptr<ProgressStore> store;  // present for Ok and CannotWrite
    int found_version = 0;                 // user_version in the file before any migration
    // Something the person looking after this machine should know even though the store opened:
    // a write-ahead log that did not belong to the database was set aside (names the copies), or
    // the log of a session that did not close cleanly was recovered (names the copy kept first).
    std::string notice;
    bool wal_set_aside = false;  // the notice is about a log that was NOT applied
    // The database file's bytes are as they were before Open (same inode, size, mtime, ctime):
    // the only case in which a message may say the file was left untouched.
    bool db_unchanged = true;
    // Locked because another Lectern process writes to this folder: its pid (0 when unknown).
    bool other_writer = false;
    long other_writer_pid = 0;

    bool ok() const { return status == OpenStatus::Ok; }
};

class ProgressStore {
public:
    // Opens (creating when missing, with its folder, mode 0700) and migrates the database.
    static OpenResult Open(const std::string& db_path, const OpenOptions& options = {});

    ~ProgressStore();
    ProgressStore(const ProgressStore&) = delete;
    ProgressStore& operator=(const ProgressStore&) = delete;

    const std::string& path() const { return m_path; }
    bool read_only() const { return m_read_only; }
    int schema_version() const;
    // A random UUID made when the store was created: names this store in exported xAPI.
    std::string store_id() const;
    // PRAGMA integrity_check: "ok", or SQLite's list of problems.
    std::string CheckIntegrity() const;
    // Copies every committed change into the database file (TRUNCATE empties the log; the log file
    // itself is removed when the last connection closes). The destructor does this; the app calls
    // it on a clean exit too. False when another connection kept part of the log in use, or the
    // file was replaced behind the store's back.
    bool Checkpoint(bool truncate);
    // True once the database file changed behind the store's back (see above): nothing more is
    // written, and this store never checkpoints into the new file.
    bool replaced() const { return m_replaced; }

    // ---- learners ----
    WriteResult CreateLearner(const std::string& display_name, int64_t now_ms);
    std::vector<Learner> Learners() const;
    std::optional<Learner> FindLearner(const std::string& display_name) const;  // ignoring case
    std::optional<Learner> GetLearner(LearnerId id) const;
    WriteResult SetPinHash(LearnerId learner, const std::optional<std::string>& pin_hash, int64_t now_ms);
    // Renames a learner; the new name must be free (ignoring case). Progress stays with the id.
    WriteResult RenameLearner(LearnerId learner, const std::string& display_name, int64_t now_ms);
    // Deletes a learner and every row of theirs, in one transaction. The caller exports the
    // learner's records first (the kiosk's admin screen writes them next to the database).
    WriteResult RemoveLearner(LearnerId learner, int64_t now_ms);

    // ---- events: each is one committed transaction before the call returns ----
    WriteResult RecordPageView(LearnerId learner, const std::string& course_id, const std::string& page_id,
                               int64_t now_ms);
    // A knowledge check or scenario choice; for quiz questions prefer RecordQuizAnswer.
    WriteResult RecordAnswer(const AnswerEvent& answer, int64_t now_ms);
    WriteResult StartAttempt(const AttemptStart& attempt, int64_t now_ms);
    // Replaces the attempt's saved state (after every answer, or on navigation).
    WriteResult SaveAttempt(const AttemptKey& key, const std::string& state_json, int64_t now_ms);
    // The answer row and the attempt's new state in ONE transaction, so a crash can never leave
    // an answer the resumed attempt does not know about (or the reverse).
    WriteResult RecordQuizAnswer(const AnswerEvent& answer, const std::string& state_json, int64_t now_ms);
    // Fails with NotFound if the attempt does not exist or was already submitted.
    WriteResult SubmitAttempt(const AttemptKey& key, const AttemptResult& result, const std::string& state_json,
                              int64_t now_ms);
    WriteResult RecordScenarioEnding(const ScenarioEnding& ending, int64_t now_ms);
    WriteResult SetSetting(LearnerId learner, const std::string& key, const std::string& value, int64_t now_ms);
    WriteResult SaveLocation(LearnerId learner, const Location& location, int64_t now_ms);
    // Adds active_ms to the learner's time on this item (the app reports small increments).
    WriteResult AddActiveTime(LearnerId learner, const std::string& course_id, ItemType item_type,
                              const std::string& item_id, int64_t active_ms, int64_t now_ms);

    // ---- reads ----
    std::vector<PageView> PageViews(const EventFilter& filter) const;
    std::vector<AnswerRecord> Answers(const EventFilter& filter) const;
    std::vector<AttemptRecord> Attempts(const EventFilter& filter) const;  // by quiz, attempt number
    std::vector<AttemptRecord> Attempts(LearnerId learner, const std::string& course_id,
                                        const std::string& quiz_id) const;
    // The newest attempt of this quiz that was started but not submitted: what to resume.
    std::optional<AttemptRecord> OpenAttempt(LearnerId learner, const std::string& course_id,
                                             const std::string& quiz_id) const;
    int NextAttemptNumber(LearnerId learner, const std::string& course_id, const std::string& quiz_id) const;
    std::vector<ScenarioEndingRecord> ScenarioEndings(const EventFilter& filter) const;
    std::optional<std::string> GetSetting(LearnerId learner, const std::string& key) const;
    std::map<std::string, std::string> Settings(LearnerId learner) const;
    // Empty course_id: the most recent location in any course (what to reopen at start-up).
    std::optional<Location> LastLocation(LearnerId learner, const std::string& course_id = "") const;
    std::vector<ActiveTime> ActiveTimes(const EventFilter& filter) const;

    LearnerProgress LoadProgress(LearnerId learner, const std::string& course_id) const;
    // Rows of this course (all learners, or one) naming items the course no longer has.
    std::vector<SetAsideItem> SetAside(const Course& course, std::optional<LearnerId> learner = {}) const;

    struct SharedFile;  // per file and process: the writer lock, the token the file carries

private:
    ProgressStore(sqlite3* db, std::string path, bool read_only);
    static OpenResult OpenFile(const std::string& db_path, const OpenOptions& options);
    void Attach(std::shared_ptr<SharedFile> shared, const std::string& file_gen);
    bool FileChangedBehindUs();
    sqlite3_stmt* Prepare(const char* sql) const;
    template <typename Fn>
    WriteResult Write(Fn&& body);

    sqlite3* m_db = nullptr;
    std::string m_path;
    bool m_read_only = false;
    bool m_replaced = false;
    int m_wal_frames = 0;  // frames in the log after the last commit (sqlite3_wal_hook)
    std::shared_ptr<SharedFile> m_shared;  // read-write stores only
    mutable std::map<const char*, sqlite3_stmt*> m_statements;  // keyed by the literal's address
};

// Renames a damaged database to <path>.bad-<UTC timestamp> (and its -wal and -shm alongside, as
// <path>.bad-<ts>-wal, so SQLite still pairs them for anyone trying to recover it). Never deletes.
// Returns the new path of the database file, or why not (Missing, CannotRename).
using MoveAsideResult = Result<std::filesystem::path, os::FileError>;
MoveAsideResult MoveAside(const std::string& db_path, int64_t now_ms);

}  // namespace lectern
