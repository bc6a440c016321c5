#include "learning/attempt.h"

#include <algorithm>
#include <climits>
#include <numeric>
#include <set>

#include <nlohmann/json.hpp>

namespace lectern {

namespace {

using nlohmann::json;

constexpr int kFormat = 1;

// FNV-1a: gives each question its own random stream, so a question's choice order depends on
// the seed and its id only, not on which other questions were drawn with it.
uint64_t HashId(const std::string& id) {
    uint64_t h = 0xCBF29CE484222325ULL;
    for (const char c : id) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ULL;
    }
    return h;
}

// Fisher-Yates, written out so the result depends on SeededRandom alone.
template <typename T>
void Shuffle(std::vector<T>& v, SeededRandom& rng) {
    for (size_t i = v.size(); i > 1; --i) {
        const size_t j = static_cast<size_t>(rng.Below(i));
        std::swap(v[i - 1], v[j]);
    }
}

// Shuffles, and if that left the list in its authored order, rotates it: for matching and
// ordering the authored order is the answer, so showing it would give the question away.
void ShuffleAwayFromAuthored(std::vector<std::string>& ids, SeededRandom& rng) {
    const std::vector<std::string> authored = ids;
    Shuffle(ids, rng);
    if (ids.size() >= 2 && ids == authored)
        std::rotate(ids.begin(), ids.begin() + 1 + static_cast<long>(rng.Below(ids.size() - 1)), ids.end());
}

std::vector<std::string> AuthoredIds(const Question& q) {
    std::vector<std::string> ids;
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Multiple:
        for (const auto& c : q.choices) ids.push_back(c.id);
        break;
    case QuestionType::Matching:
        for (const auto& p : q.pairs) ids.push_back(p.id);
        break;
    case QuestionType::Ordering:
        for (const auto& i : q.items) ids.push_back(i.id);
        break;
    case QuestionType::TrueFalse:
    case QuestionType::Text: break;
    }
    return ids;
}

bool HasDisplayOrder(QuestionType type) { return type != QuestionType::TrueFalse && type != QuestionType::Text; }

// Every id the response names exists in the question (see Answer: unknown ids are refused so a
// saved attempt always loads back against the same course).
bool ResponseIdsKnown(const Question& q, const Response& r) {
    const std::vector<std::string> ids = AuthoredIds(q);
    const std::set<std::string> known(ids.begin(), ids.end());
    switch (r.kind) {
    case ResponseKind::Choices:
        return std::all_of(r.selected.begin(), r.selected.end(), [&](const auto& id) { return known.count(id) > 0; });
    case ResponseKind::Matching:
        return std::all_of(r.matches.begin(), r.matches.end(), [&](const auto& m) {
            return known.count(m.first) > 0 && (m.second.empty() || known.count(m.second) > 0);
        });
    case ResponseKind::Ordering:
        return std::all_of(r.order.begin(), r.order.end(), [&](const auto& id) { return known.count(id) > 0; });
    default: return true;
    }
}

int IndexOf(const Attempt& attempt, const std::string& question_id) {
    const auto it = std::find(attempt.questions.begin(), attempt.questions.end(), question_id);
    return it == attempt.questions.end() ? -1 : static_cast<int>(it - attempt.questions.begin());
}

bool Linear(const Quiz& quiz, const Attempt& attempt) {
    return quiz.navigation == QuizNavigation::Linear && !attempt.submitted;
}

}  // namespace

// ---- SeededRandom ------------------------------------------------------------------------------

uint64_t SeededRandom::Next() {
    uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t SeededRandom::Below(uint64_t bound) {
    if (bound == 0) return 0;
    // Values below `threshold` would make the low residues more likely; draw again.
    const uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const uint64_t r = Next();
        if (r >= threshold) return r % bound;
    }
}

// ---- starting --------------------------------------------------------------------------------

bool Attempt::operator==(const Attempt& o) const {
    return quiz_id == o.quiz_id && number == o.number && seed == o.seed && questions == o.questions &&
           display_order == o.display_order && answers == o.answers && current == o.current &&
           started_ms == o.started_ms && submitted_ms == o.submitted_ms && submitted == o.submitted;
}

const Question* FindQuestion(const Quiz& quiz, const std::string& question_id) {
    for (const auto& pool : quiz.pools)
        for (const auto& q : pool.questions)
            if (q && q->id == question_id) return q.get();
    return nullptr;
}

