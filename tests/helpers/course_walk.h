// A learner who does everything a course offers, through Session (as the player does): every
// knowledge check answered wrong and then right, every quiz attempted with each answer changed
// before it settles, half of the questions right, then submitted, and every scenario played to
// each of its endings. Used by the export tests (every question type x every export format) and by
// the xapi_sample helper that the npm xAPI validation runs on.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "learning/attempt.h"
#include "learning/session.h"

namespace lectern::test {

// The answer the question's key gives (right), or one it does not (wrong).
inline Response AnswerFor(const Question& q, bool right) {
    switch (q.type) {
        case QuestionType::Single:
        case QuestionType::Multiple: {
            std::vector<std::string> ids;
            for (const Choice& c : q.choices)
                if (c.correct == right) ids.push_back(c.id);
            if (q.type == QuestionType::Single && ids.size() > 1) ids.resize(1);
            return Response::Choices(ids);
        }
        case QuestionType::TrueFalse: return Response::TrueFalse(right ? q.tf_answer : !q.tf_answer);
        case QuestionType::Matching: {
            std::map<std::string, std::string> m;
            for (size_t i = 0; i < q.pairs.size(); ++i)
                m[q.pairs[i].id] = q.pairs[right ? i : (i + 1) % q.pairs.size()].id;
            return Response::Matching(m);
        }
        case QuestionType::Ordering: {
            std::vector<std::string> ids;
            for (const OrderItem& item : q.items) ids.push_back(item.id);
            if (!right) std::reverse(ids.begin(), ids.end());
            return Response::Ordering(ids);
        }
        case QuestionType::Text: return Response::Text(right && !q.accept.empty() ? q.accept[0] : "no idea");
    }
    return Response::None();
}

// What a scenario shows: the step it is at and the choices that led there ("<node>|<c1>,<c2>").
inline std::string ScenarioState(const ScenarioRun& run) {
    std::string s = run.Current() ? run.Current()->id : "-";
    s += "|";
    for (size_t i = 0; i < run.Path().size(); ++i) s += (i ? "," : "") + run.Path()[i].choice;
    return s;
}

struct WalkCounts {
    int checks = 0;           // knowledge checks answered (each twice: wrong, then right)
    int quiz_questions = 0;   // questions drawn over all attempts
    int quiz_right = 0;       // of those, answered right
    int quiz_records = 0;     // quiz answers that should be recorded: one per settled change
    int scenario_choices = 0;
    int scenario_endings = 0;
    std::map<std::string, bool> quiz_answered_right;  // question id -> answered right (last attempt)
};

inline void ForEachBlock(const Blocks& blocks, const std::function<void(const Block&)>& fn) {
    for (const Block& b : blocks) {
        fn(b);
        ForEachBlock(b.children, fn);
    }
}

// Walks the whole course in `session`, the clock starting at `t` (advanced a second per step).
inline WalkCounts WalkEverything(Session& session, int64_t t) {
    WalkCounts n;
    const Course& c = session.GetCourse();
    for (int i = 0; i < static_cast<int>(c.reading_order.size()); ++i) {
        session.ShowPage(i, t += 1000);
        session.PageDrawn(t += 10);
        const Page& page = c.PageAt(i);
        ForEachBlock(page.blocks, [&](const Block& b) {
            if (b.kind == BlockKind::Question && b.question) {
                for (bool right : {false, true}) {
                    session.SetCheckResponse(*b.question, AnswerFor(*b.question, right));
                    session.SubmitCheck(*b.question, page.id, t += 1000);
                }
                ++n.checks;
            }
            if (b.kind == BlockKind::Scenario && b.scenario) {
                // Every first choice once, then on along each choice's first path to an ending.
                const ScenarioNode* start = b.scenario->Find(b.scenario->start);
                for (size_t first = 0; start && first < start->choices.size(); ++first) {
                    session.RestartScenario(*b.scenario);
                    session.ChooseInScenario(*b.scenario, start->choices[first].id, t += 1000);
                    ++n.scenario_choices;
                    for (int guard = 0; guard < 50; ++guard) {
                        const ScenarioRun* run = session.FindRun(b.scenario->id);
                        if (!run || run->IsEnded() || !run->Current() || run->Current()->choices.empty()) break;
                        session.ChooseInScenario(*b.scenario, run->Current()->choices[0].id, t += 1000);
                        ++n.scenario_choices;
                    }
                    const ScenarioRun* run = session.FindRun(b.scenario->id);
                    if (run && run->IsEnded()) ++n.scenario_endings;
                }
            }
        });
    }
    for (const auto& quiz : AllQuizzes(c)) {
        session.OpenQuiz(*quiz, t += 1000);
        if (!session.StartAttempt(*quiz, t += 1000)) continue;
        Attempt& a = *session.ActiveAttempt();
        for (size_t i = 0; i < a.questions.size(); ++i) {
            const Question* q = FindQuestion(*quiz, a.questions[i]);
            if (!q) continue;
            bool right = i % 2 == 0;
            // The learner changes their mind twice before the answer they leave: one attempt.
            for (bool first : {!right, right, !right, right}) {
                if (q->type == QuestionType::Text) session.DraftAnswer(q->id, AnswerFor(*q, first), t += 100);
                else session.AnswerQuestion(q->id, AnswerFor(*q, first), t += 1000);
            }
            session.SettleTyping(t += 1000);
            n.quiz_records += q->type == QuestionType::Text ? 1 : 4;  // typed: one settle
            ++n.quiz_questions;
            n.quiz_right += right;
            n.quiz_answered_right[q->id] = right;
            if (i + 1 < a.questions.size()) session.MoveInQuiz(1, t += 1000);
        }
        session.SubmitQuiz(t += 1000);
        session.LeaveQuiz(t += 1000);
    }
    return n;
}

}  // namespace lectern::test
