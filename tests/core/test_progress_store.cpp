// ProgressStore: every event round-trips through the file, faults are told apart on open,
// migrations carry data forward, and items a course no longer has are set aside, not deleted.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <thread>

#include "progress/progress_store.h"
#include "progress_test_util.h"

using namespace lectern;
using namespace progress_test;

namespace {

constexpr int64_t kT0 = 1714550000000;  // 2024-05-01, an arbitrary fixed "now"

std::unique_ptr<ProgressStore> OpenOk(const std::string& path, OpenOptions options = {}) {
    OpenResult r = ProgressStore::Open(path, options);
    EXPECT_EQ(r.status, OpenStatus::Ok) << r.message;
    return std::move(r.store);
}

struct StoreFixture : ::testing::Test {
    TempDir dir;
    std::string path = ProgressDbPath(dir.Sub("data"));
    std::unique_ptr<ProgressStore> store = OpenOk(path);
    LearnerId ana = *store->CreateLearner("Ana", kT0);

    // Closes and reopens the file, so reads prove the data reached the database.
    ProgressStore& Reopen() {
        store.reset();
        store = OpenOk(path);
        return *store;
    }
};

AnswerEvent Check(LearnerId learner, const std::string& question, bool correct) {
    AnswerEvent a;
    a.learner = learner;
    a.course_id = "course-a";
    a.kind = AnswerKind::Check;
    a.container_id = "page-1";
    a.item_id = question;
    a.response = R"({"choices":["b"]})";
    a.correct = correct;
    a.score = correct ? 1.0 : 0.0;
    a.max_score = 1.0;
    return a;
}

}  // namespace

// ---- locations and opening ----------------------------------------------------------------------

TEST(ProgressDataDir, UsesAbsoluteXdgDataHome) {
    // Other tests in this process may read these: put them back afterwards.
    std::optional<std::string> saved_xdg, saved_home;
    if (const char* v = std::getenv("XDG_DATA_HOME")) saved_xdg = v;
    if (const char* v = std::getenv("HOME")) saved_home = v;
    setenv("XDG_DATA_HOME", "/srv/learners/data", 1);
    EXPECT_EQ(DefaultDataDir(), "/srv/learners/data/lectern");
    setenv("XDG_DATA_HOME", "relative/path", 1);  // the XDG spec says to ignore relative paths
    setenv("HOME", "/home/kiosk", 1);
    EXPECT_EQ(DefaultDataDir(), "/home/kiosk/.local/share/lectern");
    unsetenv("XDG_DATA_HOME");
    EXPECT_EQ(DefaultDataDir(), "/home/kiosk/.local/share/lectern");
    if (saved_xdg) setenv("XDG_DATA_HOME", saved_xdg->c_str(), 1);
    if (saved_home) {
        setenv("HOME", saved_home->c_str(), 1);
    } else {
        unsetenv("HOME");
    }
    EXPECT_EQ(ProgressDbPath("/x/y"), "/x/y/progress.sqlite3");
    EXPECT_EQ(ProgressDbPath("/x/y/"), "/x/y/progress.sqlite3");
}

TEST(ProgressStoreOpen, CreatesMissingPrivateFolderAndCurrentSchema) {
    TempDir dir;
    std::string data_dir = dir.Sub("a/b/lectern");
    OpenResult r = ProgressStore::Open(ProgressDbPath(data_dir));
    ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
    EXPECT_EQ(r.found_version, 0);
    EXPECT_EQ(r.store->schema_version(), kProgressSchemaVersion);
    EXPECT_FALSE(r.store->read_only());
    struct stat st;
    ASSERT_EQ(stat(data_dir.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u) << "progress is personal: the folder is private";
    EXPECT_EQ(r.store->CheckIntegrity(), "ok");
}

TEST(ProgressStoreOpen, FileUsesWriteAheadLog) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    { auto store = OpenOk(path); }
    RawDb raw(path);
    EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
}

TEST(ProgressStoreOpen, StoreIdIsAStableUuid) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    std::string first = OpenOk(path)->store_id();
    EXPECT_EQ(first.size(), 36u);
    EXPECT_EQ(first[14], '4');
    EXPECT_EQ(OpenOk(path)->store_id(), first);
    TempDir other;
    EXPECT_NE(OpenOk(ProgressDbPath(other.path()))->store_id(), first);
}

// ---- learners -----------------------------------------------------------------------------------

TEST_F(StoreFixture, LearnerRoundTripsWithNoPinByDefault) {
    Reopen();
    std::optional<Learner> l = store->GetLearner(ana);
    ASSERT_TRUE(l);
    EXPECT_EQ(l->display_name, "Ana");
    EXPECT_EQ(l->created_ms, kT0);
    EXPECT_FALSE(l->pin_hash);
}

TEST_F(StoreFixture, DisplayNamesAreUniqueIgnoringCaseInEveryScript) {
    EXPECT_EQ(store->CreateLearner("ANA", kT0).error().code, StoreError::DuplicateName);
    EXPECT_EQ(store->CreateLearner("  ana ", kT0).error().code, StoreError::DuplicateName);
    ASSERT_TRUE(store->CreateLearner("Ёлка Σοφία", kT0));
    EXPECT_EQ(store->CreateLearner("ёЛКА ΣΟΦΊΑ", kT0).error().code, StoreError::DuplicateName);
    ASSERT_TRUE(store->FindLearner("ёлка σοφία"));
    EXPECT_EQ(store->FindLearner("ёлка σοφία")->display_name, "Ёлка Σοφία");
    EXPECT_EQ(store->FindLearner("aNa")->id, ana);
    EXPECT_EQ(store->Learners().size(), 2u);
}

