// What every element's parse uses: its attributes, its id, unknown children and stray text; and
// the grammar check every file gets before its model is built.
#include <algorithm>
#include <cstring>

#include "course/internal/grammar.h"
#include "course/internal/parser.h"
#include "course/internal/white_space.h"

namespace lectern {

using tinyxml2::XMLElement;
using tinyxml2::XMLNode;
using tinyxml2::XMLText;

namespace {

constexpr size_t kMaxIdLength = 64;

// "<a> or <b>" from the names "a b".
std::string NamesText(std::string_view names, const char* joiner) {
    std::string out;
    for (size_t start = 0; start <= names.size();) {
        size_t space = names.find(' ', start);
        if (space == std::string_view::npos) space = names.size();
        out += (out.empty() ? "<" : joiner + std::string("<")) + std::string(names.substr(start, space - start)) + ">";
        start = space + 1;
    }
    return out;
}

}  // namespace

bool IsValidId(const std::string& id) {
    auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    auto id_char = [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'; };
    return !id.empty() && id.size() <= kMaxIdLength && letter(id[0]) && std::all_of(id.begin(), id.end(), id_char);
}

bool IsOneOf(const char* name, Names names) {
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return std::strcmp(n, name) == 0; });
}

void Parser::CheckGrammar(const XmlFile& f) {
    const XMLElement* root = f.doc.RootElement();
    if (!root) return;
    for (const XMLNode* n = root->NextSibling(); n; n = n->NextSibling()) {
        const XMLText* t = n->ToText();
        if (n->ToElement() || (t && !IsBlank(t->Value()))) {
            m_d.Error(n->ToElement() ? f.Loc(n->ToElement()) : SourceLoc{f.display, n->GetLineNum(), 0}, "xml-syntax",
                      std::string("nothing may follow the root element <") + root->Name() + "> (a file holds one)");
            break;
        }
    }
    std::vector<const XMLElement*> todo{root};
    while (!todo.empty()) {
        const XMLElement* e = todo.back();
        todo.pop_back();
        const XMLElement* up = e->Parent() ? e->Parent()->ToElement() : nullptr;
        if (const grammar::Rule* rule = grammar::FindRule(up ? up->Name() : "", e->Name())) CheckChildren(f, e, *rule);
        for (const grammar::ValueRule* rule_of_value : grammar::ValueRulesOf(e->Name())) {
            const grammar::ValueRule& v = *rule_of_value;
            const char* value = e->Attribute(v.attribute);
            if (!value || grammar::HasShape(value, v.shape)) continue;
            if (v.shape == grammar::ValueShape::LanguageTag)
                m_d.Error(f.AttrLoc(e, v.attribute), "bad-value",
                          std::string("'") + value + "' is not a language tag such as en, en-GB or pt-BR (letters, then parts after '-')");
            else
                m_d.Error(f.AttrLoc(e, v.attribute), "bad-value",
                          std::string("<") + e->Name() + "> " + v.attribute + " is blank: write some text");
        }
        for (const XMLElement* c = e->LastChildElement(); c; c = c->PreviousSiblingElement()) todo.push_back(c);
    }
}

// The children of `e` against its rule's slots, in order. Children in no slot are left to the
// parse, which reports them as unknown where it reads them.
void Parser::CheckChildren(const XmlFile& f, const XMLElement* e, const grammar::Rule& rule) {
    const auto& slots = rule.slots;
    std::vector<int> counts(slots.size(), 0);
    std::vector<std::pair<size_t, std::string_view>> seen;  // (slot, name) of each child in a slot
    auto seen_in = [&](size_t k, std::string_view name) {
        return std::find(seen.begin(), seen.end(), std::make_pair(k, name)) != seen.end();
    };
    // Worded only for a message: most elements have none.
    auto parent = [&] { return std::string("<") + e->Name() + ">"; };
    auto too_few = [&](size_t k) {
        const grammar::Slot& s = slots[k];
        bool missing = counts[k] < s.min;
        if (s.each_required)
            for (std::string_view all = s.names; !all.empty();) {
                const size_t space = all.find(' ');
                if (!seen_in(k, all.substr(0, space))) missing = true;
                all = space == std::string_view::npos ? std::string_view() : all.substr(space + 1);
            }
        if (!missing) return;
        const std::string names = NamesText(s.names, " or ");
        m_d.Error(f.Loc(e), "missing-element",
                  s.too_few ? std::string(s.too_few)
                  : s.min == 1 && s.max == 1 ? parent() + " needs a " + names
                  : s.min == 1 ? parent() + " needs at least one " + names
                               : parent() + " needs at least " + std::to_string(s.min) + " of " + names);
    };
    size_t at = 0;
    const char* previous = nullptr;
    for (const XMLElement* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
        const char* name = c->Name();
        size_t k = at;
        while (k < slots.size() && !grammar::NameIn(name, slots[k].names)) ++k;
        if (k == slots.size()) {
            // In an earlier slot (out of order, or one too many), or in none.
            for (size_t j = 0; j < at; ++j) {
                if (!grammar::NameIn(name, slots[j].names)) continue;
                if (slots[j].max >= 0 && counts[j] >= slots[j].max)
                    m_d.Error(f.Loc(c), "duplicate-element", parent() + " has at most " +
                              (slots[j].max == 1 ? std::string("one") : std::to_string(slots[j].max)) + " <" + name + ">");
                else
                    m_d.Error(f.Loc(c), "element-order",
                              std::string("<") + name + "> cannot come after <" + previous + "> in " + parent());
                break;
            }
            continue;
        }
        for (; at < k; ++at) too_few(at);
        const grammar::Slot& s = slots[k];
        const bool twice = s.each_once && seen_in(k, name);
        if (twice || (s.max >= 0 && counts[k] >= s.max))
            m_d.Error(f.Loc(c), "duplicate-element",
                      parent() + " has at most " + (twice || s.max == 1 ? std::string("one") : std::to_string(s.max)) + " <" + name + ">");
        ++counts[k];
        if (s.each_once || s.each_required) seen.emplace_back(k, name);
        previous = name;
    }
    for (; at < slots.size(); ++at) too_few(at);
}

