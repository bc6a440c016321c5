// xapi_sample: fills a progress store with everything a course offers (tests/helpers/course_walk.h),
// for two learners (one with a name in Chinese), so the export can be checked by outside tools
// (tests/scripts/test_xapi_valid.sh runs Learning Locker's xAPI validator on it).
//
// usage: xapi_sample COURSE_DIR DATA_DIR      exit: 0 done, 1 the course or store failed, 2 usage
#include <cstdio>

#include "course/loader.h"
#include "course_walk.h"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: xapi_sample COURSE_DIR DATA_DIR\n");
        return 2;
    }
    lectern::LoadResult course = lectern::LoadCourse(argv[1]);
    if (!course.ok()) {
        std::fprintf(stderr, "xapi_sample: %s", course.diagnostics.FormatAll().c_str());
        return 1;
    }
    lectern::OpenResult opened = lectern::ProgressStore::Open(lectern::ProgressDbPath(argv[2]));
    if (!opened.ok()) {
        std::fprintf(stderr, "xapi_sample: %s\n", opened.message.c_str());
        return 1;
    }
    const int64_t t0 = 1733500000000;  // a fixed clock: the same store every run
    int steps = 0;
    for (const char* name : {"Ana Tester", "\xE6\x9D\x8E\xE6\x98\x8E"}) {  // 李明
        lectern::WriteResult learner = opened.store->CreateLearner(name, t0);
        if (!learner.ok()) return 1;
        lectern::Session session(course.course, opened.store.get(), *learner);
        lectern::test::WalkCounts n = lectern::test::WalkEverything(session, t0 + steps * 10000000LL);
        steps += 1;
        std::printf("%s: %d checks, %d quiz questions, %d scenario choices, %d endings\n", name, n.checks,
                    n.quiz_questions, n.scenario_choices, n.scenario_endings);
        if (session.UnsavedAnswers() > 0) return 1;
    }
    return 0;
}
