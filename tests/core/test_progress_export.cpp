// Progress export: CSV and xAPI built from a database made here, checked by parsing them back
// (an RFC 4180 reader; nlohmann for the statements), plus the lectern-progress command itself.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "course/loader.h"
#include "progress/progress_store.h"
#include "reports/progress_export.h"
#include "progress_test_util.h"
#include "../helpers/course_walk.h"

using namespace lectern;
using namespace progress_test;
using nlohmann::json;

namespace {

const std::string kTool = std::string(LECTERN_BIN_DIR) + "/lectern-progress";
const std::string kWriter = std::string(LECTERN_BIN_DIR) + "/progress_writer";
constexpr int64_t kT0 = 1714557600000;  // 2024-05-01T10:00:00Z

// RFC 4180 reader: quoted fields, doubled quotes, CRLF rows.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, any = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
            any = true;
        }
    }
    if (!field.empty() || !row.empty()) {
        row.push_back(field);
        rows.push_back(row);
    }
    (void)any;
    return rows;
}

struct ToolRun {
    int exit_code = -1;
    std::string out, err;
};

// `in_child` runs in the child before the tool starts (limits, signal dispositions). A tool killed
// by a signal exits 128 + the signal, as a shell says.
ToolRun RunTool(const std::vector<std::string>& args, const TempDir& scratch, const std::function<void()>& in_child = {}) {
    std::string out_path = scratch.Sub("stdout"), err_path = scratch.Sub("stderr");
    pid_t pid = ::fork();
    if (pid == 0) {
        int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(o, STDOUT_FILENO);
        ::dup2(e, STDERR_FILENO);
        if (in_child) in_child();
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(kTool.c_str()));
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(kTool.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ToolRun r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    r.out = ReadFile(out_path);
    r.err = ReadFile(err_path);
    return r;
}

// Two learners in two courses, every kind of event.
struct ExportFixture : ::testing::Test {
    TempDir dir;
    std::string data_dir = dir.Sub("data");
    std::unique_ptr<ProgressStore> store;
    LearnerId ana = 0, ben = 0;

    void SetUp() override {
        OpenResult r = ProgressStore::Open(ProgressDbPath(data_dir));
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        store = std::move(r.store);
        ana = *store->CreateLearner("Ana, \"the\" tester", kT0);
        ben = *store->CreateLearner("=Ben", kT0);

        ASSERT_TRUE(store->RecordPageView(ana, "course-a", "p1", kT0 + 1000));
        ASSERT_TRUE(store->RecordPageView(ana, "course-a", "p1", kT0 + 2000));
        ASSERT_TRUE(store->AddActiveTime(ana, "course-a", ItemType::Page, "p1", 42500, kT0 + 2500));
        AnswerEvent check;
        check.learner = ana;
        check.course_id = "course-a";
        check.container_id = "p1";
        check.item_id = "k1";
        check.response = R"(["b"])";
        check.correct = false;
        check.score = 0;
        check.max_score = 1;
        ASSERT_TRUE(store->RecordAnswer(check, kT0 + 3000));
        check.correct = true;
        check.score = 1;
        check.response = R"(["a"])";
        ASSERT_TRUE(store->RecordAnswer(check, kT0 + 4000));

        ASSERT_TRUE(store->StartAttempt({ana, "course-a", "final", 1, 77, "{}"}, kT0 + 10000));
        AnswerEvent q;
        q.learner = ana;
        q.course_id = "course-a";
        q.kind = AnswerKind::Quiz;
        q.container_id = "final";
        q.item_id = "f1";
        q.attempt_number = 1;
        q.response = "\"c\"";
        q.correct = true;
        q.score = 2;
        q.max_score = 2;
        ASSERT_TRUE(store->RecordQuizAnswer(q, "{\"a\":1}", kT0 + 20000));
        ASSERT_TRUE(store->SubmitAttempt({ana, "course-a", "final", 1}, {3, 4, true}, "{}", kT0 + 3723000 + 10000));
        ASSERT_TRUE(store->StartAttempt({ana, "course-a", "final", 2, 78, "{}"}, kT0 + 4000000));

        AnswerEvent choice;
        choice.learner = ben;
        choice.course_id = "course-b";
        choice.kind = AnswerKind::Scenario;
        choice.container_id = "checkpoint";
        choice.item_id = "n1";
        choice.response = "c-report";
        ASSERT_TRUE(store->RecordAnswer(choice, kT0 + 5000));
        ASSERT_TRUE(store->RecordScenarioEnding({ben, "course-b", "checkpoint", "end-good", "best", "[]"}, kT0 + 6000));
        ASSERT_TRUE(store->StartAttempt({ben, "course-b", "quiz-1", 1, 5, "{}"}, kT0 + 7000));
        ASSERT_TRUE(store->SubmitAttempt({ben, "course-b", "quiz-1", 1}, {1, 4, false}, "{}", kT0 + 8000));
    }

    std::map<std::string, std::vector<std::string>> CsvByItem(const std::string& text) {
        std::map<std::string, std::vector<std::string>> by_item;
        auto rows = ParseCsv(text);
        EXPECT_FALSE(rows.empty());
        for (size_t i = 1; i < rows.size(); ++i) {
            EXPECT_EQ(rows[i].size(), 12u);
            by_item[rows[i][0] + "|" + rows[i][2]] = rows[i];
        }
        return by_item;
    }
};

const std::set<std::string> kAdlVerbs = {
    "http://adlnet.gov/expapi/verbs/experienced", "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/attempted",   "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/passed",      "http://adlnet.gov/expapi/verbs/failed"};

// The parts of xAPI 1.0.3 an LRS checks first; failures name the statement.
void ExpectValidStatement(const json& st, const std::string& home_page, const std::string& base) {
    static const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    static const std::regex iso_time(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)");
    static const std::regex iso_duration(R"(^PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?$)");
    SCOPED_TRACE(st.dump());
    ASSERT_TRUE(st.is_object());
    ASSERT_TRUE(st.contains("id") && st["id"].is_string());
    EXPECT_TRUE(std::regex_match(st["id"].get<std::string>(), uuid));
    ASSERT_TRUE(st.contains("actor"));
    EXPECT_EQ(st["actor"]["objectType"], "Agent");
    EXPECT_EQ(st["actor"]["account"]["homePage"], home_page);
    EXPECT_TRUE(st["actor"]["account"]["name"].is_string());
    ASSERT_TRUE(st.contains("verb"));
    EXPECT_TRUE(kAdlVerbs.count(st["verb"]["id"].get<std::string>()));
    EXPECT_TRUE(st["verb"]["display"]["en-US"].is_string());
    ASSERT_TRUE(st.contains("object"));
    EXPECT_EQ(st["object"]["objectType"], "Activity");
    EXPECT_EQ(st["object"]["id"].get<std::string>().rfind(base, 0), 0u);
    // Every activity is named (an LRS shows the name, not the IRI), in some language.
    for (const json* act : {&st["object"]}) {
        ASSERT_TRUE((*act)["definition"]["name"].is_object()) << "no definition.name";
        EXPECT_EQ((*act)["definition"]["name"].size(), 1u);
        EXPECT_FALSE((*act)["definition"]["name"].begin()->get<std::string>().empty());
    }
    ASSERT_TRUE(st.contains("timestamp"));
    EXPECT_TRUE(std::regex_match(st["timestamp"].get<std::string>(), iso_time));
    if (st.contains("result")) {
        const json& r = st["result"];
        if (r.contains("score")) {
            double scaled = r["score"]["scaled"], raw = r["score"]["raw"];
            double min = r["score"]["min"], max = r["score"]["max"];
            EXPECT_GE(scaled, -1.0);
            EXPECT_LE(scaled, 1.0);
            EXPECT_LE(min, raw);
            EXPECT_LE(raw, max);
        }
        if (r.contains("success")) {
            EXPECT_TRUE(r["success"].is_boolean());
        }
        if (r.contains("completion")) {
            EXPECT_TRUE(r["completion"].is_boolean());
        }
        if (r.contains("duration")) {
            EXPECT_TRUE(std::regex_match(r["duration"].get<std::string>(), iso_duration));
        }
    }
    EXPECT_EQ(st["context"]["contextActivities"]["grouping"][0]["id"].get<std::string>().rfind(base, 0), 0u);
}

}  // namespace

