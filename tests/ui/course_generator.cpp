#include "course_generator.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <stdexcept>

namespace fs = std::filesystem;

namespace lectern::test {

const std::vector<BlockContainer>& BlockContainers() {
    // As the guide's block table says: a callout holds p, ul, ol and quote; the scenario's parts
    // and facilitator notes hold every block but questions, scenarios and notes; a page holds all.
    static const std::vector<BlockContainer> containers = {
        {"page", {"heading", "p", "ul", "ol", "quote", "callout", "table", "image", "question", "scenario", "facilitator"}},
        {"callout", {"p", "ul", "ol", "quote"}},
        {"facilitator", {"heading", "p", "ul", "ol", "quote", "callout", "table", "image"}},
        {"intro", {"heading", "p", "ul", "ol", "quote", "callout", "table", "image"}},
        {"node", {"heading", "p", "ul", "ol", "quote", "callout", "table", "image"}},
        {"ending", {"heading", "p", "ul", "ol", "quote", "callout", "table", "image"}},
        {"debrief", {"heading", "p", "ul", "ol", "quote", "callout", "table", "image"}},
    };
    return containers;
}

namespace {

// Words an author might write: ordinary ones, long ones that fit a line, ones longer than a
// narrow line at 200 % text, and words in other scripts (with a soft hyphen, a no-break space
// and a character above U+FFFF, which the player draws as a placeholder).
const char* const kWords[] = {
    "the", "policy", "of", "training", "partner", "forces", "must", "report", "law", "rights", "and", "a",
    "credible", "information", "embassy", "vetting", "unit", "review", "Tuesday", "1976", "(art. 2)", "—",
    "&amp;", "&lt;angle&gt;", "\"quoted\"", "internationalisation", "responsibilities",
    "Donaudampfschifffahrtsgesellschaftskapitän", "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "co\u00ADoperation", "human\u00A0rights", "Αθήνα", "Москва", "Straße", "café", "naïve", "人权与安全合作",
    "日本語のテキスト", "حقوق الإنسان", "זכויות אדם", "สิทธิมนุษยชน", "मानवाधिकार", "😀", "IMET",
};

class Gen {
public:
    explicit Gen(uint32_t seed) : m_rng(seed) {}

    int Pick(int n) { return static_cast<int>(m_rng() % static_cast<uint32_t>(n)); }
    bool Chance(int percent) { return Pick(100) < percent; }
    int Between(int lo, int hi) { return lo + Pick(hi - lo + 1); }
    std::string Id(const char* prefix) { return prefix + std::to_string(++m_next_id); }

    std::string Words(int lo, int hi) {
        std::string s;
        int n = Between(lo, hi);
        for (int i = 0; i < n; ++i) {
            if (i) s += ' ';
            s += kWords[Pick(sizeof kWords / sizeof *kWords)];
        }
        return s;
    }
    // Plain text for attributes and <title>: no markup, and quotes escaped for attributes.
    std::string Plain(int lo, int hi) {
        std::string s = Words(lo, hi), out;
        for (char c : s) out += c == '"' ? std::string("&quot;") : std::string(1, c);
        return out;
    }
    // A long title sometimes: titles run to two or three lines at large text.
    std::string Title() { return Chance(30) ? Plain(12, 24) : Plain(1, 5); }

    // Inline text: em, strong and span nest (two deep), and hold term, link and cite, which hold
    // text with em/strong only; a phrase sometimes names its language.
    std::string Inline(int lo = 3, int hi = 30, int depth = 0, bool leaf = false) {
        std::string s;
        int parts = Between(1, 4);
        for (int i = 0; i < parts; ++i) {
            if (i) s += ' ';
            int kind = Pick(leaf ? 3 : 7);
            if (kind == 0 || depth >= 2) {
                s += Words(lo / parts + 1, hi / parts + 1);
            } else if (kind == 1) {
                s += "<em>" + Inline(1, 6, depth + 1, leaf) + "</em>";
            } else if (kind == 2) {
                s += "<strong>" + Inline(1, 6, depth + 1, leaf) + "</strong>";
            } else if (kind == 3) {
                s += "<term ref=\"g" + std::to_string(Between(1, kTerms)) + "\">" + Inline(1, 4, depth + 1, true) + "</term>";
            } else if (kind == 4) {
                s += "<link to=\"" + LinkTarget() + "\">" + Inline(1, 4, depth + 1, true) + "</link>";
            } else if (kind == 5) {
                s += "<cite ref=\"r" + std::to_string(Between(1, kRefs)) + "\">" + Inline(1, 4, depth + 1, true) + "</cite>";
            } else if (Chance(50)) {
                // A phrase in another language, bare or emphasised (Run::span_lang).
                static const char* const langs[] = {"ar", "he", "fr", "zh", "ja", "en"};
                static const char* const tags[] = {"span", "em", "strong"};
                const char* tag = tags[Pick(3)];
                s += std::string("<") + tag + " lang=\"" + langs[Pick(6)] + "\">" + Inline(1, 6, depth + 1, leaf) + "</" + tag + ">";
            } else {
                s += Words(1, 3);
            }
        }
        return s;
    }

