// The label of a quiz's row in the contents (home and the reader's panel): "Quiz: {title}", unless
// the title already says it is a quiz ("Module 1 quiz", "Final Quiz", "اختبار الوحدة الأولى"),
// when the title alone is enough and no row reads "Quiz: Module 1 quiz:". The word is the
// catalog's "Quiz" in the course's language, so an Arabic course is judged by "اختبار".
#pragma once

#include <string>

#include "course/ui_catalog.h"

namespace lectern::ui {

// True when `title` holds `word`, compared by text/unicode.h's ComparisonKey (case and
// normalisation aside). Next to a Latin letter or digit it is part of a longer word ("Quizzes" does
// not say "Quiz"); next to other letters it counts, so Arabic's joined article ("الاختبار") does.
bool TitleSays(const std::string& title, const std::string& word);

// The row's label in `catalog`'s language.
std::string QuizRowLabel(const UiCatalog& catalog, const std::string& title);
// The same in the current catalog (ShapedText::Current), unshaped.
std::string QuizRowLabel(const std::string& title);

}  // namespace lectern::ui
