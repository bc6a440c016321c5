#include "core/lint.h"

#include <set>

#include "core/stats.h"

namespace lectern {

void ForEachInline(const Question& q, const std::function<void(const Inline&)>& visit) {
    visit(q.prompt);
    visit(q.hint);
    for (const auto& c : q.choices) {
        visit(c.text);
        visit(c.feedback);
        visit(c.rationale.text);
    }
    for (const auto& p : q.pairs) {
        visit(p.left);
        visit(p.right);
    }
    for (const auto& i : q.items) visit(i.text);
    visit(q.feedback_correct);
    visit(q.feedback_incorrect);
    visit(q.feedback_partial);
    visit(q.rationale.text);
}

void ForEachInline(const Blocks& blocks, bool with_notes, const std::function<void(const Inline&)>& visit) {
    for (const auto& b : blocks) {
        if (b.kind == BlockKind::Facilitator && !with_notes) continue;
        visit(b.text);
        for (const auto& item : b.items) visit(item);
        for (const auto& row : b.rows)
            for (const auto& cell : row) visit(cell);
        ForEachInline(b.children, with_notes, visit);
        if (b.question) ForEachInline(*b.question, visit);
        if (b.scenario) {
            ForEachInline(b.scenario->intro, with_notes, visit);
            for (const auto& node : b.scenario->nodes) {
                ForEachInline(node.body, with_notes, visit);
                ForEachInline(node.debrief, with_notes, visit);
                for (const auto& c : node.choices) {
                    visit(c.text);
                    visit(c.reason);
                }
            }
        }
    }
}

void ForEachInline(const Course& course, bool with_notes, const std::function<void(const Inline&)>& visit) {
    visit(course.description);
    visit(course.audience);
    for (const auto& m : course.modules) {
        visit(m.summary);
        if (with_notes) ForEachInline(m.facilitator, true, visit);
        for (const auto& l : m.lessons) {
            for (const auto& o : l.objectives) visit(o);
            if (with_notes) ForEachInline(l.facilitator, true, visit);
            for (const auto& p : l.pages) ForEachInline(p.blocks, with_notes, visit);
        }
    }
    for (const auto& quiz : AllQuizzes(course)) {
        visit(quiz->intro);
        for (const auto& pool : quiz->pools)
            for (const auto& q : pool.questions) ForEachInline(*q, visit);
    }
    for (const auto& g : course.glossary) visit(g.definition);
    for (const auto& r : course.references) visit(r.text);
}

Diagnostics LintCourse(const Course& course) {
    Diagnostics d;
    std::set<std::string> used_terms;
    ForEachInline(course, true, [&](const Inline& runs) {
        for (const auto& r : runs)
            if (r.kind == InlineKind::Term) used_terms.insert(r.ref);
    });
    for (const auto& m : course.modules) {
        for (const auto& l : m.lessons) {
            bool has_check = false;
            for (const auto& p : l.pages) {
                if (CountWords(p.blocks) == 0)
                    d.Warning(p.loc, "page-no-text", "page '" + p.id + "' has no text for the learner");
                for (const auto& b : p.blocks)
                    if (b.kind == BlockKind::Question) has_check = true;
            }
            if (m.role != ModuleRole::Core) continue;
            if (l.objectives.empty())
                d.Warning(l.loc, "lesson-no-objectives", "lesson '" + l.id + "' has no <objectives>");
            if (!has_check)
                d.Warning(l.loc, "lesson-no-check", "lesson '" + l.id + "' has no knowledge check (<question> in a page)");
        }
    }
    for (const auto& g : course.glossary)
        if (!used_terms.count(g.id))
            d.Warning(g.loc, "unused-term", "glossary entry '" + g.id + "' is never used by a <term ref>");
    return d;
}

}  // namespace lectern
