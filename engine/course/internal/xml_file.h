// One course file, read and parsed, with the place (line and column) of every element.
//
// ReadXmlFile checks the bytes before any XML parsing, so that a binary, UTF-16 or NUL-laden file
// gets one clear message; refuses document type declarations (no entity expansion, no external
// entities) and entities other than XML's five; brings the text to NFC; marks the white space
// between elements that tinyxml2 9 would drop (white_space.h); and parses it with tinyxml2. When
// tinyxml2 refuses the file, the syntax scanner (xml_syntax.h) says where and why in plain words.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tinyxml2.h>

#include "course/diagnostics.h"
#include "course/internal/file_source.h"

namespace lectern {

struct XmlFile {
    std::string display;  // the file's name in diagnostics
    std::string text;     // its text in NFC, as written (without the gap markers)
    tinyxml2::XMLDocument doc{true, tinyxml2::PRESERVE_WHITESPACE};

    // Where an element starts (its '<'); where an attribute's name is written in an element's
    // start tag (the element's place if it is not found); where a byte of `text` is.
    SourceLoc Loc(const tinyxml2::XMLElement* e) const;
    SourceLoc AttrLoc(const tinyxml2::XMLElement* e, const char* attr) const;
    SourceLoc LocAtOffset(size_t offset) const;

    // Fills m_line_starts from `text`.
    void IndexLines();
    // Finds each element's '<' in `text` (tinyxml2 gives lines only).
    void IndexColumns();

private:
    size_t FindStartTag(std::string_view name, size_t from) const;
    size_t LineStart(int line) const;
    int CharColumn(size_t line_start, size_t offset) const;
    SourceLoc LocAtOffset(size_t offset, int line) const;

    std::vector<size_t> m_line_starts;  // the offset in `text` of each line's first byte
    // The last column worked out (CharColumn): places are asked for in document order, so the
    // count goes on from there, and a file that is one long line costs one pass, not one a place.
    struct ColumnCache {
        size_t line_start = SIZE_MAX, offset = 0;
        int chars = 0;
    };
    mutable ColumnCache m_column_cache;
};

// Reads course-relative `rel` through `files` and parses it. Null once the reason is reported:
// at `named_at` (where another file names it) when it cannot be read, in the file otherwise.
std::unique_ptr<XmlFile> ReadXmlFile(FileSource& files, const std::string& rel, const SourceLoc& named_at,
                                     Diagnostics& diagnostics);

}  // namespace lectern
