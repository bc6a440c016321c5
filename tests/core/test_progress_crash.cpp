// Crash safety with real processes: a writer (tests/helpers/progress_writer.cpp) is SIGKILLed
// at random moments; after every kill the database must open, pass integrity_check, and hold
// every answer the writer acknowledged. Also: a second writer process is refused, readers are not.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "course/loader.h"
#include "progress/progress_store.h"
#include "progress_test_util.h"
#include "../helpers/course_walk.h"

using namespace lectern;
using namespace progress_test;

namespace {

using Clock = std::chrono::steady_clock;

const std::string kWriter = std::string(LECTERN_BIN_DIR) + "/progress_writer";

// A child process whose standard output we read through a pipe.
struct Child {
    pid_t pid = -1;
    int out = -1;
    std::string buffer;           // bytes not yet split into lines
    std::vector<std::string> lines;

    static Child Spawn(const std::vector<std::string>& args) {
        Child c;
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) return c;
        c.pid = ::fork();
        if (c.pid == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            std::vector<char*> argv;
            for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(fds[1]);
        c.out = fds[0];
        return c;
    }

    // Reads whatever arrives until `deadline` (or EOF, or a first line when `until_line`).
    // Returns false at EOF.
    bool ReadUntil(Clock::time_point deadline, bool until_line = false) {
        for (;;) {
            if (until_line && !lines.empty()) return true;
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left < 0) left = 0;
            pollfd p{out, POLLIN, 0};
            int ready = ::poll(&p, 1, static_cast<int>(left));
            if (ready <= 0) return true;  // deadline
            if (!ReadSome()) return false;
        }
    }

    void ReadToEof() {
        while (ReadSome()) {
        }
    }

    bool ReadSome() {
        char chunk[4096];
        ssize_t n = ::read(out, chunk, sizeof chunk);
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<size_t>(n));
        for (size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
            lines.push_back(buffer.substr(0, nl));
            buffer.erase(0, nl + 1);
        }
        return true;
    }

    int Wait() {
        int status = 0;
        ::waitpid(pid, &status, 0);
        ::close(out);
        return status;
    }
};

// "ACK <n>" lines -> n; anything else (ERR, FAIL) is reported.
void CollectAcks(const std::vector<std::string>& lines, std::set<long long>& acked, long long& max_acked) {
    for (const std::string& line : lines) {
        if (line.rfind("ACK ", 0) == 0) {
            long long n = std::atoll(line.c_str() + 4);
            acked.insert(n);
            max_acked = std::max(max_acked, n);
        } else {
            ADD_FAILURE() << "writer said: " << line;
        }
    }
}

std::set<std::string> AnsweredItems(ProgressStore& store) {
    std::set<std::string> items;
    for (const AnswerRecord& a : store.Answers({})) items.insert(a.item_id);
    return items;
}

}  // namespace

