#include "learning/grading.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include "course/answer_pattern.h"
#include "text/unicode.h"

namespace lectern {

namespace {

using nlohmann::json;

// ---- text answers ------------------------------------------------------------------------------

bool IsSpace(utf8proc_int32_t cp) {
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) return true;
    const utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

// With `fold`, the comparison key learner names use too (unicode::ComparisonKey: NFC, full case
// folding, ignorables dropped, spaces collapsed). Without, the answer as typed in NFC with its
// white space trimmed and collapsed (for patterns, which fold case themselves).
std::string Normalize(std::string_view text, bool fold) {
    if (fold) return unicode::ComparisonKey(text);
    const std::string nfc = unicode::Nfc(text);
    std::string out;
    out.reserve(nfc.size());
    bool pending_space = false;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(nfc.data());
    for (size_t i = 0; i < nfc.size();) {
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(nfc.size() - i), &cp);
        const size_t len = n > 0 ? static_cast<size_t>(n) : 1;  // Nfc's output is valid; be safe
        if (n > 0 && IsSpace(cp)) {
            pending_space = true;
        } else {
            if (pending_space && !out.empty()) out += ' ';
            pending_space = false;
            out.append(nfc, i, len);
        }
        i += len;
    }
    return out;
}

// ---- scoring helpers ---------------------------------------------------------------------------

struct Score {
    long numerator = 0;  // never below zero
    long denominator = 1;
};

void ApplyScore(const Question& question, Score score, Grade& grade) {
    grade.max = std::max(0, question.points);
    if (score.denominator <= 0 || score.numerator <= 0) {
        grade.status = GradeStatus::Incorrect;
        grade.earned = 0.0;
    } else if (score.numerator >= score.denominator) {
        grade.status = GradeStatus::Correct;
        grade.earned = grade.max;
    } else {
        grade.status = GradeStatus::Partial;
        grade.earned = grade.max * static_cast<double>(score.numerator) / static_cast<double>(score.denominator);
    }
}

// Keeps the first occurrence of each id: picking the same choice twice is one pick.
std::vector<std::string> Distinct(const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& id : ids)
        if (seen.insert(id).second) out.push_back(id);
    return out;
}

Score GradeChoices(const Question& question, const Response& response, Grade& grade) {
    const std::vector<std::string> picked = Distinct(response.selected);
    std::set<std::string> known;
    long key_count = 0;
    for (const auto& choice : question.choices) {
        known.insert(choice.id);
        const bool selected = std::find(picked.begin(), picked.end(), choice.id) != picked.end();
        grade.choices.push_back({choice.id, selected, choice.correct});
        if (choice.correct) ++key_count;
    }
    long right_picks = 0;
    long wrong_picks = 0;
    for (const auto& id : picked) {
        if (!known.count(id)) {
            grade.unknown_ids.push_back(id);
            ++wrong_picks;
            continue;
        }
        const bool is_key = std::any_of(question.choices.begin(), question.choices.end(),
                                        [&](const Choice& c) { return c.id == id && c.correct; });
        is_key ? ++right_picks : ++wrong_picks;
    }
    if (key_count == 0) return {0, 1};  // authoring error (reported by ValidateQuestion)
    if (question.type == QuestionType::Single) {
        // One pick, and it is the key; several picks cannot be a single answer.
        return {picked.size() == 1 && right_picks == 1 ? 1 : 0, 1};
    }
    if (question.scoring == Scoring::Partial) return {std::max(0L, right_picks - wrong_picks), key_count};
    return {right_picks == key_count && wrong_picks == 0 ? 1 : 0, 1};
}

Score GradeTrueFalse(const Question& question, const Response& response, bool answered, Grade& grade) {
    grade.choices.push_back({"true", answered && response.value, question.tf_answer});
    grade.choices.push_back({"false", answered && !response.value, !question.tf_answer});
    return {answered && response.value == question.tf_answer ? 1 : 0, 1};
}

