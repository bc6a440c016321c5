// Questions (single, multiple, truefalse, matching, ordering, text) and quizzes: what each type
// holds is read here; whether it can be answered is the course's validation (validation.h);
// how an answer is graded is learning/grading.cpp.
#include <cstring>
#include <set>

#include "course/internal/parser.h"
#include "course/internal/validation.h"
#include "course/internal/white_space.h"

namespace lectern {

using tinyxml2::XMLElement;

namespace {

bool IsNamed(const XMLElement* e, const char* name) { return std::strcmp(e->Name(), name) == 0; }

}  // namespace

std::shared_ptr<Question> Parser::ParseQuestion(const XmlFile& f, const XMLElement* e) {
    auto q = std::make_shared<Question>();
    q->loc = f.Loc(e);
    ParseQuestionAttributes(f, e, *q);
    QuestionParts parts;
    parts.type = Attr(e, "type");
    EachChild(f, e, [&](const XMLElement* c) { ParseQuestionPart(f, c, *q, parts); });
    ValidateQuestion(*q, m_d);
    return q;
}

// id, type, and what applies to some types only: scoring, answer (truefalse).
void Parser::ParseQuestionAttributes(const XmlFile& f, const XMLElement* e, Question& q) {
    Attributes(f, e, {"id", "type"}, {"scoring", "points", "answer"});
    Id(f, e, IdSpace::Item, &q.id);
    q.type = EnumAttr(f, e, "type", QuestionType::Single,
                      {{"single", QuestionType::Single}, {"multiple", QuestionType::Multiple},
                       {"truefalse", QuestionType::TrueFalse}, {"matching", QuestionType::Matching},
                       {"ordering", QuestionType::Ordering}, {"text", QuestionType::Text}});
    q.scoring = EnumAttr(f, e, "scoring", Scoring::AllOrNothing, {{"all", Scoring::AllOrNothing}, {"partial", Scoring::Partial}});
    q.points = IntAttr(f, e, "points", 1, 1, 1000);
    const QuestionType t = q.type;
    if (e->Attribute("scoring") && t != QuestionType::Multiple && t != QuestionType::Matching && t != QuestionType::Ordering)
        m_d.Error(f.AttrLoc(e, "scoring"), "not-applicable",
                  "'scoring' applies to multiple, matching and ordering questions, not " + Attr(e, "type"));
    if (t == QuestionType::TrueFalse) {
        if (!e->Attribute("answer"))
            m_d.Error(q.loc, "missing-attribute", "a truefalse question needs answer=\"true\" or answer=\"false\"");
        q.tf_answer = BoolAttr(f, e, "answer", false);
    } else if (e->Attribute("answer")) {
        m_d.Error(f.AttrLoc(e, "answer"), "not-applicable", "'answer' applies to truefalse questions only");
    }
}

// One child of a question. A part that belongs to other types of question is reported, not read.
void Parser::ParseQuestionPart(const XmlFile& f, const XMLElement* c, Question& q, QuestionParts& parts) {
    const std::string name = c->Name();
    const QuestionType t = q.type;
    auto applies = [&](bool ok, const char* types) {
        if (!ok)
            m_d.Error(f.Loc(c), "not-applicable",
                      "<" + name + "> belongs in " + types + " questions, not " + parts.type);
        return ok;
    };
    auto once = [&](int& count) {
        if (++count > 1) m_d.Error(f.Loc(c), "duplicate-element", "a question has at most one <" + name + ">");
    };
    if (name == "prompt") {
        Attributes(f, c, {}, {"lang"});
        q.prompt = PassageOf(f, c);
    } else if (name == "hint") {
        Attributes(f, c, {}, {});
        once(parts.hints);
        q.hint = InlineOf(f, c);
    } else if (name == "choice") {
        if (applies(t == QuestionType::Single || t == QuestionType::Multiple, "single and multiple")) ParseChoice(f, c, q);
    } else if (name == "pair") {
        if (applies(t == QuestionType::Matching, "matching")) ParsePair(f, c, q);
    } else if (name == "item") {
        if (applies(t == QuestionType::Ordering, "ordering")) ParseItem(f, c, q);
    } else if (name == "accept") {
        if (!applies(t == QuestionType::Text, "text")) return;
        Attributes(f, c, {}, {});
        q.accept.push_back(PlainTextOf(f, c));
        if (q.accept.back().empty()) m_d.Error(f.Loc(c), "missing-text", "<accept> is empty");
    } else if (name == "pattern") {
        if (!applies(t == QuestionType::Text, "text")) return;
        Attributes(f, c, {}, {});
        once(parts.patterns);
        // Taken literally, as the author wrote it (course/answer_pattern.h says how it is read).
        q.pattern = c->GetText() ? Trim(WithoutGapMarkers(c->GetText())) : "";
        q.pattern_loc = f.Loc(c);
    } else if (name == "feedback") {
        ParseFeedback(f, c, q, parts);
    } else if (name == "rationale") {
        Attributes(f, c, {}, {"cite"});
        once(parts.rationales);
        q.rationale.cite = CollapseTrim(c->Attribute("cite"));
        q.rationale.text = InlineOf(f, c);
    } else {
        Unknown(f, c, "question", "prompt, hint, choice, pair, item, accept, pattern, feedback, rationale");
    }
}

// What the learner reads after answering: when correct, incorrect or partly correct.
void Parser::ParseFeedback(const XmlFile& f, const XMLElement* c, Question& q, QuestionParts& parts) {
    Attributes(f, c, {"when"}, {});
    const std::string when = Attr(c, "when");
    Inline text = InlineOf(f, c);
    if (!parts.feedback_seen.insert(when).second)
        m_d.Error(f.Loc(c), "duplicate-element", "a question has one <feedback when=\"" + when + "\">");
    if (when == "correct") q.feedback_correct = std::move(text);
    else if (when == "incorrect") q.feedback_incorrect = std::move(text);
    else if (when == "partial") q.feedback_partial = std::move(text);
    else if (c->Attribute("when"))
        m_d.Error(f.AttrLoc(c, "when"), "bad-value", "'when' must be one of correct, incorrect, partial, not '" + when + "'");
}

// An item of an ordering question, listed in its right order.
void Parser::ParseItem(const XmlFile& f, const XMLElement* c, Question& q) {
    Attributes(f, c, {"id"}, {});
    OrderItem& it = q.items.emplace_back();
    it.id = PartId(f, c, "item");
    it.loc = c->Attribute("id") ? f.AttrLoc(c, "id") : f.Loc(c);
    it.text = InlineOf(f, c);
}

// A choice of a single or multiple question: its text, then its own feedback and rationale.
void Parser::ParseChoice(const XmlFile& f, const XMLElement* c, Question& q) {
    Attributes(f, c, {"id"}, {"correct"});
    Choice& ch = q.choices.emplace_back();
    ch.id = PartId(f, c, "choice");
    ch.loc = c->Attribute("id") ? f.AttrLoc(c, "id") : f.Loc(c);
    ch.correct = BoolAttr(f, c, "correct", false);
    ch.text = InlineOf(f, c, {"feedback", "rationale"});
    for (const XMLElement* s = c->FirstChildElement(); s; s = s->NextSiblingElement()) {
        if (IsNamed(s, "feedback")) {
            Attributes(f, s, {}, {});
            ch.feedback = InlineOf(f, s);
        } else if (IsNamed(s, "rationale")) {
            Attributes(f, s, {}, {"cite"});
            ch.rationale.cite = CollapseTrim(s->Attribute("cite"));
            ch.rationale.text = InlineOf(f, s);
        }
    }
    if (ch.text.empty()) m_d.Error(f.Loc(c), "missing-text", "choice '" + ch.id + "' has no text");
}

// A pair of a matching question: one <left> and one <right>.
void Parser::ParsePair(const XmlFile& f, const XMLElement* c, Question& q) {
    Attributes(f, c, {"id"}, {});
    MatchPair& p = q.pairs.emplace_back();
    p.id = PartId(f, c, "pair");
    p.loc = c->Attribute("id") ? f.AttrLoc(c, "id") : f.Loc(c);
    int lefts = 0, rights = 0;
    EachChild(f, c, [&](const XMLElement* s) {
        if (!IsNamed(s, "left") && !IsNamed(s, "right")) return Unknown(f, s, "pair", "left and right");
        Attributes(f, s, {}, {});
        const bool left = IsNamed(s, "left");
        ++(left ? lefts : rights);
        (left ? p.left : p.right) = InlineOf(f, s);
    });
    if (lefts != 1 || rights != 1 || p.left.empty() || p.right.empty())
        m_d.Error(f.Loc(c), "incomplete-matching", "pair '" + p.id + "' needs one <left> and one <right>, each with text");
}

std::shared_ptr<Quiz> Parser::ParseQuiz(const XmlFile& f, const XMLElement* e) {
    auto quiz = std::make_shared<Quiz>();
    quiz->loc = f.Loc(e);
    Attributes(f, e, {"id", "title"}, {"pass", "attempts", "shuffle-questions", "shuffle-choices", "navigation", "review"});
    Id(f, e, IdSpace::Item, &quiz->id);
    quiz->title = CollapseTrim(e->Attribute("title"));
    quiz->pass_percent = IntAttr(f, e, "pass", 80, 0, 100);
    quiz->max_attempts = IntAttr(f, e, "attempts", 0, 0, 1000);
    quiz->shuffle_questions = BoolAttr(f, e, "shuffle-questions", true);
    quiz->shuffle_choices = BoolAttr(f, e, "shuffle-choices", true);
    quiz->navigation = EnumAttr(f, e, "navigation", QuizNavigation::Free,
                                {{"free", QuizNavigation::Free}, {"linear", QuizNavigation::Linear}});
    quiz->review = EnumAttr(f, e, "review", ReviewDetail::Full,
                            {{"full", ReviewDetail::Full}, {"responses", ReviewDetail::Responses}, {"none", ReviewDetail::None}});
    EachChild(f, e, [&](const XMLElement* c) {
        if (IsNamed(c, "intro")) {
            Attributes(f, c, {}, {});
            quiz->intro = InlineOf(f, c);
        } else if (IsNamed(c, "pool")) {
            quiz->pools.push_back(ParsePool(f, c));
        } else {
            Unknown(f, c, "quiz", "intro or pool");
        }
    });
    ValidateQuiz(*quiz, m_d);
    return quiz;
}

// A pool of questions, of which the quiz draws `draw` (all of them by default).
Pool Parser::ParsePool(const XmlFile& f, const XMLElement* c) {
    Attributes(f, c, {}, {"title", "draw"});
    Pool pool;
    pool.title = CollapseTrim(c->Attribute("title"));
    pool.loc = c->Attribute("draw") ? f.AttrLoc(c, "draw") : f.Loc(c);
    EachChild(f, c, [&](const XMLElement* qe) {
        if (IsNamed(qe, "question")) pool.questions.push_back(ParseQuestion(f, qe));
        else Unknown(f, qe, "pool", "question");
    });
    pool.draw = IntAttr(f, c, "draw", static_cast<int>(pool.questions.size()), 0, 100000);
    return pool;
}

}  // namespace lectern
