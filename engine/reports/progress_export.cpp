#include "reports/progress_export.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "course/model.h"
#include "learning/attempt.h"
#include "learning/grading.h"

namespace lectern {

using nlohmann::json;

// ---- SHA-1 (for UUID v5 only: RFC 4122 fixes the hash, not a security choice) ------------------

namespace {

std::array<uint8_t, 20> Sha1(const std::string& data) {
    uint32_t h[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    std::string msg = data;
    uint64_t bit_len = static_cast<uint64_t>(data.size()) * 8;
    msg += static_cast<char>(0x80);
    while (msg.size() % 64 != 56) msg += '\0';
    for (int i = 7; i >= 0; --i) msg += static_cast<char>((bit_len >> (i * 8)) & 0xff);
    auto rol = [](uint32_t v, int n) { return (v << n) | (v >> (32 - n)); };
    for (size_t chunk = 0; chunk < msg.size(); chunk += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; ++i) {
            w[i] = 0;
            for (int k = 0; k < 4; ++k) w[i] = (w[i] << 8) | static_cast<uint8_t>(msg[chunk + i * 4 + k]);
        }
        for (int i = 16; i < 80; ++i) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            uint32_t f, k;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5a827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ed9eba1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8f1bbcdc;
            } else {
                f = b ^ c ^ d;
                k = 0xca62c1d6;
            }
            uint32_t t = rol(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rol(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    std::array<uint8_t, 20> out{};
    for (int i = 0; i < 5; ++i) {
        for (int k = 0; k < 4; ++k) out[i * 4 + k] = static_cast<uint8_t>(h[i] >> (24 - k * 8));
    }
    return out;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil):
// avoids timegm and the process's TZ entirely.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string UuidV5(const std::string& namespace_uuid, const std::string& name) {
    std::string ns_bytes;
    int hi = -1;
    for (char c : namespace_uuid) {
        if (c == '-') continue;
        int v = HexValue(c);
        if (v < 0) return "";
        if (hi < 0) {
            hi = v;
        } else {
            ns_bytes += static_cast<char>(hi * 16 + v);
            hi = -1;
        }
    }
    if (ns_bytes.size() != 16 || hi >= 0) return "";
    std::array<uint8_t, 20> hash = Sha1(ns_bytes + name);
    hash[6] = static_cast<uint8_t>((hash[6] & 0x0f) | 0x50);  // version 5
    hash[8] = static_cast<uint8_t>((hash[8] & 0x3f) | 0x80);  // RFC 4122 variant
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHex[hash[i] >> 4];
        out += kHex[hash[i] & 0x0f];
    }
    return out;
}

std::string CsvField(const std::string& text) {
    std::string value = text;
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                           value[0] == '\t' || value[0] == '\r')) {
        value = "'" + value;
    }
    bool quote = value.find_first_of(",\"\r\n") != std::string::npos ||
                 (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!quote) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string FormatIsoUtc(int64_t unix_ms) {
    int64_t days = FloorDiv(unix_ms, 86400000);
    int64_t ms_of_day = unix_ms - days * 86400000;
    int64_t y;
    unsigned m, d;
    CivilFromDays(days, y, m, d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<long long>(y), m, d,
                  static_cast<int>(ms_of_day / 3600000), static_cast<int>(ms_of_day / 60000 % 60),
                  static_cast<int>(ms_of_day / 1000 % 60), static_cast<int>(ms_of_day % 1000));
    return buf;
}

std::optional<int64_t> ParseIso8601(const std::string& text) {
    size_t pos = 0;
    auto digits = [&](int count, int& out) {
        if (pos + count > text.size()) return false;
        out = 0;
        for (int i = 0; i < count; ++i) {
            char c = text[pos + i];
            if (c < '0' || c > '9') return false;
            out = out * 10 + (c - '0');
        }
        pos += count;
        return true;
    };
    auto expect = [&](char c) {
        if (pos < text.size() && text[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    };
    int year, month, day, hour = 0, minute = 0, second = 0, millis = 0;
    if (!digits(4, year) || !expect('-') || !digits(2, month) || !expect('-') || !digits(2, day)) return std::nullopt;
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return std::nullopt;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return std::nullopt;
    int64_t offset_min = 0;
    if (pos < text.size()) {
        if (!expect('T') && !expect('t') && !expect(' ')) return std::nullopt;
        if (!digits(2, hour) || !expect(':') || !digits(2, minute)) return std::nullopt;
        if (expect(':')) {
            if (!digits(2, second)) return std::nullopt;
            if (expect('.') || expect(',')) {
                int scale = 100, n = 0;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                    millis += (text[pos] - '0') * scale;
                    scale /= 10;
                    ++pos;
                    ++n;
                }
                if (n == 0) return std::nullopt;
            }
        }
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;  // 60: a leap second
        if (expect('Z') || expect('z')) {
        } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
            int sign = text[pos] == '-' ? -1 : 1;
            ++pos;
            int oh, om = 0;
            if (!digits(2, oh)) return std::nullopt;
            if (expect(':')) {
                if (!digits(2, om)) return std::nullopt;
            } else if (pos < text.size() && !digits(2, om)) {
                return std::nullopt;
            }
            if (oh > 23 || om > 59) return std::nullopt;
            offset_min = sign * (oh * 60 + om);
        }
        if (pos != text.size()) return std::nullopt;
    }
    int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    int64_t secs = days * 86400 + hour * 3600 + minute * 60 + std::min(second, 59) - offset_min * 60;
    return secs * 1000 + millis;
}

std::string FormatIsoDuration(int64_t ms) {
    if (ms < 0) ms = 0;
    int64_t centis = (ms + 5) / 10;
    int64_t hours = centis / 360000;
    int64_t minutes = centis / 6000 % 60;
    int64_t secs = centis / 100 % 60;
    int64_t frac = centis % 100;
    std::string out = "PT";
    if (hours) out += std::to_string(hours) + "H";
    if (minutes) out += std::to_string(minutes) + "M";
    if (secs || frac || (!hours && !minutes)) {
        out += std::to_string(secs);
        if (frac) {
            char buf[8];
            std::snprintf(buf, sizeof buf, ".%02lld", static_cast<long long>(frac));
            std::string f = buf;
            while (f.back() == '0') f.pop_back();
            out += f;
        }
        out += "S";
    }
    return out;
}

namespace {

// Every byte outside RFC 3986 "unreserved" percent-encoded: ids are authored and may hold anything.
std::string EncodeIriPart(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

}  // namespace

std::string ActivityIri(const std::string& base, const std::string& course_id, const std::string& item_id) {
    std::string iri = base + EncodeIriPart(course_id);
    if (!item_id.empty()) iri += "/" + EncodeIriPart(item_id);
    return iri;
}

std::string ScenarioNodeIri(const std::string& base, const std::string& course_id, const std::string& scenario_id,
                            const std::string& node_id) {
    return ActivityIri(base, course_id, scenario_id) + "/" + EncodeIriPart(node_id);
}

std::string XapiResponse(const std::string& stored) {
    Parsed<Response> parsed = ResponseFromJson(stored);
    if (!parsed.ok()) return stored;
    const Response& r = *parsed.value;
    auto join = [](const std::vector<std::string>& parts, const char* sep) {
        std::string out;
        for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
        return out;
    };
    switch (r.kind) {
        case ResponseKind::Choices: return join(r.selected, "[,]");
        case ResponseKind::TrueFalse: return r.value ? "true" : "false";
        case ResponseKind::Ordering: return join(r.order, "[,]");
        case ResponseKind::Text: return r.text;
        case ResponseKind::Matching: {
            std::vector<std::string> pairs;
            for (const auto& [left, right] : r.matches) pairs.push_back(left + "[.]" + right);
            return join(pairs, "[,]");
        }
        case ResponseKind::Unanswered: return "";
    }
    return stored;
}

// ---- what the courses say about their items -----------------------------------------------------

namespace {

struct Named {
    std::string name;
    std::string description;
};

// Titles and texts of one course's items, by id; scenario steps by scenario id, then node id.
struct CourseIndex {
    const Course* course = nullptr;
    std::map<std::string, Named> items;
    std::map<std::string, const Question*> questions;
    std::map<std::string, const Scenario*> scenarios;
    std::map<std::string, const Quiz*> quizzes;
};

std::string Shortened(const std::string& text, size_t limit = 120) {
    if (text.size() <= limit) return text;
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    return text.substr(0, cut) + "\xE2\x80\xA6";
}

std::string BlocksText(const Blocks& blocks) {
    std::string out;
    for (const Block& b : blocks) {
        std::string t = PlainText(b.text);
        for (const Inline& item : b.items) t += (t.empty() ? "" : " ") + PlainText(item);
        std::string inner = BlocksText(b.children);
        for (const std::string& part : {t, inner})
            if (!part.empty()) out += (out.empty() ? "" : " ") + part;
    }
    return out;
}

void IndexQuestion(CourseIndex& index, const Question& q) {
    std::string prompt = PlainText(q.prompt);
    index.items[q.id] = {Shortened(prompt), prompt};
    index.questions[q.id] = &q;
}

void IndexBlocks(CourseIndex& index, const Blocks& blocks) {
    for (const Block& b : blocks) {
        if (b.kind == BlockKind::Question && b.question) IndexQuestion(index, *b.question);
        if (b.kind == BlockKind::Scenario && b.scenario) {
            index.items[b.scenario->id] = {b.scenario->title, BlocksText(b.scenario->intro)};
            index.scenarios[b.scenario->id] = b.scenario.get();
        }
        IndexBlocks(index, b.children);
    }
}

CourseIndex IndexCourse(const Course& c) {
    CourseIndex index;
    index.course = &c;
    index.items[c.id] = {c.title, PlainText(c.description)};
    for (const Module& m : c.modules)
        for (const Lesson& l : m.lessons)
            for (const Page& p : l.pages) {
                index.items[p.id] = {p.title, ""};
                IndexBlocks(index, p.blocks);
            }
    for (const auto& quiz : AllQuizzes(c)) {
        index.items[quiz->id] = {quiz->title, PlainText(quiz->intro)};
        index.quizzes[quiz->id] = quiz.get();
        for (const Pool& pool : quiz->pools)
            for (const auto& q : pool.questions) IndexQuestion(index, *q);
    }
    return index;
}

struct Courses {
    std::map<std::string, CourseIndex> by_id;
    explicit Courses(const std::vector<const Course*>& courses) {
        for (const Course* c : courses)
            if (c) by_id.emplace(c->id, IndexCourse(*c));
    }
    const CourseIndex* Find(const std::string& course_id) const {
        auto it = by_id.find(course_id);
        return it == by_id.end() ? nullptr : &it->second;
    }
    const Named* Item(const std::string& course_id, const std::string& item_id) const {
        const CourseIndex* c = Find(course_id);
        if (!c) return nullptr;
        auto it = c->items.find(item_id);
        return it == c->items.end() ? nullptr : &it->second;
    }
    std::string Title(const std::string& course_id, const std::string& item_id) const {
        const Named* n = Item(course_id, item_id);
        return n ? n->name : "";
    }
};

}  // namespace

// ---- shared selection ---------------------------------------------------------------------------

namespace {

struct Selection {
    std::map<LearnerId, std::string> names;  // learners included
    std::optional<LearnerId> only;
    bool unknown = false;  // learner_name names no one
};

Selection SelectLearners(const ProgressStore& store, const ExportOptions& options) {
    Selection sel;
    if (options.learner_name) {
        std::optional<Learner> l = store.FindLearner(*options.learner_name);
        if (!l) {
            sel.unknown = true;
            return sel;
        }
        sel.only = l->id;
        sel.names[l->id] = l->display_name;
        return sel;
    }
    for (const Learner& l : store.Learners()) sel.names[l.id] = l.display_name;
    return sel;
}

// The sink refused a piece (a full disk, a closed pipe): the export stops there, saying why.
ExportResult Stopped(const ExportSink& sink) {
    return ExportResult::Fail({ExportErrorCode::OutputFailed, {}, sink.Error(), {}, {}});
}

ExportResult NoSuchLearner(const ExportOptions& options) {
    return ExportResult::Fail({ExportErrorCode::NoSuchLearner, *options.learner_name, {}, {}, {}});
}

// The whole document in memory, for small exports (one learner's) and tests.
class StringSink : public ExportSink {
public:
    bool Write(std::string_view text) override {
        m_text.append(text);
        return true;
    }
    std::string Error() const override { return {}; }
    std::string Take() { return std::move(m_text); }

private:
    std::string m_text;
};

using StreamingExport = ExportResult (*)(const ProgressStore&, const ExportOptions&, ExportSink&);

ExportResult ToText(StreamingExport run, const ProgressStore& store, const ExportOptions& options) {
    StringSink sink;
    ExportResult out = run(store, options, sink);
    if (out) out->text = sink.Take();
    return out;
}

std::string FormatNumber(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

}  // namespace

// ---- CSV ----------------------------------------------------------------------------------------

ExportResult ExportCsv(const ProgressStore& store, const ExportOptions& options, ExportSink& sink) {
    Exported out;
    Selection sel = SelectLearners(store, options);
    if (sel.unknown) return NoSuchLearner(options);
    const Courses courses(options.courses);
    // Aggregated over the whole history so a row's status is right; --since then keeps the rows
    // touched since that moment.
    EventFilter all;
    all.learner = sel.only;

    struct Row {
        std::string status;
        std::optional<double> score;  // best, percent
        std::optional<double> points, max_points;
        int64_t points_ms = INT64_MIN;  // when the points above were earned (the latest wins)
        int attempts = 0;
        std::set<std::pair<std::string, int>> quiz_attempts;  // a quiz question: (quiz, attempt) it was in
        int64_t active_ms = 0;
        int64_t last_ms = INT64_MIN;
        bool has_quiz_pass = false, has_open = false, has_submitted = false;
    };
    // learner, course, type order, item id -> row
    using Key = std::tuple<LearnerId, std::string, int, std::string>;
    std::map<Key, Row> rows;
    auto touch = [](Row& r, int64_t ms) { r.last_ms = std::max(r.last_ms, ms); };
    auto better = [](Row& r, double percent) {
        if (!r.score || percent > *r.score) r.score = percent;
    };
    auto earned = [](Row& r, double points, double max, int64_t ms) {
        if (ms < r.points_ms) return;
        r.points = points;
        r.max_points = max;
        r.points_ms = ms;
    };

    for (const PageView& v : store.PageViews(all)) {
        Row& r = rows[{v.learner, v.course_id, static_cast<int>(ItemType::Page), v.page_id}];
        r.status = "viewed";
        ++r.attempts;
        touch(r, v.viewed_ms);
    }
    for (const AnswerRecord& a : store.Answers(all)) {
        ItemType type = a.kind == AnswerKind::Scenario ? ItemType::Scenario : ItemType::Question;
        const std::string& item = a.kind == AnswerKind::Scenario ? a.container_id : a.item_id;
        Row& r = rows[{a.learner, a.course_id, static_cast<int>(type), item}];
        if (type == ItemType::Scenario) {
            if (r.status.empty()) r.status = "incomplete";
            touch(r, a.answered_ms);
            continue;
        }
        if (a.kind == AnswerKind::Quiz) {
            // Every change of a quiz answer is recorded; the attempt it belongs to is what counts.
            r.quiz_attempts.insert({a.container_id, a.attempt_number});
            r.attempts = static_cast<int>(r.quiz_attempts.size());
        } else {
            ++r.attempts;  // each Check of a knowledge check
        }
        if (a.answered_ms >= r.last_ms) {
            r.status = a.correct ? (*a.correct ? "correct" : "incorrect") : "answered";
        }
        touch(r, a.answered_ms);
        if (a.score && a.max_score && *a.max_score > 0) {
            better(r, *a.score / *a.max_score * 100.0);
            earned(r, *a.score, *a.max_score, a.answered_ms);
        } else if (a.correct) {
            better(r, *a.correct ? 100.0 : 0.0);
        }
    }
    for (const AttemptRecord& at : store.Attempts(all)) {
        Row& r = rows[{at.learner, at.course_id, static_cast<int>(ItemType::Quiz), at.quiz_id}];
        ++r.attempts;
        touch(r, std::max(at.saved_ms, at.ended_ms.value_or(at.saved_ms)));
        if (!at.submitted()) {
            r.has_open = true;
        } else {
            r.has_submitted = true;
            if (at.result->passed) r.has_quiz_pass = true;
            if (at.result->score_max > 0) {
                // The points of the attempt whose percent is the row's score (the best; of equals,
                // the latest), as the player scored it at submission: points / max_points is score.
                const double percent = at.result->score_raw / at.result->score_max * 100.0;
                if (!r.score || percent >= *r.score) {
                    r.points = at.result->score_raw;
                    r.max_points = at.result->score_max;
                }
                better(r, percent);
            }
        }
        r.status = r.has_quiz_pass ? "passed" : r.has_open ? "in progress" : "failed";
        if (!at.submitted()) continue;
        // Right or wrong per question, graded from the submitted attempt as the player grades it.
        const Quiz* quiz = nullptr;
        if (const CourseIndex* course = courses.Find(at.course_id)) {
            auto it = course->quizzes.find(at.quiz_id);
            if (it != course->quizzes.end()) quiz = it->second;
        }
        if (!quiz) continue;
        Parsed<Attempt> attempt = AttemptFromJson(at.state_json, *quiz);
        if (!attempt.ok()) continue;  // the course changed since: the quiz row still has the score
        for (const Grade& g : Score(*quiz, *attempt.value).grades) {
            Row& q = rows[{at.learner, at.course_id, static_cast<int>(ItemType::Question), g.question_id}];
            q.quiz_attempts.insert({at.quiz_id, at.attempt_number});
            q.attempts = static_cast<int>(q.quiz_attempts.size());
            touch(q, *at.ended_ms);
            if (*at.ended_ms >= q.points_ms) {
                q.status = g.status == GradeStatus::Correct   ? "correct"
                           : g.status == GradeStatus::Partial ? "partly correct"
                           : g.status == GradeStatus::Incorrect ? "incorrect"
                                                                : "unanswered";
            }
            earned(q, g.earned, g.max, *at.ended_ms);
            if (g.max > 0) better(q, g.earned / g.max * 100.0);
        }
    }
    for (const ScenarioEndingRecord& e : store.ScenarioEndings(all)) {
        Row& r = rows[{e.learner, e.course_id, static_cast<int>(ItemType::Scenario), e.scenario_id}];
        r.status = "completed";
        ++r.attempts;
        touch(r, e.reached_ms);
    }
    for (const ActiveTime& t : store.ActiveTimes(all)) {
        Row& r = rows[{t.learner, t.course_id, static_cast<int>(t.item_type), t.item_id}];
        r.active_ms += t.active_ms;
        if (r.status.empty()) r.status = "incomplete";
        touch(r, t.updated_ms);
    }

    if (!sink.Write("learner,course_id,item_id,title,item_type,status,score,points,max_points,attempts,time_seconds,last_updated\r\n"))
        return Stopped(sink);
    // Learners in name order (the order Learners() gives), then course, type, item.
    std::vector<std::pair<const Key*, const Row*>> ordered;
    for (const auto& [key, row] : rows) {
        if (!sel.names.count(std::get<0>(key))) continue;
        if (row.last_ms < options.since_ms) continue;
        ordered.push_back({&key, &row});
    }
    std::stable_sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
        const std::string& na = sel.names.at(std::get<0>(*a.first));
        const std::string& nb = sel.names.at(std::get<0>(*b.first));
        if (na != nb) return na < nb;
        return *a.first < *b.first;
    });
    auto number = [](const std::optional<double>& v, int decimals) { return v ? FormatNumber(*v, decimals) : std::string(); };
    for (const auto& [key, row] : ordered) {
        const auto& [learner, course, type, item] = *key;
        const std::string line =
            CsvField(sel.names.at(learner)) + "," + CsvField(course) + "," + CsvField(item) + "," +
            CsvField(courses.Title(course, item)) + "," + ToString(static_cast<ItemType>(type)) + "," +
            CsvField(row->status) + "," + number(row->score, 1) + "," + number(row->points, 2) + "," +
            number(row->max_points, 2) + "," + std::to_string(row->attempts) + "," +
            FormatNumber(static_cast<double>(row->active_ms) / 1000.0, 1) + "," + FormatIsoUtc(row->last_ms) + "\r\n";
        if (!sink.Write(line)) return Stopped(sink);
        ++out.records;
    }
    return out;
}

// ---- xAPI ---------------------------------------------------------------------------------------

namespace {

const char* const kVerbBase = "http://adlnet.gov/expapi/verbs/";
const char* const kExtAttempt = "urn:lectern:xapi:extension:attempt-number";
const char* const kExtOutcome = "urn:lectern:xapi:extension:outcome";
const char* const kExtEnding = "urn:lectern:xapi:extension:ending";
const char* const kExtSeed = "urn:lectern:xapi:extension:seed";
// A fixed namespace for stores that somehow have no id (never expected; keeps ids valid).
const char* const kFallbackNamespace = "6f1d1e2a-9c1b-5d2e-8a6f-4c3b2a190807";

json Verb(const std::string& name) {
    return {{"id", std::string(kVerbBase) + name}, {"display", {{"en-US", name}}}};
}

// name is required of every activity here (an LRS report shows it instead of an IRI); without the
// course the id stands in, tagged "und" (undetermined language, RFC 5646).
json Activity(const std::string& iri, const std::string& type, const std::string& lang = "und",
              const std::string& name = "", const std::string& description = "") {
    json def = {{"type", type}, {"name", {{lang, name}}}};
    if (!description.empty() && description != name) def["description"] = {{lang, description}};
    return {{"objectType", "Activity"}, {"id", iri}, {"definition", std::move(def)}};
}

const char* const kInteraction = "http://adlnet.gov/expapi/activities/cmi.interaction";

const char* InteractionType(QuestionType type) {
    switch (type) {
        case QuestionType::Single:
        case QuestionType::Multiple: return "choice";
        case QuestionType::TrueFalse: return "true-false";
        case QuestionType::Matching: return "matching";
        case QuestionType::Ordering: return "sequencing";
        case QuestionType::Text: return "fill-in";
    }
    return "other";
}

const char* InteractionType(const std::string& stored_response) {
    Parsed<Response> r = ResponseFromJson(stored_response);
    if (!r.ok()) return "other";
    switch (r.value->kind) {
        case ResponseKind::Choices: return "choice";
        case ResponseKind::TrueFalse: return "true-false";
        case ResponseKind::Matching: return "matching";
        case ResponseKind::Ordering: return "sequencing";
        case ResponseKind::Text: return "fill-in";
        case ResponseKind::Unanswered: break;
    }
    return "other";
}

json Score(double raw, double max) {
    json s = {{"raw", raw}, {"min", 0}, {"max", max}};
    if (max > 0) s["scaled"] = std::clamp(raw / max, -1.0, 1.0);
    return s;
}

struct StatementBuilder {
    const ExportOptions& options;
    const Selection& sel;
    const Courses& courses;
    std::string ns;
    std::string home_page;

