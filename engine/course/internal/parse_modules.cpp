// A module file: the module, its lessons, their pages, and the module's quiz.
#include <cstring>

#include "course/internal/parser.h"
#include "course/internal/white_space.h"

namespace lectern {

using tinyxml2::XMLElement;

Module Parser::ParseModule(const XmlFile& f, const XMLElement* e) {
    Module m;
    m.loc = f.Loc(e);
    Attributes(f, e, {"id", "title"}, {"role"});
    Id(f, e, IdSpace::Item, &m.id);
    m.title = CollapseTrim(e->Attribute("title"));
    m.role = EnumAttr(f, e, "role", ModuleRole::Core,
                      {{"core", ModuleRole::Core}, {"intro", ModuleRole::Intro}, {"appendix", ModuleRole::Appendix}});
    EachChild(f, e, [&](const XMLElement* c) {
        const std::string name = c->Name();
        if (name == "summary") {
            Attributes(f, c, {}, {});
            m.summary = InlineOf(f, c);
        } else if (name == "facilitator") {
            Attributes(f, c, {}, {});
            BlocksInto(f, c, m.facilitator, kNoteBlocks);
        } else if (name == "lesson") {
            ParseLesson(f, c, m);
        } else if (name == "quiz") {
            m.quiz = ParseQuiz(f, c);
        } else {
            Unknown(f, c, "module", "summary, facilitator, lesson or quiz");
        }
    });
    return m;
}

void Parser::ParseLesson(const XmlFile& f, const XMLElement* e, Module& m) {
    Lesson& lesson = m.lessons.emplace_back();
    lesson.loc = f.Loc(e);
    Attributes(f, e, {"id", "title"}, {});
    Id(f, e, IdSpace::Item, &lesson.id);
    lesson.title = CollapseTrim(e->Attribute("title"));
    EachChild(f, e, [&](const XMLElement* c) {
        const std::string name = c->Name();
        if (name == "objectives") {
            Attributes(f, c, {}, {});
            EachChild(f, c, [&](const XMLElement* o) {
                if (std::strcmp(o->Name(), "objective") != 0) return Unknown(f, o, "objectives", "objective");
                Attributes(f, o, {}, {});
                lesson.objectives.push_back(InlineOf(f, o));
            });
        } else if (name == "facilitator") {
            Attributes(f, c, {}, {});
            BlocksInto(f, c, lesson.facilitator, kNoteBlocks);
        } else if (name == "page") {
            Page& page = lesson.pages.emplace_back();
            page.loc = f.Loc(c);
            Attributes(f, c, {"id", "title"}, {});
            Id(f, c, IdSpace::Item, &page.id);
            page.title = CollapseTrim(c->Attribute("title"));
            BlocksInto(f, c, page.blocks, kPageBlocks);
        } else {
            Unknown(f, c, "lesson", "objectives, facilitator or page");
        }
    });
}

}  // namespace lectern