// ---- building blocks ----------------------------------------------------------------------------

TEST(ProgressExportFormat, CsvFieldsAreQuotedOnlyWhenNeeded) {
    EXPECT_EQ(CsvField("plain"), "plain");
    EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
    EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(CsvField(" padded "), "\" padded \"");
    EXPECT_EQ(CsvField(""), "");
}

TEST(ProgressExportFormat, CsvFieldsThatASpreadsheetWouldRunAreDefused) {
    EXPECT_EQ(CsvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    EXPECT_EQ(CsvField("+1"), "'+1");
    EXPECT_EQ(CsvField("-1"), "'-1");
    EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
}

TEST(ProgressExportFormat, TimestampsAreUtcWithMilliseconds) {
    EXPECT_EQ(FormatIsoUtc(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatIsoUtc(kT0 + 250), "2024-05-01T10:00:00.250Z");
    EXPECT_EQ(FormatIsoUtc(951782400000), "2000-02-29T00:00:00.000Z");
    EXPECT_EQ(FormatIsoUtc(-1), "1969-12-31T23:59:59.999Z");
}

TEST(ProgressExportFormat, Iso8601ParsesDatesTimesAndOffsets) {
    EXPECT_EQ(ParseIso8601("2024-05-01"), std::optional<int64_t>(kT0 - 10 * 3600000));
    EXPECT_EQ(ParseIso8601("2024-05-01T10:00:00Z"), std::optional<int64_t>(kT0));
    EXPECT_EQ(ParseIso8601("2024-05-01T12:00:00+02:00"), std::optional<int64_t>(kT0));
    EXPECT_EQ(ParseIso8601("2024-05-01T05:30-0430"), std::optional<int64_t>(kT0));
    EXPECT_EQ(ParseIso8601("2024-05-01T10:00:00.5Z"), std::optional<int64_t>(kT0 + 500));
    EXPECT_EQ(ParseIso8601("2024-05-01T10:00"), std::optional<int64_t>(kT0));
    for (const char* bad : {"", "yesterday", "2024-13-01", "2023-02-29", "2024-05-01T25:00Z", "2024-05-01T10:00:00Q",
                            "2024-5-1", "2024-05-01T10", "1714557600"}) {
        EXPECT_FALSE(ParseIso8601(bad)) << bad;
    }
}

TEST(ProgressExportFormat, FormattedTimesParseBackToTheSameInstant) {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int64_t> when(-2000000000000LL, 4000000000000LL);
    for (int i = 0; i < 1000; ++i) {
        int64_t t = when(rng);
        EXPECT_EQ(ParseIso8601(FormatIsoUtc(t)), std::optional<int64_t>(t)) << FormatIsoUtc(t);
    }
}

TEST(ProgressExportFormat, DurationsAreIso8601) {
    EXPECT_EQ(FormatIsoDuration(0), "PT0S");
    EXPECT_EQ(FormatIsoDuration(61500), "PT1M1.5S");
    EXPECT_EQ(FormatIsoDuration(3723000), "PT1H2M3S");
    EXPECT_EQ(FormatIsoDuration(7200000), "PT2H");
    EXPECT_EQ(FormatIsoDuration(1234), "PT1.23S");
}

TEST(ProgressExportFormat, UuidV5MatchesTheRfcAlgorithm) {
    // Known answer: uuid5(NAMESPACE_DNS, "python.org") from Python's uuid module.
    EXPECT_EQ(UuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    // RFC 9562, appendix A.4: the DNS namespace and "www.example.com".
    EXPECT_EQ(UuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
    EXPECT_EQ(UuidV5("not-a-uuid", "x"), "");
    EXPECT_NE(UuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "a"), UuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "b"));
}

TEST(ProgressExportFormat, ActivityIrisPercentEncodeIds) {
    EXPECT_EQ(ActivityIri("urn:lectern:course:", "course-a", "p1"), "urn:lectern:course:course-a/p1");
    EXPECT_EQ(ActivityIri("https://x.example/a/", "c d", "é/1"), "https://x.example/a/c%20d/%C3%A9%2F1");
    EXPECT_EQ(ActivityIri("urn:lectern:course:", "course-a"), "urn:lectern:course:course-a");
}

// ---- documents ----------------------------------------------------------------------------------

TEST_F(ExportFixture, CsvHasOneRowPerLearnerAndItem) {
    ExportResult r = ExportCsv(*store, {});
    ASSERT_TRUE(r.ok()) << Describe(r.error());
    auto rows = ParseCsv(r->text);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], (std::vector<std::string>{"learner", "course_id", "item_id", "title", "item_type", "status", "score",
                                                 "points", "max_points", "attempts", "time_seconds", "last_updated"}));
    auto by = CsvByItem(r->text);
    const std::string a = "Ana, \"the\" tester";
    const std::string b = "'=Ben";
    ASSERT_EQ(by.size(), 6u) << r->text;  // Ana: p1, k1, f1 (a quiz question), final; Ben: 2
    EXPECT_EQ(r->records, 6);

    auto page = by.at(a + "|p1");
    EXPECT_EQ(page[1], "course-a");
    EXPECT_EQ(page[4], "page");
    EXPECT_EQ(page[5], "viewed");
    EXPECT_EQ(page[9], "2");  // two views
    EXPECT_EQ(page[10], "42.5");
    EXPECT_EQ(page[11], "2024-05-01T10:00:02.500Z");

    auto check = by.at(a + "|k1");
    EXPECT_EQ(check[4], "question");
    EXPECT_EQ(check[5], "correct") << "the latest answer decides";
    EXPECT_EQ(check[6], "100");     // best
    EXPECT_EQ(check[7], "1");       // points of the last check, of 1
    EXPECT_EQ(check[8], "1");
    EXPECT_EQ(check[9], "2");       // two Checks

    auto quiz_question = by.at(a + "|f1");
    EXPECT_EQ(quiz_question[4], "question");
    EXPECT_EQ(quiz_question[9], "1");

    auto quiz = by.at(a + "|final");
    EXPECT_EQ(quiz[4], "quiz");
    EXPECT_EQ(quiz[5], "passed");
    EXPECT_EQ(quiz[6], "75");
    EXPECT_EQ(quiz[7], "3");  // the submitted attempt's points, of 4
    EXPECT_EQ(quiz[8], "4");
    EXPECT_EQ(quiz[9], "2");  // two attempts, the second still open

    auto scenario = by.at(b + "|checkpoint");
    EXPECT_EQ(scenario[4], "scenario");
    EXPECT_EQ(scenario[5], "completed");
    auto failed = by.at(b + "|quiz-1");
    EXPECT_EQ(failed[5], "failed");
    EXPECT_EQ(failed[6], "25");
    EXPECT_EQ(failed[7], "1");
    EXPECT_EQ(failed[8], "4");
}