    json Actor(LearnerId learner) const {
        return {{"objectType", "Agent"},
                {"name", sel.names.at(learner)},
                {"account", {{"homePage", home_page}, {"name", std::to_string(learner)}}}};
    }

    std::string Lang(const std::string& course_id) const {
        const CourseIndex* c = courses.Find(course_id);
        return c && !c->course->lang.empty() ? c->course->lang : "und";
    }

    // A course item (or the course itself, item_id empty) as an activity with its name.
    json Item(const std::string& course_id, const std::string& item_id, const std::string& type) const {
        const std::string& id = item_id.empty() ? course_id : item_id;
        const Named* n = courses.Item(course_id, id);
        if (!n) return Activity(ActivityIri(options.activity_base, course_id, item_id), type, "und", id);
        return Activity(ActivityIri(options.activity_base, course_id, item_id), type, Lang(course_id),
                        n->name.empty() ? id : n->name, n->description);
    }

    // A question as an interaction: its type and, for choices, the choices it offered.
    json QuestionActivity(const std::string& course_id, const std::string& question_id, const std::string& stored) const {
        json act = Item(course_id, question_id, kInteraction);
        const Question* q = nullptr;
        if (const CourseIndex* c = courses.Find(course_id)) {
            auto it = c->questions.find(question_id);
            if (it != c->questions.end()) q = it->second;
        }
        if (!q) {
            act["definition"]["interactionType"] = InteractionType(stored);
            return act;
        }
        act["definition"]["interactionType"] = InteractionType(q->type);
        if (!q->choices.empty()) {
            json choices = json::array();
            for (const Choice& choice : q->choices)
                choices.push_back({{"id", choice.id}, {"description", {{Lang(course_id), PlainText(choice.text)}}}});
            act["definition"]["choices"] = std::move(choices);
        }
        return act;
    }