TEST_F(StoreFixture, UnusableDisplayNamesAreRefused) {
    EXPECT_EQ(store->CreateLearner("   ", kT0).error().code, StoreError::InvalidArgument);
    EXPECT_EQ(store->CreateLearner("bad\xff", kT0).error().code, StoreError::InvalidArgument);
    EXPECT_EQ(store->CreateLearner("tab\tin", kT0).error().code, StoreError::InvalidArgument);
    EXPECT_EQ(store->CreateLearner(std::string(81, 'x'), kT0).error().code, StoreError::InvalidArgument);
    EXPECT_EQ(store->Learners().size(), 1u);
}

TEST_F(StoreFixture, PinHashIsStoredAndCleared) {
    ASSERT_TRUE(store->SetPinHash(ana, std::string("$argon2id$v=19$..."), kT0 + 1));
    EXPECT_EQ(Reopen().GetLearner(ana)->pin_hash.value_or(""), "$argon2id$v=19$...");
    ASSERT_TRUE(store->SetPinHash(ana, std::nullopt, kT0 + 2));
    EXPECT_FALSE(Reopen().GetLearner(ana)->pin_hash);
    EXPECT_EQ(store->SetPinHash(999, std::string("x"), kT0).error().code, StoreError::UnknownLearner);
}

TEST_F(StoreFixture, EventsForAnUnknownLearnerAreRefused) {
    EXPECT_EQ(store->RecordPageView(ana + 41, "course-a", "page-1", kT0).error().code, StoreError::UnknownLearner);
    EXPECT_EQ(store->RecordPageView(0, "course-a", "page-1", kT0).error().code, StoreError::UnknownLearner);
    EXPECT_TRUE(store->PageViews({}).empty());
}

// ---- every event round-trips --------------------------------------------------------------------

TEST_F(StoreFixture, PageViewRoundTrips) {
    ASSERT_TRUE(store->RecordPageView(ana, "course-a", "intro", kT0 + 10));
    ASSERT_TRUE(store->RecordPageView(ana, "course-a", "intro", kT0 + 20));
    std::vector<PageView> views = Reopen().PageViews({ana, "course-a"});
    ASSERT_EQ(views.size(), 2u);
    EXPECT_EQ(views[0].page_id, "intro");
    EXPECT_EQ(views[0].viewed_ms, kT0 + 10);
    EXPECT_EQ(views[1].viewed_ms, kT0 + 20);
    EXPECT_EQ(views[0].learner, ana);
}

TEST_F(StoreFixture, KnowledgeCheckAnswerRoundTrips) {
    AnswerEvent a = Check(ana, "q-leahy", false);
    a.score = 0.5;
    a.max_score = 2.0;
    ASSERT_TRUE(store->RecordAnswer(a, kT0 + 5));
    std::vector<AnswerRecord> got = Reopen().Answers({ana});
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].kind, AnswerKind::Check);
    EXPECT_EQ(got[0].course_id, "course-a");
    EXPECT_EQ(got[0].container_id, "page-1");
    EXPECT_EQ(got[0].item_id, "q-leahy");
    EXPECT_EQ(got[0].response, a.response);
    EXPECT_EQ(got[0].correct, std::optional<bool>(false));
    EXPECT_EQ(got[0].score, std::optional<double>(0.5));
    EXPECT_EQ(got[0].max_score, std::optional<double>(2.0));
    EXPECT_EQ(got[0].answered_ms, kT0 + 5);
    EXPECT_EQ(got[0].attempt_number, 0);
}

TEST_F(StoreFixture, ScenarioChoiceWithoutGradeRoundTrips) {
    AnswerEvent a;
    a.learner = ana;
    a.course_id = "course-a";
    a.kind = AnswerKind::Scenario;
    a.container_id = "checkpoint";
    a.item_id = "node-2";
    a.response = "choice-report";
    ASSERT_TRUE(store->RecordAnswer(a, kT0));
    std::vector<AnswerRecord> got = Reopen().Answers({});
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].kind, AnswerKind::Scenario);
    EXPECT_EQ(got[0].container_id, "checkpoint");
    EXPECT_EQ(got[0].response, "choice-report");
    EXPECT_FALSE(got[0].correct);
    EXPECT_FALSE(got[0].score);
}

TEST_F(StoreFixture, AttemptStartSaveAnswerSubmitRoundTrips) {
    AttemptStart start;
    start.learner = ana;
    start.course_id = "course-a";
    start.quiz_id = "final";
    start.attempt_number = store->NextAttemptNumber(ana, "course-a", "final");
    start.seed = 0x5eed1234abcdLL;
    start.state_json = R"({"drawn":["q3","q1"]})";
    EXPECT_EQ(start.attempt_number, 1);
    ASSERT_TRUE(store->StartAttempt(start, kT0));

    AttemptKey key{ana, "course-a", "final", 1};
    ASSERT_TRUE(store->SaveAttempt(key, R"({"drawn":["q3","q1"],"at":1})", kT0 + 1000));
    AnswerEvent a = Check(ana, "q3", true);
    a.kind = AnswerKind::Quiz;
    a.container_id = "final";
    a.attempt_number = 1;
    ASSERT_TRUE(store->RecordQuizAnswer(a, R"({"drawn":["q3","q1"],"answers":{"q3":"b"}})", kT0 + 2000));

    std::optional<AttemptRecord> open = Reopen().OpenAttempt(ana, "course-a", "final");
    ASSERT_TRUE(open);
    EXPECT_EQ(open->seed, start.seed);
    EXPECT_EQ(open->started_ms, kT0);
    EXPECT_EQ(open->saved_ms, kT0 + 2000);
    EXPECT_EQ(open->state_json, R"({"drawn":["q3","q1"],"answers":{"q3":"b"}})");
    EXPECT_FALSE(open->submitted());
    std::vector<AnswerRecord> answers = store->Answers({ana});
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].kind, AnswerKind::Quiz);
    EXPECT_EQ(answers[0].attempt_number, 1);

    ASSERT_TRUE(store->SubmitAttempt(key, {3.0, 4.0, false}, R"({"done":true})", kT0 + 60000));
    Reopen();
    EXPECT_FALSE(store->OpenAttempt(ana, "course-a", "final"));
    std::vector<AttemptRecord> all = store->Attempts(ana, "course-a", "final");
    ASSERT_EQ(all.size(), 1u);
    ASSERT_TRUE(all[0].submitted());
    EXPECT_EQ(*all[0].ended_ms, kT0 + 60000);
    EXPECT_EQ(all[0].result->score_raw, 3.0);
    EXPECT_EQ(all[0].result->score_max, 4.0);
    EXPECT_FALSE(all[0].result->passed);
    EXPECT_EQ(all[0].state_json, R"({"done":true})");
    EXPECT_EQ(store->NextAttemptNumber(ana, "course-a", "final"), 2);
}

