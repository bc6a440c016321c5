// lectern-progress: exports the progress database for a spreadsheet (CSV) or an LRS (xAPI).
// Opens the database read-only, so it can run while Lectern is open on the same file (WAL lets
// a reader and a writer share it) and can never damage it.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>


#include "cli/command_line.h"
#include "course/loader.h"
#include "os/files.h"
#include "os/system.h"
#include "progress/progress_store.h"
#include "reports/progress_export.h"

namespace {

const char* const kDescription = "Export learners' progress from a Lectern progress database.";

const char* const kFooter = "Exit status: 0 ok, 1 the export failed, 2 bad arguments.";

// Standard output as the export is made (a pipe to another program, or a redirect).
class StdoutSink : public lectern::ExportSink {
public:
    bool Write(std::string_view text) override {
        return std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
    }
    std::string Error() const override { return "cannot write to standard output"; }
};

}  // namespace

int main(int argc, char** argv) {
    lectern::os::Utf8Arguments utf8_arguments(argc, argv);  // Windows: UTF-8, not the ANSI code page
    std::string format, data_dir, output, since, learner;
    std::vector<std::string> course_dirs;
    lectern::ExportOptions options;
    lectern::cli::CommandLine cl("lectern-progress", kDescription, "lectern-progress export --format csv|xapi [options]",
                                 kFooter);
    CLI::App& app = cl.App();
    app.require_subcommand(1);
    CLI::App* exp = app.add_subcommand("export", "write the progress as CSV or xAPI");
    exp->add_option("--format", format,
                    "csv: one row per learner and item; xapi: a JSON array of xAPI 1.0.3 statements, one per "
                    "recorded event")
        ->type_name("csv|xapi")
        ->required();
    exp->add_option("--data-dir", data_dir,
                    "folder holding progress.sqlite3 (default: $XDG_DATA_HOME/lectern or ~/.local/share/lectern)")
        ->type_name("DIR");
    CLI::Option* learner_option = exp->add_option("--learner", learner, "only this learner (display name, case ignored)")
        ->type_name("NAME");
    exp->add_option("--since", since,
                    "only events (xapi) or items updated (csv) at or after this time, e.g. 2024-05-01 or "
                    "2024-05-01T09:30:00+02:00")
        ->type_name("ISO8601");
    exp->add_option("--home-page", options.home_page,
                    "xAPI actor account homePage (default: urn:lectern:store:<this database's id>)")
        ->type_name("URL");
    exp->add_option("--activity-base", options.activity_base,
                    "prefix of xAPI activity ids (default: urn:lectern:course:)")
        ->type_name("IRI");
    exp->add_option("--course", course_dirs,
                    "the course the records belong to (repeat for several): CSV titles, right/wrong and points "
                    "per quiz question of submitted attempts, xAPI activity names, descriptions and choices; "
                    "without it, ids stand in for names and quiz questions say only \"answered\"")
        ->type_name("DIR")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    exp->add_option("--output", output, "write to FILE instead of standard output")->type_name("FILE");
    int status = cl.Parse(argc, argv);
    if (status == lectern::cli::kGoOn && format != "csv" && format != "xapi")
        status = cl.Fail("--format must be csv or xapi, not '" + format + "'");
    if (learner_option->count()) options.learner_name = learner;
    if (status == lectern::cli::kGoOn && !since.empty()) {
        std::optional<int64_t> ms = lectern::ParseIso8601(since);
        if (ms) options.since_ms = *ms;
        else status = cl.Fail("--since '" + since + "' is not an ISO 8601 date or time");
    }
    cl.Print();
    if (status != lectern::cli::kGoOn) return status;
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
    const lectern::ExportFormat export_format = format == "csv" ? lectern::ExportFormat::Csv : lectern::ExportFormat::Xapi;
    auto run = [&]() -> lectern::ExportResult {
        if (output.empty() || output == "-") {
            StdoutSink sink;
            lectern::ExportResult r = export_format == lectern::ExportFormat::Csv ? lectern::ExportCsv(*opened.store, options, sink)
                                                                                  : lectern::ExportXapi(*opened.store, options, sink);
            if (r && std::fflush(stdout) != 0)
                return lectern::ExportResult::Fail({lectern::ExportErrorCode::OutputFailed, {}, "cannot write to standard output", {}, {}});
            return r;
        }
        // Streamed through a temporary file made with O_EXCL beside it and a rename: never through a
        // planted symlink, never over a FIFO, device or the database itself; an existing file keeps
        // its mode; a failure midway (a full disk) leaves no partial file under the name.
        lectern::os::WriteOptions write;
        write.mode = 0644;
        write.keep_existing_mode = true;
        write.never_replace = {db_path, db_path + "-wal", db_path + "-shm", db_path + "-journal"};
        return lectern::ExportToFile(export_format, *opened.store, options, output, write);
    };
    const lectern::ExportResult result = run();
    if (!result) {
        std::fprintf(stderr, "lectern-progress: %s\n", lectern::Describe(result.error()).c_str());
        return 1;
    }
    if (!output.empty() && output != "-") {
        std::fprintf(stderr, "lectern-progress: wrote %d %s to %s\n", result->records,
                     format == "csv" ? "rows" : "statements", output.c_str());
    }
    return 0;
}