    // A scenario step: unique per scenario (scenario id in the path), the choices it offered.
    json ScenarioStep(const std::string& course_id, const std::string& scenario_id, const std::string& node_id) const {
        const CourseIndex* c = courses.Find(course_id);
        const Scenario* scenario = nullptr;
        if (c) {
            auto it = c->scenarios.find(scenario_id);
            if (it != c->scenarios.end()) scenario = it->second;
        }
        const ScenarioNode* node = scenario ? scenario->Find(node_id) : nullptr;
        std::string lang = Lang(course_id);
        std::string name = scenario ? scenario->title + ": " + node_id : scenario_id + "/" + node_id;
        json act = Activity(ScenarioNodeIri(options.activity_base, course_id, scenario_id, node_id), kInteraction,
                            node ? lang : "und", name, node ? BlocksText(node->body) : "");
        act["definition"]["interactionType"] = "choice";
        if (node && !node->choices.empty()) {
            json choices = json::array();
            for (const ScenarioChoice& choice : node->choices)
                choices.push_back({{"id", choice.id}, {"description", {{lang, PlainText(choice.text)}}}});
            act["definition"]["choices"] = std::move(choices);
        }
        return act;
    }

    json Statement(const std::string& table, int64_t row_id, const std::string& verb, LearnerId learner,
                   const std::string& course_id, json object, int64_t ms, json result, json parent,
                   json extensions = json::object()) const {
        json st;
        st["id"] = UuidV5(ns, table + "/" + std::to_string(row_id) + "/" + verb);
        st["actor"] = Actor(learner);
        st["verb"] = Verb(verb);
        st["object"] = std::move(object);
        if (!result.is_null() && !result.empty()) st["result"] = std::move(result);
        json context = {{"platform", "Lectern"}};
        json grouping = json::array({Item(course_id, "", "http://adlnet.gov/expapi/activities/course")});
        json activities = {{"grouping", grouping}};
        if (!parent.is_null()) activities["parent"] = json::array({std::move(parent)});
        context["contextActivities"] = std::move(activities);
        if (!extensions.empty()) context["extensions"] = std::move(extensions);
        st["context"] = std::move(context);
        st["timestamp"] = FormatIsoUtc(ms);
        return st;
    }
};

// One statement to come, in the order the document lists them: by timestamp, and events of one
// moment in the order they are read (page views, answers, attempts started then ended, scenario
// endings; each table in its own order). Only this small index is sorted and kept; each
// statement is built when its turn comes and written out at once (a built statement is about
// 9 KB of JSON tree: 32,000 of them once took 290 MB).
struct Pending {
    int64_t ms;
    enum Table : uint8_t { PageView, Answer, AttemptStarted, AttemptEnded, Ending } table;
    uint32_t index;  // into that table's records
};

// The array as nlohmann's dump(2) writes it whole: "[]" when empty, else each element on its own
// lines indented by two spaces, separated by ",\n", so streaming changes not a byte.
class JsonArrayWriter {
public:
    explicit JsonArrayWriter(ExportSink& sink) : m_sink(sink) {}
    bool Add(const json& element) {
        // Responses are opaque text from the app; replace invalid UTF-8 rather than fail the export.
        std::string text = element.dump(2, ' ', false, json::error_handler_t::replace);
        std::string piece = m_count++ == 0 ? "[\n  " : ",\n  ";
        piece.reserve(piece.size() + text.size() + text.size() / 8);
        // Strings are dumped with their control characters escaped: every raw newline is layout.
        for (char c : text) {
            piece += c;
            if (c == '\n') piece += "  ";
        }
        return m_sink.Write(piece);
    }
    bool Finish() { return m_sink.Write(m_count == 0 ? "[]\n" : "\n]\n"); }
    int count() const { return m_count; }

private:
    ExportSink& m_sink;
    int m_count = 0;
};

}  // namespace

ExportResult ExportXapi(const ProgressStore& store, const ExportOptions& options, ExportSink& sink) {
    Exported out;
    Selection sel = SelectLearners(store, options);
    if (sel.unknown) return NoSuchLearner(options);
    std::string store_id = store.store_id();
    const Courses courses(options.courses);
    StatementBuilder b{options, sel, courses, UuidV5(kFallbackNamespace, store_id), ""};
    if (b.ns.empty()) b.ns = kFallbackNamespace;
    // The namespace is derived from the store id (not the id itself) so a malformed id in a
    // hand-edited file still yields valid, stable UUIDs.
    b.home_page = options.home_page.empty() ? "urn:lectern:store:" + store_id : options.home_page;

    EventFilter f;
    f.learner = sel.only;
    f.since_ms = options.since_ms;
    auto known = [&](LearnerId id) { return sel.names.count(id) > 0; };

    const std::vector<PageView> views = store.PageViews(f);
    const std::vector<AnswerRecord> answers = store.Answers(f);
    EventFilter attempts_filter = f;
    attempts_filter.since_ms = INT64_MIN;  // an attempt started earlier may have ended since
    const std::vector<AttemptRecord> attempts = store.Attempts(attempts_filter);
    const std::vector<ScenarioEndingRecord> endings = store.ScenarioEndings(f);

    std::vector<Pending> order;
    for (uint32_t i = 0; i < views.size(); ++i)
        if (known(views[i].learner)) order.push_back({views[i].viewed_ms, Pending::PageView, i});
    for (uint32_t i = 0; i < answers.size(); ++i)
        if (known(answers[i].learner)) order.push_back({answers[i].answered_ms, Pending::Answer, i});
    for (uint32_t i = 0; i < attempts.size(); ++i) {
        const AttemptRecord& at = attempts[i];
        if (!known(at.learner)) continue;
        if (at.started_ms >= options.since_ms) order.push_back({at.started_ms, Pending::AttemptStarted, i});
        if (at.submitted() && *at.ended_ms >= options.since_ms) order.push_back({*at.ended_ms, Pending::AttemptEnded, i});
    }
    for (uint32_t i = 0; i < endings.size(); ++i)
        if (known(endings[i].learner)) order.push_back({endings[i].reached_ms, Pending::Ending, i});
    std::stable_sort(order.begin(), order.end(), [](const Pending& x, const Pending& y) { return x.ms < y.ms; });

    auto statement = [&](const Pending& p) -> json {
        switch (p.table) {
            case Pending::PageView: {
                const PageView& v = views[p.index];
                return b.Statement("page_views", v.id, "experienced", v.learner, v.course_id,
                                   b.Item(v.course_id, v.page_id, "http://activitystrea.ms/schema/1.0/page"), v.viewed_ms,
                                   json(), json());
            }
            case Pending::Answer: {
                const AnswerRecord& a = answers[p.index];
                json result = {{"response", a.kind == AnswerKind::Scenario ? a.response : XapiResponse(a.response)}};
                if (a.correct) result["success"] = *a.correct;
                if (a.score && a.max_score && *a.max_score > 0 && *a.score >= 0 && *a.score <= *a.max_score) {
                    result["score"] = Score(*a.score, *a.max_score);
                }
                const char* parent_type = a.kind == AnswerKind::Check  ? "http://activitystrea.ms/schema/1.0/page"
                                          : a.kind == AnswerKind::Quiz ? "http://adlnet.gov/expapi/activities/assessment"
                                                                       : "http://adlnet.gov/expapi/activities/simulation";
                json ext = json::object();
                if (a.kind == AnswerKind::Quiz) ext[kExtAttempt] = a.attempt_number;
                json object = a.kind == AnswerKind::Scenario ? b.ScenarioStep(a.course_id, a.container_id, a.item_id)
                                                             : b.QuestionActivity(a.course_id, a.item_id, a.response);
                return b.Statement("answers", a.id, "answered", a.learner, a.course_id, std::move(object), a.answered_ms,
                                   std::move(result), b.Item(a.course_id, a.container_id, parent_type), std::move(ext));
            }
            case Pending::AttemptStarted:
            case Pending::AttemptEnded: {
                const AttemptRecord& at = attempts[p.index];
                json quiz = b.Item(at.course_id, at.quiz_id, "http://adlnet.gov/expapi/activities/assessment");
                // The seed as a decimal string of the 64-bit draw seed: as a JSON number, values above
                // 2^53 are rounded by every JavaScript-based LRS, and the draw could not be reproduced.
                json ext = {{kExtAttempt, at.attempt_number}, {kExtSeed, std::to_string(static_cast<uint64_t>(at.seed))}};
                if (p.table == Pending::AttemptStarted) {
                    return b.Statement("attempts", at.id, "attempted", at.learner, at.course_id, std::move(quiz),
                                       at.started_ms, json(), json(), std::move(ext));
                }
                const AttemptResult& r = *at.result;
                json result = {{"success", r.passed},
                               {"completion", true},
                               {"duration", FormatIsoDuration(*at.ended_ms - at.started_ms)}};
                if (r.score_max > 0 && r.score_raw >= 0 && r.score_raw <= r.score_max) {
                    result["score"] = Score(r.score_raw, r.score_max);
                }
                return b.Statement("attempts", at.id, r.passed ? "passed" : "failed", at.learner, at.course_id,
                                   std::move(quiz), *at.ended_ms, std::move(result), json(), std::move(ext));
            }
            case Pending::Ending: {
                const ScenarioEndingRecord& e = endings[p.index];
                json result = {{"completion", true}, {"extensions", {{kExtEnding, e.ending_id}, {kExtOutcome, e.outcome}}}};
                return b.Statement("scenario_endings", e.id, "completed", e.learner, e.course_id,
                                   b.Item(e.course_id, e.scenario_id, "http://adlnet.gov/expapi/activities/simulation"),
                                   e.reached_ms, std::move(result), json());
            }
        }
        return json();
    };

    JsonArrayWriter array(sink);
    for (const Pending& p : order)
        if (!array.Add(statement(p))) return Stopped(sink);
    if (!array.Finish()) return Stopped(sink);
    out.records = array.count();
    return out;
}

namespace {

class FileSink : public ExportSink {
public:
    explicit FileSink(os::AtomicFileWriter& file) : m_file(file) {}
    bool Write(std::string_view text) override { return m_file.Write(text); }
    std::string Error() const override { return m_file.ok() ? std::string() : os::Describe(m_file.error()); }

private:
    os::AtomicFileWriter& m_file;
};

}  // namespace

ExportResult ExportToFile(ExportFormat format, const ProgressStore& store, const ExportOptions& options,
                          const os::PathArg& path, const os::WriteOptions& write) {
    auto file_failed = [&](const os::FileError& e) { return ExportResult::Fail({ExportErrorCode::File, {}, {}, e, path.path()}); };
    os::AtomicFileWriter file(path, write);
    if (!file.ok()) return file_failed(file.error());
    FileSink sink(file);
    ExportResult out = format == ExportFormat::Csv ? ExportCsv(store, options, sink) : ExportXapi(store, options, sink);
    // The temporary file is gone with `file`; the name still holds what it held before.
    if (!out) return file.ok() ? out : file_failed(file.error());
    if (os::WriteResult committed = file.Commit(); !committed) return file_failed(committed.error());
    return out;
}

std::string Describe(const ExportError& e) {
    switch (e.code) {
        case ExportErrorCode::NoSuchLearner: return "no learner called \"" + e.learner + "\"";
        case ExportErrorCode::OutputFailed: return e.reason.empty() ? "the output could not be written" : e.reason;
        case ExportErrorCode::File: break;
    }
    return os::Describe(e.file) + " (nothing was written to " + os::Utf8(e.output) + ")";
}

ExportResult ExportCsv(const ProgressStore& store, const ExportOptions& options) {
    return ToText(static_cast<StreamingExport>(&ExportCsv), store, options);
}

ExportResult ExportXapi(const ProgressStore& store, const ExportOptions& options) {
    return ToText(static_cast<StreamingExport>(&ExportXapi), store, options);
}

}  // namespace lectern