TEST_F(StoreFixture, SubmittedAttemptCannotBeChangedOrSubmittedAgain) {
    AttemptStart start{ana, "course-a", "final", 1, 7, "{}"};
    ASSERT_TRUE(store->StartAttempt(start, kT0));
    AttemptKey key{ana, "course-a", "final", 1};
    ASSERT_TRUE(store->SubmitAttempt(key, {4, 4, true}, "{}", kT0 + 1));
    EXPECT_EQ(store->SubmitAttempt(key, {0, 4, false}, "{}", kT0 + 2).error().code, StoreError::NotFound);
    EXPECT_EQ(store->SaveAttempt(key, "{\"late\":1}", kT0 + 3).error().code, StoreError::NotFound);
    AnswerEvent late = Check(ana, "q1", true);
    late.kind = AnswerKind::Quiz;
    late.container_id = "final";
    late.attempt_number = 1;
    EXPECT_EQ(store->RecordQuizAnswer(late, "{}", kT0 + 4).error().code, StoreError::NotFound);
    EXPECT_TRUE(store->Answers({}).empty()) << "the refused answer left no row behind";
    EXPECT_TRUE(store->Attempts(ana, "course-a", "final")[0].result->passed);
    EXPECT_EQ(store->StartAttempt(start, kT0 + 5).error().code, StoreError::InvalidArgument) << "attempt 1 exists";
}

TEST_F(StoreFixture, ScenarioEndingRoundTrips) {
    ScenarioEnding e{ana, "course-a", "checkpoint", "end-report", "best", R"(["c1","c4"])"};
    ASSERT_TRUE(store->RecordScenarioEnding(e, kT0 + 9));
    std::vector<ScenarioEndingRecord> got = Reopen().ScenarioEndings({ana, "course-a"});
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].scenario_id, "checkpoint");
    EXPECT_EQ(got[0].ending_id, "end-report");
    EXPECT_EQ(got[0].outcome, "best");
    EXPECT_EQ(got[0].path_json, R"(["c1","c4"])");
    EXPECT_EQ(got[0].reached_ms, kT0 + 9);
}

TEST_F(StoreFixture, SettingsRoundTripAndLaterValueWins) {
    ASSERT_TRUE(store->SetSetting(ana, "text_size", "150", kT0));
    ASSERT_TRUE(store->SetSetting(ana, "theme", "black-on-yellow", kT0));
    ASSERT_TRUE(store->SetSetting(ana, "text_size", "200", kT0 + 1));
    LearnerId ben = *store->CreateLearner("Ben", kT0);
    ASSERT_TRUE(store->SetSetting(ben, "text_size", "100", kT0));
    Reopen();
    EXPECT_EQ(store->GetSetting(ana, "text_size").value_or(""), "200");
    EXPECT_EQ(store->Settings(ana).size(), 2u);
    EXPECT_EQ(store->GetSetting(ben, "text_size").value_or(""), "100");
    EXPECT_FALSE(store->GetSetting(ben, "theme"));
}

TEST_F(StoreFixture, LastLocationRoundTripsPerCourseAndOverall) {
    ASSERT_TRUE(store->SaveLocation(ana, {"course-a", "page-7", "", -1, 0}, kT0));
    ASSERT_TRUE(store->SaveLocation(ana, {"course-b", "", "quiz-2", 3, 0}, kT0 + 5));
    ASSERT_TRUE(store->SaveLocation(ana, {"course-a", "page-8", "", -1, 0}, kT0 + 2));
    Reopen();
    std::optional<Location> a = store->LastLocation(ana, "course-a");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->page_id, "page-8");
    EXPECT_EQ(a->updated_ms, kT0 + 2);
    std::optional<Location> latest = store->LastLocation(ana);
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->course_id, "course-b");
    EXPECT_EQ(latest->quiz_id, "quiz-2");
    EXPECT_EQ(latest->question_index, 3);
    EXPECT_FALSE(store->LastLocation(ana, "course-c"));
}

TEST_F(StoreFixture, ActiveTimeAccumulatesSmallIncrements) {
    for (int i = 0; i < 12; ++i) {
        ASSERT_TRUE(store->AddActiveTime(ana, "course-a", ItemType::Page, "page-1", 5000, kT0 + i * 5000));
    }
    ASSERT_TRUE(store->AddActiveTime(ana, "course-a", ItemType::Quiz, "final", 1500, kT0));
    std::vector<ActiveTime> times = Reopen().ActiveTimes({ana});
    ASSERT_EQ(times.size(), 2u);
    EXPECT_EQ(times[0].item_id, "final");
    EXPECT_EQ(times[0].item_type, ItemType::Quiz);
    EXPECT_EQ(times[0].active_ms, 1500);
    EXPECT_EQ(times[1].item_id, "page-1");
    EXPECT_EQ(times[1].active_ms, 12 * 5000);
    EXPECT_EQ(times[1].updated_ms, kT0 + 11 * 5000);
    EXPECT_EQ(store->AddActiveTime(ana, "course-a", ItemType::Page, "page-1", -1, kT0).error().code,
              StoreError::InvalidArgument);
}

