#include "course/model.h"

#include <set>
#include <utility>

namespace lectern {

Run TextRun(std::string text, bool bold) {
    Run run;
    run.text = std::move(text);
    run.bold = bold;
    return run;
}

std::string PlainText(const Inline& runs) {
    std::string out;
    for (const auto& r : runs) out += r.text;
    return out;
}

std::string LanguageOf(const Inline& runs) {
    if (runs.empty()) return {};
    for (const Run& r : runs)
        if (r.lang != runs.front().lang) return {};
    return runs.front().lang;
}

const char* QuestionTypeName(QuestionType type) {
    switch (type) {
        case QuestionType::Single: return "single";
        case QuestionType::Multiple: return "multiple";
        case QuestionType::TrueFalse: return "truefalse";
        case QuestionType::Matching: return "matching";
        case QuestionType::Ordering: return "ordering";
        case QuestionType::Text: return "text";
    }
    return "unknown";
}

const ScenarioNode* Scenario::Find(const std::string& node_id) const {
    for (const auto& n : nodes)
        if (n.id == node_id) return &n;
    return nullptr;
}

const ScenarioNode* Scenario::Start() const {
    if (!start.empty()) return Find(start);
    for (const auto& node : nodes)
        if (!node.is_ending) return &node;
    return nullptr;
}

std::vector<PathStep> RecommendedPath(const Scenario& scenario) {
    std::vector<PathStep> path;
    std::set<std::string> visited;
    const ScenarioNode* node = scenario.Start();
    while (node && !node->is_ending && visited.insert(node->id).second) {
        const ScenarioChoice* best = nullptr;
        for (const auto& choice : node->choices) {
            if (choice.rating == Rating::Best) {
                best = &choice;
                break;
            }
        }
        if (!best) break;
        const ScenarioNode* next = scenario.Find(best->go_to);
        if (!next) break;
        path.push_back({node->id, best->id});
        node = next;
    }
    return path;
}

int Quiz::QuestionsPerAttempt() const {
    int n = 0;
    for (const auto& p : pools) n += p.draw;
    return n;
}

const GlossaryEntry* Course::FindTerm(const std::string& term_id) const {
    auto it = term_index.find(term_id);
    return it == term_index.end() ? nullptr : &glossary[static_cast<size_t>(it->second)];
}

const Reference* Course::FindReference(const std::string& ref_id) const {
    auto it = reference_index.find(ref_id);
    return it == reference_index.end() ? nullptr : &references[static_cast<size_t>(it->second)];
}

const Page& Course::PageAt(int reading_index) const {
    const PageRef& r = reading_order.at(static_cast<size_t>(reading_index));
    return modules[static_cast<size_t>(r.module)]
        .lessons[static_cast<size_t>(r.lesson)]
        .pages[static_cast<size_t>(r.page)];
}

int Course::LinkTarget(const std::string& target) const {
    auto page = page_index.find(target);
    if (page != page_index.end()) return page->second;
    auto first = link_targets.find(target);
    if (first == link_targets.end()) return -1;
    auto it = page_index.find(first->second);
    return it == page_index.end() ? -1 : it->second;
}

std::vector<std::shared_ptr<const Quiz>> AllQuizzes(const Course& course) {
    std::vector<std::shared_ptr<const Quiz>> out;
    for (const auto& m : course.modules)
        if (m.quiz) out.push_back(m.quiz);
    if (course.assessment) out.push_back(course.assessment);
    return out;
}

}  // namespace lectern
