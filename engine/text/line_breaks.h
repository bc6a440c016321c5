// Where a line of text may break (UAX #14, libunibreak), with Thai words found by libthai's
// dictionary, since Thai is written without spaces and UAX #14 leaves its breaks to the
// application. No ImGui here: the rich text layout asks, and tests check it directly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lectern {

enum class LineBreak : char {
    None,     // no break after this byte (inside a character, or not allowed)
    Allowed,  // a line may end after this byte
    Must,     // a line must end after this byte (a line separator; the end of the text)
};

// One entry per byte of `utf8`: may a line end after it? `lang` (BCP 47, may be empty) is
// passed on for language-specific rules. A soft hyphen, a zero-width space and a space allow a
// break after them; a no-break space and a word joiner never do.
std::vector<LineBreak> FindLineBreaks(std::string_view utf8, const std::string& lang);

// Word boundaries inside a run of Thai letters, by libthai's dictionary: the indexes (into
// `thai`, 1 .. size-1) of the characters a new word starts at.
std::vector<int> ThaiWordBreaks(const std::u32string& thai);

}  // namespace lectern
