// Export of the progress store for people and systems outside the kiosk: CSV for a spreadsheet,
// xAPI 1.0.3 statements (a JSON array) for a Learning Record Store. Used by tools/lectern-progress
// and available to the app (a per-learner export to USB).
//
// Defaults, and why:
// - actor = {account: {homePage: "urn:lectern:store:<store id>", name: "<learner id>"}, name:
//   display name}. Learner ids are small integers that restart on every kiosk; the store id (a
//   random UUID made with the database) scopes them, so two kiosks never merge two people.
//   --home-page overrides it, e.g. with a school's URL when ids are assigned centrally.
// - object ids = <activity base><course id>/<item id>, base "urn:lectern:course:". Course and
//   item ids are authored, so the same question on two kiosks is one activity in the LRS. A
//   scenario step is <course id>/<scenario id>/<node id>: node ids are unique only inside their
//   scenario, and two scenarios' "n1" must not be one activity.
// - every activity has definition.name: the course's title, page title, quiz title, scenario
//   title or the question's prompt (in the course's language) when the course is given, else its
//   id (language "und"); and definition.description where there is one (a prompt, an intro).
// - answers carry interactionType and the response in xAPI's own form (choice ids joined by
//   "[,]", "true"/"false", matching "left[.]right", the typed text) so an LRS can report on them.
// - statement id = UUID version 5 (RFC 4122, SHA-1) in the store id's namespace, of the event's
//   table, row id and verb. Re-exporting gives the same ids, so an LRS drops duplicates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "os/files.h"
#include "progress/progress_store.h"

namespace lectern {

struct ExportOptions {
    std::optional<std::string> learner_name;  // only this learner (display name, ignoring case)
    int64_t since_ms = INT64_MIN;             // CSV: items updated since; xAPI: events since
    std::string home_page;                    // empty: "urn:lectern:store:<store id>"
    std::string activity_base = "urn:lectern:course:";
    // The courses the records belong to (optional, not owned): titles beside ids, activity names
    // and descriptions, and right/wrong and points per question of every submitted attempt,
    // graded exactly as the player grades.
    std::vector<const Course*> courses;
};

struct Exported {
    std::string text;  // the CSV or JSON document (empty when it went to an ExportSink)
    int records = 0;   // CSV rows (without the header) or statements
};

enum class ExportErrorCode {
    NoSuchLearner,  // ExportOptions::learner_name names no one (`learner`)
    OutputFailed,   // the sink refused a piece (`reason`: the sink's own words, may be empty)
    File,           // ExportToFile: the file could not be written (`file`); nothing was written to it
};
struct ExportError {
    ExportErrorCode code = ExportErrorCode::OutputFailed;
    std::string learner;
    std::string reason;
    os::FileError file;
    std::filesystem::path output;  // File: the file asked for (`file.path` may be its temporary file)
};
// English, for the command-line tools and logs.
std::string Describe(const ExportError& error);

using ExportResult = Result<Exported, ExportError>;

// One row per learner and item: learner, course_id, item_id, title, item_type, status, score
// (best, percent), points and max_points (a question: of its last check, or of the last
// submitted attempt; a quiz: of its best attempt, as scored at submission), attempts, time_seconds, last_updated. attempts counts what a learner did:
// page views, Checks of a knowledge check, quiz attempts that included a question, quiz attempts,
// scenario endings. A quiz question's status is correct, partly correct, incorrect or unanswered
// once an attempt with it is submitted (needs the course), else "answered".
ExportResult ExportCsv(const ProgressStore& store, const ExportOptions& options);
// A JSON array of xAPI 1.0.3 statements, one per recorded event.
ExportResult ExportXapi(const ProgressStore& store, const ExportOptions& options);

// Where an export goes piece by piece as it is made, so that a store of any size is exported in
// little memory (whole, 32,000 xAPI statements took 290 MB). The text is exactly what the
// in-memory exports above return.
class ExportSink {
public:
    virtual ~ExportSink() = default;
    // False stops the export (it then fails with Error()): a full disk, a closed pipe.
    virtual bool Write(std::string_view text) = 0;
    virtual std::string Error() const = 0;
};
ExportResult ExportCsv(const ProgressStore& store, const ExportOptions& options, ExportSink& sink);
ExportResult ExportXapi(const ProgressStore& store, const ExportOptions& options, ExportSink& sink);

enum class ExportFormat { Csv, Xapi };
// Streams an export into the file `path` through os::AtomicFileWriter (refusing what
// WriteFileAtomically refuses): the file appears whole under its name or not at all. A write that
// fails midway (a full disk) leaves whatever was there before, and the error says so.
ExportResult ExportToFile(ExportFormat format, const ProgressStore& store, const ExportOptions& options,
                          const os::PathArg& path, const os::WriteOptions& write);

// ---- building blocks (public for tests and other exporters) ----
// RFC 4180 quoting; text that a spreadsheet would run as a formula (=, +, -, @ first) gets a
// leading apostrophe, because learner names are typed by anyone at a shared kiosk.
std::string CsvField(const std::string& text);
// 2024-05-01T09:30:00.250Z
std::string FormatIsoUtc(int64_t unix_ms);
// Accepts YYYY-MM-DD, and YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or +HH:MM / -HH:MM (or no zone,
// taken as UTC). Returns unix milliseconds.
std::optional<int64_t> ParseIso8601(const std::string& text);
// PT1H2M3.5S (xAPI durations; 0.01 s precision as the spec recommends)
std::string FormatIsoDuration(int64_t ms);
// RFC 4122 version 5 UUID of `name` in `namespace_uuid` (canonical text). Empty on a bad namespace.
std::string UuidV5(const std::string& namespace_uuid, const std::string& name);
// <base><course id>[/<item id>] with every byte outside RFC 3986 "unreserved" percent-encoded.
std::string ActivityIri(const std::string& base, const std::string& course_id, const std::string& item_id = "");
// <base><course id>/<scenario id>/<node id>, each part encoded as above.
std::string ScenarioNodeIri(const std::string& base, const std::string& course_id, const std::string& scenario_id,
                            const std::string& node_id);
// A stored response (ResponseToJson) in xAPI's form for its interaction type; anything else as is.
std::string XapiResponse(const std::string& stored);

}  // namespace lectern
