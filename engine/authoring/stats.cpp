#include "authoring/stats.h"

#include <functional>

#include "authoring/scripts.h"

namespace lectern {

int CountWords(const std::string& text) { return CountWordsInScripts(text); }

namespace {

int Words(const Inline& runs) { return CountWords(PlainText(runs)); }

}  // namespace

int CountWords(const Blocks& blocks) {
    int n = 0;
    for (const auto& b : blocks) {
        switch (b.kind) {
            case BlockKind::Heading:
            case BlockKind::Paragraph: n += Words(b.text); break;
            case BlockKind::Quote: n += Words(b.text) + CountWords(b.source); break;
            case BlockKind::BulletList:
            case BlockKind::NumberedList:
                for (const auto& item : b.items) n += Words(item);
                break;
            case BlockKind::Callout: n += CountWords(b.title) + CountWords(b.children); break;
            case BlockKind::Table:
                n += CountWords(b.title);
                for (const auto& row : b.rows)
                    for (const auto& cell : row) n += Words(cell);
                break;
            case BlockKind::Image: n += CountWords(b.caption); break;
            case BlockKind::Question: break;  // counted as question time, not reading

            case BlockKind::Scenario:
                if (b.scenario) {
                    // A learner reads one path: count the intro and the nodes on the longest
                    // recommended path would be exact; the average node is close enough.
                    int node_words = 0, nodes = 0;
                    for (const auto& node : b.scenario->nodes) {
                        node_words += CountWords(node.body);
                        for (const auto& c : node.choices) node_words += Words(c.text);
                        ++nodes;
                    }
                    n += CountWords(b.scenario->intro) + (nodes ? node_words * 4 / nodes : 0);
                }
                break;
            case BlockKind::Facilitator: break;
        }
    }
    return n;
}

CourseStats ComputeStats(const Course& course) {
    CourseStats s;
    s.modules = static_cast<int>(course.modules.size());
    s.glossary_terms = static_cast<int>(course.glossary.size());
    s.references = static_cast<int>(course.references.size());
    std::function<void(const Blocks&)> scan = [&](const Blocks& blocks) {
        for (const auto& b : blocks) {
            if (b.kind == BlockKind::Image) ++s.images;
            if (b.kind == BlockKind::Question && b.question) {
                ++s.knowledge_checks;
                ++s.questions_by_type[QuestionTypeName(b.question->type)];
            }
            if (b.kind == BlockKind::Scenario && b.scenario) {
                ++s.scenarios;
                s.scenario_nodes += static_cast<int>(b.scenario->nodes.size());
                for (const auto& node : b.scenario->nodes) scan(node.body);
            }
            if (b.kind == BlockKind::Callout) scan(b.children);
        }
    };
    for (const auto& m : course.modules) {
        s.lessons += static_cast<int>(m.lessons.size());
        int module_words = 0;
        for (const auto& l : m.lessons) {
            s.pages += static_cast<int>(l.pages.size());
            for (const auto& p : l.pages) {
                module_words += CountWords(p.title) + CountWords(p.blocks);
                scan(p.blocks);
            }
        }
        s.words += module_words;
        s.module_words.push_back({m.id, module_words});
    }
    for (const auto& quiz : AllQuizzes(course)) {
        ++s.quizzes;
        for (const auto& pool : quiz->pools) {
            s.quiz_questions += static_cast<int>(pool.questions.size());
            s.quiz_questions_drawn += pool.draw;
            for (const auto& q : pool.questions) ++s.questions_by_type[QuestionTypeName(q->type)];
        }
    }
    s.questions = s.knowledge_checks + s.quiz_questions;
    s.scripts = ScriptsUsed(course);
    s.reading_minutes = s.words / kWordsPerMinute;
    s.question_minutes = (s.knowledge_checks + s.quiz_questions_drawn) * kMinutesPerQuestion +
                         s.scenarios * kMinutesPerScenario;
    s.estimated_minutes = s.reading_minutes + s.question_minutes;
    return s;
}

}  // namespace lectern
