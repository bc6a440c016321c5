#include "course/internal/grammar.h"

#include <unordered_map>

namespace lectern::grammar {

namespace {
constexpr const char* kInline = "em strong span term link cite";
constexpr const char* kBlocks = "heading p ul ol quote callout table image";
constexpr const char* kQuestionParts = "hint choice pair item accept pattern feedback rationale";
}  // namespace

const std::vector<Rule>& Rules() {
    static const std::vector<Rule> rules = {
        {"", "course",
         {{"title", 1, 1, false, false, "the course needs a <title>"},
          {"description", 0, 1},
          {"audience", 0, 1},
          {"include", 1, -1, false, false, "the course needs at least one <include src> module"},
          {"assessment", 0, 1},
          {"glossary references"}}},
        {"", "module", {{"summary", 0, 1}, {"facilitator"}, {"lesson", 1}, {"quiz", 0, 1}}},
        {"", "lesson", {{"objectives", 0, 1}, {"facilitator"}, {"page", 1}}},
        {"", "objectives", {{"objective", 1}}},
        {"", "quiz", {{"intro", 0, 1}, {"pool", 1}}},
        {"", "pool", {{"question", 1}}},
        {"", "question", {{kQuestionParts}, {"prompt", 1, 1}, {kQuestionParts}}},
        {"question", "choice", {{kInline}, {"feedback rationale", 0, 2, true}}},
        {"", "pair", {{"left right", 2, 2, true, true}}},
        {"", "scenario", {{"intro", 0, 1}, {"node ending", 2, -1, false, true, "a scenario needs a <node> and an <ending>"}}},
        {"", "node", {{kBlocks}, {"choice", 2, -1, false, false, "a scenario node needs at least two <choice> elements"}}},
        {"node", "choice", {{kInline}, {"reason", 1, 1, false, false, "a scenario choice needs a <reason>"}}},
        {"", "ending", {{kBlocks}, {"debrief", 0, 1}}},
        {"", "ul", {{"li", 1}}},
        {"", "ol", {{"li", 1}}},
        {"", "table", {{"tr", 2, -1, false, false, "a table needs a header row and at least one row of data"}}},
        {"", "glossary", {{"entry"}}},
        {"", "references", {{"group ref"}}},
        {"", "group", {{"ref"}}},
    };
    return rules;
}

bool NameIn(std::string_view name, const char* names) {
    std::string_view all(names);
    while (!all.empty()) {
        size_t space = all.find(' ');
        if (all.substr(0, space) == name) return true;
        if (space == std::string_view::npos) break;
        all.remove_prefix(space + 1);
    }
    return false;
}

const Rule* FindRule(std::string_view parent, std::string_view element) {
    // Asked for every element of every file: the rules for each element name, looked up once.
    static const std::unordered_map<std::string_view, std::vector<const Rule*>> by_element = [] {
        std::unordered_map<std::string_view, std::vector<const Rule*>> m;
        for (const Rule& r : Rules()) m[r.element].push_back(&r);
        return m;
    }();
    const auto it = by_element.find(element);
    if (it == by_element.end()) return nullptr;
    const Rule* any = nullptr;
    for (const Rule* r : it->second) {
        if (parent == r->parent) return r;
        if (!*r->parent) any = r;
    }
    // A rule for one parent only applies there: a question's <choice> is not a scenario's.
    for (const Rule* r : it->second)
        if (*r->parent) return nullptr;
    return any;
}

const std::vector<ValueRule>& ValueRules() {
    static const std::vector<ValueRule> rules = {
        {"course", "lang", ValueShape::LanguageTag},
        // A passage in another language than the course's (content/README.md, "Passages in
        // another language"): the block elements, list items, table cells and question prompts.
        {"heading", "lang", ValueShape::LanguageTag},
        {"p", "lang", ValueShape::LanguageTag},
        {"ul", "lang", ValueShape::LanguageTag},
        {"ol", "lang", ValueShape::LanguageTag},
        {"li", "lang", ValueShape::LanguageTag},
        {"quote", "lang", ValueShape::LanguageTag},
        {"callout", "lang", ValueShape::LanguageTag},
        {"table", "lang", ValueShape::LanguageTag},
        {"th", "lang", ValueShape::LanguageTag},
        {"td", "lang", ValueShape::LanguageTag},
        {"prompt", "lang", ValueShape::LanguageTag},
        // A phrase in another language inside running text.
        {"em", "lang", ValueShape::LanguageTag},
        {"strong", "lang", ValueShape::LanguageTag},
        {"span", "lang", ValueShape::LanguageTag},
        {"course", "version", ValueShape::NotBlank},
        {"module", "title", ValueShape::NotBlank},
        {"lesson", "title", ValueShape::NotBlank},
        {"page", "title", ValueShape::NotBlank},
        {"quiz", "title", ValueShape::NotBlank},
        {"scenario", "title", ValueShape::NotBlank},
        {"group", "title", ValueShape::NotBlank},
        {"quote", "source", ValueShape::NotBlank},
        {"rationale", "cite", ValueShape::NotBlank},
        {"entry", "term", ValueShape::NotBlank},
        {"ref", "url", ValueShape::NotBlank},
    };
    return rules;
}

const std::vector<const ValueRule*>& ValueRulesOf(std::string_view element) {
    // Asked for every element of every file: one look-up, not a pass over the list.
    static const std::unordered_map<std::string_view, std::vector<const ValueRule*>> by_element = [] {
        std::unordered_map<std::string_view, std::vector<const ValueRule*>> m;
        for (const ValueRule& v : ValueRules()) m[v.element].push_back(&v);
        return m;
    }();
    static const std::vector<const ValueRule*> none;
    const auto it = by_element.find(element);
    return it == by_element.end() ? none : it->second;
}

namespace {
bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }
}  // namespace

bool HasShape(std::string_view v, ValueShape shape) {
    if (shape == ValueShape::NotBlank) return v.find_first_not_of(" \t\r\n") != std::string_view::npos;
    // BCP 47 as the schema's pattern has it: 2-8 letters, then "-" and 1-8 letters or digits.
    size_t i = 0;
    while (i < v.size() && IsAlpha(v[i])) ++i;
    if (i < 2 || i > 8) return false;
    while (i < v.size()) {
        if (v[i++] != '-') return false;
        size_t start = i;
        while (i < v.size() && IsAlnum(v[i])) ++i;
        if (i - start < 1 || i - start > 8) return false;
    }
    return true;
}

}  // namespace lectern::grammar