TEST_F(StoreFixture, FiltersSelectLearnerCourseAndTime) {
    LearnerId ben = *store->CreateLearner("Ben", kT0);
    ASSERT_TRUE(store->RecordPageView(ana, "course-a", "p1", kT0));
    ASSERT_TRUE(store->RecordPageView(ana, "course-b", "p1", kT0 + 10));
    ASSERT_TRUE(store->RecordPageView(ben, "course-a", "p2", kT0 + 20));
    EXPECT_EQ(store->PageViews({}).size(), 3u);
    EXPECT_EQ(store->PageViews({ana}).size(), 2u);
    EXPECT_EQ(store->PageViews({std::nullopt, "course-a"}).size(), 2u);
    EXPECT_EQ(store->PageViews({std::nullopt, "", kT0 + 10}).size(), 2u);
    EXPECT_EQ(store->PageViews({ben, "course-b"}).size(), 0u);
}

TEST_F(StoreFixture, EachWriteIsVisibleToAnotherConnectionWhenTheCallReturns) {
    // The screen acknowledges after the call returns; by then the row must be committed, which a
    // second connection (another process, in real life) can see without the first closing.
    RawDb other(path, SQLITE_OPEN_READONLY);
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(store->RecordAnswer(Check(ana, "q" + std::to_string(i), true), kT0 + i));
        EXPECT_EQ(other.Int("SELECT count(*) FROM answers"), i + 1);
    }
}

TEST_F(StoreFixture, LoadProgressSummarisesOneCourse) {
    ASSERT_TRUE(store->RecordPageView(ana, "course-a", "p1", kT0));
    ASSERT_TRUE(store->RecordPageView(ana, "course-a", "p1", kT0 + 50));
    ASSERT_TRUE(store->RecordPageView(ana, "course-b", "p9", kT0));
    ASSERT_TRUE(store->RecordAnswer(Check(ana, "k1", false), kT0 + 1));
    ASSERT_TRUE(store->StartAttempt({ana, "course-a", "quiz-1", 1, 1, "{}"}, kT0));
    ASSERT_TRUE(store->SubmitAttempt({ana, "course-a", "quiz-1", 1}, {1, 4, false}, "{}", kT0 + 1));
    ASSERT_TRUE(store->StartAttempt({ana, "course-a", "quiz-1", 2, 2, "{}"}, kT0 + 2));
    ASSERT_TRUE(store->SubmitAttempt({ana, "course-a", "quiz-1", 2}, {3, 4, true}, "{}", kT0 + 3));
    ASSERT_TRUE(store->StartAttempt({ana, "course-a", "quiz-1", 3, 3, "{}"}, kT0 + 4));
    ASSERT_TRUE(store->RecordScenarioEnding({ana, "course-a", "sc", "end-1", "poor", "[]"}, kT0));
    ASSERT_TRUE(store->RecordScenarioEnding({ana, "course-a", "sc", "end-2", "best", "[]"}, kT0 + 1));
    LearnerProgress p = Reopen().LoadProgress(ana, "course-a");
    EXPECT_EQ(p.pages_viewed.size(), 1u);
    EXPECT_EQ(p.pages_viewed["p1"], kT0 + 50);
    EXPECT_EQ(p.checks_answered.count("k1"), 1u);
    const LearnerProgress::QuizSummary& q = p.quizzes["quiz-1"];
    EXPECT_EQ(q.attempts_started, 3);
    EXPECT_EQ(q.attempts_submitted, 2);
    EXPECT_TRUE(q.passed);
    EXPECT_DOUBLE_EQ(q.best_scaled.value_or(-1), 0.75);
    EXPECT_EQ(p.scenario_endings["sc"], "end-2");
}

// ---- concurrency --------------------------------------------------------------------------------

TEST(ProgressStoreConcurrency, TwoConnectionsWritingAtOnceLoseNothing) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    auto first = OpenOk(path);
    auto second = OpenOk(path);
    LearnerId a = *first->CreateLearner("A", kT0);
    LearnerId b = *second->CreateLearner("B", kT0);
    ASSERT_GT(a, 0);
    ASSERT_GT(b, 0);
    const int n = 150;
    std::atomic<int> failures{0};
    auto writer = [&](ProgressStore* store, LearnerId learner) {
        for (int i = 0; i < n; ++i) {
            if (!store->RecordAnswer(Check(learner, "q" + std::to_string(i), true), kT0 + i)) ++failures;
            if (!store->RecordPageView(learner, "course-a", "p" + std::to_string(i), kT0 + i)) ++failures;
        }
    };
    std::thread t1(writer, first.get(), a);
    std::thread t2(writer, second.get(), b);
    t1.join();
    t2.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(first->Answers({b}).size(), static_cast<size_t>(n)) << "each sees the other's commits";
    EXPECT_EQ(second->PageViews({a}).size(), static_cast<size_t>(n));
    EXPECT_EQ(first->CheckIntegrity(), "ok");
}

TEST(ProgressStoreConcurrency, WriterWaitsForAnotherWritersShortTransaction) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    auto store = OpenOk(path);
    LearnerId a = *store->CreateLearner("A", kT0);
    RawDb other(path);
    ASSERT_EQ(other.Exec("BEGIN IMMEDIATE"), SQLITE_OK);
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        other.Exec("COMMIT");
    });
    WriteResult r = store->RecordPageView(a, "course-a", "p1", kT0);  // waits inside busy_timeout
    release.join();
    EXPECT_TRUE(r.ok()) << r.error().message;
}