const Question* CurrentQuestion(const Quiz& quiz, const Attempt& attempt) {
    if (attempt.current < 0 || attempt.current >= static_cast<int>(attempt.questions.size())) return nullptr;
    return FindQuestion(quiz, attempt.questions[static_cast<size_t>(attempt.current)]);
}

Attempt StartAttempt(const Quiz& quiz, int attempt_number, uint64_t seed, int64_t now_ms) {
    Attempt attempt;
    attempt.quiz_id = quiz.id;
    attempt.number = attempt_number;
    attempt.seed = seed;
    attempt.started_ms = now_ms;

    SeededRandom rng(seed);
    std::set<std::string> taken;
    for (const auto& pool : quiz.pools) {
        const size_t n = pool.questions.size();
        const size_t k = pool.draw <= 0 ? n : std::min(n, static_cast<size_t>(pool.draw));
        std::vector<size_t> index(n);
        std::iota(index.begin(), index.end(), size_t{0});
        // Partial Fisher-Yates: the first k slots end up a uniform sample of k distinct questions.
        for (size_t i = 0; i < k; ++i) std::swap(index[i], index[i + static_cast<size_t>(rng.Below(n - i))]);
        index.resize(k);
        if (!quiz.shuffle_questions) std::sort(index.begin(), index.end());
        for (const size_t i : index) {
            const auto& q = pool.questions[i];
            // A duplicate id (a loader error) would make two questions share one answer; skip it.
            if (q && taken.insert(q->id).second) attempt.questions.push_back(q->id);
        }
    }
    if (quiz.shuffle_questions) Shuffle(attempt.questions, rng);

    for (const auto& id : attempt.questions) {
        const Question* q = FindQuestion(quiz, id);
        if (!q || !HasDisplayOrder(q->type)) continue;
        std::vector<std::string> order = AuthoredIds(*q);
        SeededRandom question_rng(seed ^ HashId(id));
        if (q->type == QuestionType::Matching || q->type == QuestionType::Ordering)
            ShuffleAwayFromAuthored(order, question_rng);
        else if (quiz.shuffle_choices)
            Shuffle(order, question_rng);
        attempt.display_order[id] = std::move(order);
    }
    return attempt;
}

bool CanStartAnother(const Quiz& quiz, int attempts_used) {
    return quiz.max_attempts <= 0 || attempts_used < quiz.max_attempts;
}

// ---- answering and navigation ----------------------------------------------------------------

AttemptError Answer(Attempt& attempt, const Quiz& quiz, const std::string& question_id, const Response& response) {
    if (attempt.submitted) return AttemptError::AlreadySubmitted;
    const int index = IndexOf(attempt, question_id);
    const Question* q = FindQuestion(quiz, question_id);
    if (index < 0 || !q) return AttemptError::NotInAttempt;
    if (Linear(quiz, attempt) && index != attempt.current) return AttemptError::NotCurrent;
    if (!response.IsAnswered()) {
        attempt.answers.erase(question_id);
        return AttemptError::None;
    }
    if (response.kind != ResponseKindFor(q->type)) return AttemptError::WrongKind;
    if (!ResponseIdsKnown(*q, response)) return AttemptError::UnknownId;
    attempt.answers[question_id] = response;
    return AttemptError::None;
}

bool CanAdvance(const Attempt& attempt) { return attempt.current + 1 < static_cast<int>(attempt.questions.size()); }

bool CanGoBack(const Quiz& quiz, const Attempt& attempt) { return attempt.current > 0 && !Linear(quiz, attempt); }

AttemptError Next(Attempt& attempt) {
    if (!CanAdvance(attempt)) return AttemptError::AtEnd;
    ++attempt.current;
    return AttemptError::None;
}

AttemptError Prev(Attempt& attempt, const Quiz& quiz) {
    if (attempt.current <= 0) return AttemptError::AtStart;
    if (Linear(quiz, attempt)) return AttemptError::NavigationLocked;
    --attempt.current;
    return AttemptError::None;
}

AttemptError JumpTo(Attempt& attempt, const Quiz& quiz, const std::string& question_id) {
    const int index = IndexOf(attempt, question_id);
    if (index < 0) return AttemptError::NotInAttempt;
    if (Linear(quiz, attempt) && index != attempt.current) return AttemptError::NavigationLocked;
    attempt.current = index;
    return AttemptError::None;
}

