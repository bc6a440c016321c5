// The glossary file (entries a <term> points at) and the references file (what a <cite> points
// at, in groups or not).
#include <cstring>

#include "course/internal/parser.h"
#include "course/internal/white_space.h"

namespace lectern {

using tinyxml2::XMLElement;

void Parser::ParseGlossary(const XmlFile& f, const XMLElement* e, std::vector<GlossaryEntry>& out) {
    Attributes(f, e, {}, {});
    EachChild(f, e, [&](const XMLElement* c) {
        if (std::strcmp(c->Name(), "entry") != 0) return Unknown(f, c, "glossary", "entry");
        GlossaryEntry g;
        g.loc = f.Loc(c);
        Attributes(f, c, {"id", "term"}, {});
        if (!Id(f, c, IdSpace::Term, &g.id)) return;
        g.term = CollapseTrim(c->Attribute("term"));
        g.definition = InlineOf(f, c);
        if (g.definition.empty()) m_d.Error(g.loc, "missing-text", "glossary entry '" + g.id + "' has no definition");
        out.push_back(std::move(g));
    });
}

void Parser::ParseReferences(const XmlFile& f, const XMLElement* e, std::vector<Reference>& out) {
    Attributes(f, e, {}, {});
    EachChild(f, e, [&](const XMLElement* c) {
        if (std::strcmp(c->Name(), "ref") == 0) return ParseReference(f, c, "", out);
        if (std::strcmp(c->Name(), "group") != 0) return Unknown(f, c, "references", "group or ref");
        Attributes(f, c, {"title"}, {});
        const std::string title = CollapseTrim(c->Attribute("title"));
        EachChild(f, c, [&](const XMLElement* r) {
            if (std::strcmp(r->Name(), "ref") != 0) Unknown(f, r, "group", "ref");
            else ParseReference(f, r, title, out);
        });
    });
}

void Parser::ParseReference(const XmlFile& f, const XMLElement* c, const std::string& group, std::vector<Reference>& out) {
    Reference r;
    r.loc = f.Loc(c);
    r.group = group;
    Attributes(f, c, {"id"}, {"url"});
    if (!Id(f, c, IdSpace::Reference, &r.id)) return;
    r.url = Attr(c, "url");
    r.text = InlineOf(f, c);
    if (r.text.empty()) m_d.Error(r.loc, "missing-text", "reference '" + r.id + "' has no text");
    out.push_back(std::move(r));
}

}  // namespace lectern