TEST(ProgressStoreConcurrency, WriterHeldTooLongReportsBusy) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    OpenOptions quick;
    quick.busy_timeout_ms = 50;
    auto store = OpenOk(path, quick);
    LearnerId a = *store->CreateLearner("A", kT0);
    RawDb other(path);
    ASSERT_EQ(other.Exec("BEGIN IMMEDIATE"), SQLITE_OK);
    EXPECT_EQ(store->RecordPageView(a, "course-a", "p1", kT0).error().code, StoreError::Busy);
    other.Exec("ROLLBACK");
    EXPECT_TRUE(store->RecordPageView(a, "course-a", "p1", kT0 + 1));
}

TEST(ProgressStoreOpen, ExclusiveLockHeldElsewhereIsReportedAsLocked) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    { OpenOk(path)->CreateLearner("A", kT0); }
    auto other = std::make_unique<RawDb>(path);
    ASSERT_EQ(other->Exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                          "INSERT INTO meta(key, value) VALUES('x', 'y');"),
              SQLITE_OK);
    OpenOptions quick;
    quick.busy_timeout_ms = 50;
    OpenResult r = ProgressStore::Open(path, quick);
    EXPECT_EQ(r.status, OpenStatus::Locked) << r.message;
    EXPECT_FALSE(r.store);
    other.reset();  // the other program exits
    EXPECT_EQ(ProgressStore::Open(path, quick).status, OpenStatus::Ok);
}

// ---- migrations ---------------------------------------------------------------------------------

namespace {

// Schema v1 exactly as a v1 build wrote it, typed out here rather than taken from the store, so
// the test keeps describing old files even if someone edits the store's copy by mistake.
const char* const kHandWrittenV1 = R"sql(
CREATE TABLE learners(id INTEGER PRIMARY KEY, display_name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,
    created_ms INTEGER NOT NULL, pin_hash TEXT);
CREATE TABLE page_views(id INTEGER PRIMARY KEY, learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL, page_id TEXT NOT NULL, viewed_ms INTEGER NOT NULL);
CREATE INDEX page_views_by_item ON page_views(learner_id, course_id, page_id);
CREATE TABLE answers(id INTEGER PRIMARY KEY, learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL, kind TEXT NOT NULL CHECK(kind IN ('check', 'quiz', 'scenario')),
    container_id TEXT NOT NULL, item_id TEXT NOT NULL, attempt_number INTEGER, response TEXT NOT NULL,
    correct INTEGER, score REAL, max_score REAL, answered_ms INTEGER NOT NULL);
CREATE INDEX answers_by_item ON answers(learner_id, course_id, kind, item_id);
CREATE TABLE attempts(id INTEGER PRIMARY KEY, learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL, quiz_id TEXT NOT NULL, attempt_number INTEGER NOT NULL, seed INTEGER NOT NULL,
    started_ms INTEGER NOT NULL, state_json TEXT NOT NULL, saved_ms INTEGER NOT NULL, ended_ms INTEGER,
    score_raw REAL, score_max REAL, passed INTEGER, UNIQUE(learner_id, course_id, quiz_id, attempt_number));
CREATE TABLE scenario_endings(id INTEGER PRIMARY KEY, learner_id INTEGER NOT NULL REFERENCES learners(id),
    course_id TEXT NOT NULL, scenario_id TEXT NOT NULL, ending_id TEXT NOT NULL, outcome TEXT NOT NULL,
    path_json TEXT NOT NULL, reached_ms INTEGER NOT NULL);
CREATE INDEX scenario_endings_by_item ON scenario_endings(learner_id, course_id, scenario_id);
CREATE TABLE locations(learner_id INTEGER NOT NULL REFERENCES learners(id), course_id TEXT NOT NULL,
    page_id TEXT NOT NULL, quiz_id TEXT NOT NULL, question_index INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
    PRIMARY KEY(learner_id, course_id));
CREATE TABLE time_on_task(learner_id INTEGER NOT NULL REFERENCES learners(id), course_id TEXT NOT NULL,
    item_type TEXT NOT NULL, item_id TEXT NOT NULL, active_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
    PRIMARY KEY(learner_id, course_id, item_id));
INSERT INTO learners VALUES(1, 'Old Timer', 'old timer', 1600000000000, NULL);
INSERT INTO page_views VALUES(1, 1, 'course-a', 'p1', 1600000000100);
INSERT INTO answers VALUES(1, 1, 'course-a', 'check', 'p1', 'k1', NULL, '"b"', 1, 1, 1, 1600000000200);
INSERT INTO attempts VALUES(1, 1, 'course-a', 'final', 1, 42, 1600000000300, '{"v":1}', 1600000000400,
    NULL, NULL, NULL, NULL);
INSERT INTO locations VALUES(1, 'course-a', 'p1', '', -1, 1600000000500);
PRAGMA user_version = 1;
)sql";

}  // namespace

TEST(ProgressMigration, V1FileMigratesToCurrentKeepingEveryRow) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    {
        RawDb raw(path);
        ASSERT_EQ(raw.Exec(kHandWrittenV1), SQLITE_OK) << sqlite3_errmsg(raw.db);
    }
    OpenResult r = ProgressStore::Open(path);
    ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
    EXPECT_EQ(r.found_version, 1);
    ProgressStore& s = *r.store;
    EXPECT_EQ(s.schema_version(), kProgressSchemaVersion);
    std::optional<Learner> old = s.FindLearner("OLD TIMER");
    ASSERT_TRUE(old);
    EXPECT_EQ(old->created_ms, 1600000000000);
    EXPECT_EQ(s.PageViews({}).size(), 1u);
    EXPECT_EQ(s.Answers({})[0].item_id, "k1");
    std::optional<AttemptRecord> open = s.OpenAttempt(old->id, "course-a", "final");
    ASSERT_TRUE(open);
    EXPECT_EQ(open->state_json, R"({"v":1})");
    EXPECT_EQ(s.LastLocation(old->id)->page_id, "p1");
    // What v2 added works on the migrated file.
    EXPECT_EQ(s.store_id().size(), 36u);
    ASSERT_TRUE(s.SetSetting(old->id, "theme", "dark", 1600000001000));
    EXPECT_EQ(s.GetSetting(old->id, "theme").value_or(""), "dark");
    EXPECT_EQ(s.CheckIntegrity(), "ok");
    RawDb raw(path);
    EXPECT_EQ(raw.Text("SELECT name FROM sqlite_master WHERE name = 'answers_by_time'"), "answers_by_time");
}