std::vector<std::string> Unanswered(const Attempt& attempt) {
    std::vector<std::string> out;
    for (const auto& id : attempt.questions) {
        const auto it = attempt.answers.find(id);
        if (it == attempt.answers.end() || !it->second.IsAnswered()) out.push_back(id);
    }
    return out;
}

// ---- scoring ---------------------------------------------------------------------------------

QuizResult Score(const Quiz& quiz, const Attempt& attempt) {
    QuizResult result;
    for (const auto& id : attempt.questions) {
        const Question* q = FindQuestion(quiz, id);
        if (!q) {
            result.missing.push_back(id);
            continue;
        }
        const auto it = attempt.answers.find(id);
        result.grades.push_back(GradeResponse(*q, it == attempt.answers.end() ? Response::None() : it->second));
        result.earned += result.grades.back().earned;
        result.max += result.grades.back().max;
    }
    if (result.max > 0) {
        result.percent = result.earned * 100.0 / result.max;
        // Partial marks are sums of fractions such as 1/3: allow for rounding at the pass mark.
        result.passed = result.percent + 1e-9 >= quiz.pass_percent;
    }
    return result;
}

QuizResult Submit(Attempt& attempt, const Quiz& quiz, int64_t now_ms) {
    if (!attempt.submitted) {
        attempt.submitted = true;
        attempt.submitted_ms = now_ms;
    }
    return Score(quiz, attempt);
}

// ---- JSON ------------------------------------------------------------------------------------

std::string AttemptToJson(const Attempt& a) {
    json j = json::object();
    j["format"] = kFormat;
    j["quiz"] = a.quiz_id;
    j["attempt"] = a.number;
    // As a string: a 64-bit seed does not survive readers that hold numbers as doubles.
    j["seed"] = std::to_string(a.seed);
    j["questions"] = a.questions;
    j["order"] = a.display_order;
    json answers = json::object();
    for (const auto& [id, response] : a.answers) answers[id] = json::parse(ResponseToJson(response));
    j["answers"] = std::move(answers);
    j["current"] = a.current;
    j["started_ms"] = a.started_ms;
    j["submitted"] = a.submitted;
    j["submitted_ms"] = a.submitted_ms;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

Parsed<Attempt> Fail(ParseError error, std::string message) {
    Parsed<Attempt> p;
    p.error = error;
    p.message = "saved attempt: " + std::move(message);
    return p;
}

bool GetInt64(const json& j, const char* key, int64_t& out) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return false;
    if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) return false;
    out = it->get<int64_t>();
    return true;
}