    std::string LinkTarget() { return m_link_targets.empty() ? "m1" : m_link_targets[Pick(static_cast<int>(m_link_targets.size()))]; }

    // One block named `name`, written for a place that allows `allowed` inside its own children.
    std::string Block(const std::string& name, int depth) {
        if (name == "heading") return Chance(50) ? "<heading>" + Inline(1, 12) + "</heading>" : "<heading level=\"3\">" + Inline(1, 12) + "</heading>";
        if (name == "p") return Chance(5) ? "<p/>" : "<p>" + Inline() + "</p>";
        if (name == "ul" || name == "ol") {
            std::string s = "<" + name + ">";
            for (int i = Between(1, 6); i > 0; --i) s += "<li>" + Inline(1, 25) + "</li>";
            return s + "</" + name + ">";
        }
        if (name == "quote") return "<quote source=\"" + Plain(1, 10) + "\">" + Inline() + "</quote>";
        if (name == "callout") {
            static const char* const kinds[] = {"note", "important", "example", "legal"};
            std::string s = std::string("<callout kind=\"") + kinds[Pick(4)] + "\"";
            if (Chance(70)) s += " title=\"" + (Chance(30) ? Plain(10, 20) : Plain(1, 4)) + "\"";
            s += ">" + Blocks("callout", Between(1, 3), "", depth + 1) + "</callout>";
            return s;
        }
        if (name == "table") return Table();
        if (name == "image") {
            std::string alt = Chance(20) ? "" : Plain(3, 12);
            std::string s = "<image src=\"images/figure.png\" alt=\"" + alt + "\"";
            if (Chance(60)) s += " caption=\"" + Plain(2, 16) + "\"";
            return s + "/>";
        }
        if (name == "question") return Question(false);
        if (name == "scenario") return Scenario("", "");
        if (name == "facilitator") return "<facilitator>" + Blocks("facilitator", Between(1, 3), "", depth + 1) + "</facilitator>";
        throw std::logic_error("no such block: " + name);
    }

    // `count` random blocks allowed in `container`, with `must` among them (if not empty).
    std::string Blocks(const std::string& container, int count, const std::string& must, int depth) {
        const BlockContainer* c = nullptr;
        for (const BlockContainer& bc : BlockContainers())
            if (container == bc.name) c = &bc;
        if (!c) throw std::logic_error("no such container: " + container);
        std::vector<std::string> names;
        for (int i = 0; i < count; ++i) {
            std::string n = c->blocks[Pick(static_cast<int>(c->blocks.size()))];
            // Questions and scenarios are big: a few per page, placed by the coverage list.
            if ((n == "question" || n == "scenario" || n == "facilitator") || depth > 3) n = "p";
            names.push_back(n);
        }
        if (!must.empty()) names.insert(names.begin() + Pick(static_cast<int>(names.size()) + 1), must);
        std::string s;
        for (const std::string& n : names) {
            placed.emplace_back(container, n);
            s += Block(n, depth) + "\n";
        }
        return s;
    }

    std::string Table() {
        int cols = Chance(30) ? Between(6, 10) : Between(1, 5);
        int rows = Between(1, 5);
        std::string s = "<table";
        if (Chance(60)) s += " caption=\"" + Plain(1, 12) + "\"";
        s += "><tr>";
        for (int c = 0; c < cols; ++c) s += "<th>" + Inline(1, 3) + "</th>";
        s += "</tr>";
        for (int r = 0; r < rows; ++r) {
            s += "<tr>";
            for (int c = 0; c < cols; ++c) s += Chance(10) ? "<td/>" : "<td>" + Inline(1, 10) + "</td>";
            s += "</tr>";
        }
        return s + "</table>";
    }

