// How course text's white space is read, as HTML reads it: every run of spaces, tabs and
// newlines is one space, and a block's text starts and ends with none.
//
// tinyxml2 9 drops a text node that is only white space, which would glue "<em>a</em> <b>b</b>"
// into "ab". So before tinyxml2 sees a file, a gap marker (U+E000, private use) goes after a '>'
// that only white space separates from the next '<' when either tag is an inline element
// (xml_file.cpp, MarkGaps): the node then survives, and everything here reads the marker as
// white space.
#pragma once

#include <string>
#include <string_view>

#include "course/model.h"

namespace lectern {

constexpr std::string_view kGapMarker = "\xEE\x80\x80";  // U+E000

inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A gap marker starts at p (and ends before `end`).
inline bool IsGapMarker(const char* p, const char* end) {
    return end - p >= 3 && p[0] == kGapMarker[0] && p[1] == kGapMarker[1] && p[2] == kGapMarker[2];
}

// Nothing but white space and gap markers.
bool IsBlank(std::string_view text);

// Appends `text` with each run of white space and gap markers as one space.
void AppendCollapsed(std::string& out, std::string_view text);
std::string CollapseSpace(std::string_view text);

// Without white space at either end (gap markers are kept: see WithoutGapMarkers).
std::string Trim(std::string_view text);

// Trim(CollapseSpace(text)); a null attribute reads as empty.
std::string CollapseTrim(const char* text);

// Text as the author wrote it, for text that is taken literally (a <pattern>): the markers
// MarkGaps put after a '>' taken out again.
std::string WithoutGapMarkers(std::string_view text);

// Merges neighbouring runs of the same style and settles the spaces between them: one space
// where two runs meet with spaces, none at the start or the end.
void NormalizeRuns(Inline& runs);

}  // namespace lectern
