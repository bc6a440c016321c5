// session_writer: a learner in the real Session (knowledge checks and scenario choices over a
// course, as the player makes them) that the crash test kills at random moments. Before each
// answer it prints "TRY <kind> <id> <state>" and, once Session has committed it (nothing left
// unsaved), "ACK <kind> <id> <state>": exactly what the screen would acknowledge. <state> is what
// the screen must show after a restart: a check's response (JSON), or a scenario's step and
// path ("<node>|<choice>,<choice>...").
//
// usage: session_writer --data-dir DIR --course DIR [--seed N] [--learner NAME]
// exit: 3 the store or course did not open, 4 an answer was not saved.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "course/loader.h"
#include "course_walk.h"

int main(int argc, char** argv) {
    std::string data_dir, course_dir, learner_name = "crash learner";
    unsigned seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string name = argv[i], value = argv[i + 1];
        if (name == "--data-dir") data_dir = value;
        else if (name == "--course") course_dir = value;
        else if (name == "--seed") seed = static_cast<unsigned>(std::strtoul(value.c_str(), nullptr, 10));
        else if (name == "--learner") learner_name = value;
    }
    lectern::LoadResult course = lectern::LoadCourse(course_dir);
    lectern::OpenResult opened = lectern::ProgressStore::Open(lectern::ProgressDbPath(data_dir));
    if (!course.ok() || !opened.ok()) {
        std::printf("ERR open %s\n", opened.message.c_str());
        std::fflush(stdout);
        return 3;
    }
    lectern::ProgressStore& store = *opened.store;
    std::optional<lectern::Learner> learner = store.FindLearner(learner_name);
    if (!learner) {
        lectern::WriteResult made = store.CreateLearner(learner_name, 1700000000000);
        if (!made.ok()) return 3;
        learner = store.GetLearner(*made);
    }
    lectern::Session session(course.course, &store, learner->id);
    std::vector<std::pair<const lectern::Question*, std::string>> checks;  // question, page id
    std::vector<const lectern::Scenario*> scenarios;
    const lectern::Course& c = *course.course;
    for (int i = 0; i < static_cast<int>(c.reading_order.size()); ++i)
        lectern::test::ForEachBlock(c.PageAt(i).blocks, [&](const lectern::Block& b) {
            if (b.kind == lectern::BlockKind::Question && b.question) checks.push_back({b.question.get(), c.PageAt(i).id});
            if (b.kind == lectern::BlockKind::Scenario && b.scenario) scenarios.push_back(b.scenario.get());
        });
    if (checks.empty() || scenarios.empty()) return 3;
    std::mt19937 rng(seed);
    int64_t t = 1700000000000 + static_cast<int64_t>(seed) * 1000000;
    for (;;) {
        t += 1000;
        if (rng() % 2 == 0) {
            const auto& [q, page] = checks[rng() % checks.size()];
            lectern::Response r = lectern::test::AnswerFor(*q, rng() % 2 == 0);
            std::string state = lectern::ResponseToJson(r);
            std::printf("TRY check %s %s\n", q->id.c_str(), state.c_str());
            std::fflush(stdout);
            session.SetCheckResponse(*q, r);
            session.SubmitCheck(*q, page, t);
            if (session.UnsavedAnswers() > 0) return 4;
            std::printf("ACK check %s %s\n", q->id.c_str(), state.c_str());
        } else {
            const lectern::Scenario& s = *scenarios[rng() % scenarios.size()];
            lectern::ScenarioRun& run = session.Run(s);
            // At an ending the learner plays again: not saved until the first choice is.
            if (run.IsEnded() || !run.CanChoose()) session.RestartScenario(s);
            const lectern::ScenarioNode* node = run.Current();
            if (!node || node->choices.empty()) return 3;
            const std::string& choice = node->choices[rng() % node->choices.size()].id;
            lectern::ScenarioRun after = run;
            after.Choose(choice);
            std::string state = lectern::test::ScenarioState(after);
            std::printf("TRY scenario %s %s\n", s.id.c_str(), state.c_str());
            std::fflush(stdout);
            session.ChooseInScenario(s, choice, t);
            if (session.UnsavedAnswers() > 0) return 4;
            std::printf("ACK scenario %s %s\n", s.id.c_str(), lectern::test::ScenarioState(run).c_str());
        }
        std::fflush(stdout);
    }
}