    // A question of a random type (every type in every course: the caller cycles `type`).
    std::string Question(bool scored, int type = -1) {
        static const char* const types[] = {"single", "multiple", "truefalse", "matching", "ordering", "text"};
        if (type < 0) type = Pick(6);
        std::string t = types[type];
        std::string s = "<question id=\"" + Id("q") + "\" type=\"" + t + "\"";
        bool partial = t == "multiple" && Chance(50);
        if (partial) s += " scoring=\"partial\"";
        if (scored && Chance(30)) s += " points=\"" + std::to_string(Between(1, 5)) + "\"";
        if (t == "truefalse") s += Chance(50) ? " answer=\"true\"" : " answer=\"false\"";
        s += ">";
        std::vector<std::string> parts;
        parts.push_back("<prompt>" + Inline(3, 60) + "</prompt>");
        if (Chance(50)) parts.push_back("<hint>" + Inline(2, 20) + "</hint>");
        if (t == "single" || t == "multiple") {
            int n = Between(2, 6), right = Pick(n);
            for (int i = 0; i < n; ++i) {
                bool correct = t == "single" ? i == right : (i == right || Chance(40));
                std::string c = "<choice id=\"c" + std::to_string(i) + "\"" + (correct ? " correct=\"true\"" : "") + ">" + Inline(1, 30);
                if (Chance(50)) c += "<feedback>" + Inline(2, 20) + "</feedback>";
                if (Chance(30)) c += "<rationale cite=\"" + Plain(1, 6) + "\">" + Inline(2, 20) + "</rationale>";
                parts.push_back(c + "</choice>");
            }
        } else if (t == "matching") {
            for (int i = Between(2, 6); i > 0; --i)
                parts.push_back("<pair id=\"" + Id("pr") + "\"><left>" + Inline(1, 12) + "</left><right>" + Inline(1, 16) + "</right></pair>");
        } else if (t == "ordering") {
            for (int i = Between(2, 6); i > 0; --i) parts.push_back("<item id=\"" + Id("it") + "\">" + Inline(1, 20) + "</item>");
        } else if (t == "text") {
            for (int i = Between(1, 3); i > 0; --i) parts.push_back("<accept>" + Words(1, 3) + "</accept>");
            if (Chance(50)) parts.push_back("<pattern>colou?r|gr[ae]y</pattern>");
        }
        if (Chance(50)) parts.push_back("<feedback when=\"correct\">" + Inline(2, 20) + "</feedback>");
        if (Chance(50)) parts.push_back("<feedback when=\"incorrect\">" + Inline(2, 20) + "</feedback>");
        if (partial && Chance(50)) parts.push_back("<feedback when=\"partial\">" + Inline(2, 20) + "</feedback>");
        if (Chance(50)) parts.push_back("<rationale cite=\"" + Plain(1, 8) + "\">" + Inline(5, 50) + "</rationale>");
        // Children come in any order, the prompt among them.
        std::shuffle(parts.begin(), parts.end(), m_rng);
        for (const std::string& p : parts) s += p;
        return s + "</question>";
    }