bool Parser::Attributes(const XmlFile& f, const XMLElement* e, Names required, Names optional) {
    for (const tinyxml2::XMLAttribute* a = e->FirstAttribute(); a; a = a->Next()) {
        if (IsOneOf(a->Name(), required) || IsOneOf(a->Name(), optional)) continue;
        std::string allowed;
        for (auto n : required) allowed += std::string(allowed.empty() ? "" : ", ") + n;
        for (auto n : optional) allowed += std::string(allowed.empty() ? "" : ", ") + n;
        m_d.Error(f.AttrLoc(e, a->Name()), "unknown-attribute",
                  std::string("<") + e->Name() + "> has no attribute '" + a->Name() + "'" +
                      (allowed.empty() ? std::string(" (it takes none)") : " (allowed: " + allowed + ")"));
    }
    bool ok = true;
    for (auto n : required) {
        if (e->Attribute(n)) continue;
        m_d.Error(f.Loc(e), "missing-attribute", std::string("<") + e->Name() + "> needs the attribute '" + n + "'");
        ok = false;
    }
    return ok;
}

std::string Parser::Attr(const XMLElement* e, const char* name) {
    const char* v = e->Attribute(name);
    return v ? v : "";
}

bool Parser::Id(const XmlFile& f, const XMLElement* e, IdSpace space, std::string* out) {
    if (!e->Attribute("id")) return false;  // reported by Attributes()
    *out = Attr(e, "id");
    SourceLoc loc = f.AttrLoc(e, "id");
    if (!IsValidId(*out)) {
        m_d.Error(loc, "bad-id", "'" + *out + "' is not a valid id (a letter, then letters, digits, '-', '_' or '.'; at most 64)");
        return false;
    }
    // try_emplace takes `loc` only when the id is new, so it is still there for the message.
    const auto [first, added] = m_ids[static_cast<int>(space)].try_emplace(*out, std::move(loc));
    if (added) return true;
    const char* what = space == IdSpace::Item ? "id" : space == IdSpace::Term ? "glossary id" : "reference id";
    const SourceLoc& at = first->second;
    m_d.Error(loc, "duplicate-id", std::string(what) + " '" + *out + "' is already used at " + at.file + ":" +
                                       std::to_string(at.line) + ":" + std::to_string(at.col));
    return false;
}

std::string Parser::PartId(const XmlFile& f, const XMLElement* e, const char* what) {
    std::string id = Attr(e, "id");
    if (e->Attribute("id") && !IsValidId(id))
        m_d.Error(f.AttrLoc(e, "id"), "bad-id", "'" + id + "' is not a valid " + what + " id");
    return id;
}

int Parser::IntAttr(const XmlFile& f, const XMLElement* e, const char* name, int fallback, int lo, int hi) {
    const char* v = e->Attribute(name);
    if (!v) return fallback;
    const std::string s = Trim(v);
    const bool digits = !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    const int n = digits ? std::stoi(s) : -1;
    if (digits && n >= lo && n <= hi) return n;
    m_d.Error(f.AttrLoc(e, name), "bad-value",
              std::string("'") + name + "' must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                  ", not '" + v + "'");
    return fallback;
}

bool Parser::BoolAttr(const XmlFile& f, const XMLElement* e, const char* name, bool fallback) {
    const char* v = e->Attribute(name);
    if (!v) return fallback;
    if (std::strcmp(v, "true") == 0) return true;
    if (std::strcmp(v, "false") == 0) return false;
    m_d.Error(f.AttrLoc(e, name), "bad-value", std::string("'") + name + "' must be true or false, not '" + v + "'");
    return fallback;
}

void Parser::Unknown(const XmlFile& f, const XMLElement* e, const char* parent, const char* expected) {
    m_d.Error(f.Loc(e), "unknown-element",
              std::string("<") + e->Name() + "> is not allowed in <" + parent + ">" +
                  (expected && *expected ? std::string("; expected ") + expected : std::string()));
}

void Parser::NoText(const XmlFile& f, const XMLNode* n, const char* parent) {
    const XMLText* t = n->ToText();
    if (!t || IsBlank(t->Value())) return;  // the white space between elements
    const std::string text = Trim(CollapseSpace(t->Value()));
    if (text.empty()) return;
    // tinyxml2 gives the line of the text's first character that is not white space.
    m_d.Error({f.display, n->GetLineNum(), 0}, "text-outside-block",
              std::string("text directly inside <") + parent + "> must be inside an element such as <p>: '" +
                  text.substr(0, 40) + "'");
}

}  // namespace lectern
