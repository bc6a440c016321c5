// Writing systems in course text: which script a character belongs to, which Debian font
// package draws it, whether an installed font can, and how many words a run of text holds when
// its script does not separate words with spaces. Used by lectern-lint and its --stats.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "course/diagnostics.h"
#include "course/model.h"

namespace lectern {

// The script of a character, by Unicode block ("Latin", "Greek", "Arabic", "Han", "Thai", ...),
// or "Common" for digits, punctuation, symbols and spaces, which every script shares.
const char* ScriptOf(char32_t cp);

// The Debian package whose fonts draw `cp` (for example "fonts-noto-cjk" for Han), or "" when
// no packaged font does.
const char* FontPackageFor(char32_t cp);

// What the installed fonts can draw, as fontconfig sees them.
class FontCoverage {
public:
    // Every scalable font fontconfig lists on this machine.
    static FontCoverage Installed();
    // Only the fonts of these families (tests use it to play a machine with fewer fonts).
    static FontCoverage Families(const std::vector<std::string>& families);
    bool Has(char32_t cp) const;
    bool Empty() const { return !m_set; }

private:
    std::shared_ptr<void> m_set;  // FcCharSet*, kept out of the header
};

// Warns, at file:line:col of the character in the course's XML files, about text the player
// cannot draw: "no-font" (no installed font has it; names the package that would). Characters
// above U+FFFF are drawn like any other (32-bit ImWchar).
// One warning per character and file, at its first use, saying how often it occurs.
// `course_path` is the folder or course.xml as given to the loader.
void CheckCharacters(const Course& course, const std::string& course_path, const FontCoverage& fonts,
                     Diagnostics& diagnostics);

// Words in `text` for reading-time estimates. Spaces separate words, except in scripts written
// without them: Thai runs are split at word boundaries by libthai's dictionary; each Han,
// Hiragana and Katakana character counts as one word (readers of Chinese and Japanese read
// about as many characters a minute as readers of English read words).
int CountWordsInScripts(std::string_view text);

// Characters per script ("Latin" -> 1200, "Thai" -> 80), Common left out.
std::map<std::string, int> ScriptsUsed(const Course& course);

}  // namespace lectern
