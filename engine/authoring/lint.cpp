#include "authoring/lint.h"

#include <fstream>
#include <iterator>
#include <set>

#include "authoring/stats.h"

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

namespace {

uint32_t BigEndian32(const std::string& b, size_t at) {
    return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) | (uint32_t(uint8_t(b[at + 2])) << 8) |
           uint32_t(uint8_t(b[at + 3]));
}

// What is wrong with the image file's structure (empty: nothing found). The player would show
// its text description instead; the author should hear of it first. Checks the container, not
// every pixel: a PNG's chunks up to IEND, a JPEG's start and end markers.
std::string ImageFileProblem(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "cannot be read";
    std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    static const char kPng[] = "\x89PNG\r\n\x1a\n";
    if (b.size() >= 8 && b.compare(0, 8, kPng, 8) == 0) {
        if (b.size() < 33 || b.compare(12, 4, "IHDR") != 0 || BigEndian32(b, 8) != 13)
            return "is not a valid PNG (no image header)";
        if (BigEndian32(b, 16) == 0 || BigEndian32(b, 20) == 0) return "is a PNG of no pixels";
        bool data = false;
        for (size_t at = 8; at + 12 <= b.size();) {
            uint32_t length = BigEndian32(b, at);
            if (length > b.size() - at - 12) return "is a truncated PNG (a chunk runs past the end of the file)";
            std::string type = b.substr(at + 4, 4);
            if (type == "IDAT") data = true;
            if (type == "IEND") return data ? "" : "is a PNG with no image data";
            at += 12 + length;
        }
        return "is a truncated PNG (it ends before its IEND chunk)";
    }
    if (b.size() >= 3 && uint8_t(b[0]) == 0xFF && uint8_t(b[1]) == 0xD8 && uint8_t(b[2]) == 0xFF) {
        // The end-of-image marker, allowing for padding some cameras write after it.
        size_t from = b.size() > 4096 ? b.size() - 4096 : 2;
        for (size_t i = b.size() - 1; i > from; --i)
            if (uint8_t(b[i - 1]) == 0xFF && uint8_t(b[i]) == 0xD9) return "";
        return "is a truncated JPEG (no end-of-image marker)";
    }
    return "is neither a PNG nor a JPEG";
}

void ForEachImage(const Blocks& blocks, const std::function<void(const Block&)>& visit) {
    for (const auto& b : blocks) {
        if (b.kind == BlockKind::Image) visit(b);
        ForEachImage(b.children, visit);
        if (b.scenario) {
            ForEachImage(b.scenario->intro, visit);
            for (const auto& node : b.scenario->nodes) {
                ForEachImage(node.body, visit);
                ForEachImage(node.debrief, visit);
            }
        }
    }
}

}  // namespace

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
    std::set<std::string> checked;
    auto check_image = [&](const Block& b) {
        if (b.resolved_path.empty() || !checked.insert(b.resolved_path).second) return;
        std::string problem = ImageFileProblem(b.resolved_path);
        if (!problem.empty()) d.Error(b.loc, "image-corrupt", "image '" + b.src + "' " + problem);
    };
    for (const auto& m : course.modules) {
        ForEachImage(m.facilitator, check_image);
        for (const auto& l : m.lessons) {
            ForEachImage(l.facilitator, check_image);
            for (const auto& p : l.pages) ForEachImage(p.blocks, check_image);
        }
    }
    for (const auto& g : course.glossary)
        if (!used_terms.count(g.id))
            d.Warning(g.loc, "unused-term", "glossary entry '" + g.id + "' is never used by a <term ref>");
    return d;
}

}  // namespace lectern
