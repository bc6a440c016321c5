// The course parser: turns each course file's tinyxml2 tree into the model, with an explicit list
// of what each element may hold, and every problem reported where it is written (file, line,
// column), all of them in one pass. course/loader.cpp drives it over course.xml and the files
// course.xml names. Its member functions live in files named for what they parse:
//   parse_common.cpp     attributes, ids, unknown elements, stray text, the grammar (grammar.h)
//   parse_inline.cpp     running text: em, strong, term, link, cite
//   parse_blocks.cpp     p, ul, ol, quote, heading, callout, table, image, facilitator
//   parse_questions.cpp  question (every type: single, multiple, truefalse, matching, ordering,
//                        text) and quiz
//   parse_scenarios.cpp  scenario
//   parse_modules.cpp    module, lesson, page
//   parse_glossary.cpp   the glossary and references files
// Each question, quiz and scenario is checked by the course's own validation (validation.h) as
// soon as it is built.
#pragma once

#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <tinyxml2.h>

#include "course/diagnostics.h"
#include "course/internal/file_source.h"
#include "course/internal/grammar.h"
#include "course/internal/xml_file.h"
#include "course/model.h"

namespace lectern {

// Ids are unique within each space across the whole course: modules, lessons, pages, questions,
// quizzes and scenarios share one; glossary entries and references have their own.
enum class IdSpace { Item, Term, Reference };

// A term, citation or link, checked against the ids once every file is read (loader.cpp).
struct IdRef {
    IdSpace space;
    std::string id;
    SourceLoc loc;  // its ref or to attribute
};

// Which blocks a container holds.
enum BlockSet : unsigned {
    kBasic = 1,        // p, ul, ol, quote
    kRich = 2,         // heading, callout, table, image
    kInteractive = 4,  // question, scenario
    kFacilitatorBlock = 8,
};
constexpr unsigned kPageBlocks = kBasic | kRich | kInteractive | kFacilitatorBlock;
constexpr unsigned kNoteBlocks = kBasic | kRich;
constexpr unsigned kCalloutBlocks = kBasic;

// Element names (children a caller reads itself).
using Names = std::initializer_list<const char*>;

class Parser {
public:
    Parser(FileSource& files, Diagnostics& diagnostics) : m_files(files), m_d(diagnostics) {}

    // ---- parse_common.cpp
    // The grammar (grammar.h): each element's children in order and number, attribute values
    // with a shape, and nothing after the root element. One walk over a file, before the model.
    void CheckGrammar(const XmlFile& f);
    // Reports unknown attributes and missing required ones; false when one is missing.
    bool Attributes(const XmlFile& f, const tinyxml2::XMLElement* e, Names required, Names optional);
    static std::string Attr(const tinyxml2::XMLElement* e, const char* name);
    // Reads an id and claims it in its space; false (reported) when it is bad or already used.
    bool Id(const XmlFile& f, const tinyxml2::XMLElement* e, IdSpace space, std::string* out);
    // The id of a part of a question or scenario (a choice, pair, item, node or ending): unique
    // within it, not claimed course-wide. A bad one is reported, naming `what`.
    std::string PartId(const XmlFile& f, const tinyxml2::XMLElement* e, const char* what);
    int IntAttr(const XmlFile& f, const tinyxml2::XMLElement* e, const char* name, int fallback, int lo, int hi);
    bool BoolAttr(const XmlFile& f, const tinyxml2::XMLElement* e, const char* name, bool fallback);
    template <typename T>
    T EnumAttr(const XmlFile& f, const tinyxml2::XMLElement* e, const char* name, T fallback,
               std::initializer_list<std::pair<const char*, T>> values);
    void Unknown(const XmlFile& f, const tinyxml2::XMLElement* e, const char* parent, const char* expected);
    // Text directly inside an element that holds elements only is an error (white space is not).
    void NoText(const XmlFile& f, const tinyxml2::XMLNode* n, const char* parent);
    // The walk over an element that holds elements only: `each` gets every child element in
    // order, text is reported (NoText) and comments are passed over. (A template, so it is here.)
    template <typename Each>
    void EachChild(const XmlFile& f, const tinyxml2::XMLElement* e, Each&& each) {
        for (const tinyxml2::XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
            if (n->ToText()) NoText(f, n, e->Name());
            else if (const tinyxml2::XMLElement* c = n->ToElement()) each(c);
        }
    }

    // ---- parse_inline.cpp
    // Text without markup (a <title>, an <accept>), white space collapsed.
    std::string PlainTextOf(const XmlFile& f, const tinyxml2::XMLElement* e);
    // Running text as runs of one style each; children named in `stop` are left to the caller.
    Inline InlineOf(const XmlFile& f, const tinyxml2::XMLElement* e, Names stop = {});
    // The same for a passage that may name its language (<li lang="ar">): every run carries it.
    Inline PassageOf(const XmlFile& f, const tinyxml2::XMLElement* e);
    // `e`'s lang attribute when it is a language tag, else "" (CheckGrammar reports a bad one).
    static std::string LangOf(const tinyxml2::XMLElement* e);

