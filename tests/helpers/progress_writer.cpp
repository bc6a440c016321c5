// progress_writer: a stand-in for the app that the crash tests kill at random moments.
// It records knowledge-check answers q<start>, q<start+1>, ... in a loop and prints "ACK <n>"
// (flushed) only after RecordAnswer has returned: exactly what the screen would acknowledge.
// Every ACKed answer must be in the database after a SIGKILL.
//
// usage: progress_writer --data-dir DIR [--start N] [--count M] [--learner NAME] [--course ID]
//                        [--pause-us U]
// --pause-us sleeps U microseconds after each answer: a writer that stands for a learner, not one
// that outruns every reader (a reader whose work grows with the store then never catches up).
// exit: 0 after --count answers, 3 when the store does not open read-write, 4 on a failed write.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "progress/progress_store.h"

int main(int argc, char** argv) {
    std::string data_dir, learner_name = "writer", course_id = "kill-course";
    long long start = 1, count = -1, pause_us = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string name = argv[i], value = argv[i + 1];
        if (name == "--data-dir") {
            data_dir = value;
        } else if (name == "--start") {
            start = std::atoll(value.c_str());
        } else if (name == "--count") {
            count = std::atoll(value.c_str());
        } else if (name == "--learner") {
            learner_name = value;
        } else if (name == "--course") {
            course_id = value;
        } else if (name == "--pause-us") {
            pause_us = std::atoll(value.c_str());
        } else {
            std::fprintf(stderr, "progress_writer: unknown option %s\n", name.c_str());
            return 2;
        }
    }
    if (data_dir.empty()) {
        std::fprintf(stderr, "usage: progress_writer --data-dir DIR [--start N] [--count M]\n");
        return 2;
    }
    // A fixed fake clock: the store never reads time itself, and the tests need none.
    const int64_t base_ms = 1700000000000;
    lectern::OpenResult opened = lectern::ProgressStore::Open(lectern::ProgressDbPath(data_dir));
    if (!opened.ok()) {
        std::printf("ERR open %s %s\n", lectern::ToString(opened.status), opened.message.c_str());
        std::fflush(stdout);
        return 3;
    }
    lectern::ProgressStore& store = *opened.store;
    lectern::LearnerId learner = 0;
    for (int tries = 0; tries < 3 && learner == 0; ++tries) {
        if (auto found = store.FindLearner(learner_name)) {
            learner = found->id;
        } else if (lectern::WriteResult made = store.CreateLearner(learner_name, base_ms); made.ok()) {
            learner = *made;
        }  // DuplicateName: another process made it first; look again
    }
    if (learner == 0) {
        std::printf("ERR learner\n");
        std::fflush(stdout);
        return 4;
    }
    for (long long n = start; count < 0 || n < start + count; ++n) {
        lectern::AnswerEvent answer;
        answer.learner = learner;
        answer.course_id = course_id;
        answer.kind = lectern::AnswerKind::Check;
        answer.container_id = "page-" + std::to_string(n / 10);
        answer.item_id = "q" + std::to_string(n);
        answer.response = "{\"choice\":\"c" + std::to_string(n % 4) + "\"}";
        answer.correct = n % 4 == 0;
        lectern::WriteResult r = store.RecordAnswer(answer, base_ms + n);
        if (!r.ok()) {
            std::printf("FAIL %lld %s %s\n", n, lectern::ToString(r.error().code), r.error().message.c_str());
            std::fflush(stdout);
            return 4;
        }
        std::printf("ACK %lld\n", n);
        std::fflush(stdout);
        if (pause_us > 0) std::this_thread::sleep_for(std::chrono::microseconds(pause_us));
    }
    return 0;
}
