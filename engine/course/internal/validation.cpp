#include "course/internal/validation.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string_view>

#include "course/answer_pattern.h"
#include "text/unicode.h"

namespace lectern {

namespace {

// Text with a visible ASCII character is not blank whatever folding does, which is most text:
// folding all of it (ComparisonKey) only to see whether anything is left is for the rest.
bool Blank(std::string_view text) {
    const bool visible_ascii = std::any_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 0x7F; });
    return !visible_ascii && unicode::ComparisonKey(text).empty();
}

bool InlineBlank(const Inline& runs) {
    return std::all_of(runs.begin(), runs.end(), [](const Run& r) { return Blank(r.text); });
}

template <typename T>
void CheckDuplicateIds(const Question& q, const std::vector<T>& things, const char* what, Diagnostics& d) {
    std::set<std::string> seen;
    std::set<std::string> reported;
    for (const auto& t : things) {
        // At the second one's id when the loader knows where it is.
        if (!seen.insert(t.id).second && reported.insert(t.id).second)
            d.Error(t.loc.line > 0 ? t.loc : q.loc, "duplicate-choice-id",
                    "question '" + q.id + "' has more than one " + what + " with id '" + t.id + "'");
    }
}

const SourceLoc& ChoiceLoc(const ScenarioChoice& choice, const ScenarioNode& node) {
    return choice.loc.line > 0 || !choice.loc.file.empty() ? choice.loc : node.loc;
}

}  // namespace

void ValidateQuestion(const Question& q, Diagnostics& d) {
    const std::string name = "question '" + q.id + "'";
    if (q.points < 1) d.Error(q.loc, "bad-points", name + ": points must be a positive whole number");
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Multiple: {
        if (q.choices.size() < 2) d.Error(q.loc, "too-few-choices", name + " needs at least two choices");
        CheckDuplicateIds(q, q.choices, "choice", d);
        const auto keys = std::count_if(q.choices.begin(), q.choices.end(), [](const Choice& c) { return c.correct; });
        if (keys == 0) d.Error(q.loc, "no-correct-choice", name + " has no choice marked correct=\"true\"");
        if (q.type == QuestionType::Single && keys > 1)
            d.Error(q.loc, "several-correct-choices",
                    name + " is single-choice but marks " + std::to_string(keys) +
                        " choices correct; use type=\"multiple\" or mark one");
        break;
    }
    case QuestionType::TrueFalse: break;
    case QuestionType::Matching: {
        if (q.pairs.size() < 2) d.Error(q.loc, "incomplete-matching", name + " needs at least two pairs");
        for (const auto& p : q.pairs) {
            if (InlineBlank(p.left) || InlineBlank(p.right))
                d.Error(q.loc, "incomplete-matching", name + ": pair '" + p.id + "' needs both a left and a right");
        }
        CheckDuplicateIds(q, q.pairs, "pair", d);
        break;
    }
    case QuestionType::Ordering:
        if (q.items.size() < 2) d.Error(q.loc, "ordering-too-short", name + " needs at least two items to order");
        CheckDuplicateIds(q, q.items, "item", d);
        break;
    case QuestionType::Text: {
        // An accept that is only white space can never match: typing nothing is "unanswered".
        const bool any_accept = std::any_of(q.accept.begin(), q.accept.end(),
                                            [](const std::string& a) { return !Blank(a); });
        if (!any_accept && q.pattern.empty())
            d.Error(q.loc, "no-accepted-answer", name + " has no <accept> and no <pattern>: nothing can be right");
        if (!q.pattern.empty()) {
            const std::string why = AnswerPatternError(q.pattern);
            if (!why.empty())
                d.Error(q.pattern_loc.line > 0 ? q.pattern_loc : q.loc, "bad-pattern",
                        name + ": the pattern '" + q.pattern + "' is not a valid regular expression (" + why + ")");
        }
        break;
    }
    }
}


void ValidateQuiz(const Quiz& quiz, Diagnostics& d) {
    const std::string name = "quiz '" + quiz.id + "'";
    if (quiz.pools.empty()) d.Error(quiz.loc, "empty-quiz", name + " has no pool of questions");
    for (size_t i = 0; i < quiz.pools.size(); ++i) {
        const Pool& pool = quiz.pools[i];
        const std::string pool_name =
            name + ", " + (pool.title.empty() ? "pool " + std::to_string(i + 1) : "pool '" + pool.title + "'");
        const size_t held = pool.questions.size();
        // At the pool (its draw attribute), not the quiz's first line, when the loader knows it.
        const SourceLoc& at = pool.loc.line > 0 ? pool.loc : quiz.loc;
        if (pool.draw < 1)
            d.Error(at, "bad-draw",
                    pool_name + ": draw must be at least 1 (it is " + std::to_string(pool.draw) + ")");
        else if (static_cast<size_t>(pool.draw) > held)
            d.Error(at, "pool-too-small",
                    pool_name + " draws " + std::to_string(pool.draw) + " questions but holds only " +
                        std::to_string(held));
    }
    if (quiz.pass_percent < 0 || quiz.pass_percent > 100)
        d.Error(quiz.loc, "bad-pass",
                name + ": pass must be between 0 and 100 (it is " + std::to_string(quiz.pass_percent) + ")");
    if (quiz.max_attempts < 0) d.Error(quiz.loc, "bad-attempts", name + ": attempts must be 0 (unlimited) or more");
}