    // ---- parse_blocks.cpp
    // The children of `parent` as blocks of the kinds in `allowed`.
    void BlocksInto(const XmlFile& f, const tinyxml2::XMLElement* parent, Blocks& out, unsigned allowed,
                    Names stop = {});

    // ---- parse_questions.cpp, parse_scenarios.cpp, parse_modules.cpp, parse_glossary.cpp
    std::shared_ptr<Question> ParseQuestion(const XmlFile& f, const tinyxml2::XMLElement* e);
    std::shared_ptr<Quiz> ParseQuiz(const XmlFile& f, const tinyxml2::XMLElement* e);
    std::shared_ptr<Scenario> ParseScenario(const XmlFile& f, const tinyxml2::XMLElement* e);
    Module ParseModule(const XmlFile& f, const tinyxml2::XMLElement* e);
    void ParseGlossary(const XmlFile& f, const tinyxml2::XMLElement* e, std::vector<GlossaryEntry>& out);
    void ParseReferences(const XmlFile& f, const tinyxml2::XMLElement* e, std::vector<Reference>& out);

    // What was found, for the checks once every file is read.
    const std::vector<IdRef>& Refs() const { return m_refs; }
    bool HasId(IdSpace space, const std::string& id) const { return m_ids[static_cast<int>(space)].count(id) > 0; }

private:
    void CheckChildren(const XmlFile& f, const tinyxml2::XMLElement* e, const grammar::Rule& rule);
    void InlineInto(const XmlFile& f, const tinyxml2::XMLElement* e, Inline& out, bool bold, bool italic,
                    bool links, Names stop, const std::string& span_lang = {});
    bool ParseBlock(const XmlFile& f, const tinyxml2::XMLElement* e, Blocks& out, unsigned allowed);
    void ParseList(const XmlFile& f, const tinyxml2::XMLElement* e, Block& b);
    void ParseTable(const XmlFile& f, const tinyxml2::XMLElement* e, Block& b);
    void ParseImage(const XmlFile& f, const tinyxml2::XMLElement* e, Block& b);
    struct QuestionParts {
        std::string type;  // as written, for messages
        int hints = 0, patterns = 0, rationales = 0;  // what a question may hold once, counted
        std::set<std::string> feedback_seen;
    };
    void ParseQuestionAttributes(const XmlFile& f, const tinyxml2::XMLElement* e, Question& q);
    void ParseQuestionPart(const XmlFile& f, const tinyxml2::XMLElement* e, Question& q, QuestionParts& parts);
    void ParseFeedback(const XmlFile& f, const tinyxml2::XMLElement* e, Question& q, QuestionParts& parts);
    void ParseItem(const XmlFile& f, const tinyxml2::XMLElement* e, Question& q);
    void ParseChoice(const XmlFile& f, const tinyxml2::XMLElement* e, Question& q);
    void ParsePair(const XmlFile& f, const tinyxml2::XMLElement* e, Question& q);
    Pool ParsePool(const XmlFile& f, const tinyxml2::XMLElement* e);
    void ParseNode(const XmlFile& f, const tinyxml2::XMLElement* e, Scenario& sc, std::set<std::string>& choice_ids);
    void ParseEnding(const XmlFile& f, const tinyxml2::XMLElement* e, Scenario& sc);
    void ParseLesson(const XmlFile& f, const tinyxml2::XMLElement* e, Module& m);
    void ParseReference(const XmlFile& f, const tinyxml2::XMLElement* e, const std::string& group,
                        std::vector<Reference>& out);

    FileSource& m_files;  // for images
    Diagnostics& m_d;
    std::unordered_map<std::string, SourceLoc> m_ids[3];  // by IdSpace: each id's first use
    std::vector<IdRef> m_refs;                            // in the order they are read
};

template <typename T>
T Parser::EnumAttr(const XmlFile& f, const tinyxml2::XMLElement* e, const char* name, T fallback,
                   std::initializer_list<std::pair<const char*, T>> values) {
    const char* v = e->Attribute(name);
    if (!v) return fallback;
    for (const auto& [text, value] : values)
        if (std::string(v) == text) return value;
    std::string allowed;
    for (const auto& [text, value] : values) allowed += std::string(allowed.empty() ? "" : ", ") + text;
    m_d.Error(f.AttrLoc(e, name), "bad-value", std::string("'") + name + "' must be one of " + allowed + ", not '" + v + "'");
    return fallback;
}

// The name of an element is one of `names`.
bool IsOneOf(const char* name, Names names);
// A letter, then letters, digits, '-', '_' or '.'; at most 64.
bool IsValidId(const std::string& id);

}  // namespace lectern
