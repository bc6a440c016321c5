#include "core/scenario_run.h"

#include <deque>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace lectern {

namespace {

using nlohmann::json;

constexpr int kFormat = 1;

const SourceLoc& ChoiceLoc(const ScenarioChoice& choice, const ScenarioNode& node) {
    return choice.loc.line > 0 || !choice.loc.file.empty() ? choice.loc : node.loc;
}

}  // namespace

const ScenarioNode* FindNode(const Scenario& scenario, const std::string& node_id) {
    // First match: with duplicate ids (an error ValidateScenario reports) the first one wins.
    for (const auto& node : scenario.nodes)
        if (node.id == node_id) return &node;
    return nullptr;
}

const ScenarioNode* StartNode(const Scenario& scenario) {
    if (!scenario.start.empty()) return FindNode(scenario, scenario.start);
    for (const auto& node : scenario.nodes)
        if (!node.is_ending) return &node;
    return nullptr;
}

// ---- ScenarioRun -------------------------------------------------------------------------------

ScenarioRun::ScenarioRun(const Scenario& scenario) : m_scenario(&scenario) { Restart(); }

const ScenarioNode* ScenarioRun::Current() const {
    return m_current.empty() ? nullptr : FindNode(*m_scenario, m_current);
}

bool ScenarioRun::IsEnded() const {
    const ScenarioNode* node = Current();
    return node && node->is_ending;
}

bool ScenarioRun::CanChoose() const {
    const ScenarioNode* node = Current();
    return node && !node->is_ending && !node->choices.empty();
}

ChooseError ScenarioRun::Choose(const std::string& choice_id) {
    const ScenarioNode* node = Current();
    if (!node || node->is_ending) return ChooseError::Ended;
    for (const auto& choice : node->choices) {
        if (choice.id != choice_id) continue;
        const ScenarioNode* target = FindNode(*m_scenario, choice.go_to);
        if (!target) return ChooseError::MissingTarget;
        m_path.push_back({node->id, choice.id});
        m_current = target->id;
        return ChooseError::None;
    }
    return ChooseError::UnknownChoice;
}

void ScenarioRun::Restart() {
    m_path.clear();
    const ScenarioNode* start = StartNode(*m_scenario);
    m_current = start ? start->id : std::string();
}

ChooseError ScenarioRun::Replay(const std::vector<std::string>& choice_ids) {
    Restart();
    for (const auto& id : choice_ids) {
        const ChooseError error = Choose(id);
        if (error != ChooseError::None) return error;
    }
    return ChooseError::None;
}

std::vector<PathStep> RecommendedPath(const Scenario& scenario) {
    std::vector<PathStep> path;
    std::set<std::string> visited;
    const ScenarioNode* node = StartNode(scenario);
    while (node && !node->is_ending && visited.insert(node->id).second) {
        const ScenarioChoice* best = nullptr;
        for (const auto& choice : node->choices) {
            if (choice.rating == Rating::Best) {
                best = &choice;
                break;
            }
        }
        if (!best) break;
        const ScenarioNode* next = FindNode(scenario, best->go_to);
        if (!next) break;
        path.push_back({node->id, best->id});
        node = next;
    }
    return path;
}

// ---- JSON --------------------------------------------------------------------------------------

std::string ScenarioRunToJson(const ScenarioRun& run) {
    json path = json::array();
    for (const auto& step : run.Path()) path.push_back({{"node", step.node}, {"choice", step.choice}});
    const json j = {{"format", kFormat}, {"scenario", run.Story().id}, {"path", std::move(path)}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

Parsed<ScenarioRun> Fail(ParseError error, std::string message) {
    Parsed<ScenarioRun> p;
    p.error = error;
    p.message = "saved scenario run: " + std::move(message);
    return p;
}

Parsed<ScenarioRun> ParseRun(const std::string& text, const Scenario& scenario) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Fail(ParseError::Malformed, "not a JSON object");
    const auto format = j.find("format");
    if (format == j.end() || !format->is_number_integer() || format->get<int64_t>() != kFormat)
        return Fail(ParseError::Malformed, "not a format this Lectern reads");
    const auto id = j.find("scenario");
    if (id == j.end() || !id->is_string()) return Fail(ParseError::Malformed, "no scenario id");
    if (id->get<std::string>() != scenario.id)
        return Fail(ParseError::WrongId,
                    "it belongs to scenario '" + id->get<std::string>() + "', not '" + scenario.id + "'");
    const auto path = j.find("path");
    if (path == j.end() || !path->is_array()) return Fail(ParseError::Malformed, "no path");

    ScenarioRun run(scenario);
    for (const auto& step : *path) {
        if (!step.is_object() || !step.contains("node") || !step.contains("choice") || !step["node"].is_string() ||
            !step["choice"].is_string())
            return Fail(ParseError::Malformed, "bad path step");
        const std::string node = step["node"].get<std::string>();
        const std::string choice = step["choice"].get<std::string>();
        // The node is saved as well as the choice so that a reshaped scenario is noticed even
        // when its choice ids happen to line up.
        const ScenarioNode* current = run.Current();
        if (!current || current->id != node || run.Choose(choice) != ChooseError::None)
            return Fail(ParseError::CourseChanged,
                        "choice '" + choice + "' at node '" + node + "' no longer fits scenario '" + scenario.id + "'");
    }
    Parsed<ScenarioRun> p;
    p.value = std::move(run);
    return p;
}

}  // namespace

Parsed<ScenarioRun> ScenarioRunFromJson(const std::string& text, const Scenario& scenario) {
    try {
        return ParseRun(text, scenario);
    } catch (const std::exception& e) {
        return Fail(ParseError::Malformed, e.what());
    }
}

// ---- validation --------------------------------------------------------------------------------

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

    const ScenarioNode* start = StartNode(scenario);
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
