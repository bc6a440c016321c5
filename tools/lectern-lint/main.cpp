// lectern-lint: checks a course and prints every problem as file:line:col: severity: [code] message.
// Exit status: 0 no errors, 1 content errors (or warnings with --strict), 2 unreadable input or bad usage.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "authoring/lint.h"
#include "authoring/scripts.h"
#include "authoring/stats.h"
#include "cli/command_line.h"
#include "course/loader.h"
#include "os/system.h"

namespace {

const char* const kDescription =
    "Checks the Lectern course at PATH (a course folder or its course.xml) and prints\n"
    "every problem as FILE:LINE:COL: error|warning: [code] message. Characters no\n"
    "installed font can draw are warnings naming the Debian font package that would.";

const char* const kFooter = "Exit status: 0 no errors, 1 errors in the course, 2 input not readable or bad usage.";

nlohmann::json StatsJson(const lectern::CourseStats& s) {
    nlohmann::json j;
    j["modules"] = s.modules;
    j["lessons"] = s.lessons;
    j["pages"] = s.pages;
    j["words"] = s.words;
    j["reading_minutes"] = std::round(s.reading_minutes * 10) / 10;
    j["question_minutes"] = std::round(s.question_minutes * 10) / 10;
    j["estimated_minutes"] = std::round(s.estimated_minutes * 10) / 10;
    j["glossary_terms"] = s.glossary_terms;
    j["references"] = s.references;
    j["images"] = s.images;
    j["knowledge_checks"] = s.knowledge_checks;
    j["quizzes"] = s.quizzes;
    j["quiz_questions"] = s.quiz_questions;
    j["quiz_questions_drawn"] = s.quiz_questions_drawn;
    j["questions"] = s.questions;
    j["questions_by_type"] = nlohmann::json::object();
    for (const char* t : {"single", "multiple", "truefalse", "matching", "ordering", "text"}) {
        auto it = s.questions_by_type.find(t);
        j["questions_by_type"][t] = it == s.questions_by_type.end() ? 0 : it->second;
    }
    j["module_words"] = nlohmann::json::object();
    for (const auto& [id, words] : s.module_words) j["module_words"][id] = words;
    j["scenarios"] = s.scenarios;
    j["scenario_nodes"] = s.scenario_nodes;
    j["scripts"] = nlohmann::json::object();
    for (const auto& [script, chars] : s.scripts) j["scripts"][script] = chars;
    return j;
}

}  // namespace

int main(int argc, char** argv) {
    lectern::os::Utf8Arguments utf8_arguments(argc, argv);  // Windows: UTF-8, not the ANSI code page
    bool stats = false, strict = false;
    std::string format = "text", path;
    lectern::cli::CommandLine cl("lectern-lint", kDescription, "lectern-lint [--stats] [--format text|json] [--strict] PATH",
                                 kFooter);
    CLI::App& app = cl.App();
    app.add_flag("--stats", stats,
                 "also print counts: modules, lessons, pages, words, reading time, glossary terms, questions "
                 "by type, scenarios, scripts used (words in Thai by dictionary, in Chinese and Japanese one "
                 "per character)");
    app.add_option("--format", format, "text (default) or json")->type_name("FORMAT");
    app.add_flag("--strict", strict, "treat warnings as errors (exit 1)");
    app.add_option("PATH", path, "the course folder or its course.xml")->type_name("")->required();
    int status = cl.Parse(argc, argv);
    if (status == lectern::cli::kGoOn && format != "text" && format != "json")
        status = cl.Fail("--format takes text or json, not '" + format + "'");
    cl.Print();
    if (status != lectern::cli::kGoOn) return status;
    const bool json = format == "json";

    lectern::LoadResult result = lectern::LoadCourse(path);
    lectern::Diagnostics all = result.diagnostics;
    if (result.course) {
        all.Append(lectern::LintCourse(*result.course));
        lectern::CheckCharacters(*result.course, path, lectern::FontCoverage::Installed(), all);
    }
    all.SortByLocation();
    int errors = all.ErrorCount(), warnings = all.WarningCount();
    int code = result.unreadable ? 2 : (errors > 0 || (strict && warnings > 0)) ? 1 : 0;

    if (json) {
        nlohmann::json out;
        out["path"] = path;
        out["errors"] = errors;
        out["warnings"] = warnings;
        out["diagnostics"] = nlohmann::json::array();
        for (const auto& d : all.All()) {
            out["diagnostics"].push_back({{"file", d.loc.file},
                                          {"line", d.loc.line},
                                          {"col", d.loc.col},
                                          {"severity", d.severity == lectern::Severity::Error ? "error" : "warning"},
                                          {"code", d.code},
                                          {"message", d.message}});
        }
        if (stats && result.course) {
            out["course"] = {{"id", result.course->id}, {"title", result.course->title}, {"version", result.course->version}};
            out["stats"] = StatsJson(lectern::ComputeStats(*result.course));
        }
        // Invalid UTF-8 in a message must not abort the dump: replace it.
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return code;
    }

    for (const auto& d : all.All()) std::cout << d.Format() << "\n";
    if (stats && result.course) {
        const auto s = lectern::ComputeStats(*result.course);
        std::printf("%s (%s, version %s)\n", result.course->title.c_str(), result.course->id.c_str(),
                    result.course->version.c_str());
        std::printf("  modules %d, lessons %d, pages %d, words %d\n", s.modules, s.lessons, s.pages, s.words);
        std::printf("  words by module:");
        for (const auto& [id, words] : s.module_words) std::printf(" %s %d", id.c_str(), words);
        std::printf("\n");
        std::printf("  estimated %.0f minutes (reading %.1f at %.0f words/min, questions and scenarios %.1f)\n",
                    s.estimated_minutes, s.reading_minutes, lectern::kWordsPerMinute, s.question_minutes);
        std::printf("  glossary terms %d, references %d, images %d\n", s.glossary_terms, s.references, s.images);
        std::printf("  questions %d (knowledge checks %d, in quiz pools %d, drawn per attempt %d), quizzes %d\n",
                    s.questions, s.knowledge_checks, s.quiz_questions, s.quiz_questions_drawn, s.quizzes);
        std::printf("  by type:");
        for (const auto& [type, n] : s.questions_by_type) std::printf(" %s %d", type.c_str(), n);
        std::printf("\n  scenarios %d (%d nodes and endings)\n", s.scenarios, s.scenario_nodes);
        std::printf("  scripts (characters):");
        for (const auto& [script, chars] : s.scripts) std::printf(" %s %d", script.c_str(), chars);
        std::printf("\n");
    }
    if (errors || warnings || !stats)
        std::fprintf(stderr, "%s: %d error%s, %d warning%s\n", path.c_str(), errors, errors == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s");
    return code;
}