TEST(ProgressCrash, EveryAcknowledgedAnswerSurvivesSigkillAtRandomMoments) {
    ASSERT_EQ(::access(kWriter.c_str(), X_OK), 0) << kWriter << " is missing: build the progress_writer target";
    TempDir dir;
    const std::string data_dir = dir.Sub("data");
    const std::string db_path = ProgressDbPath(data_dir);

    unsigned seed = std::random_device{}();
    if (const char* s = std::getenv("LECTERN_KILL_SEED")) seed = static_cast<unsigned>(std::strtoul(s, nullptr, 10));
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delay_ms(0, 30);
    SCOPED_TRACE("LECTERN_KILL_SEED=" + std::to_string(seed));

    const int kKills = 220;
    std::set<long long> acked;
    long long max_acked = 0;
    int killed_before_first_ack = 0;
    auto started = Clock::now();
    for (int kill_no = 0; kill_no < kKills; ++kill_no) {
        long long start = max_acked + 1;
        Child child = Child::Spawn({kWriter, "--data-dir", data_dir, "--start", std::to_string(start)});
        ASSERT_GT(child.pid, 0);
        // Kill at a random moment. Even runs count the delay from the start, so they land in
        // process start-up, open, recovery of the last run's log, or the first commits; odd runs
        // count it from the first ACK, so they land mid-loop however slow start-up is here.
        bool alive = true;
        if (kill_no % 2 == 1) {
            auto give_up = Clock::now() + std::chrono::seconds(10);
            alive = child.ReadUntil(give_up, true);
        }
        if (alive) alive = child.ReadUntil(Clock::now() + std::chrono::milliseconds(delay_ms(rng)));
        ::kill(child.pid, SIGKILL);
        child.ReadToEof();  // ACKs already in the pipe were acknowledged before the kill
        int status = child.Wait();
        EXPECT_TRUE(!alive || (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) << "writer exited early";
        size_t before = acked.size();
        CollectAcks(child.lines, acked, max_acked);
        if (acked.size() == before) ++killed_before_first_ack;

        // Whatever moment it died at, the file must open clean and hold every ACKed answer.
        OpenResult r = ProgressStore::Open(db_path);
        ASSERT_EQ(r.status, OpenStatus::Ok) << "after kill " << kill_no << ": " << r.message;
        ASSERT_EQ(r.store->CheckIntegrity(), "ok") << "after kill " << kill_no;
        std::set<std::string> items = AnsweredItems(*r.store);
        for (long long n : acked) {
            ASSERT_TRUE(items.count("q" + std::to_string(n))) << "ACKed answer q" << n << " lost after kill " << kill_no;
        }
    }
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("[ progress ] %d kills, %zu acknowledged answers all present, %d kills before any ACK, %.1f s\n",
                kKills, acked.size(), killed_before_first_ack, seconds);
    ::testing::Test::RecordProperty("kills", kKills);
    ::testing::Test::RecordProperty("acked", static_cast<int>(acked.size()));
    EXPECT_LE(killed_before_first_ack, kKills / 2) << "every odd run is killed after its first ACK";
}

TEST(ProgressCrash, ASecondWriterProcessIsRefusedWhileReadersStillWork) {
    ASSERT_EQ(::access(kWriter.c_str(), X_OK), 0) << kWriter << " is missing: build the progress_writer target";
    TempDir dir;
    const std::string data_dir = dir.Sub("data");
    const std::string db_path = ProgressDbPath(data_dir);
    OpenResult mine = ProgressStore::Open(db_path);
    ASSERT_EQ(mine.status, OpenStatus::Ok) << mine.message;
    LearnerId me = *mine.store->CreateLearner("this process", 1);
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(mine.store->RecordPageView(me, "course-a", "p" + std::to_string(i), 1000 + i));

    // Another writer (a second window, a writing tool) is refused and names this process.
    Child refused = Child::Spawn({kWriter, "--data-dir", data_dir, "--count", "5"});
    ASSERT_GT(refused.pid, 0);
    refused.ReadToEof();
    int status = refused.Wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 3) << "writer status " << status;
    ASSERT_FALSE(refused.lines.empty());
    EXPECT_NE(refused.lines[0].find("Lectern is already open with this progress folder (process " +
                                    std::to_string(::getpid()) + ")"),
              std::string::npos)
        << refused.lines[0];
    EXPECT_EQ(mine.store->PageViews({me}).size(), 20u) << "the refused process changed nothing";

    // A reader in another process sees every commit while this one writes on.
    pid_t reader = ::fork();
    if (reader == 0) {
        OpenOptions ro;
        ro.read_only = true;
        OpenResult r = ProgressStore::Open(db_path, ro);
        ::_exit(r.store && r.store->PageViews({}).size() == 20 ? 0 : 1);
    }
    int reader_status = 0;
    ::waitpid(reader, &reader_status, 0);
    EXPECT_TRUE(WIFEXITED(reader_status) && WEXITSTATUS(reader_status) == 0) << "reader status " << reader_status;

    // Once this process closes, the other may write, and nothing of either is lost.
    mine.store.reset();
    Child later = Child::Spawn({kWriter, "--data-dir", data_dir, "--count", "5"});
    later.ReadToEof();
    status = later.Wait();
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer status " << status;
    std::set<long long> acked;
    long long max_acked = 0;
    CollectAcks(later.lines, acked, max_acked);
    EXPECT_EQ(acked.size(), 5u);
    OpenResult after = ProgressStore::Open(db_path);
    ASSERT_EQ(after.status, OpenStatus::Ok) << after.message;
    EXPECT_EQ(after.store->PageViews({}).size(), 20u);
    EXPECT_EQ(AnsweredItems(*after.store).size(), 5u);
    EXPECT_EQ(after.store->CheckIntegrity(), "ok");
}