    // A scenario with `block` in the part named `where` (intro, node, ending, debrief). Every
    // node is reachable along the best choices, and every ending from some node.
    std::string Scenario(const std::string& where, const std::string& block) {
        std::string id = Id("sc");
        int nodes = Between(1, 4), endings = Between(1, std::min(nodes, 3));
        auto part = [&](const char* name) {
            int n = Between(0, 2);
            return Blocks(name, n, where == name ? block : "", 1);
        };
        std::string s = "<scenario id=\"" + id + "\" title=\"" + Title() + "\">";
        if (Chance(70) || where == "intro") s += "<intro>" + part("intro") + "</intro>";
        else if (Chance(20)) s += "<intro/>";
        for (int i = 1; i <= nodes; ++i) {
            std::string body = part("node");
            s += "<node id=\"" + id + "n" + std::to_string(i) + "\">" + body;
            std::string next = i < nodes ? id + "n" + std::to_string(i + 1) : id + "e1";
            std::string cid = id + "n" + std::to_string(i) + "c";
            s += "<choice id=\"" + cid + "1\" goto=\"" + next + "\" rating=\"best\">" + Inline(1, 20) + "<reason>" + Inline(2, 30) + "</reason></choice>";
            int more = Between(1, 3);
            for (int c = 0; c < more; ++c) {
                int e = c == 0 ? (i - 1) % endings + 1 : Between(1, endings);
                s += "<choice id=\"" + cid + std::to_string(c + 2) + "\" goto=\"" + id + "e" + std::to_string(e) + "\" rating=\"" +
                     (Chance(50) ? "poor" : "acceptable") + "\">" + Inline(1, 20) + "<reason>" + Inline(2, 30) + "</reason></choice>";
            }
            s += "</node>";
        }
        static const char* const outcomes[] = {"best", "acceptable", "poor"};
        for (int e = 1; e <= endings; ++e) {
            s += "<ending id=\"" + id + "e" + std::to_string(e) + "\" outcome=\"" + outcomes[e == 1 ? 0 : Pick(3)] + "\">" + part("ending");
            if (Chance(70) || where == "debrief") s += "<debrief>" + part("debrief") + "</debrief>";
            s += "</ending>";
        }
        return s + "</scenario>";
    }

    std::string Quiz(const std::string& root_attrs, bool assessment) {
        static const char* const reviews[] = {"full", "responses", "none"};
        std::string s = "<quiz id=\"" + Id("quiz") + "\" title=\"" + Title() + "\" pass=\"" + std::to_string(Between(1, 100)) +
                        "\" attempts=\"" + std::to_string(Between(0, 3)) + "\" shuffle-questions=\"" + (Chance(50) ? "true" : "false") +
                        "\" shuffle-choices=\"" + (Chance(50) ? "true" : "false") + "\" navigation=\"" +
                        (Chance(50) ? "free" : "linear") + "\" review=\"" + reviews[assessment ? 0 : Pick(3)] + "\"" + root_attrs + ">";
        if (Chance(70)) s += "<intro>" + Inline(3, 40) + "</intro>";
        int type = 0;
        for (int p = Between(1, 3); p > 0; --p) {
            int n = Between(1, 6);
            s += "<pool";
            if (Chance(50)) s += " title=\"" + Plain(1, 8) + "\"";
            if (Chance(50)) s += " draw=\"" + std::to_string(Between(1, n)) + "\"";
            s += ">";
            for (int i = 0; i < n; ++i) s += Question(true, type++ % 6);
            s += "</pool>";
        }
        return s + "</quiz>";
    }