TEST(ProgressMigration, EmptyFileIsInitialisedFromVersionZero) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    WriteFile(path, "");  // e.g. created by `touch`, or a crash before SQLite wrote page 1
    OpenResult r = ProgressStore::Open(path);
    ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
    EXPECT_EQ(r.found_version, 0);
    EXPECT_EQ(r.store->schema_version(), kProgressSchemaVersion);
    EXPECT_TRUE(r.store->CreateLearner("Ana", kT0));
}

TEST(ProgressMigration, FailedMigrationLeavesTheFileAtItsOldVersion) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    {
        RawDb raw(path);
        ASSERT_EQ(raw.Exec(kHandWrittenV1), SQLITE_OK);
        // Something v2 wants to create is already there (a hand edit): the migration must fail
        // as a whole, not leave half a schema.
        ASSERT_EQ(raw.Exec("CREATE TABLE meta(x)"), SQLITE_OK);
    }
    OpenResult r = ProgressStore::Open(path);
    EXPECT_NE(r.status, OpenStatus::Ok);
    EXPECT_FALSE(r.store);
    RawDb raw(path);
    EXPECT_EQ(raw.Int("PRAGMA user_version"), 1);
    EXPECT_EQ(raw.Text("SELECT name FROM sqlite_master WHERE name = 'learner_settings'"), "");
    EXPECT_EQ(raw.Int("SELECT count(*) FROM answers"), 1);
}

TEST(ProgressMigration, ReadOnlyOpenOfV1FileSeesCurrentSchemaWithoutTouchingIt) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    {
        RawDb raw(path);
        ASSERT_EQ(raw.Exec(kHandWrittenV1), SQLITE_OK);
    }
    std::string before = ReadFile(path);
    OpenOptions ro;
    ro.read_only = true;
    OpenResult r = ProgressStore::Open(path, ro);
    ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
    EXPECT_TRUE(r.store->read_only());
    EXPECT_EQ(r.store->Answers({}).size(), 1u);
    EXPECT_TRUE(r.store->Settings(1).empty());
    EXPECT_EQ(r.store->SetSetting(1, "k", "v", kT0).error().code, StoreError::NotSaving);
    r.store.reset();
    EXPECT_EQ(ReadFile(path), before);
}

// ---- faults -------------------------------------------------------------------------------------

TEST(ProgressFaults, RandomBytesAreReportedCorrupt) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    std::mt19937 rng(12345);
    std::string junk(8192, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    WriteFile(path, junk);
    OpenResult r = ProgressStore::Open(path);
    EXPECT_EQ(r.status, OpenStatus::Corrupt) << r.message;
    EXPECT_FALSE(r.store);
    EXPECT_EQ(ReadFile(path), junk) << "a bad file is never overwritten";
}

TEST(ProgressFaults, TruncatedDatabaseIsReportedCorrupt) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    {
        auto store = OpenOk(path);
        LearnerId a = *store->CreateLearner("A", kT0);
        for (int i = 0; i < 400; ++i) {
            AnswerEvent e = Check(a, "question-with-a-longish-id-" + std::to_string(i), i % 2 == 0);
            e.response = std::string(200, 'r');
            ASSERT_TRUE(store->RecordAnswer(e, kT0 + i));
        }
    }  // last connection closed: WAL checkpointed into the main file and removed
    std::string whole = ReadFile(path);
    ASSERT_GT(whole.size(), 40000u);
    for (size_t keep : {whole.size() / 2, whole.size() / 2 + 1000, whole.size() - 4096}) {
        WriteFile(path, whole.substr(0, keep));
        OpenResult r = ProgressStore::Open(path);
        EXPECT_EQ(r.status, OpenStatus::Corrupt) << keep << " bytes: " << r.message;
        EXPECT_FALSE(r.store);
        // Large files skip the page-by-page check at start-up; the header check still catches it.
        OpenOptions header_only;
        header_only.full_check_max_bytes = 0;
        EXPECT_EQ(ProgressStore::Open(path, header_only).status, OpenStatus::Corrupt) << keep << " bytes";
    }
}

TEST(ProgressFaults, DamagedPageInsideASmallFileIsFoundOnOpen) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    {
        auto store = OpenOk(path);
        LearnerId a = *store->CreateLearner("A", kT0);
        for (int i = 0; i < 400; ++i) {
            AnswerEvent e = Check(a, "q" + std::to_string(i), true);
            e.response = std::string(200, 'r');
            ASSERT_TRUE(store->RecordAnswer(e, kT0 + i));
        }
    }
    std::string bytes = ReadFile(path);
    const size_t page = 4096;
    ASSERT_GT(bytes.size(), 8 * page);
    std::mt19937 rng(99);
    for (size_t i = 5 * page; i < 6 * page; ++i) bytes[i] = static_cast<char>(rng());  // same size, bad page
    WriteFile(path, bytes);
    OpenResult r = ProgressStore::Open(path);
    EXPECT_EQ(r.status, OpenStatus::Corrupt) << r.message;
}