// The same with the real Session over a course: knowledge checks and scenario choices, killed at
// random moments. After every kill a new Session (what the screen draws from) must show, for
// every check and scenario, the last acknowledged state, or the one in flight at the kill
// (committed but not yet acknowledged), never anything older or anything else.
TEST(ProgressCrash, ChecksAndScenarioStepsComeBackAsAcknowledgedAfterSigkill) {
    const std::string writer = std::string(LECTERN_BIN_DIR) + "/session_writer";
    const std::string course_dir = std::string(LECTERN_TEST_DATA) + "/fixture-course";
    ASSERT_EQ(::access(writer.c_str(), X_OK), 0) << writer << " is missing: build the session_writer target";
    LoadResult course = LoadCourse(course_dir);
    ASSERT_TRUE(course.ok()) << course.diagnostics.FormatAll();
    TempDir dir;
    const std::string data_dir = dir.Sub("data");
    unsigned seed = std::random_device{}();
    if (const char* s = std::getenv("LECTERN_KILL_SEED")) seed = static_cast<unsigned>(std::strtoul(s, nullptr, 10));
    SCOPED_TRACE("LECTERN_KILL_SEED=" + std::to_string(seed));
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delay_ms(0, 40);

    const int kKills = 60;
    std::map<std::string, std::string> shown;  // "check <id>" / "scenario <id>" -> state the screen must show
    int acks = 0, in_flight_kept = 0;
    for (int kill_no = 0; kill_no < kKills; ++kill_no) {
        Child child = Child::Spawn({writer, "--data-dir", data_dir, "--course", course_dir, "--seed",
                                    std::to_string(seed + static_cast<unsigned>(kill_no))});
        ASSERT_GT(child.pid, 0);
        bool alive = true;
        // Even runs die anywhere from start-up on; odd runs only after their first acknowledgement.
        auto acked_one = [&] {
            return std::any_of(child.lines.begin(), child.lines.end(), [](const std::string& l) { return l.rfind("ACK", 0) == 0; });
        };
        auto give_up = Clock::now() + std::chrono::seconds(10);
        while (kill_no % 2 == 1 && alive && !acked_one() && Clock::now() < give_up)
            alive = child.ReadUntil(std::min(give_up, Clock::now() + std::chrono::milliseconds(10)));
        if (alive) child.ReadUntil(Clock::now() + std::chrono::milliseconds(delay_ms(rng)));
        ::kill(child.pid, SIGKILL);
        child.ReadToEof();
        child.Wait();
        std::string in_flight_key, in_flight_state;
        for (const std::string& line : child.lines) {
            std::istringstream in(line);
            std::string verb, kind, id, state;
            in >> verb >> kind >> id;
            std::getline(in >> std::ws, state);  // the rest: a typed answer may hold spaces
            ASSERT_TRUE(verb == "TRY" || verb == "ACK") << "writer said: " << line;
            if (verb == "TRY") {
                in_flight_key = kind + " " + id;
                in_flight_state = state;
            } else {
                shown[kind + " " + id] = state;
                in_flight_key.clear();
                ++acks;
            }
        }
        OpenResult r = ProgressStore::Open(ProgressDbPath(data_dir));
        ASSERT_EQ(r.status, OpenStatus::Ok) << "after kill " << kill_no << ": " << r.message;
        std::optional<Learner> learner = r.store->FindLearner("crash learner");
        if (!learner) {
            ASSERT_TRUE(shown.empty()) << "acknowledged answers but no learner after kill " << kill_no;
            continue;
        }
        Session session(course.course, r.store.get(), learner->id);
        std::set<std::string> keys;
        for (const auto& [key, state] : shown) keys.insert(key);
        if (!in_flight_key.empty()) keys.insert(in_flight_key);
        for (const std::string& key : keys) {
            std::string kind = key.substr(0, key.find(' ')), id = key.substr(key.find(' ') + 1);
            std::string actual, initial = "(nothing)";
            if (kind == "check") {
                const Question* q = nullptr;
                for (int i = 0; i < static_cast<int>(course.course->reading_order.size()) && !q; ++i)
                    test::ForEachBlock(course.course->PageAt(i).blocks, [&](const Block& b) {
                        if (b.kind == BlockKind::Question && b.question->id == id) q = b.question.get();
                    });
                ASSERT_NE(q, nullptr) << id;
                const CheckState& st = session.Check(*q);
                actual = st.tries > 0 ? ResponseToJson(st.response) : "(nothing)";
            } else {
                const Scenario* sc = nullptr;
                for (int i = 0; i < static_cast<int>(course.course->reading_order.size()) && !sc; ++i)
                    test::ForEachBlock(course.course->PageAt(i).blocks, [&](const Block& b) {
                        if (b.kind == BlockKind::Scenario && b.scenario->id == id) sc = b.scenario.get();
                    });
                ASSERT_NE(sc, nullptr) << id;
                actual = test::ScenarioState(session.Run(*sc));
                initial = test::ScenarioState(ScenarioRun(*sc));
            }
            bool was_acked = shown.count(key) > 0;
            bool matches_ack = was_acked && actual == shown[key];
            bool matches_in_flight = key == in_flight_key && actual == in_flight_state;
            EXPECT_TRUE(matches_ack || matches_in_flight || (!was_acked && actual == initial))
                << "after kill " << kill_no << ", " << key << " shows " << actual << "; acknowledged: "
                << (was_acked ? shown[key] : "nothing") << (key == in_flight_key ? ", in flight: " + in_flight_state : "");
            if (matches_in_flight && !matches_ack) ++in_flight_kept;
            shown[key] = actual;  // what the screen shows now is what the next run builds on
        }
    }
    std::printf("[ progress ] %d kills, %d acknowledged checks and scenario choices, %zu items compared, %d in-flight answers committed\n",
                kKills, acks, shown.size(), in_flight_kept);
    EXPECT_GE(acks, kKills / 2) << "every odd run is killed after its first acknowledgement";
}
