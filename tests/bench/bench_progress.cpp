// Progress store benchmarks.
//  - BM_AnswerCommit: one knowledge-check answer per call, each its own transaction with
//    synchronous=FULL (the WAL is fsynced before the call returns). Reports p50/p99/max latency.
//  - BM_OpenAndRestore*: open a database holding 100,000 events (30 learners) and get one
//    learner back to where they were. Target: under 50 ms. Warm page cache.
//
// Run: build-progress/tests/bench_progress  (or build-progress/bin/bench_progress)
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "progress/progress_store.h"

using namespace lectern;

namespace {

constexpr int64_t kT0 = 1714557600000;
constexpr int kLearners = 30;
constexpr int kEvents = 100000;

std::string MakeTempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "lectern-bench-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    return tmpl;
}

struct TempDirGuard {
    std::string path = MakeTempDir();
    ~TempDirGuard() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

void BM_AnswerCommit(benchmark::State& state) {
    TempDirGuard dir;
    OpenResult r = ProgressStore::Open(ProgressDbPath(dir.path));
    if (!r.ok()) {
        state.SkipWithError(r.message.c_str());
        return;
    }
    ProgressStore& store = *r.store;
    LearnerId learner = *store.CreateLearner("bench", kT0);
    AnswerEvent answer;
    answer.learner = learner;
    answer.course_id = "course-a";
    answer.container_id = "page-1";
    answer.response = R"({"choices":["b","d"]})";
    answer.correct = true;
    answer.score = 1;
    answer.max_score = 1;
    std::vector<double> micros;
    micros.reserve(static_cast<size_t>(state.max_iterations));
    int64_t n = 0;
    for (auto _ : state) {
        answer.item_id = "q" + std::to_string(n % 500);
        auto t0 = std::chrono::steady_clock::now();
        WriteResult w = store.RecordAnswer(answer, kT0 + n);
        auto t1 = std::chrono::steady_clock::now();
        if (!w.ok()) {
            state.SkipWithError(w.error().message.c_str());
            break;
        }
        micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        ++n;
    }
    if (micros.empty()) return;
    std::sort(micros.begin(), micros.end());
    auto pct = [&](double p) { return micros[std::min(micros.size() - 1, static_cast<size_t>(p * micros.size()))]; };
    state.counters["p50_us"] = pct(0.50);
    state.counters["p99_us"] = pct(0.99);
    state.counters["max_us"] = micros.back();
    state.counters["commits"] = static_cast<double>(micros.size());
}
BENCHMARK(BM_AnswerCommit)->Iterations(3000)->UseRealTime()->Unit(benchmark::kMicrosecond);

// A database like a busy classroom kiosk's: 30 learners, 100,000 events in all (page views,
// answers, quiz attempts with their state, scenario endings), plus locations and times.
// Filled through raw SQL in one transaction: 100,000 separately fsynced commits would make the
// set-up, not the thing measured, take minutes.
const std::string& BigDatabase() {
    static TempDirGuard dir;
    static std::string path;
    if (!path.empty()) return path;
    path = ProgressDbPath(dir.path);
    {
        OpenResult r = ProgressStore::Open(path);
        if (!r.ok()) std::abort();
        for (int l = 0; l < kLearners; ++l) r.store->CreateLearner("learner " + std::to_string(l), kT0);
    }
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *view, *answer, *attempt, *ending, *loc, *time;
    sqlite3_prepare_v2(db, "INSERT INTO page_views(learner_id, course_id, page_id, viewed_ms) VALUES(?,?,?,?)", -1,
                       &view, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO answers(learner_id, course_id, kind, container_id, item_id, attempt_number, "
                       "response, correct, score, max_score, answered_ms) VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                       -1, &answer, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO attempts(learner_id, course_id, quiz_id, attempt_number, seed, started_ms, "
                       "state_json, saved_ms, ended_ms, score_raw, score_max, passed) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
                       -1, &attempt, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO scenario_endings(learner_id, course_id, scenario_id, ending_id, outcome, "
                       "path_json, reached_ms) VALUES(?,?,?,?,?,?,?)",
                       -1, &ending, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT OR REPLACE INTO locations(learner_id, course_id, page_id, quiz_id, question_index, "
                       "updated_ms) VALUES(?,?,?,'',-1,?)",
                       -1, &loc, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT OR REPLACE INTO time_on_task(learner_id, course_id, item_type, item_id, active_ms, "
                       "updated_ms) VALUES(?,?,'page',?,?,?)",
                       -1, &time, nullptr);
    std::string state(2000, 'x');  // an attempt's JSON state is a couple of KB
    auto text = [](sqlite3_stmt* s, int i, const std::string& v) {
        sqlite3_bind_text(s, i, v.c_str(), -1, SQLITE_TRANSIENT);
    };
    std::vector<int> attempts_per(kLearners + 1, 0);
    for (int e = 0; e < kEvents; ++e) {
        int learner = 1 + e % kLearners;
        int64_t when = kT0 + e * 1000LL;
        std::string page = "page-" + std::to_string((e / kLearners) % 400);
        int kind = e % 20;
        if (kind < 8) {
            sqlite3_bind_int(view, 1, learner);
            text(view, 2, "course-a");
            text(view, 3, page);
            sqlite3_bind_int64(view, 4, when);
            sqlite3_step(view);
            sqlite3_reset(view);
            sqlite3_bind_int(loc, 1, learner);
            text(loc, 2, "course-a");
            text(loc, 3, page);
            sqlite3_bind_int64(loc, 4, when);
            sqlite3_step(loc);
            sqlite3_reset(loc);
            sqlite3_bind_int(time, 1, learner);
            text(time, 2, "course-a");
            text(time, 3, page);
            sqlite3_bind_int64(time, 4, 30000);
            sqlite3_bind_int64(time, 5, when);
            sqlite3_step(time);
            sqlite3_reset(time);
        } else if (kind < 18) {
            bool quiz = kind >= 16;
            sqlite3_bind_int(answer, 1, learner);
            text(answer, 2, "course-a");
            text(answer, 3, quiz ? "quiz" : "check");
            text(answer, 4, quiz ? "quiz-1" : page);
            text(answer, 5, "q-" + std::to_string(e % 700));
            if (quiz) {
                sqlite3_bind_int(answer, 6, 1);
            } else {
                sqlite3_bind_null(answer, 6);
            }
            text(answer, 7, R"({"choices":["b"]})");
            sqlite3_bind_int(answer, 8, e % 3 != 0);
            sqlite3_bind_double(answer, 9, e % 3 != 0);
            sqlite3_bind_double(answer, 10, 1);
            sqlite3_bind_int64(answer, 11, when);
            sqlite3_step(answer);
            sqlite3_reset(answer);
        } else if (kind == 18) {
            sqlite3_bind_int(attempt, 1, learner);
            text(attempt, 2, "course-a");
            text(attempt, 3, "quiz-" + std::to_string(e % 7));
            sqlite3_bind_int(attempt, 4, ++attempts_per[learner]);
            sqlite3_bind_int64(attempt, 5, e);
            sqlite3_bind_int64(attempt, 6, when);
            text(attempt, 7, state);
            sqlite3_bind_int64(attempt, 8, when + 500);
            sqlite3_bind_int64(attempt, 9, when + 600000);
            sqlite3_bind_double(attempt, 10, e % 10);
            sqlite3_bind_double(attempt, 11, 10);
            sqlite3_bind_int(attempt, 12, e % 10 >= 8);
            sqlite3_step(attempt);
            sqlite3_reset(attempt);
        } else {
            sqlite3_bind_int(ending, 1, learner);
            text(ending, 2, "course-a");
            text(ending, 3, "scenario-" + std::to_string(e % 5));
            text(ending, 4, "end-" + std::to_string(e % 3));
            text(ending, 5, "best");
            text(ending, 6, R"(["c1","c2","c3"])");
            sqlite3_bind_int64(ending, 7, when);
            sqlite3_step(ending);
            sqlite3_reset(ending);
        }
    }
    for (sqlite3_stmt* s : {view, answer, attempt, ending, loc, time}) sqlite3_finalize(s);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return path;
}

// What the app does at start-up for a returning learner: open, find them, find where they were
// and any quiz attempt to resume.
// full_check: force PRAGMA quick_check whatever the size (the default skips it above 8 MiB).
void OpenAndRestore(benchmark::State& state, bool full_check, bool load_progress) {
    const std::string& path = BigDatabase();
    OpenOptions options;
    options.full_check_max_bytes = full_check ? -1 : OpenOptions{}.full_check_max_bytes;
    for (auto _ : state) {
        OpenResult r = ProgressStore::Open(path, options);
        if (!r.ok()) {
            state.SkipWithError(r.message.c_str());
            break;
        }
        std::optional<Learner> learner = r.store->FindLearner("learner 17");
        std::optional<Location> where = r.store->LastLocation(learner->id);
        std::optional<AttemptRecord> open = r.store->OpenAttempt(learner->id, "course-a", "quiz-1");
        benchmark::DoNotOptimize(where);
        benchmark::DoNotOptimize(open);
        if (load_progress) {
            LearnerProgress p = r.store->LoadProgress(learner->id, "course-a");
            benchmark::DoNotOptimize(p);
        }
    }
    std::error_code ec;
    state.counters["db_MB"] = static_cast<double>(std::filesystem::file_size(path, ec)) / 1e6;
    state.counters["events"] = kEvents;
}

void BM_OpenAndRestoreLastLocation(benchmark::State& state) { OpenAndRestore(state, false, false); }
void BM_OpenAndRestoreLastLocationFullCheck(benchmark::State& state) { OpenAndRestore(state, true, false); }
void BM_OpenRestoreAndLoadProgress(benchmark::State& state) { OpenAndRestore(state, false, true); }
BENCHMARK(BM_OpenAndRestoreLastLocation)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenAndRestoreLastLocationFullCheck)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenRestoreAndLoadProgress)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
