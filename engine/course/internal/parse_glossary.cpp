// The glossary file (entries a <term> points at) and the references file (what a <cite> points
// at, in groups or not).
#include <cstring>

#include "course/internal/parser.h"
#include "course/internal/white_space.h"

namespace lectern {

using tinyxml2::XMLElement;
using tinyxml2::XMLNode;

void Parser::ParseGlossary(const XmlFile& f, const XMLElement* e, std::vector<GlossaryEntry>& out) {
    Attributes(f, e, {}, {});
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "glossary");
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;
        if (std::strcmp(c->Name(), "entry") != 0) {
            Unknown(f, c, "glossary", "entry");
            continue;
        }
        GlossaryEntry g;
        g.loc = f.Loc(c);
        Attributes(f, c, {"id", "term"}, {});
        if (!Id(f, c, IdSpace::Term, &g.id)) continue;
        g.term = CollapseTrim(c->Attribute("term"));
        g.definition = InlineOf(f, c);
        if (g.definition.empty()) m_d.Error(g.loc, "missing-text", "glossary entry '" + g.id + "' has no definition");
        out.push_back(std::move(g));
    }
}

void Parser::ParseReferences(const XmlFile& f, const XMLElement* e, std::vector<Reference>& out) {
    Attributes(f, e, {}, {});
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "references");
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;
        if (std::strcmp(c->Name(), "ref") == 0) {
            ParseReference(f, c, "", out);
            continue;
        }
        if (std::strcmp(c->Name(), "group") != 0) {
            Unknown(f, c, "references", "group or ref");
            continue;
        }
        Attributes(f, c, {"title"}, {});
        const std::string title = CollapseTrim(c->Attribute("title"));
        for (const XMLNode* gn = c->FirstChild(); gn; gn = gn->NextSibling()) {
            if (gn->ToText()) {
                NoText(f, gn, "group");
                continue;
            }
            const XMLElement* r = gn->ToElement();
            if (!r) continue;
            if (std::strcmp(r->Name(), "ref") != 0) Unknown(f, r, "group", "ref");
            else ParseReference(f, r, title, out);
        }
    }
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
