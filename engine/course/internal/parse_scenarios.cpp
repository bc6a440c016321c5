// Branching scenarios: an intro, steps (<node>) whose choices lead to other steps or to endings,
// and endings with their debrief. Whether every step can be reached and every path ends is the
// course's validation (validation.h); playing one is learning/scenario_run.cpp.
#include <cstring>

#include "course/internal/parser.h"
#include "course/internal/validation.h"
#include "course/internal/white_space.h"

namespace lectern {

using tinyxml2::XMLElement;

namespace {

const std::initializer_list<std::pair<const char*, Rating>> kRatings = {
    {"best", Rating::Best}, {"acceptable", Rating::Acceptable}, {"poor", Rating::Poor}};

}  // namespace

std::shared_ptr<Scenario> Parser::ParseScenario(const XmlFile& f, const XMLElement* e) {
    auto sc = std::make_shared<Scenario>();
    sc->loc = f.Loc(e);
    Attributes(f, e, {"id", "title"}, {"start"});
    Id(f, e, IdSpace::Item, &sc->id);
    sc->title = CollapseTrim(e->Attribute("title"));
    sc->start = Attr(e, "start");
    if (e->Attribute("start") && !IsValidId(sc->start))
        m_d.Error(f.AttrLoc(e, "start"), "bad-id", "start='" + sc->start + "' is not a node id");
    std::set<std::string> choice_ids;  // one id, one choice, in the whole scenario
    EachChild(f, e, [&](const XMLElement* c) {
        if (std::strcmp(c->Name(), "intro") == 0) {
            Attributes(f, c, {}, {});
            BlocksInto(f, c, sc->intro, kNoteBlocks);
        } else if (std::strcmp(c->Name(), "node") == 0) {
            ParseNode(f, c, *sc, choice_ids);
        } else if (std::strcmp(c->Name(), "ending") == 0) {
            ParseEnding(f, c, *sc);
        } else {
            Unknown(f, c, "scenario", "intro, node or ending");
        }
    });
    if (sc->start.empty()) {  // the first step, by default
        for (const auto& node : sc->nodes)
            if (!node.is_ending) {
                sc->start = node.id;
                break;
            }
    }
    ValidateScenario(*sc, m_d);
    return sc;
}

// A step: blocks, then the choices that lead on.
void Parser::ParseNode(const XmlFile& f, const XMLElement* c, Scenario& sc, std::set<std::string>& choice_ids) {
    Attributes(f, c, {"id"}, {});
    ScenarioNode& node = sc.nodes.emplace_back();
    node.id = PartId(f, c, "node");
    node.loc = f.Loc(c);
    BlocksInto(f, c, node.body, kNoteBlocks, {"choice"});
    for (const XMLElement* ch = c->FirstChildElement("choice"); ch; ch = ch->NextSiblingElement("choice")) {
        Attributes(f, ch, {"id", "goto", "rating"}, {});
        ScenarioChoice& choice = node.choices.emplace_back();
        choice.id = Attr(ch, "id");
        choice.go_to = Attr(ch, "goto");
        choice.loc = f.Loc(ch);
        if (ch->Attribute("id") && !IsValidId(choice.id))
            m_d.Error(f.AttrLoc(ch, "id"), "bad-id", "'" + choice.id + "' is not a valid choice id");
        // Choices are told apart by id in the learner's recorded path.
        else if (ch->Attribute("id") && !choice_ids.insert(choice.id).second)
            m_d.Error(f.AttrLoc(ch, "id"), "duplicate-choice-id",
                      "scenario '" + sc.id + "' has more than one choice with id '" + choice.id + "'");
        choice.rating = EnumAttr(f, ch, "rating", Rating::Acceptable, kRatings);
        choice.text = InlineOf(f, ch, {"reason"});
        for (const XMLElement* r = ch->FirstChildElement("reason"); r; r = r->NextSiblingElement("reason")) {
            Attributes(f, r, {}, {});
            choice.reason = InlineOf(f, r);
        }
        if (choice.text.empty()) m_d.Error(choice.loc, "missing-text", "scenario choice '" + choice.id + "' has no text");
    }
}

// An ending: its outcome, blocks, then the debrief.
void Parser::ParseEnding(const XmlFile& f, const XMLElement* c, Scenario& sc) {
    Attributes(f, c, {"id", "outcome"}, {});
    ScenarioNode& end = sc.nodes.emplace_back();
    end.is_ending = true;
    end.id = PartId(f, c, "ending");
    end.loc = f.Loc(c);
    end.outcome = EnumAttr(f, c, "outcome", Rating::Acceptable, kRatings);
    BlocksInto(f, c, end.body, kNoteBlocks, {"debrief"});
    for (const XMLElement* db = c->FirstChildElement("debrief"); db; db = db->NextSiblingElement("debrief")) {
        Attributes(f, db, {}, {});
        BlocksInto(f, db, end.debrief, kNoteBlocks);
    }
}

}  // namespace lectern
