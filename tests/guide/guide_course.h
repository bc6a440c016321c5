// The authoring guide's examples (content/README.md) written out as a course, mechanically, from
// every ```xml fence of the guide:
// - an example whose top-level elements are files' roots (<course>, <module>, <quiz>,
//   <glossary>, <references>) is split into those files; the <course> example is course.xml and
//   names the others: its <glossary src> and <references src> are the glossary and references
//   examples, its <assessment src> the <quiz> example, and its <include src>s the modules;
// - the examples of blocks (a <p>, a <question>, a <scenario>...) are one page, in the guide's
//   order (as an author would put them together; a page of a question alone has no text, which
//   lint rightly warns about); that page is the course's first module, and the guide's <module>
//   examples are the modules after it;
// - every <image src> the examples name is a small PNG (the guide's pictures are not in the repo).
// Each example must find its place and every file course.xml names must be written, or
// `problems` says which.
// Used by the UI tests (test_guide_examples.cpp: loads, lints, draws) and by write_guide_course,
// whose output script.test_guide_schema validates against the XSD with xmllint (a Linux tool:
// the UI tests also run under wine, where there is none).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lectern::test {

// A piece of one written file that is lines of the guide, to point a diagnostic back at them.
struct Piece {
    std::string file;  // relative to the course folder
    int file_line = 0;
    int guide_line = 0;
    int lines = 0;
};

struct GuideCourse {
    std::vector<std::string> problems;  // the examples that found no place, files nobody wrote
    std::vector<Piece> pieces;
    std::vector<std::string> files;  // every XML file written
    int examples = 0, block_examples = 0;

    // "content/README.md:LINE" for a line of a written file.
    std::string GuideLine(const std::string& file, int line) const;
};

// Writes the course the guide's examples make into `dir` (emptied first); `png` is copied for
// every picture an example names.
GuideCourse WriteGuideCourse(const std::string& guide, const std::filesystem::path& dir, const std::filesystem::path& png);

}  // namespace lectern::test
