// What "read aloud" says for a page: its title and every block a learner sees, in order, with
// image descriptions and question choices spoken too (they are what a listener most needs).
#pragma once

#include <string>
#include <vector>

#include "course/model.h"

namespace lectern {

std::string SpeechText(const Page& page);
std::string SpeechText(const Question& question);

// The same cut where the language changes, for a voice per language: each segment is one or more
// whole sentences in one language. `lang` is the passage's own (a block's lang, a list item's or
// table cell's, a prompt's), else the language around it, else `course_lang`. Joined, the texts
// are SpeechText(page).
struct SpeechSegment {
    std::string lang;
    std::string text;
};
std::vector<SpeechSegment> SpeechSegments(const Page& page, const std::string& course_lang);

}  // namespace lectern