TEST(ProgressFaults, NewerSchemaVersionIsRefusedAndLeftUntouched) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    { OpenOk(path)->CreateLearner("A", kT0); }
    {
        RawDb raw(path);
        ASSERT_EQ(raw.Exec("PRAGMA user_version = " + std::to_string(kProgressSchemaVersion + 5)), SQLITE_OK);
    }
    std::string before = ReadFile(path);
    OpenResult r = ProgressStore::Open(path);
    EXPECT_EQ(r.status, OpenStatus::TooNew) << r.message;
    EXPECT_EQ(r.found_version, kProgressSchemaVersion + 5);
    EXPECT_FALSE(r.store);
    EXPECT_EQ(ReadFile(path), before);
}

TEST(ProgressFaults, MoveAsideKeepsTheBadFileAndItsWalUnderATimestampedName) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    WriteFile(path, "not a database at all, but someone's only copy");
    WriteFile(path + "-wal", "wal bytes");
    WriteFile(path + "-shm", "shm bytes");
    const int64_t now = 1714557600000;  // 2024-05-01T10:00:00Z
    MoveAsideResult moved = MoveAside(path, now);
    ASSERT_TRUE(moved.ok()) << lectern::os::Describe(moved.error());
    const std::string first = lectern::os::Utf8(*moved);
    EXPECT_EQ(first, path + ".bad-20240501T100000Z");
    EXPECT_EQ(ReadFile(first), "not a database at all, but someone's only copy");
    EXPECT_EQ(ReadFile(first + "-wal"), "wal bytes");
    EXPECT_EQ(ReadFile(first + "-shm"), "shm bytes");
    EXPECT_FALSE(fs::exists(path));
    EXPECT_FALSE(fs::exists(path + "-wal"));
    // The same second again must not overwrite the first bad file.
    WriteFile(path, "second bad file");
    MoveAsideResult again = MoveAside(path, now);
    ASSERT_TRUE(again.ok());
    EXPECT_NE(*again, *moved);
    EXPECT_EQ(ReadFile(first), "not a database at all, but someone's only copy");
    EXPECT_EQ(ReadFile(lectern::os::Utf8(*again)), "second bad file");
    // And a fresh store can start in its place.
    EXPECT_EQ(ProgressStore::Open(path).status, OpenStatus::Ok);
}

TEST(ProgressFaults, MoveAsideOfAMissingFileFails) {
    TempDir dir;
    MoveAsideResult r = MoveAside(dir.Sub("nothing.sqlite3"), kT0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, lectern::os::FileErrorCode::Missing);
    EXPECT_EQ(r.error().path, dir.Sub("nothing.sqlite3"));
}

TEST(ProgressFaults, PathThatIsAFolderIsAnIoError) {
    TempDir dir;
    OpenResult r = ProgressStore::Open(dir.path());
    EXPECT_EQ(r.status, OpenStatus::IoError);
    EXPECT_FALSE(r.store);
}