Score GradeMatching(const Question& question, const Response& response, Grade& grade) {
    std::set<std::string> known;
    for (const auto& pair : question.pairs) known.insert(pair.id);
    long right = 0;
    for (const auto& pair : question.pairs) {
        const auto it = response.matches.find(pair.id);
        const std::string chosen = it == response.matches.end() ? std::string() : it->second;
        const bool ok = chosen == pair.id;
        grade.pairs.push_back({pair.id, chosen, ok});
        if (ok) ++right;
        if (!chosen.empty() && !known.count(chosen)) grade.unknown_ids.push_back(chosen);
    }
    // A match for a left item the question does not have is a wrong match on top of the others,
    // like a wrong pick in a multiple-response question.
    long extra = 0;
    for (const auto& [left, chosen] : response.matches) {
        if (known.count(left)) continue;
        grade.unknown_ids.push_back(left);
        ++extra;
    }
    const long total = static_cast<long>(question.pairs.size());
    if (total == 0) return {0, 1};
    if (question.scoring == Scoring::Partial) return {std::max(0L, right - extra), total};
    return {right == total && extra == 0 ? 1 : 0, 1};
}

Score GradeOrdering(const Question& question, const Response& response, Grade& grade) {
    std::set<std::string> known;
    for (const auto& item : question.items) known.insert(item.id);
    long right = 0;
    for (size_t i = 0; i < question.items.size(); ++i) {
        const std::string given = i < response.order.size() ? response.order[i] : std::string();
        const bool ok = given == question.items[i].id;
        grade.positions.push_back({question.items[i].id, given, ok});
        if (ok) ++right;
    }
    for (const auto& id : response.order)
        if (!known.count(id)) grade.unknown_ids.push_back(id);
    // Entries past the end of the list are wrong placements on top of the others.
    const long total = static_cast<long>(question.items.size());
    const long extra = std::max(0L, static_cast<long>(response.order.size()) - total);
    if (total == 0) return {0, 1};
    if (question.scoring == Scoring::Partial) return {std::max(0L, right - extra), total};
    return {right == total && extra == 0 ? 1 : 0, 1};
}

Score GradeText(const Question& question, const Response& response, Grade& grade) {
    const std::string answer = Normalize(response.text, false);
    const std::string folded = Normalize(response.text, true);
    if (folded.empty()) return {0, 1};
    for (const auto& accept : question.accept) {
        const std::string key = Normalize(accept, true);
        if (!key.empty() && key == folded) {
            grade.matched = accept;
            return {1, 1};
        }
    }
    // The pattern folds case one letter at a time (RE2: "É" matches "é"); trying the fully folded
    // answer too lets "STRAẞE" match "strasse".
    if (!question.pattern.empty() &&
        (AnswerPatternMatches(question.pattern, answer) || AnswerPatternMatches(question.pattern, folded))) {
        grade.matched = question.pattern;
        return {1, 1};
    }
    return {0, 1};
}

}  // namespace

// ---- Response ----------------------------------------------------------------------------------

Response Response::None() { return {}; }

Response Response::Choices(std::vector<std::string> ids) {
    Response r;
    r.kind = ResponseKind::Choices;
    r.selected = std::move(ids);
    return r;
}

Response Response::TrueFalse(bool v) {
    Response r;
    r.kind = ResponseKind::TrueFalse;
    r.value = v;
    return r;
}

Response Response::Matching(std::map<std::string, std::string> left_to_right) {
    Response r;
    r.kind = ResponseKind::Matching;
    r.matches = std::move(left_to_right);
    return r;
}

Response Response::Ordering(std::vector<std::string> ids) {
    Response r;
    r.kind = ResponseKind::Ordering;
    r.order = std::move(ids);
    return r;
}

Response Response::Text(std::string typed) {
    Response r;
    r.kind = ResponseKind::Text;
    r.text = std::move(typed);
    return r;
}

