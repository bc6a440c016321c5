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
#include "course/loader.h"
#include "os/system.h"

namespace {

const char* kUsage =
    "Usage: lectern-lint [--stats] [--format text|json] [--strict] PATH\n"
    "\n"
    "Checks the Lectern course at PATH (a course folder or its course.xml) and prints\n"
    "every problem as FILE:LINE:COL: error|warning: [code] message. Characters no\n"
    "installed font can draw are warnings naming the Debian font package that would.\n"
    "\n"
    "  --stats          also print counts: modules, lessons, pages, words, reading time,\n"
    "                   glossary terms, questions by type, scenarios, scripts used (words\n"
    "                   in Thai by dictionary, in Chinese and Japanese one per character)\n"
    "  --format FORMAT  text (default) or json\n"
    "  --strict         treat warnings as errors (exit 1)\n"
    "  -h, --help       show this help\n"
    "  --version        show the version\n"
    "\n"
    "Exit status: 0 no errors, 1 errors in the course, 2 input not readable or bad usage.\n";

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
    bool stats = false, json = false, strict = false;
    std::string path;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a == "--version") {
            std::printf("lectern-lint %s\n", LECTERN_VERSION);
            return 0;
        } else if (a == "--stats") {
            stats = true;
        } else if (a == "--strict") {
            strict = true;
        } else if (a == "--format" || a.rfind("--format=", 0) == 0) {
            std::string v = a == "--format" ? (i + 1 < argc ? argv[++i] : "") : a.substr(9);
            if (v != "text" && v != "json") {
                std::fprintf(stderr, "lectern-lint: --format takes text or json, not '%s'\n%s", v.c_str(), kUsage);
                return 2;
            }
            json = v == "json";
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            std::fprintf(stderr, "lectern-lint: unknown option '%s'\n%s", a.c_str(), kUsage);
            return 2;
        } else if (path.empty()) {
            path = a;
        } else {
            std::fprintf(stderr, "lectern-lint: one course at a time ('%s' and '%s')\n", path.c_str(), a.c_str());
            return 2;
        }
    }
    if (path.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }

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
