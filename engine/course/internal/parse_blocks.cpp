// Blocks: what a page, a callout, a facilitator note or a scenario step is made of.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>

#include "course/internal/parser.h"
#include "course/internal/white_space.h"

namespace lectern {

using tinyxml2::XMLElement;

void Parser::BlocksInto(const XmlFile& f, const XMLElement* parent, Blocks& out, unsigned allowed, Names stop) {
    // A block per child element, most often: room for them at once (a Block is large to move).
    size_t children = out.size();
    for (const XMLElement* c = parent->FirstChildElement(); c; c = c->NextSiblingElement()) ++children;
    out.reserve(children);
    EachChild(f, parent, [&](const XMLElement* e) {
        if (IsOneOf(e->Name(), stop) || ParseBlock(f, e, out, allowed)) return;
        std::string expected = "p, ul, ol, quote";
        if (allowed & kRich) expected = "heading, " + expected + ", callout, table, image";
        if (allowed & kInteractive) expected += ", question, scenario";
        if (allowed & kFacilitatorBlock) expected += ", facilitator";
        Unknown(f, e, parent->Name(), expected.c_str());
    });
}

// False when `e` is no block of the kinds in `allowed` (the caller reports it).
bool Parser::ParseBlock(const XmlFile& f, const XMLElement* e, Blocks& out, unsigned allowed) {
    const std::string name = e->Name();
    Block b;
    b.loc = f.Loc(e);
    if ((allowed & kBasic) && name == "p") {
        Attributes(f, e, {}, {"lang"});
        b.kind = BlockKind::Paragraph;
        b.text = InlineOf(f, e);
    } else if ((allowed & kBasic) && (name == "ul" || name == "ol")) {
        ParseList(f, e, b);
    } else if ((allowed & kBasic) && name == "quote") {
        Attributes(f, e, {"source"}, {"lang"});
        b.kind = BlockKind::Quote;
        b.source = CollapseTrim(e->Attribute("source"));
        b.text = InlineOf(f, e);
    } else if ((allowed & kRich) && name == "heading") {
        Attributes(f, e, {}, {"level", "lang"});
        b.kind = BlockKind::Heading;
        b.level = IntAttr(f, e, "level", 2, 2, 3);
        b.text = InlineOf(f, e);
    } else if ((allowed & kRich) && name == "callout") {
        Attributes(f, e, {"kind"}, {"title", "lang"});
        b.kind = BlockKind::Callout;
        b.callout = EnumAttr(f, e, "kind", CalloutKind::Note,
                             {{"note", CalloutKind::Note}, {"important", CalloutKind::Important},
                              {"example", CalloutKind::Example}, {"legal", CalloutKind::Legal}});
        b.title = CollapseTrim(e->Attribute("title"));
        BlocksInto(f, e, b.children, kCalloutBlocks);
    } else if ((allowed & kRich) && name == "table") {
        ParseTable(f, e, b);
    } else if ((allowed & kRich) && name == "image") {
        ParseImage(f, e, b);
    } else if ((allowed & kInteractive) && name == "question") {
        b.kind = BlockKind::Question;
        b.question = ParseQuestion(f, e);
    } else if ((allowed & kInteractive) && name == "scenario") {
        b.kind = BlockKind::Scenario;
        b.scenario = ParseScenario(f, e);
    } else if ((allowed & kFacilitatorBlock) && name == "facilitator") {
        Attributes(f, e, {}, {});
        b.kind = BlockKind::Facilitator;
        BlocksInto(f, e, b.children, kNoteBlocks);
    } else {
        return false;
    }
    b.lang = LangOf(e);
    const bool has_text = b.kind == BlockKind::Paragraph || b.kind == BlockKind::Heading || b.kind == BlockKind::Quote;
    if (has_text && b.text.empty()) m_d.Warning(b.loc, "empty-block", "<" + name + "> has no text");
    out.push_back(std::move(b));
    return true;
}

void Parser::ParseList(const XmlFile& f, const XMLElement* e, Block& b) {
    Attributes(f, e, {}, {"lang"});
    b.kind = std::strcmp(e->Name(), "ul") == 0 ? BlockKind::BulletList : BlockKind::NumberedList;
    EachChild(f, e, [&](const XMLElement* li) {
        if (std::strcmp(li->Name(), "li") != 0) return Unknown(f, li, e->Name(), "li");
        Attributes(f, li, {}, {"lang"});
        b.items.push_back(PassageOf(f, li));
    });
}

// The first row holds <th> header cells, the others <td>, each row as many as the first.
void Parser::ParseTable(const XmlFile& f, const XMLElement* e, Block& b) {
    Attributes(f, e, {}, {"caption", "lang"});
    b.kind = BlockKind::Table;
    b.title = CollapseTrim(e->Attribute("caption"));
    EachChild(f, e, [&](const XMLElement* tr) {
        if (std::strcmp(tr->Name(), "tr") != 0) return Unknown(f, tr, "table", "tr");
        Attributes(f, tr, {}, {});
        const bool header = b.rows.empty();
        std::vector<Inline> row;
        EachChild(f, tr, [&](const XMLElement* cell) {
            const std::string name = cell->Name();
            if (name != "th" && name != "td") return Unknown(f, cell, "tr", "th or td");
            if (name != (header ? "th" : "td"))
                m_d.Error(f.Loc(cell), "table-shape",
                          header ? "the first row of a table holds <th> header cells"
                                 : "only the first row of a table holds <th>; later rows hold <td>");
            Attributes(f, cell, {}, {"lang"});
            row.push_back(PassageOf(f, cell));
        });
        if (!header && row.size() != b.rows.front().size())
            m_d.Error(f.Loc(tr), "table-shape",
                      "this row has " + std::to_string(row.size()) + " cells; the header row has " +
                          std::to_string(b.rows.front().size()));
        b.rows.push_back(std::move(row));
    });
}

// A PNG or JPEG in the course folder or its asset folder, by a path that stays inside them.
void Parser::ParseImage(const XmlFile& f, const XMLElement* e, Block& b) {
    Attributes(f, e, {"src", "alt"}, {"caption"});
    b.kind = BlockKind::Image;
    b.src = Attr(e, "src");
    b.alt = CollapseTrim(e->Attribute("alt"));
    b.caption = CollapseTrim(e->Attribute("caption"));
    if (e->FirstChild()) m_d.Error(f.Loc(e), "unknown-element", "<image> is empty: put the description in 'alt'");
    if (!e->Attribute("src")) return;
    std::string why;
    if (!CheckRelativePath(b.src, &why)) {
        m_d.Error(f.AttrLoc(e, "src"), "bad-path", why);
        return;
    }
    std::string ext = std::filesystem::path(b.src).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != ".png" && ext != ".jpg" && ext != ".jpeg") {
        m_d.Error(f.AttrLoc(e, "src"), "bad-path", "image '" + b.src + "' must be a PNG or JPEG file");
        return;
    }
    FileProblem problem;
    if (!m_files.FindImage(b.src, &b.resolved_path, &problem)) m_d.Error(f.AttrLoc(e, "src"), problem.code, problem.message);
    if (e->Attribute("alt") && b.alt.empty())
        m_d.Warning(f.AttrLoc(e, "alt"), "image-no-alt", "image '" + b.src + "' has empty alt text: fine only for a decorative image");
}

}  // namespace lectern
