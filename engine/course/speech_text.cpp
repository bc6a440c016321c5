#include "course/speech_text.h"

namespace lectern {

namespace {

void Sentence(std::string& out, const std::string& text) {
    if (text.empty()) return;
    out += text;
    char last = text.back();
    out += (last == '.' || last == '?' || last == '!' || last == ':') ? "\n" : ".\n";
}

void SayBlocks(std::string& out, const lectern::Blocks& blocks) {
    for (const Block& b : blocks) {
        switch (b.kind) {
            case BlockKind::Heading:
            case BlockKind::Paragraph: Sentence(out, PlainText(b.text)); break;
            case BlockKind::BulletList:
            case BlockKind::NumberedList: {
                int n = 0;
                for (const auto& item : b.items)
                    Sentence(out, (b.kind == BlockKind::NumberedList ? std::to_string(++n) + ". " : std::string()) + PlainText(item));
                break;
            }
            case BlockKind::Quote:
                Sentence(out, "Quote: " + PlainText(b.text));
                if (!b.source.empty()) Sentence(out, "Source: " + b.source);
                break;
            case BlockKind::Callout:
                if (!b.title.empty()) Sentence(out, b.title);
                SayBlocks(out, b.children);
                break;
            case BlockKind::Table:
                if (!b.title.empty()) Sentence(out, "Table: " + b.title);
                for (size_t r = 1; r < b.rows.size(); ++r) {
                    std::string row;
                    for (size_t c = 0; c < b.rows[r].size(); ++c) {
                        // Each cell with its column's heading, as a screen reader would say it.
                        std::string head = c < b.rows[0].size() ? PlainText(b.rows[0][c]) : "";
                        row += (c ? "; " : "") + (head.empty() ? "" : head + ": ") + PlainText(b.rows[r][c]);
                    }
                    Sentence(out, row);
                }
                break;
            case BlockKind::Image:
                Sentence(out, "Image: " + (b.alt.empty() ? std::string("no description") : b.alt));
                if (!b.caption.empty()) Sentence(out, b.caption);
                break;
            case BlockKind::Question:
                if (b.question) out += SpeechText(*b.question);
                break;
            case BlockKind::Scenario:
                if (b.scenario) {
                    Sentence(out, "Scenario: " + b.scenario->title);
                    SayBlocks(out, b.scenario->intro);
                }
                break;
            case BlockKind::Facilitator: break;  // never read to learners
        }
    }
}

}  // namespace

std::string SpeechText(const Question& q) {
    std::string out;
    Sentence(out, "Question: " + PlainText(q.prompt));
    int n = 0;
    for (const auto& c : q.choices) Sentence(out, "Choice " + std::to_string(++n) + ": " + PlainText(c.text));
    if (q.type == QuestionType::TrueFalse) Sentence(out, "Choice 1: True. Choice 2: False");
    for (const auto& p : q.pairs) Sentence(out, "Match: " + PlainText(p.left));
    for (const auto& i : q.items) Sentence(out, "Item: " + PlainText(i.text));
    return out;
}

std::string SpeechText(const Page& page) {
    std::string out;
    Sentence(out, page.title);
    SayBlocks(out, page.blocks);
    return out;
}

}  // namespace lectern
