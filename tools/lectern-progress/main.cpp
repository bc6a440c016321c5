// lectern-progress: exports the progress database for a spreadsheet (CSV) or an LRS (xAPI).
// Opens the database read-only, so it can run while Lectern is open on the same file (WAL lets
// a reader and a writer share it) and can never damage it.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>


#include "course/loader.h"
#include "os/files.h"
#include "os/system.h"
#include "progress/progress_store.h"
#include "reports/progress_export.h"

namespace {

const char* const kUsage =
    "Usage: lectern-progress export --format csv|xapi [options]\n"
    "\n"
    "Export learners' progress from a Lectern progress database.\n"
    "\n"
    "Options:\n"
    "  --format csv|xapi     csv: one row per learner and item; xapi: a JSON array of\n"
    "                        xAPI 1.0.3 statements, one per recorded event\n"
    "  --data-dir DIR        folder holding progress.sqlite3\n"
    "                        (default: $XDG_DATA_HOME/lectern or ~/.local/share/lectern)\n"
    "  --learner NAME        only this learner (display name, case ignored)\n"
    "  --since ISO8601       only events (xapi) or items updated (csv) at or after this time,\n"
    "                        e.g. 2024-05-01 or 2024-05-01T09:30:00+02:00\n"
    "  --home-page URL       xAPI actor account homePage\n"
    "                        (default: urn:lectern:store:<this database's id>)\n"
    "  --activity-base IRI   prefix of xAPI activity ids (default: urn:lectern:course:)\n"
    "  --course DIR          the course the records belong to (repeat for several): CSV titles,\n"
    "                        right/wrong and points per quiz question of submitted attempts,\n"
    "                        xAPI activity names, descriptions and choices; without it, ids\n"
    "                        stand in for names and quiz questions say only \"answered\"\n"
    "  --output FILE         write to FILE instead of standard output\n"
    "  -h, --help            show this help\n"
    "      --version         show the version\n"
    "\n"
    "exit status: 0 ok, 1 the export failed, 2 bad arguments\n";

int BadUsage(const std::string& message) {
    std::fprintf(stderr, "lectern-progress: %s\n\n%s", message.c_str(), kUsage);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    lectern::os::Utf8Arguments utf8_arguments(argc, argv);  // Windows: UTF-8, not the ANSI code page
    std::vector<std::string> args(argv + 1, argv + argc);
    for (const std::string& a : args) {
        if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (a == "--version") {
            std::printf("lectern-progress %s\n", LECTERN_VERSION);
            return 0;
        }
    }
    if (args.empty()) return BadUsage("missing command");
    if (args[0] != "export") return BadUsage("unknown command '" + args[0] + "'");

    std::string format, data_dir, output, since;
    std::vector<std::string> course_dirs;
    lectern::ExportOptions options;
    for (size_t i = 1; i < args.size(); ++i) {
        std::string name = args[i], value;
        bool has_value = false;
        if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            has_value = true;
        }
        static const char* const kWithValue[] = {"--format",   "--data-dir",      "--learner", "--since",
                                                 "--home-page", "--activity-base", "--output",
                                                 "--course"};
        bool known = false;
        for (const char* k : kWithValue) known = known || name == k;
        if (!known) return BadUsage("unknown option '" + args[i] + "'");
        if (!has_value) {
            if (i + 1 >= args.size()) return BadUsage(name + " needs a value");
            value = args[++i];
        }
        if (name == "--format") {
            format = value;
        } else if (name == "--data-dir") {
            data_dir = value;
        } else if (name == "--learner") {
            options.learner_name = value;
        } else if (name == "--since") {
            since = value;
        } else if (name == "--home-page") {
            options.home_page = value;
        } else if (name == "--activity-base") {
            options.activity_base = value;
        } else if (name == "--output") {
            output = value;
        } else if (name == "--course") {
            course_dirs.push_back(value);
        }
    }
    if (format.empty()) return BadUsage("--format is required");
    if (format != "csv" && format != "xapi") return BadUsage("--format must be csv or xapi, not '" + format + "'");
    if (!since.empty()) {
        std::optional<int64_t> ms = lectern::ParseIso8601(since);
        if (!ms) return BadUsage("--since '" + since + "' is not an ISO 8601 date or time");
        options.since_ms = *ms;
    }
    if (data_dir.empty()) data_dir = lectern::DefaultDataDir();
    std::vector<std::shared_ptr<const lectern::Course>> courses;
    for (const std::string& dir : course_dirs) {
        lectern::LoadResult loaded = lectern::LoadCourse(dir);
        if (!loaded.ok()) {
            std::fprintf(stderr, "lectern-progress: cannot load the course %s:\n%s", dir.c_str(),
                         loaded.diagnostics.FormatAll().c_str());
            return 1;
        }
        courses.push_back(loaded.course);
        options.courses.push_back(loaded.course.get());
    }

    std::string db_path = lectern::ProgressDbPath(data_dir);
    lectern::OpenOptions open_options;
    open_options.read_only = true;
    open_options.full_check_max_bytes = -1;  // not time-critical: read every page before exporting
    lectern::OpenResult opened = lectern::ProgressStore::Open(db_path, open_options);
    if (!opened.store) {
        std::fprintf(stderr, "lectern-progress: cannot open %s: %s (%s)\n", db_path.c_str(), opened.message.c_str(),
                     lectern::ToString(opened.status));
        return 1;
    }
    lectern::ExportResult result = format == "csv" ? lectern::ExportCsv(*opened.store, options)
                                                   : lectern::ExportXapi(*opened.store, options);
    if (!result.ok) {
        std::fprintf(stderr, "lectern-progress: %s\n", result.error.c_str());
        return 1;
    }
    if (output.empty() || output == "-") {
        if (std::fwrite(result.text.data(), 1, result.text.size(), stdout) != result.text.size() ||
            std::fflush(stdout) != 0) {
            std::fprintf(stderr, "lectern-progress: cannot write to standard output\n");
            return 1;
        }
    } else {
        // Through a temporary file made with O_EXCL beside it and a rename: never through a planted
        // symlink, never over a FIFO, device or the database itself; an existing file keeps its mode.
        lectern::os::WriteOptions write;
        write.mode = 0644;
        write.keep_existing_mode = true;
        write.never_replace = {db_path, db_path + "-wal", db_path + "-shm", db_path + "-journal"};
        lectern::os::WriteResult w = lectern::os::WriteFileAtomically(output, result.text, write);
        if (!w.ok) {
            std::fprintf(stderr, "lectern-progress: %s\n", w.message.c_str());
            return 1;
        }
        std::fprintf(stderr, "lectern-progress: wrote %d %s to %s\n", result.records,
                     format == "csv" ? "rows" : "statements", output.c_str());
    }
    return 0;
}
