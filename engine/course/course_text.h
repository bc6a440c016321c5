// Every piece of text a course can show, in one walk: for the characters the font atlas must
// hold (a course in Chinese bakes the Han characters it uses) and for the scripts lint reports.
#pragma once

#include <functional>
#include <string_view>

#include "course/model.h"

namespace lectern {

// Calls `visit` with every learner- or facilitator-visible string of the course: titles, block
// text, list items, table cells, captions and alt text, questions with their choices, hints,
// feedback and accepted answers, scenarios, quizzes, the glossary and references. Ids, paths
// and URLs are not text and are not visited. Order: document order, then glossary, references.
void ForEachText(const Course& course, const std::function<void(std::string_view)>& visit);

}  // namespace lectern