bool GetSeed(const json& j, uint64_t& out) {
    const auto it = j.find("seed");
    if (it == j.end()) return false;
    if (it->is_number_unsigned()) {
        out = it->get<uint64_t>();
        return true;
    }
    if (!it->is_string()) return false;
    const std::string s = it->get<std::string>();
    if (s.empty() || s.size() > 20 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    uint64_t value = 0;
    for (const char c : s) {
        const uint64_t digit = static_cast<uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return false;  // overflow
        value = value * 10 + digit;
    }
    out = value;
    return true;
}

bool GetStrings(const json& j, std::vector<std::string>& out) {
    if (!j.is_array()) return false;
    for (const auto& e : j) {
        if (!e.is_string()) return false;
        out.push_back(e.get<std::string>());
    }
    return true;
}

Parsed<Attempt> ParseAttempt(const std::string& text, const Quiz& quiz) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return Fail(ParseError::Malformed, "not valid JSON");
    if (!j.is_object()) return Fail(ParseError::Malformed, "not an object");

    int64_t format = 0;
    if (!GetInt64(j, "format", format)) return Fail(ParseError::Malformed, "no format version");
    if (format != kFormat)
        return Fail(ParseError::Malformed, "format " + std::to_string(format) + " is not one this Lectern reads");

    Attempt a;
    const auto quiz_it = j.find("quiz");
    if (quiz_it == j.end() || !quiz_it->is_string()) return Fail(ParseError::Malformed, "no quiz id");
    a.quiz_id = quiz_it->get<std::string>();
    if (a.quiz_id != quiz.id)
        return Fail(ParseError::WrongId, "it belongs to quiz '" + a.quiz_id + "', not '" + quiz.id + "'");

    int64_t number = 0;
    if (!GetInt64(j, "attempt", number) || number < 1 || number > INT_MAX)
        return Fail(ParseError::Malformed, "bad attempt number");
    a.number = static_cast<int>(number);
    if (!GetSeed(j, a.seed)) return Fail(ParseError::Malformed, "bad seed");

    if (!j.contains("questions") || !GetStrings(j["questions"], a.questions))
        return Fail(ParseError::Malformed, "bad question list");
    std::set<std::string> drawn;
    for (const auto& id : a.questions) {
        if (!drawn.insert(id).second) return Fail(ParseError::Malformed, "question '" + id + "' drawn twice");
        if (!FindQuestion(quiz, id))
            return Fail(ParseError::CourseChanged, "question '" + id + "' is no longer in quiz '" + quiz.id + "'");
    }

    const auto order_it = j.find("order");
    if (order_it == j.end() || !order_it->is_object()) return Fail(ParseError::Malformed, "bad choice order");
    for (const auto& [id, value] : order_it->items()) {
        if (!drawn.count(id)) return Fail(ParseError::Malformed, "choice order for question '" + id + "' not drawn");
        std::vector<std::string> ids;
        if (!GetStrings(value, ids)) return Fail(ParseError::Malformed, "bad choice order for '" + id + "'");
        a.display_order[id] = std::move(ids);
    }
    for (const auto& id : a.questions) {
        const Question& q = *FindQuestion(quiz, id);
        const auto it = a.display_order.find(id);
        if (!HasDisplayOrder(q.type)) {
            if (it != a.display_order.end())
                return Fail(ParseError::CourseChanged, "question '" + id + "' changed type since the attempt began");
            continue;
        }
        std::vector<std::string> expected = AuthoredIds(q);
        if (it == a.display_order.end())
            return Fail(ParseError::CourseChanged, "question '" + id + "' changed type since the attempt began");
        std::vector<std::string> saved = it->second;
        std::sort(expected.begin(), expected.end());
        std::sort(saved.begin(), saved.end());
        if (saved != expected)
            return Fail(ParseError::CourseChanged,
                        "the choices of question '" + id + "' changed since the attempt began");
    }

    const auto answers_it = j.find("answers");
    if (answers_it == j.end() || !answers_it->is_object()) return Fail(ParseError::Malformed, "bad answers");
    for (const auto& [id, value] : answers_it->items()) {
        if (!drawn.count(id)) return Fail(ParseError::Malformed, "answer to question '" + id + "' not drawn");
        Parsed<Response> response = ResponseFromJson(value.dump(-1, ' ', false, json::error_handler_t::replace));
        if (!response.ok()) return Fail(ParseError::Malformed, "answer to '" + id + "': " + response.message);
        const Question& q = *FindQuestion(quiz, id);
        if (response.value->IsAnswered() &&
            (response.value->kind != ResponseKindFor(q.type) || !ResponseIdsKnown(q, *response.value)))
            return Fail(ParseError::CourseChanged, "the answer to question '" + id + "' no longer fits it");
        a.answers[id] = std::move(*response.value);
    }

    int64_t current = 0;
    if (!GetInt64(j, "current", current) || current < 0 ||
        (current >= static_cast<int64_t>(a.questions.size()) && current != 0))
        return Fail(ParseError::Malformed, "bad current question");
    a.current = static_cast<int>(current);
    if (!GetInt64(j, "started_ms", a.started_ms) || !GetInt64(j, "submitted_ms", a.submitted_ms))
        return Fail(ParseError::Malformed, "bad times");
    const auto submitted_it = j.find("submitted");
    if (submitted_it == j.end() || !submitted_it->is_boolean())
        return Fail(ParseError::Malformed, "bad submitted flag");
    a.submitted = submitted_it->get<bool>();

    Parsed<Attempt> p;
    p.value = std::move(a);
    return p;
}

}  // namespace

Parsed<Attempt> AttemptFromJson(const std::string& text, const Quiz& quiz) {
    try {
        return ParseAttempt(text, quiz);
    } catch (const std::exception& e) {
        return Fail(ParseError::Malformed, e.what());
    }
}

}  // namespace lectern