bool Response::IsAnswered() const {
    switch (kind) {
    case ResponseKind::Unanswered: return false;
    case ResponseKind::Choices: return !selected.empty();
    case ResponseKind::TrueFalse: return true;
    case ResponseKind::Matching:
        return std::any_of(matches.begin(), matches.end(), [](const auto& m) { return !m.second.empty(); });
    case ResponseKind::Ordering: return !order.empty();
    case ResponseKind::Text: return !Normalize(text, false).empty();
    }
    return false;
}

bool Response::operator==(const Response& other) const {
    return kind == other.kind && selected == other.selected && value == other.value && matches == other.matches &&
           order == other.order && text == other.text;
}

ResponseKind ResponseKindFor(QuestionType type) {
    switch (type) {
    case QuestionType::Single:
    case QuestionType::Multiple: return ResponseKind::Choices;
    case QuestionType::TrueFalse: return ResponseKind::TrueFalse;
    case QuestionType::Matching: return ResponseKind::Matching;
    case QuestionType::Ordering: return ResponseKind::Ordering;
    case QuestionType::Text: return ResponseKind::Text;
    }
    return ResponseKind::Unanswered;
}

// ---- JSON --------------------------------------------------------------------------------------

namespace {

const char* KindName(ResponseKind kind) {
    switch (kind) {
    case ResponseKind::Unanswered: return "unanswered";
    case ResponseKind::Choices: return "choices";
    case ResponseKind::TrueFalse: return "truefalse";
    case ResponseKind::Matching: return "matching";
    case ResponseKind::Ordering: return "ordering";
    case ResponseKind::Text: return "text";
    }
    return "unanswered";
}

bool StringArray(const json& j, std::vector<std::string>& out) {
    if (!j.is_array()) return false;
    for (const auto& e : j) {
        if (!e.is_string()) return false;
        out.push_back(e.get<std::string>());
    }
    return true;
}

Parsed<Response> Bad(std::string why) {
    Parsed<Response> p;
    p.error = ParseError::Malformed;
    p.message = "saved response: " + std::move(why);
    return p;
}

}  // namespace

std::string ResponseToJson(const Response& response) {
    json j = json::object();
    j["kind"] = KindName(response.kind);
    switch (response.kind) {
    case ResponseKind::Unanswered: break;
    case ResponseKind::Choices: j["selected"] = response.selected; break;
    case ResponseKind::TrueFalse: j["value"] = response.value; break;
    case ResponseKind::Matching: j["matches"] = response.matches; break;
    case ResponseKind::Ordering: j["order"] = response.order; break;
    case ResponseKind::Text: j["text"] = response.text; break;
    }
    // Replace, not throw, on invalid UTF-8: a stray byte must not lose the learner's attempt.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Parsed<Response> ResponseFromJson(const std::string& text) {
    try {
        const json j = json::parse(text, nullptr, false);
        if (j.is_discarded()) return Bad("not valid JSON");
        if (!j.is_object()) return Bad("not an object");
        const auto kind_it = j.find("kind");
        if (kind_it == j.end() || !kind_it->is_string()) return Bad("no kind");
        const std::string kind = kind_it->get<std::string>();
        Response r;
        if (kind == "unanswered") {
            r.kind = ResponseKind::Unanswered;
        } else if (kind == "choices") {
            r.kind = ResponseKind::Choices;
            if (!j.contains("selected") || !StringArray(j["selected"], r.selected))
                return Bad("choices need a list of ids");
        } else if (kind == "truefalse") {
            r.kind = ResponseKind::TrueFalse;
            if (!j.contains("value") || !j["value"].is_boolean()) return Bad("truefalse needs a boolean");
            r.value = j["value"].get<bool>();
        } else if (kind == "matching") {
            r.kind = ResponseKind::Matching;
            if (!j.contains("matches") || !j["matches"].is_object()) return Bad("matching needs an object");
            for (const auto& [left, right] : j["matches"].items()) {
                if (!right.is_string()) return Bad("matching values must be ids");
                r.matches[left] = right.get<std::string>();
            }
        } else if (kind == "ordering") {
            r.kind = ResponseKind::Ordering;
            if (!j.contains("order") || !StringArray(j["order"], r.order)) return Bad("ordering needs a list of ids");
        } else if (kind == "text") {
            r.kind = ResponseKind::Text;
            if (!j.contains("text") || !j["text"].is_string()) return Bad("text needs a string");
            r.text = j["text"].get<std::string>();
        } else {
            return Bad("unknown kind '" + kind + "'");
        }
        Parsed<Response> p;
        p.value = std::move(r);
        return p;
    } catch (const std::exception& e) {
        return Bad(e.what());
    }
}

