// The course's own checks on a question, a quiz and a scenario, beyond the grammar: what makes
// one impossible to answer, draw or finish. The loader calls them on everything it builds, so a
// course that loads can be played; they read only the model, so nothing below learning/ knows
// the player exists. Each problem is an error at the item it is about (or a warning, where
// noted), all of them in one pass.
#pragma once

#include "course/diagnostics.h"
#include "course/model.h"

namespace lectern {

// Errors at the question's loc (a choice's, pair's or item's for duplicate ids, the pattern's
// for bad-pattern): "too-few-choices", "duplicate-choice-id" (also pairs and items),
// "no-correct-choice", "several-correct-choices", "incomplete-matching", "ordering-too-short",
// "no-accepted-answer", "bad-pattern", "bad-points".
void ValidateQuestion(const Question& question, Diagnostics& diagnostics);

// Errors at the quiz's loc (a pool's for its own): "empty-quiz", "pool-too-small", "bad-draw",
// "bad-pass", "bad-attempts". The questions inside are checked by ValidateQuestion, not here.
void ValidateQuiz(const Quiz& quiz, Diagnostics& diagnostics);

// Errors: "duplicate-id" (at the second node), "scenario-missing-start" (scenario loc; also a
// start that names an ending), "scenario-missing-target" (choice loc, or the node's when the
// choice has none), "scenario-no-choices", "scenario-unreachable", "scenario-no-ending" (node loc).
// Warning: "scenario-no-best-path" when the recommended path does not reach an ending.
void ValidateScenario(const Scenario& scenario, Diagnostics& diagnostics);

}  // namespace lectern
