#include "authoring/html_export.h"
#include "course/ui_catalog.h"
#include "os/files.h"

#include <tinyxml2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <system_error>

namespace lectern {

namespace {

namespace fs = std::filesystem;

// ---- the stylesheet ----------------------------------------------------------------------------
// One file for screen and print. Colours were chosen for at least 4.5:1 contrast on their
// backgrounds; fonts are local families only (nothing is fetched). Closed <details> cannot be
// opened by CSS when printing, so print hides them and shows the module's answer key instead.
const char* kStylesheet = R"css(/* Lectern HTML edition: screen and print styles. No web fonts, no external resources. */
:root { color-scheme: light; }
html { font-size: 100%; }
body {
  margin: 0;
  background: #ffffff;
  color: #1a1a1a;
  font-family: "DejaVu Sans", "Segoe UI", system-ui, Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.6;
}
.skip-link {
  position: absolute; inset-inline-start: 0.5rem; top: -20rem; z-index: 10;
  background: #1a1a1a; color: #ffffff; padding: 0.5rem 1rem; font-weight: bold;
}
/* Stays white on near-black when focused (beats the general focus colours below). */
.skip-link:focus, .skip-link:focus-visible { top: 0.5rem; background: #1a1a1a; color: #ffffff; }
header, nav.site, main, footer { max-width: 70ch; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1rem; }
header .course-name { margin: 0; font-size: 1.05rem; font-weight: bold; }
header .edition { margin: 0.25rem 0 0; display: inline-block; padding: 0.1rem 0.5rem;
  border: 2px solid #6b4b00; color: #4d3600; background: #fff6d9; font-weight: bold; }
nav.site { border-bottom: 1px solid #8a8a8a; padding-bottom: 0.5rem; }
nav ul { list-style: none; margin: 0.5rem 0; padding: 0; }
nav.site li, nav.letters li { display: inline-block; margin: 0.15rem 1.1rem 0.15rem 0; }
nav.letters a { display: inline-block; min-width: 1.5em; text-align: center; }
nav.module-contents, nav.pager { margin: 1.5rem 0; }
nav.module-contents ul ul { margin: 0.1rem 0 0.4rem 1.25rem; }
nav.pager li { margin: 0.3rem 0; }
a { color: #0b4f8a; text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: #5a2d82; }
a:hover { text-decoration-thickness: 2px; }
a.term { text-decoration-style: dotted; text-decoration-thickness: 2px; }
a[aria-current="page"] { font-weight: bold; color: #1a1a1a; text-decoration: none; }
:focus-visible { outline: 3px solid #b33c00; outline-offset: 2px; }
a:focus-visible, summary:focus-visible { background: #fff3b0; color: #1a1a1a; }
#_main:focus { outline: none; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2.1rem; margin-top: 1.2rem; }
h2 { font-size: 1.65rem; border-top: 3px solid #d0d0d0; padding-top: 1.25rem; margin-top: 3rem; }
h3 { font-size: 1.35rem; }
h4 { font-size: 1.15rem; }
h5, h6 { font-size: 1.05rem; }
p, ul, ol, dl { margin: 0.75em 0; }
li { margin: 0.25em 0; }
.meta, .summary { color: #444444; }
.summary { font-size: 1.15rem; }
.label { font-weight: bold; }
figure { margin: 1.5rem 0; }
figure.image img { display: block; max-width: 100%; height: auto; border: 1px solid #b0b0b0; }
figcaption { font-size: 0.95rem; color: #444444; margin-top: 0.4rem; }
figure.quote blockquote { margin: 0; padding-block: 0.25rem; padding-inline: 1rem 0; border-inline-start: 4px solid #767676; }
figure.quote figcaption { padding-inline-start: 1.25rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
/* Reflow (WCAG 1.4.10): at 320 CSS px the page never scrolls sideways. A table wider than the
   column scrolls in its own box; a word longer than a line wraps. */
.table-scroll { overflow-x: auto; margin: 1rem 0; }
.table-scroll > table { margin: 0; }
body { overflow-wrap: break-word; }
caption { text-align: start; font-weight: bold; padding-bottom: 0.4rem; }
th, td { border: 1px solid #8a8a8a; padding: 0.4rem 0.6rem; text-align: start; vertical-align: top; }
th { background: #eceff2; }
.callout { border-inline-start: 6px solid #0b4f8a; background: #eef4fa; padding: 0.5rem 1rem; margin: 1.5rem 0; }
.callout-important { border-color: #a33a00; background: #fdf1e8; }
.callout-example { border-color: #2e6b30; background: #eef6ee; }
.callout-legal { border-color: #5a2d82; background: #f4eff9; }
.callout-title { margin-top: 0.25rem; }
.facilitator { border: 4px double #6b4b00; background: #fff6d9; padding: 0.5rem 1rem; margin: 1.5rem 0; }
.facilitator-label { margin-top: 0.25rem; text-transform: uppercase; letter-spacing: 0.05em; color: #4d3600; }
.objectives-box { border: 1px solid #8a8a8a; padding: 0.25rem 1rem; margin: 1rem 0; }
.question { border: 1px solid #767676; border-radius: 6px; padding: 0.5rem 1rem; margin: 1.75rem 0; }
.question-label { margin: 0.25rem 0; font-size: 0.9rem; font-weight: bold; color: #444444;
  text-transform: uppercase; letter-spacing: 0.04em; }
.prompt { font-weight: bold; }
.instruction { font-style: italic; }
ol.choices, ul.choices-tf { list-style: none; padding-inline-start: 1.25rem; }
ul.order-items { list-style-type: square; }
details { margin: 0.75rem 0; }
summary { cursor: pointer; font-weight: bold; color: #0b4f8a; padding: 0.2rem 0; }
details[open] > summary { margin-bottom: 0.4rem; }
details.answer, details.ratings { border-inline-start: 4px solid #2e6b30; background: #f1f7f1; padding: 0.2rem 0.8rem; }
details.hint { border-inline-start: 4px solid #767676; padding: 0.2rem 0.8rem; }
.source { color: #444444; }
.scenario { border: 2px solid #5a2d82; border-radius: 6px; padding: 0.25rem 1rem 0.75rem; margin: 2rem 0; }
.scenario > :first-child { margin-top: 0.75rem; }
.scenario-node, .scenario-ending { border-top: 1px dashed #767676; margin-top: 1.25rem; }
.debrief { border-inline-start: 4px solid #5a2d82; padding-inline-start: 0.8rem; }
.quiz-note { border: 1px solid #8a8a8a; padding: 0.5rem 1rem; }
dl.glossary dt { font-weight: bold; margin-top: 1.25rem; }
dl.glossary dd { margin: 0.25rem 0 0 0; }
dfn { font-style: normal; }
ul.references li { margin: 0.75rem 0; }
.url { overflow-wrap: anywhere; }
footer { border-top: 1px solid #8a8a8a; margin-top: 3rem; padding-bottom: 2rem; color: #444444; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.print-only, .answer-key { display: none; }

@media print {
  @page { margin: 2cm; }
  body { font-family: "DejaVu Serif", Georgia, "Liberation Serif", "Times New Roman", serif;
    font-size: 11pt; line-height: 1.45; color: #000000; background: #ffffff; }
  header, main, footer { max-width: none; padding: 0; }
  nav, .skip-link, details { display: none !important; }
  .print-only { display: block; }
  .answer-key { display: block; break-before: page; }
  header { border-bottom: 1pt solid #000000; padding-bottom: 0.2cm; }
  header .edition { border: 1pt solid #000000; background: none; color: #000000; }
  a, a:visited { color: #000000; text-decoration: none; }
  a.term { text-decoration: underline dotted; }
  a[href^="http"]:not(.url)::after { content: " <" attr(href) ">"; font-size: 90%; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; color: #000000; }
  h2 { border-top: none; padding-top: 0; margin-top: 0; }
  section.lesson + section.lesson, section.quiz { break-before: page; }
  figure, table, .callout, .question, .facilitator, blockquote, .key-item { break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
  .callout, .objectives-box, .question, .scenario, .quiz-note, th { background: none; border-color: #000000; }
  .facilitator { background: none; border: 3pt double #000000; }
  .meta, .summary, figcaption, .source, .question-label, .facilitator-label, footer { color: #000000; }
  figure.image img { border: none; max-height: 22cm; width: auto; }
  footer { margin-top: 1cm; }
}
)css";

// ---- writing markup ----------------------------------------------------------------------------

bool IsVoidElement(const char* name) {
    for (const char* v : {"meta", "link", "img", "br", "hr", "input"})
        if (std::strcmp(name, v) == 0) return true;
    return false;
}

const char* HeadingTag(int level) {
    static const char* const kTags[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
    return kTags[std::clamp(level, 1, 6) - 1];
}

// HTML through XMLPrinter: every text and attribute is escaped by tinyxml2, never by us.
// Two things XMLPrinter does that HTML does not want are handled here:
//  - pretty printing puts a newline between two inline elements (a space on the page), so
//    everything inside a text-level element is printed compact;
//  - an empty element comes out as <x/>, which an HTML parser reads as an open tag, so empty
//    non-void elements get an empty text (<x></x>).
class HtmlWriter {
public:
    HtmlWriter() : m_printer(nullptr, false) {}

    // `phrasing`: the element holds text (p, li, h1, a, ...): it and everything inside it is
    // printed without added white space.
    void Open(const char* name, bool phrasing = false) {
        bool in_text = m_text_depth > 0;
        if (!m_stack.empty()) m_stack.back().empty = false;
        m_printer.OpenElement(name, in_text);
        bool compact = in_text || phrasing;
        if (compact) ++m_text_depth;
        m_stack.push_back({name, compact, true});
    }
    void Attr(const char* name, const std::string& value) { m_printer.PushAttribute(name, value.c_str()); }
    void Text(const std::string& text) {
        if (!m_stack.empty()) m_stack.back().empty = false;
        m_printer.PushText(text.c_str());
    }
    void Close() {
        Entry e = m_stack.back();
        m_stack.pop_back();
        if (e.empty && !IsVoidElement(e.name)) m_printer.PushText("");
        m_printer.CloseElement(e.compact);
        if (e.compact) --m_text_depth;
    }
    // <name class="cls">text</name>
    void Leaf(const char* name, const std::string& text, const char* cls = nullptr) {
        Open(name, true);
        if (cls) Attr("class", cls);
        Text(text);
        Close();
    }
    std::string Finish() {
        while (!m_stack.empty()) Close();
        return std::string("<!DOCTYPE html>\n") + m_printer.CStr();
    }

private:
    struct Entry {
        const char* name;
        bool compact;
        bool empty;
    };
    tinyxml2::XMLPrinter m_printer;
    std::vector<Entry> m_stack;
    int m_text_depth = 0;
};

// ---- small helpers -----------------------------------------------------------------------------

std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// "A".."Z", then numbers: choice labels, as a printed test would have them.
std::string Letter(size_t i) { return i < 26 ? std::string(1, static_cast<char>('A' + i)) : std::to_string(i + 1); }

// A fixed, scrambled display order for items written in their correct order (matching rights,
// ordering items): alphabetical, and rotated by one when that happens to be the answer. The
// same course always prints the same way, and the page never gives the answer away.
std::vector<size_t> DisplayOrder(const std::vector<std::string>& texts) {
    std::vector<size_t> order(texts.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return Lower(texts[a]) < Lower(texts[b]); });
    bool same = true;
    for (size_t i = 0; i < order.size(); ++i) same = same && order[i] == i;
    if (same && order.size() > 1) std::rotate(order.begin(), order.begin() + 1, order.end());
    return order;
}

// Reference URLs are untrusted: only plain web addresses become links (never javascript:,
// data: or file:); anything else is shown as text.
bool IsWebUrl(const std::string& url) {
    std::string l = Lower(url);
    if (l.rfind("https://", 0) != 0 && l.rfind("http://", 0) != 0) return false;
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\') return false;
    return true;
}

// An output file name for an image: the base name of its src, reduced to safe characters.
std::string SafeImageName(const std::string& src) {
    std::string base = src.substr(src.find_last_of('/') == std::string::npos ? 0 : src.find_last_of('/') + 1);
    std::string out;
    for (char c : base) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
    while (!out.empty() && out[0] == '.') out.erase(0, 1);
    return out.empty() ? "image" : out;
}

const char* CalloutLabel(CalloutKind k) {
    switch (k) {
        case CalloutKind::Note: return "Note";
        case CalloutKind::Important: return "Important";
        case CalloutKind::Example: return "Example";
        case CalloutKind::Legal: return "Legal text";
    }
    return "Note";
}

const char* CalloutClass(CalloutKind k) {
    switch (k) {
        case CalloutKind::Note: return "callout callout-note";
        case CalloutKind::Important: return "callout callout-important";
        case CalloutKind::Example: return "callout callout-example";
        case CalloutKind::Legal: return "callout callout-legal";
    }
    return "callout";
}

const char* RatingWord(Rating r) {
    switch (r) {
        case Rating::Best: return "best";
        case Rating::Acceptable: return "acceptable";
        case Rating::Poor: return "poor";
    }
    return "acceptable";
}

std::string Capitalized(const char* word) {
    std::string s = word;
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

// Steps and endings of a scenario as the reader meets them: the start node is step 1, the other
// nodes follow in document order, then the endings.
struct ScenarioLayout {
    std::vector<const ScenarioNode*> order;
    std::map<std::string, std::string> label;  // node id -> "step 2", "ending 1"
};

ScenarioLayout LayOut(const Scenario& s) {
    ScenarioLayout out;
    const ScenarioNode* start = s.Find(s.start);
    if (start && !start->is_ending) out.order.push_back(start);
    for (const auto& n : s.nodes)
        if (!n.is_ending && &n != start) out.order.push_back(&n);
    for (const auto& n : s.nodes)
        if (n.is_ending) out.order.push_back(&n);
    int steps = 0, endings = 0;
    for (const ScenarioNode* n : out.order)
        out.label[n->id] = n->is_ending ? "ending " + std::to_string(++endings) : "step " + std::to_string(++steps);
    return out;
}

// Scenario node ids are unique only within their scenario; ':' cannot appear in an authored id,
// so "scenario:node" never collides with anything else in the file.
std::string NodeAnchor(const Scenario& s, const std::string& node_id) { return s.id + ":" + node_id; }

std::string QuestionTypeInstruction(const Question& q) {
    switch (q.type) {
        case QuestionType::Single: return "Choose one answer.";
        case QuestionType::Multiple: return "Choose every answer that applies.";
        case QuestionType::TrueFalse: return "True or false?";
        case QuestionType::Matching: return "Match each item with one possible match.";
        case QuestionType::Ordering: return "Put these items in the correct order.";
        case QuestionType::Text: return "Answer in a word or a few words.";
    }
    return "";
}

// ---- the renderer ------------------------------------------------------------------------------

class EditionRenderer {
public:
    EditionRenderer(const Course& course, const HtmlExportOptions& options) : m_course(course), m_options(options) {
        for (const auto& m : course.modules) {
            std::string file = HtmlModuleFileName(m);
            m_file_of[m.id] = file;
            for (const auto& l : m.lessons) {
                m_file_of[l.id] = file;
                for (const auto& p : l.pages) m_file_of[p.id] = file;
            }
        }
    }

    HtmlEdition Render() {
        for (size_t i = 0; i < m_course.modules.size(); ++i) RenderModule(i);
        RenderIndex();
        RenderGlossary();
        RenderReferences();
        m_edition.files.push_back({"lectern.css", kStylesheet});
        return std::move(m_edition);
    }

private:
    enum class Kind { Index, Module, Glossary, References };

    struct KeyEntry {
        std::string label;  // "Knowledge check 3"
        const Question* question = nullptr;
        const Scenario* scenario = nullptr;
    };

    // ---- files ----

    void BeginFile(const std::string& file, const std::string& title, Kind kind) {
        m_w = std::make_unique<HtmlWriter>();
        m_file = file;
        HtmlWriter& w = *m_w;
        w.Open("html");
        w.Attr("lang", m_course.lang);
        if (IsRightToLeftLanguage(m_course.lang)) w.Attr("dir", "rtl");
        w.Open("head");
        w.Open("meta");
        w.Attr("charset", "utf-8");
        w.Close();
        w.Open("meta");
        w.Attr("name", "viewport");
        w.Attr("content", "width=device-width, initial-scale=1");
        w.Close();
        w.Open("meta");
        w.Attr("name", "generator");
        w.Attr("content", std::string("Lectern ") + LECTERN_VERSION);
        w.Close();
        std::string full = title == m_course.title ? title : title + " \xE2\x80\x94 " + m_course.title;
        if (m_options.facilitator) full += " (facilitator edition)";
        w.Leaf("title", full);
        w.Open("link");
        w.Attr("rel", "stylesheet");
        w.Attr("href", "lectern.css");
        w.Close();
        w.Close();  // head
        w.Open("body");
        w.Open("a", true);
        w.Attr("class", "skip-link");
        w.Attr("href", "#_main");
        w.Text("Skip to main content");
        w.Close();

        w.Open("header");
        w.Open("p", true);
        w.Attr("class", "course-name");
        if (kind == Kind::Index) {
            w.Text(m_course.title);
        } else {
            w.Open("a");
            w.Attr("href", "index.html");
            w.Text(m_course.title);
            w.Close();
        }
        w.Close();
        if (m_options.facilitator) w.Leaf("p", "Facilitator edition", "edition");
        w.Close();  // header

        // Site navigation: the same list on every page, the current page marked.
        w.Open("nav");
        w.Attr("class", "site");
        w.Attr("aria-label", "Course");
        w.Open("ul");
        NavItem("index.html", "Home and contents");
        for (const auto& m : m_course.modules) NavItem(HtmlModuleFileName(m), m.title);
        NavItem("glossary.html", "Glossary");
        NavItem("references.html", "References");
        w.Close();
        w.Close();

        w.Open("main");
        w.Attr("id", "_main");
        w.Attr("tabindex", "-1");
    }

    void NavItem(const std::string& file, const std::string& text) {
        HtmlWriter& w = *m_w;
        w.Open("li", true);
        w.Open("a");
        w.Attr("href", file);
        if (file == m_file) w.Attr("aria-current", "page");
        w.Text(text);
        w.Close();
        w.Close();
    }

    void EndFile(const std::string& previous = {}, const std::string& previous_title = {},
                 const std::string& next = {}, const std::string& next_title = {}) {
        HtmlWriter& w = *m_w;
        w.Close();  // main
        w.Open("footer");
        if (!previous.empty() || !next.empty()) {
            w.Open("nav");
            w.Attr("class", "pager");
            w.Attr("aria-label", "Previous and next");
            w.Open("ul");
            if (!previous.empty()) PagerItem("Previous: ", previous, previous_title);
            if (!next.empty()) PagerItem("Next: ", next, next_title);
            w.Close();
            w.Close();
        }
        w.Leaf("p", m_course.title + ", version " + m_course.version +
                        ". Offline HTML edition made by Lectern " + LECTERN_VERSION + ".");
        w.Close();  // footer
        m_edition.files.push_back({m_file, w.Finish()});
        m_w.reset();
    }

    void PagerItem(const char* label, const std::string& file, const std::string& title) {
        HtmlWriter& w = *m_w;
        w.Open("li", true);
        w.Text(label);
        w.Open("a");
        w.Attr("href", file);
        w.Text(title);
        w.Close();
        w.Close();
    }

    // ---- links ----

    // "#id" within the current file, "file#id" across files.
    std::string HrefTo(const std::string& file, const std::string& id) const {
        if (id.empty()) return file;
        return (file == m_file ? std::string() : file) + "#" + id;
    }

    // Where an inline link run leads, or "" when it leads nowhere (so it is shown as text).
    std::string Href(InlineKind kind, const std::string& ref) const {
        switch (kind) {
            case InlineKind::Text: return "";
            case InlineKind::Term: return m_course.FindTerm(ref) ? HrefTo("glossary.html", "term-" + ref) : "";
            case InlineKind::Cite:
                return m_course.FindReference(ref) ? HrefTo("references.html", "ref-" + ref) : "";
            case InlineKind::Link: {
                auto it = m_file_of.find(ref);
                return it == m_file_of.end() ? "" : HrefTo(it->second, ref);
            }
        }
        return "";
    }

    // ---- inline text ----

    // Emphasis as nested elements: a bold stretch with an italic word inside is one <strong>
    // holding an <em>, not three <strong>s, so a screen reader hears one phrase.
    void StyledRuns(const Inline& runs, size_t begin, size_t end) {
        HtmlWriter& w = *m_w;
        std::vector<char> open;  // 'b' (strong) and 'i' (em), outermost first
        for (size_t k = begin; k < end; ++k) {
            const Run& r = runs[k];
            auto wanted = [&](char c) { return c == 'b' ? r.bold : r.italic; };
            size_t keep = 0;
            while (keep < open.size() && wanted(open[keep])) ++keep;
            while (open.size() > keep) {
                w.Close();
                open.pop_back();
            }
            auto is_open = [&](char c) { return std::find(open.begin(), open.end(), c) != open.end(); };
            if (r.bold && !is_open('b')) {
                w.Open("strong");
                open.push_back('b');
            }
            if (r.italic && !is_open('i')) {
                w.Open("em");
                open.push_back('i');
            }
            w.Text(r.text);
        }
        for (; !open.empty(); open.pop_back()) w.Close();
    }

    // A phrase in another language (Run::span_lang) is a <span lang dir> (WCAG 3.1.2); dir is
    // always written, so the browser isolates it as the player does (a bidi isolate).
    void Inlines(const Inline& runs) {
        for (size_t i = 0; i < runs.size();) {
            size_t end = i + 1;
            while (end < runs.size() && runs[end].span_lang == runs[i].span_lang) ++end;
            const std::string& lang = runs[i].span_lang;
            if (!lang.empty()) {
                m_w->Open("span");
                m_w->Attr("lang", lang);
                m_w->Attr("dir", IsRightToLeftLanguage(lang) ? "rtl" : "ltr");
            }
            Links(runs, i, end);
            if (!lang.empty()) m_w->Close();
            i = end;
        }
    }

    // Runs of one term, link or citation (split by emphasis inside it) become one <a>.
    void Links(const Inline& runs, size_t begin, size_t stop) {
        HtmlWriter& w = *m_w;
        for (size_t i = begin; i < stop;) {
            const Run& r = runs[i];
            size_t end = i + 1;
            while (end < stop && runs[end].kind == r.kind && (r.kind == InlineKind::Text || runs[end].ref == r.ref))
                ++end;
            std::string href = Href(r.kind, r.ref);
            if (!href.empty()) {
                w.Open("a");
                w.Attr("href", href);
                if (r.kind == InlineKind::Term) w.Attr("class", "term");
                if (r.kind == InlineKind::Cite) w.Attr("class", "cite");
            }
            StyledRuns(runs, i, end);
            if (!href.empty()) w.Close();
            i = end;
        }
    }

    void Para(const Inline& text, const char* cls = nullptr, const std::string& lang = {}) {
        m_w->Open("p", true);
        if (cls) m_w->Attr("class", cls);
        Lang(lang);
        Inlines(text);
        m_w->Close();
    }

    // A passage's own language (WCAG 3.1.2) on the element just opened, with its direction
    // when that differs from the course's (the browser takes dir from no language tag).
    void Lang(const std::string& lang) {
        if (lang.empty()) return;
        m_w->Attr("lang", lang);
        const bool rtl = IsRightToLeftLanguage(lang);
        if (rtl != IsRightToLeftLanguage(m_course.lang)) m_w->Attr("dir", rtl ? "rtl" : "ltr");
    }

    // <p><strong>Label</strong> inline text</p>
    void LabelledPara(const std::string& label, const Inline& text, const std::string& source = {}) {
        HtmlWriter& w = *m_w;
        w.Open("p", true);
        w.Leaf("strong", label);
        w.Text(" ");
        Inlines(text);
        if (!source.empty()) {
            w.Text(" ");
            w.Leaf("span", "(Source: " + source + ")", "source");
        }
        w.Close();
    }

    // ---- blocks ----

    // `heading_base`: the level of the heading of the section these blocks are in; an authored
    // level-2 heading comes out one level below it.
    void RenderBlocks(const Blocks& blocks, int heading_base) {
        for (const auto& b : blocks) RenderBlock(b, heading_base);
    }

    void RenderBlock(const Block& b, int heading_base) {
        HtmlWriter& w = *m_w;
        switch (b.kind) {
            case BlockKind::Heading:
                w.Open(HeadingTag(heading_base + b.level - 1), true);
                Lang(b.lang);
                Inlines(b.text);
                w.Close();
                break;
            case BlockKind::Paragraph: Para(b.text, nullptr, b.lang); break;
            case BlockKind::BulletList:
            case BlockKind::NumberedList:
                w.Open(b.kind == BlockKind::BulletList ? "ul" : "ol");
                Lang(b.lang);
                for (const auto& item : b.items) {
                    w.Open("li", true);
                    Lang(LanguageOf(item));
                    Inlines(item);
                    w.Close();
                }
                w.Close();
                break;
            case BlockKind::Quote:
                w.Open("figure");
                w.Attr("class", "quote");
                Lang(b.lang);
                w.Open("blockquote");
                Para(b.text);
                w.Close();
                if (!b.source.empty()) w.Leaf("figcaption", "\xE2\x80\x94 " + b.source);
                w.Close();
                break;
            case BlockKind::Callout:
                w.Open("div");
                w.Attr("class", CalloutClass(b.callout));
                Lang(b.lang);
                w.Open("p", true);
                w.Attr("class", "callout-title");
                w.Leaf("strong", b.title.empty() ? std::string(CalloutLabel(b.callout))
                                                 : std::string(CalloutLabel(b.callout)) + ": " + b.title);
                w.Close();
                RenderBlocks(b.children, heading_base);
                w.Close();
                break;
            case BlockKind::Table: RenderTable(b); break;
            case BlockKind::Image: RenderImage(b); break;
            case BlockKind::Question:
                if (b.question) RenderCheck(*b.question);
                break;
            case BlockKind::Scenario:
                if (b.scenario) RenderScenario(*b.scenario, heading_base);
                break;
            case BlockKind::Facilitator: RenderFacilitator(b.children, heading_base); break;
        }
    }

    // A table in a box of its own that scrolls sideways when the table is wider than the page
    // (reflow at 320 CSS px); focusable, so the keyboard can scroll it. Close both.
    void OpenScrollingTable(const std::string& label) {
        HtmlWriter& w = *m_w;
        w.Open("div");
        w.Attr("class", "table-scroll");
        w.Attr("role", "region");
        w.Attr("tabindex", "0");
        w.Attr("aria-label", label.empty() ? "Table" : label);
        w.Open("table");
    }

    void RenderTable(const Block& b) {
        HtmlWriter& w = *m_w;
        OpenScrollingTable(b.title);
        Lang(b.lang);
        if (!b.title.empty()) w.Leaf("caption", b.title);
        for (size_t r = 0; r < b.rows.size(); ++r) {
            if (r == 0) w.Open("thead");
            if (r == 1) w.Open("tbody");
            w.Open("tr");
            for (const auto& cell : b.rows[r]) {
                w.Open(r == 0 ? "th" : "td", true);
                if (r == 0) w.Attr("scope", "col");
                Lang(LanguageOf(cell));
                Inlines(cell);
                w.Close();
            }
            w.Close();
            if (r == 0) w.Close();  // thead
        }
        if (b.rows.size() > 1) w.Close();  // tbody
        w.Close();
        w.Close();  // the scrolling box
    }

    void RenderImage(const Block& b) {
        HtmlWriter& w = *m_w;
        w.Open("figure");
        w.Attr("class", "image");
        // A course loaded from disk has absolute, checked image paths; one loaded from memory
        // (tests, previews) has only the authored path, with no file behind it.
        if (!m_course.root_dir.empty() && fs::path(b.resolved_path).is_absolute()) {
            w.Open("img");
            w.Attr("src", ImageDestination(b));
            w.Attr("alt", b.alt);
            w.Close();
        } else {
            // Nothing to copy, so the reader gets the description instead of a broken image.
            w.Leaf("p", "[Image: " + (b.alt.empty() ? b.src : b.alt) + "]");
        }
        if (!b.caption.empty()) w.Leaf("figcaption", b.caption);
        w.Close();
    }

    // Only files the loader resolved are copied, each once, under a safe name of our choosing.
    std::string ImageDestination(const Block& b) {
        auto it = m_image_dest.find(b.resolved_path);
        if (it != m_image_dest.end()) return it->second;
        std::string name = SafeImageName(b.src);
        std::string stem = name, ext;
        size_t dot = name.find_last_of('.');
        if (dot != std::string::npos && dot > 0) {
            stem = name.substr(0, dot);
            ext = name.substr(dot);
        }
        for (int n = 2; m_image_names.count(Lower(name)); ++n) name = stem + "-" + std::to_string(n) + ext;
        m_image_names.insert(Lower(name));
        std::string dest = "images/" + name;
        m_image_dest[b.resolved_path] = dest;
        m_edition.images.push_back({b.resolved_path, dest});
        return dest;
    }

    void RenderFacilitator(const Blocks& notes, int heading_base) {
        if (!m_options.facilitator || notes.empty()) return;
        HtmlWriter& w = *m_w;
        w.Open("div");
        w.Attr("class", "facilitator");
        w.Open("p", true);
        w.Attr("class", "facilitator-label");
        w.Leaf("strong", "Facilitator note");
        w.Close();
        RenderBlocks(notes, heading_base);
        w.Close();
    }

    // ---- questions ----

    void RenderCheck(const Question& q) {
        std::string label = "Knowledge check " + std::to_string(m_checks.size() + 1);
        m_checks.push_back({label, &q, nullptr});
        RenderQuestion(q, label, {}, "question check");
    }

    // `label` names the question in the answer key; `note` is shown after it only here.
    // Without `with_answer` (a quiz whose author withholds its answers) nothing reveals the answer.
    void RenderQuestion(const Question& q, const std::string& label, const std::string& note, const char* cls,
                        bool with_answer = true) {
        HtmlWriter& w = *m_w;
        w.Open("div");
        w.Attr("class", cls);
        w.Attr("id", q.id);
        w.Leaf("p", label + note, "question-label");
        Para(q.prompt, "prompt", LanguageOf(q.prompt));
        w.Leaf("p", QuestionTypeInstruction(q), "instruction");
        RenderQuestionBody(q);
        if (!q.hint.empty()) {
            w.Open("details");
            w.Attr("class", "hint");
            Summary("Show a hint", label);
            Para(q.hint);
            w.Close();
            w.Open("div");
            w.Attr("class", "print-only");
            LabelledPara("Hint:", q.hint);
            w.Close();
        }
        if (with_answer) {
            w.Open("details");
            w.Attr("class", "answer");
            Summary("Show the answer", label);
            RenderAnswer(q);
            w.Close();
            w.Leaf("p", "The answer is in \xE2\x80\x9C" "Answers\xE2\x80\x9D at the end of this module, under " + label + ".",
                   "print-only");
        }
        w.Close();
    }

    // Several "Show the answer" buttons on one page: the hidden part tells a screen reader which.
    void Summary(const std::string& text, const std::string& context) {
        HtmlWriter& w = *m_w;
        w.Open("summary", true);
        w.Text(text);
        w.Leaf("span", " (" + context + ")", "visually-hidden");
        w.Close();
    }

    void RenderQuestionBody(const Question& q) {
        HtmlWriter& w = *m_w;
        switch (q.type) {
            case QuestionType::Single:
            case QuestionType::Multiple:
                // The letters are text, not list markers, so every reader hears the "B" the
                // answer refers to.
                w.Open("ol");
                w.Attr("class", "choices");
                for (size_t i = 0; i < q.choices.size(); ++i) {
                    const Choice& c = q.choices[i];
                    w.Open("li", true);
                    w.Text(Letter(i) + ". ");
                    Inlines(c.text);
                    w.Close();
                }
                w.Close();
                break;
            case QuestionType::TrueFalse:
                w.Open("ul");
                w.Attr("class", "choices-tf");
                w.Leaf("li", "True");
                w.Leaf("li", "False");
                w.Close();
                break;
            case QuestionType::Matching: {
                std::vector<std::string> rights;
                for (const auto& p : q.pairs) rights.push_back(PlainText(p.right));
                std::vector<size_t> order = DisplayOrder(rights);
                OpenScrollingTable("Items and possible matches");
                w.Attr("class", "matching");
                w.Leaf("caption", "Items and possible matches");
                w.Open("thead");
                w.Open("tr");
                ColumnHeader("Item");
                ColumnHeader("Possible match");
                w.Close();
                w.Close();
                w.Open("tbody");
                for (size_t i = 0; i < q.pairs.size(); ++i) {
                    w.Open("tr");
                    w.Open("td", true);
                    w.Text(std::to_string(i + 1) + ". ");
                    Inlines(q.pairs[i].left);
                    w.Close();
                    w.Open("td", true);
                    w.Text(Letter(i) + ". ");
                    Inlines(q.pairs[order[i]].right);
                    w.Close();
                    w.Close();
                }
                w.Close();
                w.Close();
                w.Close();  // the scrolling box
                break;
            }
            case QuestionType::Ordering: {
                std::vector<std::string> texts;
                for (const auto& item : q.items) texts.push_back(PlainText(item.text));
                w.Open("ul");
                w.Attr("class", "order-items");
                for (size_t i : DisplayOrder(texts)) {
                    w.Open("li", true);
                    Inlines(q.items[i].text);
                    w.Close();
                }
                w.Close();
                break;
            }
            case QuestionType::Text: break;
        }
    }

    void ColumnHeader(const char* text) {
        m_w->Open("th", true);
        m_w->Attr("scope", "col");
        m_w->Text(text);
        m_w->Close();
    }

    // The answer, feedback and rationale. Written twice per question (in <details> on screen and
    // in the printed answer key), so it carries no ids.
    void RenderAnswer(const Question& q) {
        HtmlWriter& w = *m_w;
        switch (q.type) {
            case QuestionType::Single:
            case QuestionType::Multiple: {
                std::vector<size_t> correct;
                for (size_t i = 0; i < q.choices.size(); ++i)
                    if (q.choices[i].correct) correct.push_back(i);
                if (q.type == QuestionType::Single || correct.size() == 1) {
                    w.Open("p", true);
                    w.Leaf("strong", "Answer:");
                    for (size_t i : correct) {
                        w.Text(" " + Letter(i) + ". ");
                        Inlines(q.choices[i].text);
                    }
                    w.Close();
                } else {
                    w.Open("p", true);
                    w.Leaf("strong", "Correct answers:");
                    w.Close();
                    w.Open("ul");
                    for (size_t i : correct) {
                        w.Open("li", true);
                        w.Text(Letter(i) + ". ");
                        Inlines(q.choices[i].text);
                        w.Close();
                    }
                    w.Close();
                }
                bool notes = false;
                for (const auto& c : q.choices) notes = notes || !c.feedback.empty() || !c.rationale.empty();
                if (notes) {
                    w.Open("ul");
                    w.Attr("class", "choice-notes");
                    for (size_t i = 0; i < q.choices.size(); ++i) {
                        const Choice& c = q.choices[i];
                        if (c.feedback.empty() && c.rationale.empty()) continue;
                        w.Open("li", true);
                        w.Leaf("strong", Letter(i) + (c.correct ? " (correct):" : " (not correct):"));
                        if (!c.feedback.empty()) {
                            w.Text(" ");
                            Inlines(c.feedback);
                        }
                        if (!c.rationale.text.empty()) {
                            w.Text(" ");
                            Inlines(c.rationale.text);
                        }
                        if (!c.rationale.cite.empty()) {
                            w.Text(" ");
                            w.Leaf("span", "(Source: " + c.rationale.cite + ")", "source");
                        }
                        w.Close();
                    }
                    w.Close();
                }
                break;
            }
            case QuestionType::TrueFalse:
                w.Open("p", true);
                w.Leaf("strong", "Answer:");
                w.Text(q.tf_answer ? " True." : " False.");
                w.Close();
                break;
            case QuestionType::Matching: {
                std::vector<std::string> rights;
                for (const auto& p : q.pairs) rights.push_back(PlainText(p.right));
                std::vector<size_t> order = DisplayOrder(rights);
                std::vector<size_t> letter_of(q.pairs.size());
                for (size_t i = 0; i < order.size(); ++i) letter_of[order[i]] = i;
                OpenScrollingTable("Correct matches");
                w.Attr("class", "matching-answer");
                w.Leaf("caption", "Correct matches");
                w.Open("thead");
                w.Open("tr");
                ColumnHeader("Item");
                ColumnHeader("Its match");
                w.Close();
                w.Close();
                w.Open("tbody");
                for (size_t i = 0; i < q.pairs.size(); ++i) {
                    w.Open("tr");
                    w.Open("td", true);
                    w.Text(std::to_string(i + 1) + ". ");
                    Inlines(q.pairs[i].left);
                    w.Close();
                    w.Open("td", true);
                    w.Text(Letter(letter_of[i]) + ". ");
                    Inlines(q.pairs[i].right);
                    w.Close();
                    w.Close();
                }
                w.Close();
                w.Close();
                w.Close();  // the scrolling box
                break;
            }
            case QuestionType::Ordering:
                w.Open("p", true);
                w.Leaf("strong", "Correct order:");
                w.Close();
                w.Open("ol");
                for (const auto& item : q.items) {
                    w.Open("li", true);
                    Inlines(item.text);
                    w.Close();
                }
                w.Close();
                break;
            case QuestionType::Text:
                if (q.accept.size() == 1) {
                    w.Open("p", true);
                    w.Leaf("strong", "Answer:");
                    w.Text(" " + q.accept[0]);
                    w.Close();
                } else {
                    w.Open("p", true);
                    w.Leaf("strong", "Accepted answers:");
                    w.Close();
                    w.Open("ul");
                    for (const auto& a : q.accept) w.Leaf("li", a);
                    w.Close();
                }
                break;
        }
        if (!q.feedback_correct.empty()) LabelledPara("Feedback when right:", q.feedback_correct);
        if (!q.feedback_partial.empty()) LabelledPara("Feedback when partly right:", q.feedback_partial);
        if (!q.feedback_incorrect.empty()) LabelledPara("Feedback when wrong:", q.feedback_incorrect);
        if (!q.rationale.empty()) LabelledPara("Why:", q.rationale.text, q.rationale.cite);
    }

    // ---- scenarios ----

    void RenderScenario(const Scenario& s, int heading_base) {
        HtmlWriter& w = *m_w;
        m_scenarios.push_back({s.title, nullptr, &s});
        ScenarioLayout layout = LayOut(s);
        const int title_level = heading_base + 1, node_level = heading_base + 2;
        w.Open("section");
        w.Attr("class", "scenario");
        w.Attr("id", s.id);
        w.Leaf(HeadingTag(title_level), "Scenario: " + s.title);
        RenderBlocks(s.intro, title_level);
        if (!layout.order.empty()) {
            w.Open("p", true);
            w.Attr("class", "instruction");
            w.Text("Read each step, choose what you would do, and follow the link after your choice to see "
                   "where it leads. Start at ");
            w.Open("a");
            w.Attr("href", "#" + NodeAnchor(s, layout.order.front()->id));
            w.Text(layout.label[layout.order.front()->id]);
            w.Close();
            w.Text(".");
            w.Close();
        }
        for (const ScenarioNode* n : layout.order) {
            const std::string& label = layout.label[n->id];
            w.Open("section");
            w.Attr("class", n->is_ending ? "scenario-ending" : "scenario-node");
            w.Attr("id", NodeAnchor(s, n->id));
            w.Leaf(HeadingTag(node_level),
                   n->is_ending ? Capitalized(label.c_str()) + ": " + RatingWord(n->outcome) + " outcome"
                                : Capitalized(label.c_str()));
            RenderBlocks(n->body, node_level);
            if (!n->is_ending) {
                w.Leaf("p", "What do you do?", "label");
                w.Open("ul");
                w.Attr("class", "scenario-choices");
                for (const auto& c : n->choices) {
                    w.Open("li", true);
                    Inlines(c.text);
                    w.Text(" ");
                    auto target = layout.label.find(c.go_to);
                    if (target != layout.label.end()) {
                        w.Open("a");
                        w.Attr("class", "goto");
                        w.Attr("href", "#" + NodeAnchor(s, c.go_to));
                        w.Text("Go to " + target->second);
                        w.Close();
                    }
                    w.Close();
                }
                w.Close();
                w.Open("details");
                w.Attr("class", "ratings");
                Summary("Show how these choices are rated", s.title + ", " + label);
                RenderRatings(*n);
                w.Close();
            } else {
                if (!n->debrief.empty()) {
                    w.Open("div");
                    w.Attr("class", "debrief");
                    w.Open("p", true);
                    w.Leaf("strong", "Debrief");
                    w.Close();
                    RenderBlocks(n->debrief, node_level);
                    w.Close();
                }
                w.Open("p", true);
                w.Open("a");
                w.Attr("href", "#" + NodeAnchor(s, layout.order.front()->id));
                w.Text("Start this scenario again");
                w.Close();
                w.Close();
            }
            w.Close();  // section
        }
        w.Open("details");
        w.Attr("class", "ratings");
        Summary("Show the recommended path", s.title);
        RenderRecommendedPath(s, layout);
        w.Close();
        w.Leaf("p", "The recommended path and the rating of every choice are in \xE2\x80\x9C" "Answers\xE2\x80\x9D "
                    "at the end of this module.",
               "print-only");
        w.Close();  // section
    }

    void RenderRatings(const ScenarioNode& n) {
        HtmlWriter& w = *m_w;
        w.Open("ul");
        for (const auto& c : n.choices) {
            w.Open("li", true);
            w.Leaf("strong", Capitalized(RatingWord(c.rating)) + ":");
            w.Text(" ");
            Inlines(c.text);
            if (!c.reason.empty()) {
                w.Text(" \xE2\x80\x94 ");
                Inlines(c.reason);
            }
            w.Close();
        }
        w.Close();
    }

    // From the start, follow the best choice until an ending (the path the debrief compares with).
    void RenderRecommendedPath(const Scenario& s, const ScenarioLayout& layout) {
        HtmlWriter& w = *m_w;
        w.Open("ol");
        std::set<std::string> seen;
        const ScenarioNode* n = s.Find(s.start);
        while (n && seen.insert(n->id).second) {
            auto label = layout.label.find(n->id);
            std::string where = label == layout.label.end() ? n->id : Capitalized(label->second.c_str());
            if (n->is_ending) {
                w.Leaf("li", where + ": " + RatingWord(n->outcome) + " outcome.");
                break;
            }
            const ScenarioChoice* best = nullptr;
            for (const auto& c : n->choices)
                if (c.rating == Rating::Best) {
                    best = &c;
                    break;
                }
            w.Open("li", true);
            w.Text(where + ": ");
            if (best) {
                Inlines(best->text);
            } else {
                w.Text("no choice here is rated best.");
            }
            w.Close();
            n = best ? s.Find(best->go_to) : nullptr;
        }
        w.Close();
    }

    // ---- the module file ----

    void RenderModule(size_t index) {
        const Module& m = m_course.modules[index];
        m_checks.clear();
        m_practice.clear();
        m_practice_count = 0;
        m_scenarios.clear();
        BeginFile(HtmlModuleFileName(m), m.title, Kind::Module);
        HtmlWriter& w = *m_w;
        w.Open("h1", true);
        w.Attr("id", m.id);
        w.Text(m.title);
        w.Close();
        if (!m.summary.empty()) Para(m.summary, "summary");
        RenderFacilitator(m.facilitator, 2);
        RenderModuleContents(m);

        for (size_t li = 0; li < m.lessons.size(); ++li) {
            const Lesson& l = m.lessons[li];
            w.Open("section");
            w.Attr("class", "lesson");
            w.Attr("id", l.id);
            w.Leaf("h2", l.title);
            if (!l.objectives.empty()) {
                w.Open("div");
                w.Attr("class", "objectives-box");
                w.Leaf("p", "By the end of this lesson you should be able to:", "label");
                w.Open("ul");
                for (const auto& o : l.objectives) {
                    w.Open("li", true);
                    Inlines(o);
                    w.Close();
                }
                w.Close();
                w.Close();
            }
            RenderFacilitator(l.facilitator, 2);
            for (const auto& p : l.pages) {
                w.Open("section");
                w.Attr("class", "page");
                w.Attr("id", p.id);
                w.Leaf("h3", p.title);
                RenderBlocks(p.blocks, 3);
                w.Close();
            }
            w.Close();  // lesson
        }
        if (m.quiz) RenderPractice(*m.quiz);
        RenderAnswerKey();

        std::string prev = index > 0 ? HtmlModuleFileName(m_course.modules[index - 1]) : "index.html";
        std::string prev_title = index > 0 ? m_course.modules[index - 1].title : "Home and contents";
        std::string next = index + 1 < m_course.modules.size() ? HtmlModuleFileName(m_course.modules[index + 1])
                                                               : "glossary.html";
        std::string next_title = index + 1 < m_course.modules.size() ? m_course.modules[index + 1].title : "Glossary";
        EndFile(prev, prev_title, next, next_title);
    }

    void RenderModuleContents(const Module& m) {
        HtmlWriter& w = *m_w;
        w.Open("nav");
        w.Attr("class", "module-contents");
        w.Attr("aria-label", "In this module");
        w.Leaf("p", "In this module", "label");
        w.Open("ul");
        for (const auto& l : m.lessons) {
            w.Open("li");
            Link("#" + l.id, l.title);
            w.Open("ul");
            for (const auto& p : l.pages) {
                w.Open("li", true);
                Link("#" + p.id, p.title);
                w.Close();
            }
            w.Close();
            w.Close();
        }
        if (m.quiz) {
            w.Open("li", true);
            Link("#" + m.quiz->id, "Practice: " + m.quiz->title);
            w.Close();
        }
        w.Close();
        w.Close();
    }

    void Link(const std::string& href, const std::string& text) {
        m_w->Open("a", true);
        m_w->Attr("href", href);
        m_w->Text(text);
        m_w->Close();
    }

    // The module quiz's whole pool as practice: the scored quiz itself runs only in Lectern.
    void RenderPractice(const Quiz& quiz) {
        HtmlWriter& w = *m_w;
        int total = 0;
        for (const auto& pool : quiz.pools) total += static_cast<int>(pool.questions.size());
        w.Open("section");
        w.Attr("class", "quiz");
        w.Attr("id", quiz.id);
        w.Leaf("h2", "Practice: " + quiz.title);
        // The author's review setting governs the edition too: review="responses" keeps the
        // answers to Lectern's scored quiz, review="none" the questions as well.
        const std::string runs = "The scored quiz runs in Lectern: each attempt draws " + std::to_string(quiz.QuestionsPerAttempt()) +
                                 " of " + std::to_string(total) + " questions, and the pass mark is " +
                                 std::to_string(quiz.pass_percent) + "%.";
        if (quiz.review == ReviewDetail::None) {
            w.Leaf("p", runs + " Its questions are not published here.", "quiz-note");
            w.Close();
            return;
        }
        const bool answers = quiz.review == ReviewDetail::Full;
        w.Leaf("p",
               runs + (answers ? " Here every question in its pool is listed for practice, with its answer."
                               : " Here every question in its pool is listed for practice; their answers are given only "
                                 "in Lectern."),
               "quiz-note");
        if (!quiz.intro.empty()) Para(quiz.intro);
        for (size_t pi = 0; pi < quiz.pools.size(); ++pi) {
            const Pool& pool = quiz.pools[pi];
            if (!pool.title.empty())
                w.Leaf("h3", pool.title);
            else if (quiz.pools.size() > 1)
                w.Leaf("h3", "Questions, group " + std::to_string(pi + 1));
            for (const auto& q : pool.questions) {
                std::string label = "Practice question " + std::to_string(++m_practice_count);
                if (answers) m_practice.push_back({label, q.get(), nullptr});
                std::string points = q->points > 1 ? " (" + std::to_string(q->points) + " points)" : "";
                RenderQuestion(*q, label, points, "question practice", answers);
            }
        }
        w.Close();
    }

    // Printed instead of the closed <details> (which print as a bare "Show the answer"); hidden
    // on screen, where each answer is next to its question.
    void RenderAnswerKey() {
        if (m_checks.empty() && m_practice.empty() && m_scenarios.empty()) return;
        HtmlWriter& w = *m_w;
        w.Open("section");
        w.Attr("class", "answer-key");
        w.Leaf("h2", "Answers");
        w.Leaf("p", "The answers to the knowledge checks, practice questions and scenarios of this module.");
        auto questions = [&](const char* heading, const std::vector<KeyEntry>& entries) {
            if (entries.empty()) return;
            w.Leaf("h3", heading);
            for (const auto& e : entries) {
                w.Open("div");
                w.Attr("class", "key-item");
                w.Leaf("h4", e.label);
                Para(e.question->prompt, "prompt", LanguageOf(e.question->prompt));
                RenderAnswer(*e.question);
                w.Close();
            }
        };
        questions("Knowledge checks", m_checks);
        questions("Practice questions", m_practice);
        if (!m_scenarios.empty()) {
            w.Leaf("h3", "Scenarios");
            for (const auto& e : m_scenarios) {
                const Scenario& s = *e.scenario;
                ScenarioLayout layout = LayOut(s);
                w.Open("div");
                w.Attr("class", "key-item");
                w.Leaf("h4", "Scenario: " + s.title);
                w.Leaf("p", "Recommended path:", "label");
                RenderRecommendedPath(s, layout);
                for (const ScenarioNode* n : layout.order) {
                    if (n->is_ending) continue;
                    w.Leaf("p", Capitalized(layout.label[n->id].c_str()) + ":", "label");
                    RenderRatings(*n);
                }
                w.Close();
            }
        }
        w.Close();
    }

    // ---- index, glossary, references ----

    // The course's own words about certificates: the first callout that mentions one, looked for
    // in front matter first. The model has no field for it, so the home screen's promise is the
    // fallback.
    const Block* FindCertificateNote() const {
        for (int pass = 0; pass < 2; ++pass) {
            for (const auto& m : m_course.modules) {
                if ((pass == 0) != (m.role == ModuleRole::Intro)) continue;
                for (const auto& l : m.lessons)
                    for (const auto& p : l.pages)
                        for (const auto& b : p.blocks) {
                            if (b.kind != BlockKind::Callout) continue;
                            std::string text = b.title;
                            ForEachText(b.children, text);
                            if (Lower(text).find("certificate") != std::string::npos) return &b;
                        }
            }
        }
        return nullptr;
    }

    static void ForEachText(const Blocks& blocks, std::string& out) {
        for (const auto& b : blocks) {
            out += " " + PlainText(b.text);
            for (const auto& item : b.items) out += " " + PlainText(item);
            ForEachText(b.children, out);
        }
    }

    void RenderIndex() {
        BeginFile("index.html", m_course.title, Kind::Index);
        HtmlWriter& w = *m_w;
        w.Leaf("h1", m_course.title);
        w.Leaf("p",
               "About " + std::to_string(m_course.minutes) + " minutes \xC2\xB7 version " + m_course.version,
               "meta");
        if (m_options.facilitator)
            w.Leaf("p", "This is the facilitator edition: facilitator notes appear in boxes marked "
                        "\xE2\x80\x9C" "Facilitator note\xE2\x80\x9D.");
        Para(m_course.description, "summary");
        if (!m_course.audience.empty()) {
            w.Leaf("h2", "Who it is for");
            Para(m_course.audience);
        }
        if (const Block* note = FindCertificateNote()) {
            RenderBlock(*note, 1);
        } else {
            Block notice;
            notice.kind = BlockKind::Callout;
            notice.callout = CalloutKind::Important;
            notice.title = "No certificate";
            Block p;
            p.text = Inline{TextRun("This course issues no certificate and no record of completion.")};
            notice.children.push_back(p);
            RenderBlock(notice, 1);
        }

        w.Leaf("h2", "Contents");
        w.Open("ol");
        w.Attr("class", "contents");
        for (const auto& m : m_course.modules) {
            std::string file = HtmlModuleFileName(m);
            w.Open("li");
            w.Open("p", true);
            Link(file, m.title);
            w.Close();
            if (!m.summary.empty()) Para(m.summary);
            w.Open("ul");
            for (const auto& l : m.lessons) {
                w.Open("li", true);
                Link(file + "#" + l.id, l.title);
                w.Close();
            }
            if (m.quiz) {
                w.Open("li", true);
                Link(file + "#" + m.quiz->id, "Practice: " + m.quiz->title);
                w.Close();
            }
            w.Close();
            w.Close();
        }
        w.Close();
        w.Open("ul");
        w.Open("li", true);
        Link("glossary.html", "Glossary");
        w.Close();
        w.Open("li", true);
        Link("references.html", "References");
        w.Close();
        w.Close();

        if (m_course.assessment) {
            const Quiz& a = *m_course.assessment;
            int total = 0;
            for (const auto& pool : a.pools) total += static_cast<int>(pool.questions.size());
            w.Leaf("h2", a.title);
            if (!a.intro.empty()) Para(a.intro);
            w.Leaf("p", "It runs in Lectern: each attempt draws " +
                            std::to_string(a.QuestionsPerAttempt()) + " of " + std::to_string(total) +
                            " questions, and the pass mark is " + std::to_string(a.pass_percent) +
                            "%. Its questions are not printed here, so that it still checks what you have "
                            "learned.");
        }

        w.Leaf("h2", "About this edition");
        w.Open("ul");
        w.Leaf("li", "This edition works offline: it loads nothing from the network.");
        w.Leaf("li", "Each module is one page. Answers to knowledge checks and practice questions are behind "
                     "\xE2\x80\x9CShow the answer\xE2\x80\x9D, next to each question.");
        w.Leaf("li", "Scenarios read as a story: after each choice, a link leads to what happens next.");
        w.Leaf("li", "Printed, each module makes a handout that starts each lesson on a new page and "
                     "ends with its answers.");
        w.Close();
        EndFile({}, {}, m_course.modules.empty() ? "glossary.html" : HtmlModuleFileName(m_course.modules.front()),
                m_course.modules.empty() ? "Glossary" : m_course.modules.front().title);
    }

    void RenderGlossary() {
        BeginFile("glossary.html", "Glossary", Kind::Glossary);
        HtmlWriter& w = *m_w;
        w.Leaf("h1", "Glossary");
        std::vector<const GlossaryEntry*> entries;
        for (const auto& g : m_course.glossary) entries.push_back(&g);
        std::stable_sort(entries.begin(), entries.end(),
                         [](const GlossaryEntry* a, const GlossaryEntry* b) { return Lower(a->term) < Lower(b->term); });
        if (entries.empty()) {
            w.Leaf("p", "This course has no glossary.");
        } else {
            // Grouped by initial, with a heading each and a row of links to them, so a long
            // glossary can be skimmed by heading or jumped into by letter.
            auto initial = [](const GlossaryEntry* g) {
                unsigned char c = g->term.empty() ? ' ' : static_cast<unsigned char>(g->term[0]);
                return std::isalpha(c) ? std::string(1, static_cast<char>(std::toupper(c))) : std::string("Other");
            };
            std::vector<std::string> letters;
            for (const GlossaryEntry* g : entries)
                if (std::find(letters.begin(), letters.end(), initial(g)) == letters.end()) letters.push_back(initial(g));
            std::stable_partition(letters.begin(), letters.end(), [](const std::string& l) { return l != "Other"; });
            w.Leaf("p", std::to_string(entries.size()) + " terms, in alphabetical order.");
            w.Open("nav");
            w.Attr("class", "letters");
            w.Attr("aria-label", "Glossary by letter");
            w.Open("ul");
            for (const auto& l : letters) {
                w.Open("li", true);
                Link("#letter-" + l, l);
                w.Close();
            }
            w.Close();
            w.Close();
            for (const auto& l : letters) {
                w.Open("h2", true);
                w.Attr("id", "letter-" + l);
                w.Text(l);
                w.Close();
                w.Open("dl");
                w.Attr("class", "glossary");
                for (const GlossaryEntry* g : entries) {
                    if (initial(g) != l) continue;
                    w.Open("dt", true);
                    w.Attr("id", "term-" + g->id);
                    w.Leaf("dfn", g->term);
                    w.Close();
                    w.Open("dd");
                    Para(g->definition);
                    w.Close();
                }
                w.Close();
            }
        }
        EndFile(m_course.modules.empty() ? "index.html" : HtmlModuleFileName(m_course.modules.back()),
                m_course.modules.empty() ? "Home and contents" : m_course.modules.back().title, "references.html",
                "References");
    }

    void RenderReferences() {
        BeginFile("references.html", "References", Kind::References);
        HtmlWriter& w = *m_w;
        w.Leaf("h1", "References");
        bool grouped = false;
        for (const auto& r : m_course.references) grouped = grouped || !r.group.empty();
        if (m_course.references.empty()) w.Leaf("p", "This course lists no references.");
        for (size_t i = 0; i < m_course.references.size();) {
            const std::string& group = m_course.references[i].group;
            if (grouped) w.Leaf("h2", group.empty() ? "Other references" : group);
            w.Open("ul");
            w.Attr("class", "references");
            for (; i < m_course.references.size() && m_course.references[i].group == group; ++i) {
                const Reference& r = m_course.references[i];
                w.Open("li", true);
                w.Attr("id", "ref-" + r.id);
                Inlines(r.text);
                if (!r.url.empty()) {
                    w.Text(" ");
                    if (IsWebUrl(r.url)) {
                        w.Open("a");
                        w.Attr("class", "url");
                        w.Attr("href", r.url);
                        w.Text(r.url);
                        w.Close();
                    } else {
                        w.Leaf("span", r.url, "url");
                    }
                }
                w.Close();
            }
            w.Close();
        }
        EndFile("glossary.html", "Glossary", {}, {});
    }

    const Course& m_course;
    HtmlExportOptions m_options;
    HtmlEdition m_edition;
    std::map<std::string, std::string> m_file_of;     // module, lesson and page id -> file
    std::map<std::string, std::string> m_image_dest;  // resolved path -> "images/<name>"
    std::set<std::string> m_image_names;              // lower case, to be safe on any file system
    std::unique_ptr<HtmlWriter> m_w;                  // the file being written
    std::string m_file;
    std::vector<KeyEntry> m_checks, m_practice, m_scenarios;  // for the current module's answer key
    int m_practice_count = 0;  // practice questions in the current module, with answers or not
};

// Is `path` the folder `dir` or inside it?
bool IsWithin(const fs::path& path, const fs::path& dir) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(path, ec);
    if (ec) return false;
    fs::path d = fs::weakly_canonical(dir, ec);
    if (ec || d.empty()) return false;
    auto pi = p.begin();
    for (auto di = d.begin(); di != d.end(); ++di, ++pi) {
        if (di->empty()) continue;  // trailing separator
        if (pi == p.end() || *pi != *di) return false;
    }
    return true;
}

}  // namespace

std::string HtmlModuleFileName(const Module& module) { return "module-" + module.id + ".html"; }

HtmlEdition RenderHtmlEdition(const Course& course, const HtmlExportOptions& options) {
    return EditionRenderer(course, options).Render();
}

std::string Describe(const HtmlExportFailure& e) {
    switch (e.code) {
        case HtmlExportError::OutputInsideCourse:
            return e.path + ": the output folder must be outside the course folder " + e.about;
        case HtmlExportError::CannotCreateFolder:
            return e.path + ": cannot create the folder" + (e.system_error ? ": " + os::ErrorText(e.system_error) : std::string());
        case HtmlExportError::CannotWriteFile:
            return e.write ? os::Describe(*e.write) : e.path + ": cannot write the file";
        case HtmlExportError::CannotCopyImage:
            return e.write ? e.path + ": cannot copy the image " + e.about + ": " + os::Describe(*e.write)
                           : e.path + ": cannot read the image " + e.about;
    }
    return e.path;
}

HtmlExportResult WriteHtmlEdition(const Course& course, const std::string& out_dir, const HtmlExportOptions& options) {
    auto fail = [](HtmlExportError code, std::string path, std::string about = {}) {
        HtmlExportFailure e;
        e.code = code;
        e.path = std::move(path);
        e.about = std::move(about);
        return e;
    };
    const fs::path out(out_dir);
    // Writing into the course would mix the edition with the sources (and an image could be
    // replaced by its own copy).
    for (const std::string& dir : {course.root_dir, course.assets_dir})
        if (!dir.empty() && IsWithin(out, dir))
            return HtmlExportResult::Fail(fail(HtmlExportError::OutputInsideCourse, out_dir, dir));

    HtmlEdition edition = RenderHtmlEdition(course, options);
    for (const fs::path& folder : {out, out / "images"}) {
        if (folder != out && edition.images.empty()) continue;
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (!ec && fs::is_directory(folder)) continue;
        HtmlExportFailure e = fail(HtmlExportError::CannotCreateFolder, folder == out ? out_dir : folder.string());
        e.system_error = ec.value();
        return HtmlExportResult::Fail(e);
    }
    std::vector<std::string> written;
    for (const auto& f : edition.files) {
        fs::path target = out / f.path;
        // Atomically, and never through a link left at the name (refused with a message).
        os::WriteOptions write;
        write.mode = 0644;  // an edition is for publishing
        if (os::WriteResult w = os::WriteFileAtomically(target, f.content, write); !w) {
            HtmlExportFailure e = fail(HtmlExportError::CannotWriteFile, target.string());
            e.write = w.error();
            return HtmlExportResult::Fail(e);
        }
        written.push_back(f.path);
    }
    for (const auto& img : edition.images) {
        fs::path target = out / img.path;
        std::ifstream in(img.source, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) return HtmlExportResult::Fail(fail(HtmlExportError::CannotCopyImage, target.string(), img.source));
        os::WriteOptions write;
        write.mode = 0644;
        if (os::WriteResult w = os::WriteFileAtomically(target, bytes, write); !w) {
            HtmlExportFailure e = fail(HtmlExportError::CannotCopyImage, target.string(), img.source);
            e.write = w.error();
            return HtmlExportResult::Fail(e);
        }
        written.push_back(img.path);
    }
    return written;
}

}  // namespace lectern
