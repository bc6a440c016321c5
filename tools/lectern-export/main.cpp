// lectern-export: writes an offline edition of a course. Today one format: --html, a static,
// accessible HTML edition (for screen readers and printed handouts); see authoring/html_export.h.
// Exit status: 0 written, 1 the course has errors, 2 bad usage, unreadable course or unwritable output.
#include <cstdio>
#include <iostream>
#include <string>

#include "authoring/html_export.h"
#include "course/loader.h"
#include "os/system.h"

namespace {

const char* kUsage =
    "Usage: lectern-export --html OUT_DIR [--facilitator] COURSE\n"
    "\n"
    "Writes a static, offline HTML edition of the Lectern course at COURSE (a course folder or\n"
    "its course.xml) into OUT_DIR, which is created when missing:\n"
    "  index.html          title, description, audience, certificate note, contents\n"
    "  module-<id>.html    one page per module; prints as a handout with its answers at the end\n"
    "  glossary.html, references.html, lectern.css, images/\n"
    "Nothing in the edition loads anything from the network, and it uses no JavaScript.\n"
    "\n"
    "  --html OUT_DIR   the folder to write (must be outside the course folder)\n"
    "  --facilitator    include facilitator notes in marked boxes (the instructor's handout);\n"
    "                   without it they are left out entirely\n"
    "  -h, --help       show this help\n"
    "  --version        show the version\n"
    "\n"
    "Exit status: 0 written, 1 errors in the course (printed like lectern-lint),\n"
    "2 bad usage, course not readable, or output not writable.\n";

int Usage(const std::string& message) {
    std::fprintf(stderr, "lectern-export: %s\n%s", message.c_str(), kUsage);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    lectern::os::Utf8Arguments utf8_arguments(argc, argv);  // Windows: UTF-8, not the ANSI code page
    std::string out_dir, course_path;
    bool have_html = false;
    lectern::HtmlExportOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a == "--version") {
            std::printf("lectern-export %s\n", LECTERN_VERSION);
            return 0;
        } else if (a == "--html" || a.rfind("--html=", 0) == 0) {
            if (have_html) return Usage("--html given twice");
            if (a == "--html") {
                if (i + 1 >= argc) return Usage("--html needs an output folder");
                out_dir = argv[++i];
            } else {
                out_dir = a.substr(7);
            }
            if (out_dir.empty()) return Usage("--html needs an output folder");
            have_html = true;
        } else if (a == "--facilitator") {
            options.facilitator = true;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            return Usage("unknown option '" + a + "'");
        } else if (course_path.empty()) {
            course_path = a;
        } else {
            return Usage("one course at a time ('" + course_path + "' and '" + a + "')");
        }
    }
    if (!have_html) return Usage("say which edition to write: --html OUT_DIR");
    if (course_path.empty()) return Usage("no course given");

    lectern::LoadResult loaded = lectern::LoadCourse(course_path);
    lectern::Diagnostics diagnostics = loaded.diagnostics;
    diagnostics.SortByLocation();
    for (const auto& d : diagnostics.All()) std::cerr << d.Format() << "\n";
    if (!loaded.ok()) {
        int errors = diagnostics.ErrorCount();
        std::fprintf(stderr, "%s: %d error%s; nothing exported\n", course_path.c_str(), errors, errors == 1 ? "" : "s");
        return loaded.unreadable ? 2 : 1;
    }

    lectern::HtmlExportResult result = lectern::WriteHtmlEdition(*loaded.course, out_dir, options);
    if (!result.ok()) {
        std::fprintf(stderr, "lectern-export: %s\n", result.message.c_str());
        return 2;
    }
    std::printf("%s: wrote %zu file%s to %s%s\n", course_path.c_str(), result.written.size(),
                result.written.size() == 1 ? "" : "s", out_dir.c_str(),
                options.facilitator ? " (facilitator edition)" : "");
    return 0;
}