// ---- grading -----------------------------------------------------------------------------------

Grade GradeResponse(const Question& question, const Response& response) {
    Grade grade;
    grade.question_id = question.id;
    grade.max = std::max(0, question.points);

    const bool answered = response.IsAnswered();
    const bool fits = response.kind == ResponseKindFor(question.type);
    grade.wrong_kind = answered && !fits;
    // Marks are filled even when unanswered or of the wrong kind, so review can show the key.
    const Response empty;
    const Response& content = fits ? response : empty;

    Score score;
    switch (question.type) {
    case QuestionType::Single:
    case QuestionType::Multiple: score = GradeChoices(question, content, grade); break;
    case QuestionType::TrueFalse: score = GradeTrueFalse(question, content, fits && answered, grade); break;
    case QuestionType::Matching: score = GradeMatching(question, content, grade); break;
    case QuestionType::Ordering: score = GradeOrdering(question, content, grade); break;
    case QuestionType::Text: score = GradeText(question, content, grade); break;
    }

    if (!answered) {
        grade.status = GradeStatus::Unanswered;
        grade.feedback = FeedbackWhen::None;
        grade.earned = 0.0;
        return grade;
    }
    ApplyScore(question, score, grade);
    switch (grade.status) {
    case GradeStatus::Correct: grade.feedback = FeedbackWhen::Correct; break;
    case GradeStatus::Partial:
        grade.feedback = question.feedback_partial.empty() ? FeedbackWhen::Incorrect : FeedbackWhen::Partial;
        break;
    default: grade.feedback = FeedbackWhen::Incorrect; break;
    }
    return grade;
}

std::vector<std::string> AnswerKeyLines(const Question& q) {
    std::vector<std::string> lines;
    switch (q.type) {
        case QuestionType::Single:
        case QuestionType::Multiple:
            for (const auto& c : q.choices)
                if (c.correct) lines.push_back(PlainText(c.text));
            break;
        case QuestionType::TrueFalse: lines.push_back(q.tf_answer ? "True" : "False"); break;
        case QuestionType::Matching:
            for (const auto& p : q.pairs) lines.push_back(PlainText(p.left) + " \xE2\x86\x92 " + PlainText(p.right));
            break;
        case QuestionType::Ordering:
            for (size_t i = 0; i < q.items.size(); ++i) lines.push_back(std::to_string(i + 1) + ". " + PlainText(q.items[i].text));
            break;
        case QuestionType::Text:
            for (const auto& a : q.accept) lines.push_back(a);
            if (q.accept.empty() && !q.pattern.empty()) lines.push_back("Any answer matching the pattern " + q.pattern);
            break;
    }
    return lines;
}

const Inline& FeedbackText(const Question& question, const Grade& grade) {
    static const Inline kNone;
    switch (grade.feedback) {
    case FeedbackWhen::Correct: return question.feedback_correct;
    case FeedbackWhen::Partial: return question.feedback_partial;
    case FeedbackWhen::Incorrect: return question.feedback_incorrect;
    case FeedbackWhen::None: break;
    }
    return kNone;
}

std::string NormalizeAnswer(std::string_view text) { return Normalize(text, true); }

}  // namespace lectern
