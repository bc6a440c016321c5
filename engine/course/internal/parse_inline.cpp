// Running text: the text of a paragraph, list item, prompt, choice, ... with em, strong, span
// (a phrase in another language) and the three references (term, link, cite), as flat runs of
// one style each (model.h, Run).
#include <cstring>

#include "course/internal/grammar.h"
#include "course/internal/parser.h"
#include "course/internal/white_space.h"

namespace lectern {

using tinyxml2::XMLElement;
using tinyxml2::XMLNode;
using tinyxml2::XMLText;

std::string Parser::PlainTextOf(const XmlFile& f, const XMLElement* e) {
    std::string out;
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (const XMLText* t = n->ToText()) {
            AppendCollapsed(out, t->Value());
        } else if (const XMLElement* c = n->ToElement()) {
            m_d.Error(f.Loc(c), "markup-not-allowed",
                      std::string("<") + e->Name() + "> holds plain text only, not <" + c->Name() + ">");
        }
    }
    return Trim(out);
}

Inline Parser::InlineOf(const XmlFile& f, const XMLElement* e, Names stop) {
    Inline out;
    // A run per child node is the usual count (more inside em and strong): room for them at
    // once instead of growing the vector run by run.
    size_t children = 0;
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) ++children;
    out.reserve(children);
    InlineInto(f, e, out, false, false, true, stop);
    NormalizeRuns(out);
    return out;
}

Inline Parser::PassageOf(const XmlFile& f, const XMLElement* e) {
    Inline out = InlineOf(f, e);
    const std::string lang = LangOf(e);
    if (!lang.empty())
        for (Run& r : out) r.lang = lang;
    return out;
}

std::string Parser::LangOf(const XMLElement* e) {
    const char* lang = e->Attribute("lang");
    return lang && grammar::HasShape(lang, grammar::ValueShape::LanguageTag) ? lang : "";
}

// `links`: term, link and cite are allowed here (not inside one another). `span_lang`: the
// language the nearest inline element with lang gives (Run::span_lang).
void Parser::InlineInto(const XmlFile& f, const XMLElement* e, Inline& out, bool bold, bool italic, bool links,
                        Names stop, const std::string& span_lang) {
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (const XMLText* t = n->ToText()) {
            Run& r = out.emplace_back();
            AppendCollapsed(r.text, t->Value());
            r.bold = bold;
            r.italic = italic;
            r.span_lang = span_lang;
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c || IsOneOf(c->Name(), stop)) continue;  // comments; what the caller reads
        const std::string name = c->Name();
        if (name == "em" || name == "strong" || name == "span") {
            // span is only a language: without lang it would mean nothing, so it is required.
            if (name == "span") Attributes(f, c, {"lang"}, {});
            else Attributes(f, c, {}, {"lang"});
            const std::string lang = LangOf(c);
            InlineInto(f, c, out, bold || name == "strong", italic || name == "em", links, {},
                       lang.empty() ? span_lang : lang);
        } else if (links && (name == "term" || name == "link" || name == "cite")) {
            const char* attr = name == "link" ? "to" : "ref";
            if (!Attributes(f, c, {attr}, {})) continue;
            const size_t first = out.size();
            InlineInto(f, c, out, bold, italic, false, {}, span_lang);
            const InlineKind kind = name == "term" ? InlineKind::Term : name == "link" ? InlineKind::Link : InlineKind::Cite;
            const std::string ref = Attr(c, attr);
            for (size_t i = first; i < out.size(); ++i) {
                out[i].kind = kind;
                out[i].ref = ref;
            }
            const IdSpace space = name == "term" ? IdSpace::Term : name == "cite" ? IdSpace::Reference : IdSpace::Item;
            m_refs.push_back({space, ref, f.AttrLoc(c, attr)});
        } else {
            Unknown(f, c, e->Name(), links ? "inline text: em, strong, span, term, link, cite" : "text, em, strong or span");
        }
    }
}

}  // namespace lectern
