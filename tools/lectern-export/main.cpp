// lectern-export: writes an offline edition of a course. Today one format: --html, a static,
// accessible HTML edition (for screen readers and printed handouts); see authoring/html_export.h.
// Exit status: 0 written, 1 the course has errors, 2 bad usage, unreadable course or unwritable output.
#include <cstdio>
#include <iostream>
#include <string>

#include "authoring/html_export.h"
#include "cli/command_line.h"
#include "course/loader.h"
#include "os/system.h"

namespace {

const char* const kDescription =
    "Writes a static, offline HTML edition of the Lectern course at COURSE (a course folder or\n"
    "its course.xml) into OUT_DIR, which is created when missing:\n"
    "  index.html          title, description, audience, certificate note, contents\n"
    "  module-<id>.html    one page per module; prints as a handout with its answers at the end\n"
    "  glossary.html, references.html, lectern.css, images/\n"
    "Nothing in the edition loads anything from the network, and it uses no JavaScript.";

const char* const kFooter =
    "Exit status: 0 written, 1 errors in the course (printed like lectern-lint),\n"
    "2 bad usage, course not readable, or output not writable.";

}  // namespace

int main(int argc, char** argv) {
    lectern::os::Utf8Arguments utf8_arguments(argc, argv);  // Windows: UTF-8, not the ANSI code page
    std::string out_dir, course_path;
    lectern::HtmlExportOptions options;
    lectern::cli::CommandLine cl("lectern-export", kDescription, "lectern-export --html OUT_DIR [--facilitator] COURSE",
                                 kFooter);
    CLI::App& app = cl.App();
    app.add_option("--html", out_dir, "the folder to write (must be outside the course folder)")
        ->type_name("OUT_DIR")
        ->multi_option_policy(CLI::MultiOptionPolicy::Throw);
    app.add_flag("--facilitator", options.facilitator,
                 "include facilitator notes in marked boxes (the instructor's handout); without it they are "
                 "left out entirely");
    app.add_option("COURSE", course_path, "the course folder or its course.xml")->type_name("");
    int status = cl.Parse(argc, argv);
    if (status == lectern::cli::kGoOn && out_dir.empty())
        status = cl.Fail(app.get_option("--html")->count() ? "--html needs an output folder"
                                                            : "say which edition to write: --html OUT_DIR");
    if (status == lectern::cli::kGoOn && course_path.empty()) status = cl.Fail("no course given");
    cl.Print();
    if (status != lectern::cli::kGoOn) return status;

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
        std::fprintf(stderr, "lectern-export: %s\n", lectern::Describe(result.error()).c_str());
        return 2;
    }
    std::printf("%s: wrote %zu file%s to %s%s\n", course_path.c_str(), result->size(),
                result->size() == 1 ? "" : "s", out_dir.c_str(),
                options.facilitator ? " (facilitator edition)" : "");
    return 0;
}
