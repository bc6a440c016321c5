// export_stores: a table of progress stores for the export's byte-for-byte tests, each in its own
// data folder under DIR, made the same on every run (a fixed clock, a fixed store id), so that an
// export of one can be compared with a fingerprint of what an earlier build exported.
//   empty      a learner who did nothing (no statements, only the CSV header)
//   one        one page view
//   names      learners named in Arabic, Chinese, with quotes and a formula, a few events each
//   typed      typed answers with quotes, backslashes, control characters and invalid UTF-8
//   course     two learners who did everything COURSE_DIR offers (course_walk.h), many statements
//   big N      N knowledge-check answers by one learner (memory measurements; not in the table)
//
// usage: export_stores COURSE_DIR DIR [big N]      exit: 0 done, 1 a store failed, 2 usage
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "course/loader.h"
#include "course_walk.h"

namespace {

using namespace lectern;
constexpr int64_t kT0 = 1733500000000;

int Fail(const std::string& what) {
    std::fprintf(stderr, "export_stores: %s\n", what.c_str());
    return 1;
}

// The store id is random per database and every statement id derives from it: fix it.
bool FixStoreId(const std::string& data_dir, int n) {
    sqlite3* db = nullptr;
    char id[40];
    std::snprintf(id, sizeof id, "0e1d2c3b-4a59-4687-9a6b-%012d", n);
    bool ok = sqlite3_open(ProgressDbPath(data_dir).c_str(), &db) == SQLITE_OK &&
              sqlite3_exec(db, ("UPDATE meta SET value = '" + std::string(id) + "' WHERE key = 'store_id'").c_str(), nullptr,
                           nullptr, nullptr) == SQLITE_OK &&
              sqlite3_changes(db) == 1;
    sqlite3_close(db);
    return ok;
}

AnswerEvent Check(LearnerId learner, const std::string& item, const std::string& response, bool correct) {
    AnswerEvent a;
    a.learner = learner;
    a.course_id = "course-a";
    a.container_id = "p1";
    a.item_id = item;
    a.response = response;
    a.correct = correct;
    a.score = correct ? 1 : 0;
    a.max_score = 1;
    return a;
}

bool Fill(const std::string& name, ProgressStore& store, const std::shared_ptr<const Course>& course, long big) {
    if (name == "empty") return store.CreateLearner("Nobody yet", kT0).ok();
    if (name == "one") {
        LearnerId ana = *store.CreateLearner("Ana", kT0);
        return store.RecordPageView(ana, "course-a", "p1", kT0 + 1000).ok();
    }
    if (name == "names") {
        int64_t t = kT0;
        for (const char* who : {"\xD9\x85\xD8\xB1\xD9\x8A\xD9\x85 \xD8\xA7\xD9\x84\xD8\xB9\xD9\x84\xD9\x8A",  // مريم العلي
                                "\xE6\x9D\x8E\xE6\x98\x8E",                                                // 李明
                                "Ana, \"the\" tester", "=Ben+1"}) {
            LearnerId id = *store.CreateLearner(who, kT0);
            if (!store.RecordPageView(id, "course-a", "p1", t += 1000) ||
                !store.RecordAnswer(Check(id, "k1", R"(["a"])", true), t += 1000) ||
                !store.StartAttempt({id, "course-a", "final", 1, 77, "{}"}, t += 1000) ||
                !store.SubmitAttempt({id, "course-a", "final", 1}, {3, 4, true}, "{}", t += 5000) ||
                !store.RecordScenarioEnding({id, "course-a", "s1", "end-good", "best", "[]"}, t) ||  // same moment
                !store.AddActiveTime(id, "course-a", ItemType::Page, "p1", 42500, t))
                return false;
        }
        return true;
    }
    if (name == "typed") {
        LearnerId id = *store.CreateLearner("Typist \"T\"", kT0);
        const std::string typed[] = {"He said \"no\" \\ then left", "tab\there, newline\nthere, bell\x07 and \x01",
                                     "invalid \xff\xfe UTF-8", "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xE4\xBD\xA0\xE5\xA5\xBD",
                                     "</script><!--", ""};
        int64_t t = kT0;
        for (const std::string& text : typed) {
            AnswerEvent a = Check(id, "typed", ResponseToJson(Response::Text(text)), false);
            if (!store.RecordAnswer(a, t += 1000)) return false;
        }
        return true;
    }
    if (name == "course") {
        int steps = 0;
        for (const char* who : {"Ana Tester", "\xE6\x9D\x8E\xE6\x98\x8E"}) {
            WriteResult learner = store.CreateLearner(who, kT0);
            if (!learner.ok()) return false;
            Session session(course, &store, *learner);
            test::WalkEverything(session, kT0 + steps++ * 10000000LL);
            if (session.UnsavedAnswers() > 0) return false;
        }
        return true;
    }
    if (name == "big") {
        LearnerId id = *store.CreateLearner("Big", kT0);
        for (long i = 0; i < big; ++i)
            if (!store.RecordAnswer(Check(id, "q" + std::to_string(i % 500), R"(["a"])", i % 3 != 0), kT0 + i * 1000)) return false;
        return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 && !(argc == 5 && std::string(argv[3]) == "big")) {
        std::fprintf(stderr, "usage: export_stores COURSE_DIR DIR [big N]\n");
        return 2;
    }
    LoadResult course = LoadCourse(argv[1]);
    if (!course.ok()) return Fail(course.diagnostics.FormatAll());
    const std::string dir = argv[2];
    const long big = argc == 5 ? std::atol(argv[4]) : 0;
    const std::vector<std::string> names =
        argc == 5 ? std::vector<std::string>{"big"} : std::vector<std::string>{"empty", "one", "names", "typed", "course"};
    int n = 0;
    for (const std::string& name : names) {
        const std::string data_dir = dir + "/" + name;
        {
            OpenResult opened = ProgressStore::Open(ProgressDbPath(data_dir));
            if (!opened.ok()) return Fail(data_dir + ": " + opened.message);
            if (!Fill(name, *opened.store, course.course, big)) return Fail(data_dir + ": could not fill the store");
        }
        if (!FixStoreId(data_dir, ++n)) return Fail(data_dir + ": could not set the store id");
    }
    return 0;
}
