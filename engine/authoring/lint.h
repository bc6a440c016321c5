// Authoring checks beyond what the loader rejects: things that load but are probably mistakes.
// Each is a warning with the location of the item it is about, but for images that cannot be
// decoded (image-corrupt), an error: the learner would see only their text description.
#pragma once

#include <functional>

#include "course/diagnostics.h"
#include "course/model.h"

namespace lectern {

// page-no-text, unused-term, lesson-no-objectives, lesson-no-check (core modules only).
Diagnostics LintCourse(const Course& course);

// Calls `visit` for every inline sequence a learner can see (pages, questions, scenarios,
// glossary, references, quizzes) and, when `with_notes`, facilitator notes too.
void ForEachInline(const Course& course, bool with_notes, const std::function<void(const Inline&)>& visit);
void ForEachInline(const Blocks& blocks, bool with_notes, const std::function<void(const Inline&)>& visit);
void ForEachInline(const Question& q, const std::function<void(const Inline&)>& visit);

}  // namespace lectern
