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

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "os/files.h"

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
    OutputInsideCourse,  // the output folder is (inside) the course or its asset folder
    CannotCreateFolder,
    CannotWriteFile,
    CannotCopyImage,
};

// Why an edition was not written: the code and what it is about, never a sentence made where it
// failed; Describe words it (in English, for lectern-export and logs).
struct HtmlExportFailure {
    HtmlExportError code = HtmlExportError::CannotWriteFile;
    std::string path;   // the output folder, or the file of the edition that was not written
    std::string about;  // OutputInsideCourse: the course folder; CannotCopyImage: the image copied
    int system_error = 0;  // CannotCreateFolder: errno-style (os::ErrorText), 0 when none was given
    std::optional<os::FileError> write;  // CannotWriteFile, CannotCopyImage: the write that failed
};
std::string Describe(const HtmlExportFailure& failure);

// The files written (paths relative to the output folder, in order), or why not.
using HtmlExportResult = Result<std::vector<std::string>, HtmlExportFailure>;

// Renders and writes the edition into `out_dir` (created when missing). Existing files of the
// same names are replaced (removed first, so a symbolic link there is never written through);
// other files in the folder are left alone.
HtmlExportResult WriteHtmlEdition(const Course& course, const std::string& out_dir,
                                  const HtmlExportOptions& options = {});

}  // namespace lectern