void ValidateScenario(const Scenario& scenario, Diagnostics& d) {
    const std::string name = "scenario '" + scenario.id + "'";

    // The first node with each id; later ones are duplicates and take no part in the graph.
    std::map<std::string, const ScenarioNode*> by_id;
    for (const auto& node : scenario.nodes) {
        if (!by_id.emplace(node.id, &node).second)
            d.Error(node.loc, "duplicate-id", name + " has more than one node or ending with id '" + node.id + "'");
    }
    const auto find = [&](const std::string& id) -> const ScenarioNode* {
        const auto it = by_id.find(id);
        return it == by_id.end() ? nullptr : it->second;
    };

    const ScenarioNode* start = scenario.Start();
    if (!start) {
        d.Error(scenario.loc, "scenario-missing-start",
                scenario.start.empty() ? name + " has no node to start at"
                                       : name + ": start names '" + scenario.start + "', which is not a node in it");
    } else if (start->is_ending) {
        d.Error(scenario.loc, "scenario-missing-start",
                name + ": start names '" + start->id + "', an ending; it must name a node with choices");
    }

    for (const auto& [id, node] : by_id) {
        if (node->is_ending) continue;
        if (node->choices.empty())
            d.Error(node->loc, "scenario-no-choices", name + ": node '" + id + "' has no choices and is not an ending");
        for (const auto& choice : node->choices) {
            if (!find(choice.go_to))
                d.Error(ChoiceLoc(choice, *node), "scenario-missing-target",
                        name + ": choice '" + choice.id + "' of node '" + id + "' goes to '" + choice.go_to +
                            "', which is not a node or ending in it");
        }
    }

    // Forward from the start: what a learner can reach.
    if (start) {
        std::set<std::string> reached{start->id};
        std::deque<const ScenarioNode*> queue{start};
        while (!queue.empty()) {
            const ScenarioNode* node = queue.front();
            queue.pop_front();
            if (node->is_ending) continue;
            for (const auto& choice : node->choices) {
                const ScenarioNode* next = find(choice.go_to);
                if (next && reached.insert(next->id).second) queue.push_back(next);
            }
        }
        for (const auto& [id, node] : by_id) {
            if (!reached.count(id))
                d.Error(node->loc, "scenario-unreachable",
                        name + ": " + (node->is_ending ? "ending '" : "node '") + id +
                            "' cannot be reached from the start");
        }
    }

    // Backward from the endings: which nodes can still finish. Reported for every node, reachable
    // or not, so the author sees every problem in one pass.
    std::map<std::string, std::vector<const ScenarioNode*>> comes_from;
    for (const auto& [id, node] : by_id) {
        if (node->is_ending) continue;
        for (const auto& choice : node->choices)
            if (find(choice.go_to)) comes_from[choice.go_to].push_back(node);
    }
    std::set<std::string> can_finish;
    std::deque<std::string> queue;
    for (const auto& [id, node] : by_id) {
        if (node->is_ending) {
            can_finish.insert(id);
            queue.push_back(id);
        }
    }
    while (!queue.empty()) {
        const std::string id = queue.front();
        queue.pop_front();
        for (const ScenarioNode* from : comes_from[id])
            if (can_finish.insert(from->id).second) queue.push_back(from->id);
    }
    for (const auto& [id, node] : by_id) {
        if (!can_finish.count(id))
            d.Error(node->loc, "scenario-no-ending", name + ": no ending can be reached from node '" + id + "'");
    }

    // The debrief shows the recommended path; warn when it stops short of an ending.
    if (start && !start->is_ending) {
        const std::vector<PathStep> best = RecommendedPath(scenario);
        const ScenarioNode* last = start;
        if (!best.empty()) {
            const ScenarioNode* at = find(best.back().node);
            for (const auto& choice : at->choices) {
                if (choice.id == best.back().choice) {
                    last = find(choice.go_to);
                    break;
                }
            }
        }
        if (last && !last->is_ending)
            d.Warning(last->loc, "scenario-no-best-path",
                      name + ": the path of best choices stops at node '" + last->id + "' without reaching an ending");
    }
}

}  // namespace lectern
