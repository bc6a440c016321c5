#include "learning/scenario_run.h"

#include <nlohmann/json.hpp>

namespace lectern {

namespace {

using nlohmann::json;

constexpr int kFormat = 1;

}  // namespace

// ---- ScenarioRun -------------------------------------------------------------------------------

ScenarioRun::ScenarioRun(const Scenario& scenario) : m_scenario(&scenario) { Restart(); }

const ScenarioNode* ScenarioRun::Current() const {
    return m_current.empty() ? nullptr : m_scenario->Find(m_current);
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
        const ScenarioNode* target = m_scenario->Find(choice.go_to);
        if (!target) return ChooseError::MissingTarget;
        m_path.push_back({node->id, choice.id});
        m_current = target->id;
        return ChooseError::None;
    }
    return ChooseError::UnknownChoice;
}

void ScenarioRun::Restart() {
    m_path.clear();
    const ScenarioNode* start = m_scenario->Start();
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

}  // namespace lectern