    static constexpr int kTerms = 6;
    static constexpr int kRefs = 6;
    std::vector<std::pair<std::string, std::string>> placed;
    std::vector<std::string> m_link_targets;

private:
    std::mt19937 m_rng;
    int m_next_id = 0;
};

void Write(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" << text << "\n";
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

GeneratedCourse WriteGeneratedCourse(const fs::path& dir, uint32_t seed, const fs::path& image_png) {
    Gen g(seed);
    fs::remove_all(dir);
    fs::create_directories(dir / "modules");
    fs::create_directories(dir / "images");
    fs::copy_file(image_png, dir / "images/figure.png", fs::copy_options::overwrite_existing);

    // Every (container, block) pair, shuffled and dealt to pages three at a time.
    std::vector<std::pair<std::string, std::string>> todo;
    for (const BlockContainer& c : BlockContainers())
        for (const char* b : c.blocks) todo.emplace_back(c.name, b);
    std::vector<std::string> page_ids;
    const int per_page = 3;
    const int pages = static_cast<int>((todo.size() + per_page - 1) / per_page);
    for (int i = 1; i <= pages; ++i) page_ids.push_back("page" + std::to_string(i));
    g.m_link_targets = page_ids;
    g.m_link_targets.push_back("m1");
    {
        std::mt19937 deal(seed ^ 0x9e3779b9u);
        std::shuffle(todo.begin(), todo.end(), deal);
    }

    // Pages go to modules of 1-3 lessons of 1-3 pages.
    std::vector<std::string> module_files;
    size_t next_pair = 0;
    int page = 0, module = 0;
    static const char* const roles[] = {"core", "intro", "appendix"};
    while (page < pages) {
        ++module;
        std::string m = "<module id=\"m" + std::to_string(module) + "\" title=\"" + g.Title() + "\"";
        if (g.Chance(40)) m += std::string(" role=\"") + roles[g.Pick(3)] + "\"";
        m += ">";
        if (g.Chance(60)) m += "<summary>" + g.Inline(3, 30) + "</summary>";
        if (g.Chance(40)) m += "<facilitator>" + g.Blocks("facilitator", g.Between(1, 3), "", 1) + "</facilitator>";
        for (int lessons = g.Between(1, 3); lessons > 0 && page < pages; --lessons) {
            m += "<lesson id=\"" + g.Id("l") + "\" title=\"" + g.Title() + "\">";
            if (g.Chance(50)) {
                m += "<objectives>";
                for (int o = g.Between(1, 4); o > 0; --o) m += "<objective>" + g.Inline(2, 20) + "</objective>";
                m += "</objectives>";
            }
            if (g.Chance(30)) m += "<facilitator>" + g.Blocks("facilitator", g.Between(1, 2), "", 1) + "</facilitator>";
            for (int n = g.Between(1, 3); n > 0 && page < pages; --n) {
                m += "<page id=\"" + page_ids[page++] + "\" title=\"" + g.Title() + "\">";
                std::string body;
                for (int k = 0; k < per_page && next_pair < todo.size(); ++k) {
                    const auto& [container, block] = todo[next_pair++];
                    g.placed.emplace_back(container, block);
                    if (container == "page") {
                        body += g.Block(block, 0);
                    } else if (container == "callout") {
                        body += "<callout kind=\"example\" title=\"" + g.Title() + "\">" + g.Blocks("callout", g.Between(0, 2), block, 1) +
                                "</callout>";
                    } else if (container == "facilitator") {
                        body += "<facilitator>" + g.Blocks("facilitator", g.Between(0, 2), block, 1) + "</facilitator>";
                    } else {
                        body += g.Scenario(container, block);
                    }
                    if (g.Chance(50)) body += g.Block("p", 0);
                    body += "\n";
                }
                if (g.Chance(30)) body += g.Block("question", 0);
                m += (body.empty() ? g.Block("p", 0) : body) + "</page>";
            }
            m += "</lesson>";
        }
        if (g.Chance(60)) m += g.Quiz("", false);
        m += "</module>";
        std::string file = "modules/m" + std::to_string(module) + ".xml";
        Write(dir / file, m);
        module_files.push_back(file);
    }

    std::string course = "<course id=\"gen" + std::to_string(seed) + "\" version=\"" + std::to_string(seed) +
                         "\" lang=\"en\" minutes=\"" + std::to_string(g.Between(1, 600)) + "\"><title>" + g.Plain(1, 20) + "</title>";
    if (g.Chance(70)) course += "<description>" + g.Inline(5, 60) + "</description>";
    if (g.Chance(70)) course += "<audience>" + g.Inline(2, 30) + "</audience>";
    for (const std::string& f : module_files) course += "<include src=\"" + f + "\"/>";
    course += "<assessment src=\"assessment.xml\"/><glossary src=\"glossary.xml\"/><references src=\"references.xml\"/></course>";
    Write(dir / "course.xml", course);
    Write(dir / "assessment.xml", g.Quiz("", true));

    std::string glossary = "<glossary>";
    for (int i = 1; i <= Gen::kTerms; ++i)
        glossary += "<entry id=\"g" + std::to_string(i) + "\" term=\"" + g.Title() + "\">" + g.Inline(3, 60, 1) + "</entry>";
    Write(dir / "glossary.xml", glossary + "</glossary>");

    std::string refs = "<references>";
    for (int i = 1; i <= Gen::kRefs; ++i) {
        std::string ref = "<ref id=\"r" + std::to_string(i) + "\"";
        if (g.Chance(50)) ref += " url=\"https://example.org/" + std::string(g.Chance(30) ? "a-very-long-path/that-goes/on-and-on/" : "") + "r" + std::to_string(i) + "\"";
        ref += ">" + g.Inline(3, 40, 1) + "</ref>";
        refs += i % 2 ? "<group title=\"" + g.Title() + "\">" + ref + "</group>" : ref;
    }
    Write(dir / "references.xml", refs + "</references>");

    GeneratedCourse out;
    out.dir = dir;
    out.placed = std::move(g.placed);
    return out;
}

}  // namespace lectern::test
