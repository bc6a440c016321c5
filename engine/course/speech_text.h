// What "read aloud" says for a page: its title and every block a learner sees, in order, with
// image descriptions and question choices spoken too (they are what a listener most needs).
#pragma once

#include <string>

#include "course/model.h"

namespace lectern {

std::string SpeechText(const Page& page);
std::string SpeechText(const Question& question);

}  // namespace lectern