// A quiz's row gives the points of the attempt its score comes from: the best (of equals, the
// latest), as scored at submission; none while no attempt is submitted. Every order of a table of
// results, with maxima that differ between attempts (pools of different points).
TEST(ProgressExportCsv, AQuizRowHasThePointsOfItsBestAttempt) {
    struct Case {
        std::vector<std::pair<double, double>> submitted;  // raw, max, in submission order
        bool open_after = false;                           // another attempt started, not submitted
    };
    const std::vector<Case> cases = {
        {{}, true},
        {{{0, 5}}},
        {{{1, 4}, {3, 4}, {2, 4}}},
        {{{2, 4}, {2, 4}}, true},
        {{{2, 2}, {3, 4}}},
        {{{3, 4}, {2, 2}}},
        {{{1, 2}, {2, 4}}},  // the same percent from different points: the latest
        {{{1.5, 3}, {4, 8}, {0.5, 1}}},
        {{{7, 10}, {0, 10}, {10, 10}, {9, 10}}},
    };
    for (const Case& c : cases) {
        std::vector<std::pair<double, double>> order = c.submitted;
        std::sort(order.begin(), order.end());
        do {
            std::string shown;
            for (const auto& [raw, max] : order) shown += std::to_string(raw) + "/" + std::to_string(max) + " ";
            SCOPED_TRACE(shown + (c.open_after ? "+ open" : ""));
            TempDir dir;
            OpenResult opened = ProgressStore::Open(ProgressDbPath(dir.path()));
            ASSERT_EQ(opened.status, OpenStatus::Ok) << opened.message;
            ProgressStore& store = *opened.store;
            LearnerId ana = *store.CreateLearner("Ana", kT0);
            int n = 0;
            std::optional<std::pair<double, double>> best;
            for (const auto& [raw, max] : order) {
                ++n;
                ASSERT_TRUE(store.StartAttempt({ana, "course-a", "quiz", n, n, "{}"}, kT0 + n * 1000));
                ASSERT_TRUE(store.SubmitAttempt({ana, "course-a", "quiz", n}, {raw, max, raw / max >= 0.8}, "{}",
                                                kT0 + n * 1000 + 500));
                if (!best || raw / max >= best->first / best->second) best = {{raw, max}};
            }
            if (c.open_after) {
                ASSERT_TRUE(store.StartAttempt({ana, "course-a", "quiz", n + 1, 99, "{}"}, kT0 + 100000));
            }
            ExportResult r = ExportCsv(store, {});
            ASSERT_TRUE(r.ok()) << Describe(r.error());
            auto rows = ParseCsv(r->text);
            ASSERT_EQ(rows.size(), 2u) << r->text;
            const auto& row = rows[1];
            EXPECT_EQ(row[4], "quiz");
            if (!best) {
                EXPECT_EQ(row[6], "");
                EXPECT_EQ(row[7], "");
                EXPECT_EQ(row[8], "");
                continue;
            }
            ASSERT_FALSE(row[7].empty());
            ASSERT_FALSE(row[8].empty());
            EXPECT_DOUBLE_EQ(std::stod(row[7]), best->first);
            EXPECT_DOUBLE_EQ(std::stod(row[8]), best->second);
            // points / max_points is the score column, to its one decimal.
            EXPECT_NEAR(std::stod(row[6]), std::stod(row[7]) / std::stod(row[8]) * 100.0, 0.05);
        } while (std::next_permutation(order.begin(), order.end()));
    }
}

TEST_F(ExportFixture, CsvFiltersByLearnerAndSince) {
    ExportOptions only_ben;
    only_ben.learner_name = "=BEN";
    auto by = CsvByItem(ExportCsv(*store, only_ben)->text);
    EXPECT_EQ(by.size(), 2u);
    ExportOptions recent;
    recent.since_ms = kT0 + 3000000;  // only the quiz was touched since
    by = CsvByItem(ExportCsv(*store, recent)->text);
    ASSERT_EQ(by.size(), 1u);
    EXPECT_EQ(by.begin()->second[2], "final");
    ExportOptions nobody;
    nobody.learner_name = "Nobody";
    const ExportResult none = ExportCsv(*store, nobody);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ExportErrorCode::NoSuchLearner);
    EXPECT_EQ(none.error().learner, "Nobody");
}

TEST_F(ExportFixture, XapiStatementsAreValidAndOnePerEvent) {
    ExportResult r = ExportXapi(*store, {});
    ASSERT_TRUE(r.ok()) << Describe(r.error());
    json doc = json::parse(r->text);
    ASSERT_TRUE(doc.is_array());
    const std::string home = "urn:lectern:store:" + store->store_id();
    std::map<std::string, int> verbs;
    std::set<std::string> ids;
    for (const json& st : doc) {
        ExpectValidStatement(st, home, "urn:lectern:course:");
        verbs[st["verb"]["id"].get<std::string>().substr(31)]++;
        ids.insert(st["id"].get<std::string>());
    }
    // 2 page views; 2 checks + 1 quiz answer + 1 scenario choice; 3 attempts started;
    // 1 passed, 1 failed; 1 scenario ending.
    EXPECT_EQ(verbs, (std::map<std::string, int>{{"experienced", 2}, {"answered", 4}, {"attempted", 3},
                                                 {"passed", 1},      {"failed", 1},   {"completed", 1}}));
    EXPECT_EQ(ids.size(), doc.size()) << "statement ids are unique";
    EXPECT_EQ(r->records, static_cast<int>(doc.size()));
}