TEST(ProgressFaults, ReadOnlyFolderWithDataOpensReadOnlyAndSavesNothing) {
    TempDir dir;
    std::string data = dir.Sub("data");
    std::string path = ProgressDbPath(data);
    {
        auto store = OpenOk(path);
        LearnerId a = *store->CreateLearner("Ana", kT0);
        ASSERT_TRUE(store->RecordPageView(a, "course-a", "p1", kT0));
    }
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::others_exec | fs::perms::group_exec);
    fs::permissions(data, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                              fs::perms::others_exec | fs::perms::group_read | fs::perms::group_exec);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read |
                              fs::perms::group_read);
    std::string before = ReadFile(path);
    int code = RunUnprivileged([&] {
        OpenResult r = ProgressStore::Open(path);
        if (r.status != OpenStatus::CannotWrite || !r.store) {
            std::fprintf(stderr, "status %s: %s\n", ToString(r.status), r.message.c_str());
            return 1;
        }
        if (!r.store->read_only()) return 2;
        std::optional<Learner> ana = r.store->FindLearner("ana");
        if (!ana || r.store->PageViews({}).size() != 1) return 3;  // history still visible
        if (r.store->RecordPageView(ana->id, "course-a", "p2", kT0 + 1).error().code != StoreError::NotSaving) return 4;
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(ReadFile(path), before);
}

TEST(ProgressFaults, ReadOnlyFolderWithoutDataGivesAnEmptyStoreThatSavesNothing) {
    TempDir dir;
    std::string data = dir.Sub("data");
    fs::create_directory(data);
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::others_exec);
    fs::permissions(data, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                              fs::perms::others_exec);
    std::string path = ProgressDbPath(data);
    int code = RunUnprivileged([&] {
        OpenResult r = ProgressStore::Open(path);
        if (r.status != OpenStatus::CannotWrite || !r.store) {
            std::fprintf(stderr, "status %s: %s\n", ToString(r.status), r.message.c_str());
            return 1;
        }
        if (r.store->CreateLearner("Ana", kT0).error().code != StoreError::NotSaving) return 2;
        if (!r.store->Learners().empty()) return 3;
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_FALSE(fs::exists(path));
}

TEST(ProgressFaults, ReadOnlyFileInWritableFolderOpensReadOnly) {
    TempDir dir;
    std::string path = ProgressDbPath(dir.path());
    {
        auto store = OpenOk(path);
        ASSERT_TRUE(store->CreateLearner("Ana", kT0));
    }
    fs::permissions(dir.path(), fs::perms::all);  // writable for anyone: only the file says no
    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    int code = RunUnprivileged([&] {
        OpenResult r = ProgressStore::Open(path);
        if (r.status != OpenStatus::CannotWrite || !r.store) {
            std::fprintf(stderr, "status %s: %s\n", ToString(r.status), r.message.c_str());
            return 1;
        }
        if (!r.store->FindLearner("Ana")) return 2;
        if (r.store->CreateLearner("Ben", kT0).error().code != StoreError::NotSaving) return 3;
        return 0;
    });
    EXPECT_EQ(code, 0);
}

// ---- course updates -----------------------------------------------------------------------------

namespace {

Course CourseV1() {
    Course c;
    c.id = "course-a";
    auto scenario = MakeScenario("checkpoint", {"n1", "n2"}, {"end-good", "end-bad"});
    Page p2 = MakePage("p2", {"k2"});
    Block sc;
    sc.kind = BlockKind::Scenario;
    sc.scenario = scenario;
    p2.blocks.push_back(sc);
    c.modules.push_back(MakeModule("m1", {MakeLesson("l1", {MakePage("p1", {"k1"}), p2})}, MakeQuiz("quiz-1", {"qa", "qb"})));
    c.assessment = MakeQuiz("final", {"fa"});
    return c;
}

// The author dropped page p2 (with its check k2 and the scenario), renamed quiz-1 to quiz-m1
// and removed question qb.
Course CourseV2() {
    Course c;
    c.id = "course-a";
    c.modules.push_back(MakeModule("m1", {MakeLesson("l1", {MakePage("p1", {"k1"})})}, MakeQuiz("quiz-m1", {"qa"})));
    c.assessment = MakeQuiz("final", {"fa"});
    return c;
}

}  // namespace

TEST_F(StoreFixture, ItemsRemovedByACourseUpdateAreSetAsideNotDeleted) {
    ASSERT_TRUE(store->RecordPageView(ana, "course-a", "p1", kT0));
    ASSERT_TRUE(store->RecordPageView(ana, "course-a", "p2", kT0 + 1));
    ASSERT_TRUE(store->RecordAnswer(Check(ana, "k1", true), kT0 + 2));
    ASSERT_TRUE(store->RecordAnswer(Check(ana, "k2", true), kT0 + 3));
    ASSERT_TRUE(store->StartAttempt({ana, "course-a", "quiz-1", 1, 9, "{}"}, kT0 + 4));
    AnswerEvent qb = Check(ana, "qb", true);
    qb.kind = AnswerKind::Quiz;
    qb.container_id = "quiz-1";
    qb.attempt_number = 1;
    ASSERT_TRUE(store->RecordQuizAnswer(qb, "{}", kT0 + 5));
    ASSERT_TRUE(store->RecordScenarioEnding({ana, "course-a", "checkpoint", "end-good", "best", "[]"}, kT0 + 6));
    ASSERT_TRUE(store->SaveLocation(ana, {"course-a", "p2", "", -1, 0}, kT0 + 7));
    ASSERT_TRUE(store->RecordPageView(ana, "course-other", "zzz", kT0));  // another course: not judged

    EXPECT_TRUE(store->SetAside(CourseV1()).empty()) << "nothing is missing from the course it was made with";

    std::vector<SetAsideItem> aside = store->SetAside(CourseV2());
    std::set<std::pair<std::string, std::string>> got;
    for (const SetAsideItem& item : aside) {
        got.insert({item.table, item.item_id});
        EXPECT_EQ(item.learner, ana);
        EXPECT_GE(item.rows, 1);
    }
    std::set<std::pair<std::string, std::string>> expected = {
        {"page_views", "p2"}, {"answers", "k2"},           {"answers", "qb"},      {"answers", "quiz-1"},
        {"attempts", "quiz-1"}, {"scenario_endings", "end-good"}, {"locations", "p2"},
    };
    EXPECT_EQ(got, expected);
    // Nothing was deleted: the rows are all still there for the old course or a manual repair.
    EXPECT_EQ(store->PageViews({ana, "course-a"}).size(), 2u);
    EXPECT_EQ(store->Answers({ana}).size(), 3u);
    EXPECT_EQ(store->Attempts(ana, "course-a", "quiz-1").size(), 1u);
    EXPECT_TRUE(store->SetAside(CourseV2(), ana + 1).empty()) << "filter by learner";
}

TEST(ProgressFaults, ReadOnlyFolderAfterACrashStillShowsTheLastCommits) {
    // A crash image: the database and its write-ahead log as a killed app left them, in a folder
    // that has since become read-only (a write-protected USB stick, a locked-down kiosk image).
    // With the -shm SQLite reads the log in place; without it the store recovers a private copy.
    TempDir dir;
    std::string live = ProgressDbPath(dir.Sub("live"));
    auto store = OpenOk(live);
    LearnerId a = *store->CreateLearner("Ana", kT0);
    for (int i = 0; i < 25; ++i) ASSERT_TRUE(store->RecordPageView(a, "course-a", "p" + std::to_string(i), kT0 + i));
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::others_exec);
    for (bool with_shm : {true, false}) {
        std::string image_dir = dir.Sub(with_shm ? "image-with-shm" : "image-without-shm");
        std::string image = ProgressDbPath(image_dir);
        fs::create_directory(image_dir);
        std::vector<std::string> suffixes = {"", "-wal"};
        if (with_shm) suffixes.push_back("-shm");
        for (const std::string& suffix : suffixes) {
            ASSERT_TRUE(fs::exists(live + suffix)) << suffix;
            fs::copy_file(live + suffix, image + suffix);
            fs::permissions(image + suffix, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        }
        ASSERT_GT(fs::file_size(image + "-wal"), 0u) << "the commits are only in the log";
        fs::permissions(image_dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                                       fs::perms::others_exec);
        int code = RunUnprivileged([&] {
            OpenResult r = ProgressStore::Open(image);
            if (r.status != OpenStatus::CannotWrite || !r.store) {
                std::fprintf(stderr, "status %s: %s\n", ToString(r.status), r.message.c_str());
                return 1;
            }
            size_t views = r.store->PageViews({}).size();
            if (views != 25) {
                std::fprintf(stderr, "saw %zu of 25 page views\n", views);
                return 2;
            }
            return 0;
        });
        EXPECT_EQ(code, 0) << (with_shm ? "with -shm" : "without -shm");
        EXPECT_FALSE(fs::exists(image + (with_shm ? "-journal" : "-shm"))) << "the image is left as it was";
    }
}
