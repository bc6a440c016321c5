// Playing a branching scenario: a small player in the style of inkcpp's runner (Current, Choose,
// IsEnded), over the immutable Scenario. It records the path taken so the debrief can show it
// beside the recommended one, and the path is what is saved: replaying it rebuilds the run.
#pragma once

#include <string>
#include <vector>

#include "course/diagnostics.h"
#include "course/model.h"
#include "learning/grading.h"  // Parsed<T>

namespace lectern {

enum class ChooseError {
    None,
    Ended,          // the run is at an ending (or never started: the start names nothing)
    UnknownChoice,  // the current node has no such choice
    MissingTarget,  // the choice's goto names nothing (an authoring error); the run stays put
};

// Holds a pointer to the scenario: the scenario must outlive the run (the course model is
// immutable and shared, so it does).
class ScenarioRun {
public:
    explicit ScenarioRun(const Scenario& scenario);

    const Scenario& Story() const { return *m_scenario; }
    // The node or ending the learner is at; null only when the start names nothing.
    const ScenarioNode* Current() const;
    bool IsEnded() const;    // at an ending
    bool CanChoose() const;  // at a node that has choices
    ChooseError Choose(const std::string& choice_id);
    const std::vector<PathStep>& Path() const { return m_path; }

    // Back to the start with an empty path (play again).
    void Restart();
    // Restart, then take each choice in turn; stops at the first that fails and returns why.
    ChooseError Replay(const std::vector<std::string>& choice_ids);

private:
    const Scenario* m_scenario;
    std::string m_current;  // node id; empty when the start names nothing
    std::vector<PathStep> m_path;
};

// Saved form of a run: the scenario id and its path. Loading replays the path against the
// scenario as it is now: another scenario's run is WrongId, a path that no longer fits it is
// CourseChanged.
std::string ScenarioRunToJson(const ScenarioRun& run);
Parsed<ScenarioRun> ScenarioRunFromJson(const std::string& json, const Scenario& scenario);

}  // namespace lectern
