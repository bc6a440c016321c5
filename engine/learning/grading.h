// Grading: what a learner answered (Response) and what it earns (Grade), for every question type
// in the authoring guide. Pure functions over the immutable model: no clock, no I/O, no GUI, and
// nothing here throws across the API (a bad id or a broken pattern is graded as wrong).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "course/diagnostics.h"
#include "course/model.h"

namespace lectern {

// ---- typed results for saved data (shared by attempt.h and scenario_run.h) ---------------------

enum class ParseError {
    None,
    Malformed,      // not JSON, or not the shape we write
    WrongId,        // the data belongs to another quiz or scenario
    CourseChanged,  // it names questions, choices or nodes the course no longer has
};

template <typename T>
struct Parsed {
    std::optional<T> value;  // set exactly when error == None
    ParseError error = ParseError::None;
    std::string message;  // for the log and the "your saved attempt could not be resumed" banner
    bool ok() const { return value.has_value(); }
};

// ---- responses ---------------------------------------------------------------------------------

enum class ResponseKind { Unanswered, Choices, TrueFalse, Matching, Ordering, Text };

// What the learner answered. Only the field of its kind is meaningful; the others stay empty so
// that two equal answers compare equal.
struct Response {
    ResponseKind kind = ResponseKind::Unanswered;
    std::vector<std::string> selected;           // Choices: picked choice ids (single or multiple)
    bool value = false;                          // TrueFalse
    std::map<std::string, std::string> matches;  // Matching: left pair id -> chosen right pair id
    std::vector<std::string> order;              // Ordering: item ids, first to last
    std::string text;                            // Text: as typed

    static Response None();
    static Response Choices(std::vector<std::string> ids);
    static Response TrueFalse(bool v);
    static Response Matching(std::map<std::string, std::string> left_to_right);
    static Response Ordering(std::vector<std::string> ids);
    static Response Text(std::string typed);

    // False for Unanswered and for a kind whose content is empty (nothing picked, nothing
    // matched, no order given, only white space typed): all of these count as "not answered"
    // for the unanswered-questions warning and are graded Unanswered.
    bool IsAnswered() const;

    bool operator==(const Response& other) const;
    bool operator!=(const Response& other) const { return !(*this == other); }
};

// The response kind a question type takes (Single and Multiple both take Choices).
ResponseKind ResponseKindFor(QuestionType type);

// Saved form, for attempts and the progress store (knowledge checks, scenario answers).
// Never throws; invalid UTF-8 in typed text is written as U+FFFD.
std::string ResponseToJson(const Response& response);
Parsed<Response> ResponseFromJson(const std::string& json);

// ---- grades ------------------------------------------------------------------------------------

// Status follows the points: Correct = full marks, Partial = some, Incorrect = none.
// An all-or-nothing question is therefore never Partial.
enum class GradeStatus { Unanswered, Incorrect, Partial, Correct };

// Which question-level feedback applies. Partial falls back to Incorrect when the author wrote
// no partial feedback, so the learner is never left with nothing.
enum class FeedbackWhen { None, Correct, Partial, Incorrect };

// One choice (single, multiple) or one of the two answers of a true/false question
// (ids "true" and "false"), in authored order.
struct ChoiceMark {
    std::string id;
    bool selected = false;  // the learner picked it: its own feedback applies
    bool key = false;       // it is a correct choice
    bool right() const { return selected == key; }
};

// One matching pair, in authored order. The right-hand item that belongs to a left item has the
// same pair id, so `chosen == left` means right.
struct PairMark {
    std::string left;
    std::string chosen;  // empty when the learner left it unmatched
    bool right = false;
};

// One position of an ordering question, first to last.
struct PositionMark {
    std::string expected;
    std::string given;  // empty when the response is shorter than the list
    bool right = false;
};

struct Grade {
    std::string question_id;
    GradeStatus status = GradeStatus::Unanswered;
    FeedbackWhen feedback = FeedbackWhen::None;
    double earned = 0.0;
    double max = 0.0;  // the question's points

    std::vector<ChoiceMark> choices;      // Single, Multiple, TrueFalse
    std::vector<PairMark> pairs;          // Matching
    std::vector<PositionMark> positions;  // Ordering
    std::string matched;                  // Text: the accepted answer or the pattern that matched

    // Ids in the response that the question does not have; each counted as a wrong answer.
    std::vector<std::string> unknown_ids;
    // The response was of another kind than the question takes (stale or corrupt data).
    bool wrong_kind = false;
};

Grade GradeResponse(const Question& question, const Response& response);

// The question-level feedback text the grade calls for (empty when none applies).
const Inline& FeedbackText(const Question& question, const Grade& grade);

// The correct answer in plain words, one line each, for a presenter's private screen (the room
// sees the question; the presenter sees this). Single/Multiple: the correct choices; TrueFalse:
// "True" or "False"; Matching: "left → right" per pair; Ordering: the items numbered in order;
// Text: the accepted answers (or "Any answer matching the pattern …" when only a pattern is set).
std::vector<std::string> AnswerKeyLines(const Question& question);

// How typed answers are compared: by unicode::ComparisonKey, as learner names are: NFC (an
// accent typed as a combining mark matches the precomposed letter), full Unicode case folding
// (Greek, Cyrillic, "ß" = "SS", Turkish "İ" = "i̇" but not dotless "ı"), soft hyphens and other
// invisible characters dropped, white space (any Unicode space) trimmed and collapsed. Accents
// are kept ("é" is not "e"). Invalid UTF-8 bytes become U+FFFD and still count.
std::string NormalizeAnswer(std::string_view text);

}  // namespace lectern