TEST_F(ExportFixture, XapiCarriesScoresDurationsAndContext) {
    json doc = json::parse(ExportXapi(*store, {})->text);
    const json* passed = nullptr;
    const json* quiz_answer = nullptr;
    for (const json& st : doc) {
        if (st["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed") passed = &st;
        if (st["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered" &&
            st["object"]["id"] == "urn:lectern:course:course-a/f1")
            quiz_answer = &st;
    }
    ASSERT_TRUE(passed);
    EXPECT_EQ((*passed)["object"]["id"], "urn:lectern:course:course-a/final");
    EXPECT_EQ((*passed)["result"]["success"], true);
    EXPECT_EQ((*passed)["result"]["completion"], true);
    EXPECT_DOUBLE_EQ((*passed)["result"]["score"]["scaled"].get<double>(), 0.75);
    EXPECT_EQ((*passed)["result"]["score"]["raw"], 3);
    EXPECT_EQ((*passed)["result"]["duration"], "PT1H2M3S");
    EXPECT_EQ((*passed)["timestamp"], "2024-05-01T11:02:13.000Z");
    EXPECT_EQ((*passed)["actor"]["name"], "Ana, \"the\" tester");
    ASSERT_TRUE(quiz_answer);
    EXPECT_EQ((*quiz_answer)["context"]["contextActivities"]["parent"][0]["id"], "urn:lectern:course:course-a/final");
    EXPECT_EQ((*quiz_answer)["result"]["response"], "\"c\"");
}

TEST_F(ExportFixture, ReExportingGivesTheSameStatementIds) {
    std::string first = ExportXapi(*store, {})->text;
    store.reset();
    OpenOptions ro;
    ro.read_only = true;
    OpenResult again = ProgressStore::Open(ProgressDbPath(data_dir), ro);
    ASSERT_EQ(again.status, OpenStatus::Ok) << again.message;
    EXPECT_EQ(ExportXapi(*again.store, {})->text, first);
}

TEST_F(ExportFixture, XapiHomePageActivityBaseAndSinceAreHonoured) {
    ExportOptions o;
    o.home_page = "https://school.example/";
    o.activity_base = "https://school.example/xapi/";
    o.since_ms = kT0 + 5500;
    json doc = json::parse(ExportXapi(*store, o)->text);
    ASSERT_FALSE(doc.empty());
    for (const json& st : doc) {
        ExpectValidStatement(st, "https://school.example/", "https://school.example/xapi/");
        EXPECT_GE(st["timestamp"].get<std::string>(), "2024-05-01T10:00:05.500Z");
    }
}

// ---- the command --------------------------------------------------------------------------------

TEST_F(ExportFixture, CommandWritesCsvAndXapi) {
    ASSERT_EQ(::access(kTool.c_str(), X_OK), 0) << kTool << " is missing: build the lectern-progress target";
    store.reset();  // the tool would also work with it open; closing just makes the test simpler
    ToolRun csv = RunTool({"export", "--format", "csv", "--data-dir", data_dir}, dir);
    EXPECT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(CsvByItem(csv.out).size(), 6u);

    std::string out_file = dir.Sub("statements.json");
    ToolRun xapi = RunTool({"export", "--format=xapi", "--data-dir", data_dir, "--learner", "=ben", "--since",
                        "2024-05-01T10:00:00Z", "--home-page", "urn:test:home", "--output", out_file},
                       dir);
    EXPECT_EQ(xapi.exit_code, 0) << xapi.err;
    EXPECT_TRUE(xapi.out.empty());
    json doc = json::parse(ReadFile(out_file));
    ASSERT_EQ(doc.size(), 4u);  // Ben: a choice, an ending, an attempt started and failed
    for (const json& st : doc) {
        ExpectValidStatement(st, "urn:test:home", "urn:lectern:course:");
        EXPECT_EQ(st["actor"]["name"], "=Ben");
    }
}

// --output is typed by an administrator, often into a shared folder: every hazard at that name is
// refused with a message naming it, and what was there is left exactly as it was.
TEST_F(ExportFixture, OutputRefusesEveryHazardAndKeepsAnExistingFilesMode) {
    store.reset();
    const std::string db = ProgressDbPath(data_dir);
    const std::string db_bytes = ReadFile(db);
    const std::string victim = dir.Sub("victim.txt");
    WriteFile(victim, "precious");
    ASSERT_EQ(::symlink(victim.c_str(), dir.Sub("link.csv").c_str()), 0);
    ASSERT_EQ(::mkfifo(dir.Sub("fifo.csv").c_str(), 0600), 0);
    ASSERT_EQ(::link(db.c_str(), dir.Sub("hardlink.csv").c_str()), 0);
    struct Hazard {
        std::string output;
        const char* says;
    };
    const Hazard hazards[] = {{dir.Sub("link.csv"), "symbolic link"}, {dir.Sub("fifo.csv"), "FIFO"},
                              {"/dev/null", "device"},              {db, "must not be overwritten"},
                              {dir.Sub("hardlink.csv"), "must not be overwritten"}, {data_dir, "folder"}};
    for (const Hazard& h : hazards) {
        ToolRun r = RunTool({"export", "--format", "csv", "--data-dir", data_dir, "--output", h.output}, dir);
        EXPECT_EQ(r.exit_code, 1) << h.output << ": " << r.err;
        EXPECT_NE(r.err.find(h.says), std::string::npos) << h.output << ": " << r.err;
        EXPECT_NE(r.err.find(h.output), std::string::npos) << "the message must name the path: " << r.err;
    }
    EXPECT_EQ(ReadFile(victim), "precious");
    EXPECT_EQ(ReadFile(db), db_bytes);
    // An existing private export stays private when it is written again.
    const std::string mine = dir.Sub("mine.csv");
    WriteFile(mine, "old");
    ASSERT_EQ(::chmod(mine.c_str(), 0600), 0);
    ToolRun again = RunTool({"export", "--format", "csv", "--data-dir", data_dir, "--output", mine}, dir);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    struct stat st {};
    ASSERT_EQ(::stat(mine.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(CsvByItem(ReadFile(mine)).size(), 6u);
}

TEST(ProgressExportCommand, HelpGoesToStdoutAndExitsZero) {
    ASSERT_EQ(::access(kTool.c_str(), X_OK), 0) << kTool << " is missing";
    TempDir dir;
    ToolRun r = RunTool({"--help"}, dir);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Usage: lectern-progress export"), std::string::npos);
    EXPECT_TRUE(r.err.empty());
}

TEST(ProgressExportCommand, BadArgumentsPrintUsageOnStderrAndExitTwo) {
    ASSERT_EQ(::access(kTool.c_str(), X_OK), 0) << kTool << " is missing";
    TempDir dir;
    const std::vector<std::vector<std::string>> bad = {
        {},
        {"import"},
        {"export"},
        {"export", "--format", "pdf"},
        {"export", "--format", "csv", "--since", "last tuesday"},
        {"export", "--format", "csv", "--colour"},
        {"export", "--format"},
    };
    for (const auto& args : bad) {
        ToolRun r = RunTool(args, dir);
        std::string shown;
        for (const auto& a : args) shown += a + " ";
        EXPECT_EQ(r.exit_code, 2) << shown;
        EXPECT_NE(r.err.find("Usage:"), std::string::npos) << shown;
        EXPECT_TRUE(r.out.empty()) << shown;
    }
}

TEST(ProgressExportCommand, MissingOrDamagedDatabaseFailsWithExitOne) {
    ASSERT_EQ(::access(kTool.c_str(), X_OK), 0) << kTool << " is missing";
    TempDir dir;
    ToolRun missing = RunTool({"export", "--format", "csv", "--data-dir", dir.Sub("none")}, dir);
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
    EXPECT_FALSE(fs::exists(dir.Sub("none"))) << "export never creates anything";

    fs::create_directory(dir.Sub("bad"));
    WriteFile(ProgressDbPath(dir.Sub("bad")), std::string(4096, 'x'));
    ToolRun bad = RunTool({"export", "--format", "xapi", "--data-dir", dir.Sub("bad")}, dir);
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("corrupt"), std::string::npos) << bad.err;
}

// Whatever stands where the database (or its log) should be, if it is not a regular file, the
// tool refuses at once with exit 1 and a message naming the path and what is there: a FIFO once
// made it wait forever for a writer.
TEST(ProgressExportCommand, ANonRegularFileWhereTheStoreShouldBeIsRefusedWithExitOne) {
    ASSERT_EQ(::access(kTool.c_str(), X_OK), 0) << kTool << " is missing";
    TempDir dir;
    struct Kind {
        const char* name;
        std::function<bool(const std::string&)> make;
        const char* says;
    };
    const std::vector<Kind> kinds = {
        {"fifo", [](const std::string& p) { return ::mkfifo(p.c_str(), 0600) == 0; }, "FIFO"},
        {"folder", [](const std::string& p) { return ::mkdir(p.c_str(), 0700) == 0; }, "folder"},
        {"device", [](const std::string& p) { return ::symlink("/dev/zero", p.c_str()) == 0; }, "device"},
    };
    for (const Kind& k : kinds) {
        for (const char* suffix : {"", "-wal"}) {
            SCOPED_TRACE(std::string(k.name) + " at progress.sqlite3" + suffix);
            const std::string data_dir = dir.Sub(std::string(k.name) + suffix);
            fs::create_directories(data_dir);
            const std::string path = ProgressDbPath(data_dir);
            if (*suffix) {
                ASSERT_EQ(ProgressStore::Open(path).status, OpenStatus::Ok);
            }
            ASSERT_TRUE(k.make(path + suffix));
            for (const char* format : {"csv", "xapi"}) {
                ToolRun r = RunTool({"export", "--format", format, "--data-dir", data_dir}, dir);
                EXPECT_EQ(r.exit_code, 1) << r.err;
                EXPECT_NE(r.err.find(k.says), std::string::npos) << r.err;
                EXPECT_NE(r.err.find(path + suffix), std::string::npos) << "the message must name the path: " << r.err;
                EXPECT_TRUE(r.out.empty()) << "nothing exported";
            }
        }
    }
}

// An export taken while a learner's answers are being written is a whole, valid document of
// what was committed when it started, and never harms the store. The writer writes a bounded
// number of answers at a learner's pace: an export's work grows with the store, so a writer that
// outruns it (once 100,000 answers as fast as SQLite takes them) makes each export longer than the
// last: under ASan ten exports took 241 s, the last one reading 31,000 statements.
TEST(ProgressExportCommand, ExportWhileAnotherProcessWritesSeesACleanSnapshot) {
    ASSERT_EQ(::access(kTool.c_str(), X_OK), 0) << kTool << " is missing";
    ASSERT_EQ(::access(kWriter.c_str(), X_OK), 0) << kWriter << " is missing";
    TempDir dir;
    std::string data_dir = dir.Sub("data");
    const std::string acks = dir.Sub("acks.txt");
    { ASSERT_EQ(ProgressStore::Open(ProgressDbPath(data_dir)).status, OpenStatus::Ok); }
    constexpr int kAnswers = 1000;
    pid_t writer = ::fork();
    if (writer == 0) {
        int out = ::open(acks.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(out, STDOUT_FILENO);
        ::execl(kWriter.c_str(), kWriter.c_str(), "--data-dir", data_dir.c_str(), "--count", std::to_string(kAnswers).c_str(),
                "--pause-us", "1000", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // Answers the writer has acknowledged so far (its last "ACK n" line; n counts from 1).
    auto acked = [&] {
        const std::string text = ReadFile(acks);
        const size_t at = text.rfind("ACK ");
        return at == std::string::npos ? 0L : std::atol(text.c_str() + at + 4);
    };
    auto writer_done = [&](int* status) { return ::waitpid(writer, status, WNOHANG) == writer; };
    int status = 0;
    bool done = false;
    while (acked() < 50 && !(done = writer_done(&status))) ::usleep(10000);
    ASSERT_FALSE(done) << "the writer stopped before its 50th answer: " << ReadFile(acks);
    size_t last = 0;
    int exports = 0, during_writes = 0;
    // Until the writer is done (at least three exports); the cap only stops a writer that hangs.
    for (; exports < 3 || (!done && exports < 200); ++exports) {
        const long before = acked();
        ToolRun r = RunTool({"export", "--format", "xapi", "--data-dir", data_dir}, dir);
        const long after = acked();
        ASSERT_EQ(r.exit_code, 0) << r.err;
        json doc = json::parse(r.out);  // throws (fails the test) on a torn document
        EXPECT_GE(doc.size(), last) << "statements only ever accumulate";
        // Everything acknowledged before it started, nothing that was not committed when it ended
        // (the answer after the last ACK may be committed, its ACK not yet printed).
        EXPECT_GE(doc.size(), static_cast<size_t>(before)) << "an acknowledged answer is missing";
        EXPECT_LE(doc.size(), static_cast<size_t>(after) + 1) << "more statements than answers written";
        last = doc.size();
        during_writes += after > before;
        if (!done) done = writer_done(&status);
    }
    if (!done) {
        ::kill(writer, SIGKILL);
        ::waitpid(writer, &status, 0);
        FAIL() << "the writer did not finish " << kAnswers << " answers during " << exports << " exports";
    }
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer status " << status;
    EXPECT_GT(during_writes, 0) << "no export ran while answers were being written";
    EXPECT_GT(last, 0u);
    OpenResult after = ProgressStore::Open(ProgressDbPath(data_dir));
    ASSERT_EQ(after.status, OpenStatus::Ok) << after.message;
    EXPECT_EQ(after.store->CheckIntegrity(), "ok");
    EXPECT_EQ(after.store->Answers(EventFilter()).size(), static_cast<size_t>(kAnswers)) << "every acknowledged answer is kept";
    std::printf("  %d exports, %d of them while answers were being written; the last had %zu statements\n", exports,
                during_writes, last);
}

// A draw seed above 2^53 must reach an LRS exactly: a JSON number would be rounded by JavaScript.
TEST(ProgressExportXapi, TheDrawSeedIsAnExactDecimalString) {
    TempDir dir;
    OpenResult opened = ProgressStore::Open(ProgressDbPath(dir.path()));
    ASSERT_EQ(opened.status, OpenStatus::Ok) << opened.message;
    ProgressStore& store = *opened.store;
    LearnerId ana = *store.CreateLearner("Ana", kT0);
    const uint64_t seeds[] = {0, 1, (1ull << 53) + 1, 0x9E3779B97F4A7C15ull, UINT64_MAX};
    int n = 1;
    for (uint64_t seed : seeds) {
        ASSERT_TRUE(store.StartAttempt({ana, "course-a", "quiz", n, static_cast<int64_t>(seed), "{}"}, kT0 + n));
        ++n;
    }
    json doc = json::parse(ExportXapi(store, {})->text);
    std::set<std::string> exported;
    for (const json& st : doc) {
        if (!st.contains("context") || !st["context"].contains("extensions")) continue;
        const json& ext = st["context"]["extensions"];
        if (!ext.contains("urn:lectern:xapi:extension:seed")) continue;
        ASSERT_TRUE(ext["urn:lectern:xapi:extension:seed"].is_string()) << ext.dump();
        exported.insert(ext["urn:lectern:xapi:extension:seed"].get<std::string>());
    }
    std::set<std::string> expected;
    for (uint64_t seed : seeds) expected.insert(std::to_string(seed));
    EXPECT_EQ(exported, expected);
}

// ---- with the course: every question type x every export format --------------------------------

namespace {

struct CourseExport : ::testing::Test {
    TempDir dir;
    std::unique_ptr<ProgressStore> store;
    LoadResult load = LoadCourse(std::string(LECTERN_TEST_DATA) + "/fixture-course");
    LearnerId learner = 0;
    test::WalkCounts walked;
    ExportOptions with_course;

    void SetUp() override {
        ASSERT_TRUE(load.ok()) << load.diagnostics.FormatAll();
        OpenResult r = ProgressStore::Open(ProgressDbPath(dir.Sub("data")));
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        store = std::move(r.store);
        learner = *store->CreateLearner("\xE6\x9D\x8E\xE6\x98\x8E", kT0);  // 李明
        Session session(load.course, store.get(), learner);
        walked = test::WalkEverything(session, kT0);
        ASSERT_EQ(session.UnsavedAnswers(), 0);
        with_course.courses.push_back(load.course.get());
    }
    std::set<QuestionType> CheckTypes() const {
        std::set<QuestionType> types;
        for (int i = 0; i < static_cast<int>(load.course->reading_order.size()); ++i)
            test::ForEachBlock(load.course->PageAt(i).blocks, [&](const Block& b) {
                if (b.kind == BlockKind::Question) types.insert(b.question->type);
            });
        return types;
    }
};

}  // namespace

TEST_F(CourseExport, TheWalkCoversEveryQuestionTypeAsACheck) {
    EXPECT_EQ(CheckTypes().size(), 6u) << "the fixture course should have a knowledge check of every type";
    EXPECT_GT(walked.quiz_questions, 0);
    EXPECT_GT(walked.scenario_endings, 1);
}

// After submission every quiz question has right or wrong and its points, every row its title,
// and attempts count attempts: a question answered four times in one attempt is 1.
TEST_F(CourseExport, CsvGivesRightWrongPointsTitlesAndRealAttemptCounts) {
    ExportResult r = ExportCsv(*store, with_course);
    ASSERT_TRUE(r.ok()) << Describe(r.error());
    auto rows = ParseCsv(r->text);
    ASSERT_GT(rows.size(), 1u);
    int quiz_rows = 0, check_rows = 0;
    for (size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        SCOPED_TRACE(r->text.substr(0, 0) + row[2]);
        ASSERT_EQ(row.size(), 12u);
        EXPECT_FALSE(row[3].empty()) << "no title for " << row[2];
        if (row[4] != "question") continue;
        auto quiz = walked.quiz_answered_right.find(row[2]);
        if (quiz != walked.quiz_answered_right.end()) {
            ++quiz_rows;
            EXPECT_EQ(row[5], quiz->second ? "correct" : "incorrect");
            EXPECT_FALSE(row[7].empty());
            EXPECT_FALSE(row[8].empty());
            if (quiz->second) {
                EXPECT_EQ(row[7], row[8]) << "full points when right";
            } else {
                EXPECT_EQ(row[7], "0");
            }
            EXPECT_EQ(row[9], "1") << "one attempt, however often the answer changed in it";
        } else {
            ++check_rows;
            EXPECT_EQ(row[5], "correct") << "wrong, then right: the last Check decides";
            EXPECT_EQ(row[9], "2") << "two Checks";
            EXPECT_EQ(row[7], row[8]);
        }
    }
    EXPECT_EQ(quiz_rows, static_cast<int>(walked.quiz_answered_right.size()));
    EXPECT_EQ(check_rows, walked.checks);
    // Without the course, ids still come (titles empty) and quiz questions say only "answered".
    auto plain = ParseCsv(ExportCsv(*store, {})->text);
    ASSERT_EQ(plain.size(), rows.size());
    for (size_t i = 1; i < plain.size(); ++i) {
        EXPECT_TRUE(plain[i][3].empty());
        if (walked.quiz_answered_right.count(plain[i][2])) { EXPECT_EQ(plain[i][5], "answered"); }
    }
}

// The quiz rows' points, as the player scored each attempt at submission, are the sum of the points
// the export gives that attempt's questions (graded again from the attempt), with and without
// the course.
TEST_F(CourseExport, AQuizRowsPointsAreTheSumOfItsQuestionsPoints) {
    for (const ExportOptions& options : {with_course, ExportOptions{}}) {
        auto rows = ParseCsv(ExportCsv(*store, options)->text);
        ASSERT_GT(rows.size(), 1u);
        std::map<std::string, std::vector<std::string>> by_item;
        for (size_t i = 1; i < rows.size(); ++i) by_item[rows[i][2]] = rows[i];
        int quizzes = 0;
        for (const auto& quiz : AllQuizzes(*load.course)) {
            SCOPED_TRACE(quiz->id);
            ASSERT_TRUE(by_item.count(quiz->id)) << "no row for the quiz";
            const auto& row = by_item.at(quiz->id);
            ASSERT_FALSE(row[7].empty()) << "no points";
            ASSERT_FALSE(row[8].empty()) << "no max_points";
            EXPECT_NEAR(std::stod(row[6]), std::stod(row[7]) / std::stod(row[8]) * 100.0, 0.05) << "score is points / max";
            ++quizzes;
            if (options.courses.empty()) continue;  // questions are graded only with the course
            double points = 0, max = 0;
            int questions = 0;
            for (const Pool& pool : quiz->pools)
                for (const auto& q : pool.questions) {
                    auto it = by_item.find(q->id);
                    if (it == by_item.end()) continue;  // not drawn
                    points += std::stod(it->second[7]);
                    max += std::stod(it->second[8]);
                    ++questions;
                }
            EXPECT_GT(questions, 0);
            EXPECT_NEAR(std::stod(row[7]), points, 0.005);
            EXPECT_NEAR(std::stod(row[8]), max, 0.005);
        }
        EXPECT_EQ(quizzes, static_cast<int>(AllQuizzes(*load.course).size()));
    }
}

// Every activity (object, parent, grouping) is named in the course's language; scenario steps
// are activities of their scenario; responses are in xAPI's form for their interaction type.
TEST_F(CourseExport, XapiNamesEveryActivityAndGivesResponsesInXapiForm) {
    ExportResult r = ExportXapi(*store, with_course);
    ASSERT_TRUE(r.ok()) << Describe(r.error());
    json doc = json::parse(r->text);
    ASSERT_FALSE(doc.empty());
    std::set<std::string> interaction_types, scenario_steps;
    int answered = 0;
    for (const json& st : doc) {
        ExpectValidStatement(st, "urn:lectern:store:" + store->store_id(), "urn:lectern:course:");
        std::vector<const json*> acts = {&st["object"]};
        const json& ctx = st["context"]["contextActivities"];
        for (const char* k : {"parent", "grouping"})
            if (ctx.contains(k))
                for (const json& a : ctx[k]) acts.push_back(&a);
        for (const json* a : acts) {
            SCOPED_TRACE((*a)["id"].get<std::string>());
            ASSERT_TRUE((*a)["definition"]["name"].contains("en")) << a->dump();
            EXPECT_NE((*a)["definition"]["name"]["en"], (*a)["id"]);
        }
        if (st["verb"]["id"] != "http://adlnet.gov/expapi/verbs/answered") continue;
        ++answered;
        const json& def = st["object"]["definition"];
        std::string type = def["interactionType"];
        interaction_types.insert(type);
        std::string response = st["result"]["response"];
        EXPECT_EQ(response.find('{'), std::string::npos) << "a stored JSON response leaked: " << response;
        if (type == "true-false") { EXPECT_TRUE(response == "true" || response == "false") << response; }
        if (type == "choice") {
            std::set<std::string> offered;
            for (const json& c : def["choices"]) offered.insert(c["id"]);
            std::string rest = response;
            for (size_t p; !rest.empty(); rest = p == std::string::npos ? "" : rest.substr(p + 3)) {
                p = rest.find("[,]");
                EXPECT_TRUE(offered.count(rest.substr(0, p))) << response << " not among the choices";
            }
        }
        std::string id = st["object"]["id"];
        if (id.find("/sc-school/") != std::string::npos) scenario_steps.insert(id);
    }
    EXPECT_EQ(answered, walked.checks * 2 + walked.scenario_choices + walked.quiz_records)
        << "a record per Check, per scenario choice and per settled quiz answer";
    EXPECT_EQ(interaction_types, (std::set<std::string>{"choice", "true-false", "matching", "sequencing", "fill-in"}));
    EXPECT_EQ(scenario_steps, (std::set<std::string>{"urn:lectern:course:fixture-loac/sc-school/n-report",
                                                     "urn:lectern:course:fixture-loac/sc-school/n-verify"}));
}

// Two scenarios with a step of the same id are two activities; no course needed for that.
TEST(ProgressExportXapi, ScenarioStepsAreUniquePerScenario) {
    TempDir dir;
    OpenResult r = ProgressStore::Open(ProgressDbPath(dir.Sub("data")));
    ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
    LearnerId l = *r.store->CreateLearner("Ana", kT0);
    for (const char* scenario : {"checkpoint", "convoy"}) {
        AnswerEvent e;
        e.learner = l;
        e.course_id = "c";
        e.kind = AnswerKind::Scenario;
        e.container_id = scenario;
        e.item_id = "n1";
        e.response = "go";
        ASSERT_TRUE(r.store->RecordAnswer(e, kT0 + 1));
    }
    json doc = json::parse(ExportXapi(*r.store, {})->text);
    ASSERT_EQ(doc.size(), 2u);
    EXPECT_EQ(doc[0]["object"]["id"], "urn:lectern:course:c/checkpoint/n1");
    EXPECT_EQ(doc[1]["object"]["id"], "urn:lectern:course:c/convoy/n1");
    EXPECT_EQ(doc[0]["object"]["definition"]["name"]["und"], "checkpoint/n1");
    EXPECT_EQ(doc[0]["result"]["response"], "go");
}

// ---- streaming: the same bytes as the whole-document export, in little memory ------------------

namespace {

const std::string kStores = std::string(LECTERN_BIN_DIR) + "/export_stores";
const std::string kFixtureCourse = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// A fingerprint of a whole document: its RFC 4122 v5 UUID (SHA-1) in a fixed namespace.
std::string Fingerprint(const std::string& text) { return UuidV5("3d9a0b1e-6c1f-5a42-9b7e-0f4d2c6a8e13", text); }

// What the export made before it streamed (ece1191 built every document whole in memory), for
// each store of tests/helpers/export_stores.cpp x format x with or without the course.
struct Golden {
    const char* store;
    const char* format;
    bool with_course;
    size_t bytes;
    const char* fingerprint;
};
const Golden kGolden[] = {
#include "export_golden.inc"
};

// Runs lectern-progress in a child whose files may grow to `max_file_bytes` at most (a disk that
// fills up midway), SIGXFSZ ignored (write then fails with EFBIG) or left to kill it.
ToolRun RunToolWithFileLimit(const std::vector<std::string>& args, const TempDir& scratch, rlim_t max_file_bytes,
                             bool ignore_sigxfsz) {
    return RunTool(args, scratch, [&] {
        struct rlimit limit = {max_file_bytes, max_file_bytes};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        ::signal(SIGXFSZ, ignore_sigxfsz ? SIG_IGN : SIG_DFL);
    });
}

std::vector<std::string> FilesIn(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

struct StreamedExport : ::testing::Test {
    TempDir dir;
    std::string stores = dir.Sub("stores");
    void SetUp() override {
        ASSERT_EQ(::access(kStores.c_str(), X_OK), 0) << kStores << " is missing";
        const std::string command = kStores + " '" + kFixtureCourse + "' '" + stores + "'";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
};

}  // namespace

// Every store of the table, as a file, on standard output and in memory: the very bytes the
// whole-document export gave (empty stores, one statement, many, names in Arabic and Chinese,
// quotes, control characters and invalid UTF-8 in typed answers).
TEST_F(StreamedExport, GivesTheSameBytesAsTheWholeDocumentExportDid) {
    LoadResult course = LoadCourse(kFixtureCourse);
    ASSERT_TRUE(course.ok()) << course.diagnostics.FormatAll();
    std::set<std::string> stores_seen;
    for (const Golden& g : kGolden) {
        SCOPED_TRACE(std::string(g.store) + " " + g.format + (g.with_course ? " with the course" : ""));
        stores_seen.insert(g.store);
        const std::string data_dir = stores + "/" + g.store, file = dir.Sub("out");
        std::vector<std::string> args = {"export", "--format", g.format, "--data-dir", data_dir};
        if (g.with_course) args.insert(args.end(), {"--course", kFixtureCourse});
        ToolRun to_stdout = RunTool(args, dir);
        args.insert(args.end(), {"--output", file});
        ToolRun to_file = RunTool(args, dir);
        ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
        ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
        const std::string text = ReadFile(file);
        EXPECT_EQ(text.size(), g.bytes);
        EXPECT_EQ(Fingerprint(text), g.fingerprint) << "the first bytes:\n" << text.substr(0, 600);
        EXPECT_TRUE(to_stdout.out == text) << "standard output differs from the file";

        OpenOptions read_only;
        read_only.read_only = true;
        OpenResult opened = ProgressStore::Open(ProgressDbPath(data_dir), read_only);
        ASSERT_TRUE(opened.store) << opened.message;
        ExportOptions options;
        if (g.with_course) options.courses.push_back(course.course.get());
        ExportResult in_memory = std::string(g.format) == "csv" ? ExportCsv(*opened.store, options) : ExportXapi(*opened.store, options);
        ASSERT_TRUE(in_memory.ok()) << Describe(in_memory.error());
        EXPECT_TRUE(in_memory->text == text) << "the in-memory export differs from the file";
        if (std::string(g.format) == "xapi") {
            // And the document is the array the statements make, dumped whole.
            json doc = json::parse(text);
            EXPECT_EQ(doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n", text);
            EXPECT_EQ(in_memory->records, static_cast<int>(doc.size()));
        }
    }
    EXPECT_EQ(stores_seen, (std::set<std::string>{"empty", "one", "names", "typed", "course"}));
}

// A sink that refuses a piece midway (a pipe closed, a disk full) stops the export with its error.
TEST_F(StreamedExport, AWriteRefusedMidwayStopsTheExportWithTheSinksError) {
    OpenOptions read_only;
    read_only.read_only = true;
    OpenResult opened = ProgressStore::Open(ProgressDbPath(stores + "/course"), read_only);
    ASSERT_TRUE(opened.store) << opened.message;
    struct Refusing : ExportSink {
        size_t left = 0;
        int writes = 0;
        bool Write(std::string_view text) override {
            ++writes;
            if (text.size() > left) return false;
            left -= text.size();
            return true;
        }
        std::string Error() const override { return "no space left on the stick"; }
    };
    for (ExportFormat format : {ExportFormat::Csv, ExportFormat::Xapi}) {
        const ExportResult whole = format == ExportFormat::Csv ? ExportCsv(*opened.store, {}) : ExportXapi(*opened.store, {});
        ASSERT_TRUE(whole.ok());
        for (size_t left : {size_t(0), whole->text.size() / 3, whole->text.size() - 1}) {
            Refusing sink;
            sink.left = left;
            ExportResult r = format == ExportFormat::Csv ? ExportCsv(*opened.store, {}, sink) : ExportXapi(*opened.store, {}, sink);
            EXPECT_FALSE(r.ok()) << "refused after " << left << " bytes";
            EXPECT_EQ(r.error().code, ExportErrorCode::OutputFailed);
            EXPECT_EQ(r.error().reason, "no space left on the stick");
        }
        Refusing sink;
        sink.left = whole->text.size();
        ExportResult r = format == ExportFormat::Csv ? ExportCsv(*opened.store, {}, sink) : ExportXapi(*opened.store, {}, sink);
        EXPECT_TRUE(r.ok()) << Describe(r.error());
        EXPECT_GT(sink.writes, 2) << "the export came in one piece, not as it was made";
    }
}

// A disk that fills up midway (a file size limit): no file under the name (or the old one, whole),
// no temporary file left behind, and a message that names the file and why.
TEST_F(StreamedExport, AFullDiskMidwayLeavesNoPartialFileAndSaysSo) {
    const std::string data_dir = stores + "/course";
    ToolRun whole = RunTool({"export", "--format", "xapi", "--data-dir", data_dir}, dir);
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    const rlim_t limit = 64 * 1024;
    ASSERT_GT(whole.out.size(), 2 * limit) << "the store should not fit in the limit";
    for (const char* format : {"xapi", "csv"}) {
        for (bool existing : {false, true}) {
            SCOPED_TRACE(std::string(format) + (existing ? ", over an existing file" : ", a new file"));
            const std::string out_dir = dir.Sub(std::string("out-") + format + (existing ? "-old" : "-new"));
            fs::create_directories(out_dir);
            const std::string target = out_dir + "/progress.out";
            const std::string old_content = "the export of last week\n";
            if (existing) WriteFile(target, old_content);
            // CSV rows are few here: a limit below its size (the header alone is 117 bytes).
            const rlim_t max = std::string(format) == "csv" ? 200 : limit;
            ToolRun r = RunToolWithFileLimit({"export", "--format", format, "--data-dir", data_dir, "--output", target}, dir,
                                             max, true);
            EXPECT_EQ(r.exit_code, 1) << r.err;
            EXPECT_NE(r.err.find(strerror(EFBIG)), std::string::npos) << r.err;
            EXPECT_NE(r.err.find("nothing was written to " + target), std::string::npos) << r.err;
            if (existing) {
                EXPECT_EQ(ReadFile(target), old_content) << "the old export was harmed";
                EXPECT_EQ(FilesIn(out_dir), std::vector<std::string>{"progress.out"});
            } else {
                EXPECT_TRUE(FilesIn(out_dir).empty()) << "left behind: " << FilesIn(out_dir).front();
            }
        }
    }
    // Killed by the limit (SIGXFSZ, as a kill -9 midway): still nothing under the name.
    const std::string out_dir = dir.Sub("out-killed");
    fs::create_directories(out_dir);
    ToolRun killed = RunToolWithFileLimit({"export", "--format", "xapi", "--data-dir", data_dir, "--output", out_dir + "/x.json"},
                                          dir, limit, false);
    EXPECT_EQ(killed.exit_code, 128 + SIGXFSZ) << killed.err;
    for (const std::string& name : FilesIn(out_dir)) EXPECT_EQ(name.rfind(".x.json.tmp-", 0), 0u) << name;
    EXPECT_FALSE(fs::exists(out_dir + "/x.json"));
}
