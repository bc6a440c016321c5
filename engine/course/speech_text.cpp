#include "course/speech_text.h"

#include <utility>

namespace lectern {

namespace {

// Sentences in order, each in the language of the passage it comes from.
class Speech {
public:
    explicit Speech(std::string lang) : m_lang{std::move(lang)} {}

    // A sentence as phrases, each in a language ("" for the passage's): a phrase marked with an
    // inline lang (Run::span_lang) goes to a segment of its own language, mid-sentence.
    using Phrases = std::vector<std::pair<std::string, std::string>>;
    static void Add(Phrases& out, const std::string& text, const std::string& lang = {}) {
        if (text.empty()) return;
        if (!out.empty() && out.back().second == lang) out.back().first += text;
        else out.push_back({text, lang});
    }
    static void Add(Phrases& out, const Inline& runs, const std::string& lang = {}) {
        for (const Run& r : runs) Add(out, r.text, r.span_lang.empty() ? lang : r.span_lang);
    }
    static Phrases Of(const std::string& prefix, const Inline& runs, const std::string& lang = {}) {
        Phrases out;
        Add(out, prefix, lang);
        Add(out, runs, lang);
        return out;
    }

    void Sentence(const std::string& text, const std::string& lang = {}) { Sentence(Phrases{{text, lang}}); }
    void Sentence(const Phrases& phrases) {
        std::string* last = nullptr;
        for (const auto& [text, lang] : phrases) {
            if (text.empty()) continue;
            const std::string& in = lang.empty() ? m_lang : lang;
            if (m_out.empty() || m_out.back().lang != in) m_out.push_back({in, {}});
            m_out.back().text += text;
            last = &m_out.back().text;
        }
        if (!last) return;
        const char end = last->back();
        *last += (end == '.' || end == '?' || end == '!' || end == ':') ? "\n" : ".\n";
    }

    // A passage in its own language: what is said inside takes it (when `lang` is not empty).
    struct Scope {
        Scope(Speech& s, const std::string& lang) : m_s{s}, m_outer{s.m_lang} {
            if (!lang.empty()) s.m_lang = lang;
        }
        ~Scope() { m_s.m_lang = m_outer; }
        Speech& m_s;
        std::string m_outer;
    };

    void Blocks(const lectern::Blocks& blocks);
    void Question(const lectern::Question& q);
    std::vector<SpeechSegment> Take() { return std::move(m_out); }

private:
    std::string m_lang;
    std::vector<SpeechSegment> m_out;
};

void Speech::Blocks(const lectern::Blocks& blocks) {
    for (const Block& b : blocks) {
        const Scope block(*this, b.lang);
        switch (b.kind) {
            case BlockKind::Heading:
            case BlockKind::Paragraph: Sentence(Of("", b.text)); break;
            case BlockKind::BulletList:
            case BlockKind::NumberedList: {
                int n = 0;
                for (const auto& item : b.items)
                    Sentence(Of(b.kind == BlockKind::NumberedList ? std::to_string(++n) + ". " : std::string(), item,
                                LanguageOf(item)));
                break;
            }
            case BlockKind::Quote:
                Sentence(Of("Quote: ", b.text));
                if (!b.source.empty()) Sentence("Source: " + b.source);
                break;
            case BlockKind::Callout:
                if (!b.title.empty()) Sentence(b.title);
                Blocks(b.children);
                break;
            case BlockKind::Table:
                if (!b.title.empty()) Sentence("Table: " + b.title);
                for (size_t r = 1; r < b.rows.size(); ++r) {
                    // A row is one sentence: in its cells' language when they all have the same.
                    std::string lang;
                    for (size_t c = 0; c < b.rows[r].size(); ++c) {
                        const std::string cell = LanguageOf(b.rows[r][c]);
                        lang = c == 0 || cell == lang ? cell : "";
                    }
                    Phrases row;
                    for (size_t c = 0; c < b.rows[r].size(); ++c) {
                        // Each cell with its column's heading, as a screen reader would say it.
                        std::string head = c < b.rows[0].size() ? PlainText(b.rows[0][c]) : "";
                        Add(row, (c ? "; " : "") + (head.empty() ? "" : head + ": "), lang);
                        Add(row, b.rows[r][c], lang);
                    }
                    Sentence(row);
                }
                break;
            case BlockKind::Image:
                Sentence("Image: " + (b.alt.empty() ? std::string("no description") : b.alt));
                if (!b.caption.empty()) Sentence(b.caption);
                break;
            case BlockKind::Question:
                if (b.question) Question(*b.question);
                break;
            case BlockKind::Scenario:
                if (b.scenario) {
                    Sentence("Scenario: " + b.scenario->title);
                    Blocks(b.scenario->intro);
                }
                break;
            case BlockKind::Facilitator: break;  // never read to learners
        }
    }
}

void Speech::Question(const lectern::Question& q) {
    Sentence(Of("Question: ", q.prompt, LanguageOf(q.prompt)));
    int n = 0;
    for (const auto& c : q.choices) Sentence(Of("Choice " + std::to_string(++n) + ": ", c.text));
    if (q.type == QuestionType::TrueFalse) Sentence("Choice 1: True. Choice 2: False");
    for (const auto& p : q.pairs) Sentence(Of("Match: ", p.left));
    for (const auto& i : q.items) Sentence(Of("Item: ", i.text));
}

std::string Joined(const std::vector<SpeechSegment>& segments) {
    std::string out;
    for (const SpeechSegment& s : segments) out += s.text;
    return out;
}

}  // namespace

std::vector<SpeechSegment> SpeechSegments(const Page& page, const std::string& course_lang) {
    Speech speech(course_lang);
    speech.Sentence(page.title);
    speech.Blocks(page.blocks);
    return speech.Take();
}

std::string SpeechText(const Question& q) {
    Speech speech("");
    speech.Question(q);
    return Joined(speech.Take());
}

std::string SpeechText(const Page& page) { return Joined(SpeechSegments(page, "")); }

}  // namespace lectern
