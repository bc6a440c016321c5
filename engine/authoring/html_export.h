// The accessible HTML edition of a course: static, offline pages for learners who use a screen
// reader (Dear ImGui exposes no accessibility tree) and printable handouts for instructors.
//
// Layout of the output folder:
//   index.html          title, description, audience, the no-certificate note, contents
//   module-<id>.html    one file per module: lessons, pages, knowledge checks, scenarios, the
//                       module quiz's pool as practice questions, and a print-only answer key
//   glossary.html       every entry, <dfn> with id "term-<id>"
//   references.html     every reference, id "ref-<id>"
//   lectern.css         screen and print styles (no fonts or anything else from the network)
//   images/             copies of the images the loader resolved, and nothing else
//
// Every file is written through tinyxml2's XMLPrinter, so all course text is escaped and each file
// is well-formed XML after its <!DOCTYPE html> line. Rendering is pure (RenderHtmlEdition) and
// separate from the disk (WriteHtmlEdition), so the app could offer the same export later.
#pragma once

#include <string>
#include <vector>

#include "course/model.h"

namespace lectern {

struct HtmlExportOptions {
    // Include facilitator notes (module, lesson and page level) in marked boxes: the instructor's
    // handout. Without it the notes, and any image only they use, are absent from the output.
    bool facilitator = false;
};

struct HtmlOutputFile {
    std::string path;  // relative to the output folder, '/'-separated
    std::string content;
};

struct HtmlImageCopy {
    std::string source;  // Block::resolved_path: absolute, checked by the loader
    std::string path;    // relative to the output folder: "images/<name>"
};

struct HtmlEdition {
    std::vector<HtmlOutputFile> files;
    std::vector<HtmlImageCopy> images;
};

// Renders every file in memory; reads nothing from disk.
HtmlEdition RenderHtmlEdition(const Course& course, const HtmlExportOptions& options = {});

// The file a module is written to ("module-<id>.html").
std::string HtmlModuleFileName(const Module& module);

enum class HtmlExportError {
    None,
    OutputInsideCourse,  // the output folder is (inside) the course or its asset folder
    CannotCreateFolder,
    CannotWriteFile,
    CannotCopyImage,
};

struct HtmlExportResult {
    HtmlExportError error = HtmlExportError::None;
    std::string message;               // what failed and where, for the user
    std::vector<std::string> written;  // relative paths of the files written, in order
    bool ok() const { return error == HtmlExportError::None; }
};

// Renders and writes the edition into `out_dir` (created when missing). Existing files of the
// same names are replaced (removed first, so a symbolic link there is never written through);
// other files in the folder are left alone.
HtmlExportResult WriteHtmlEdition(const Course& course, const std::string& out_dir,
                                  const HtmlExportOptions& options = {});

}  // namespace lectern
