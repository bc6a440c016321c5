// A quiz attempt as a plain value: which questions were drawn, in what order, with what choice
// order, what the learner answered, and where they are. Everything random comes from the seed
// through our own generator (the standard library's distributions and std::shuffle differ between
// implementations), and the draw is stored with the attempt, so a resumed or reviewed attempt
// shows exactly the same questions in the same order. The clock is always a parameter.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "course/diagnostics.h"
#include "course/model.h"
#include "learning/grading.h"

namespace lectern {

// splitmix64 (Steele, Lea and Flood; the reference at prng.di.unimi.it): tiny, fast, and the same
// sequence on every platform and compiler.
class SeededRandom {
public:
    explicit SeededRandom(uint64_t seed) : m_state(seed) {}
    uint64_t Next();
    // Uniform in [0, bound), without modulo bias (rejection). Returns 0 when bound is 0.
    uint64_t Below(uint64_t bound);

private:
    uint64_t m_state;
};

struct Attempt {
    std::string quiz_id;
    int number = 1;  // 1 for the first attempt
    uint64_t seed = 0;
    std::vector<std::string> questions;  // drawn question ids, in presentation order
    // Per question: choice ids (single, multiple), right-hand pair ids (matching) or the starting
    // order of item ids (ordering), as shown. True/false and text questions have no entry.
    std::map<std::string, std::vector<std::string>> display_order;
    std::map<std::string, Response> answers;  // question id -> latest answer
    int current = 0;                          // index into `questions`
    int64_t started_ms = 0;                   // unix time in milliseconds
    int64_t submitted_ms = 0;
    bool submitted = false;

    bool operator==(const Attempt& other) const;
    bool operator!=(const Attempt& other) const { return !(*this == other); }
};

// Draws `draw` questions from each pool (all when draw <= 0 or larger than the pool), in pool
// order unless the quiz shuffles questions, then sets each question's display order. Choices
// follow shuffle_choices; matching right-hand items and ordering items are always shuffled and
// never shown in authored order, whatever shuffle_choices says: for those two types the authored
// order is the answer, so showing it would give the question away.
// The same quiz and seed always give the same attempt.
Attempt StartAttempt(const Quiz& quiz, int attempt_number, uint64_t seed, int64_t now_ms);

// True when the learner may start another attempt after `attempts_used` (0 = unlimited).
bool CanStartAnother(const Quiz& quiz, int attempts_used);

const Question* FindQuestion(const Quiz& quiz, const std::string& question_id);
const Question* CurrentQuestion(const Quiz& quiz, const Attempt& attempt);  // null when none

enum class AttemptError {
    None,
    AlreadySubmitted,  // answers are frozen once submitted
    NotInAttempt,      // the question was not drawn for this attempt (or does not exist)
    NotCurrent,        // linear navigation: only the current question can be answered
    WrongKind,         // the response kind does not fit the question type
    UnknownId,         // the response names a choice, pair or item the question does not have
    NavigationLocked,  // linear navigation: no going back, no skipping ahead with JumpTo
    AtStart,
    AtEnd,
};

// Records (or, with an unanswered response, clears) the answer to a drawn question.
AttemptError Answer(Attempt& attempt, const Quiz& quiz, const std::string& question_id, const Response& response);

// Navigation. Linear quizzes go forward only until submitted; once submitted, review may move
// freely whatever the quiz's navigation.
bool CanAdvance(const Attempt& attempt);
bool CanGoBack(const Quiz& quiz, const Attempt& attempt);
AttemptError Next(Attempt& attempt);
AttemptError Prev(Attempt& attempt, const Quiz& quiz);
AttemptError JumpTo(Attempt& attempt, const Quiz& quiz, const std::string& question_id);

// Drawn question ids with no answer yet, in presentation order (for the warning before submit).
std::vector<std::string> Unanswered(const Attempt& attempt);

struct QuizResult {
    double earned = 0.0;
    double max = 0.0;
    double percent = 0.0;              // 0..100
    bool passed = false;               // percent >= the quiz's pass mark
    std::vector<Grade> grades;         // one per drawn question still in the quiz, presentation order
    std::vector<std::string> missing;  // drawn ids the quiz no longer has (course changed)
};

// Scores the attempt as it stands, without changing it (also for reviewing an old attempt).
QuizResult Score(const Quiz& quiz, const Attempt& attempt);

// Marks the attempt submitted at `now_ms` and scores it. Submitting again keeps the first time,
// so a double click does not move the record.
QuizResult Submit(Attempt& attempt, const Quiz& quiz, int64_t now_ms);

// Saved form. Loading checks the attempt against the quiz as it is now: another quiz's attempt
// is WrongId; questions, choices or answer kinds the quiz no longer has are CourseChanged.
std::string AttemptToJson(const Attempt& attempt);
Parsed<Attempt> AttemptFromJson(const std::string& json, const Quiz& quiz);

}  // namespace lectern
