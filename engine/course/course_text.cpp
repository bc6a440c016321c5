#include "course/course_text.h"

namespace lectern {

namespace {

using Visit = std::function<void(std::string_view)>;

void Text(const Inline& runs, const Visit& visit) {
    for (const Run& run : runs) visit(run.text);
}

void QuestionText(const Question& q, const Visit& visit) {
    Text(q.prompt, visit);
    Text(q.hint, visit);
    for (const Choice& c : q.choices) {
        Text(c.text, visit);
        Text(c.feedback, visit);
        Text(c.rationale.text, visit);
        visit(c.rationale.cite);
    }
    for (const MatchPair& p : q.pairs) {
        Text(p.left, visit);
        Text(p.right, visit);
    }
    for (const OrderItem& item : q.items) Text(item.text, visit);
    for (const std::string& a : q.accept) visit(a);
    Text(q.feedback_correct, visit);
    Text(q.feedback_incorrect, visit);
    Text(q.feedback_partial, visit);
    Text(q.rationale.text, visit);
    visit(q.rationale.cite);
}

void BlocksText(const Blocks& blocks, const Visit& visit);

void ScenarioText(const Scenario& s, const Visit& visit) {
    visit(s.title);
    BlocksText(s.intro, visit);
    for (const ScenarioNode& node : s.nodes) {
        BlocksText(node.body, visit);
        for (const ScenarioChoice& c : node.choices) {
            Text(c.text, visit);
            Text(c.reason, visit);
        }
        BlocksText(node.debrief, visit);
    }
}

void BlocksText(const Blocks& blocks, const Visit& visit) {
    for (const Block& b : blocks) {
        Text(b.text, visit);
        visit(b.source);
        for (const Inline& item : b.items) Text(item, visit);
        visit(b.title);
        BlocksText(b.children, visit);
        for (const auto& row : b.rows)
            for (const Inline& cell : row) Text(cell, visit);
        visit(b.alt);
        visit(b.caption);
        if (b.question) QuestionText(*b.question, visit);
        if (b.scenario) ScenarioText(*b.scenario, visit);
    }
}

void QuizText(const Quiz& quiz, const Visit& visit) {
    visit(quiz.title);
    Text(quiz.intro, visit);
    for (const Pool& pool : quiz.pools) {
        visit(pool.title);
        for (const auto& q : pool.questions)
            if (q) QuestionText(*q, visit);
    }
}

}  // namespace

void ForEachText(const Course& course, const std::function<void(std::string_view)>& visit) {
    visit(course.title);
    Text(course.description, visit);
    Text(course.audience, visit);
    for (const Module& m : course.modules) {
        visit(m.title);
        Text(m.summary, visit);
        BlocksText(m.facilitator, visit);
        for (const Lesson& l : m.lessons) {
            visit(l.title);
            for (const Inline& o : l.objectives) Text(o, visit);
            BlocksText(l.facilitator, visit);
            for (const Page& p : l.pages) {
                visit(p.title);
                BlocksText(p.blocks, visit);
            }
        }
        if (m.quiz) QuizText(*m.quiz, visit);
    }
    if (course.assessment) QuizText(*course.assessment, visit);
    for (const GlossaryEntry& g : course.glossary) {
        visit(g.term);
        Text(g.definition, visit);
    }
    for (const Reference& r : course.references) {
        visit(r.group);
        Text(r.text, visit);
    }
}

}  // namespace lectern
