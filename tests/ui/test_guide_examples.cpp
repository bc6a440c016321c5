// The authoring guide's examples (content/README.md) are a course, and it must load, lint clean
// and draw every screen without a fault (screen_walk.h). An author copies these examples first:
// when one stops loading, this test fails and names the guide's line. How the examples become a
// course: tests/guide/guide_course.h. That the XSD accepts the same files is checked by
// script.test_guide_schema (xmllint is a Linux program; these tests also run under wine).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <tinyxml2.h>

#include "authoring/lint.h"
#include "authoring/scripts.h"
#include "course/loader.h"
#include "course_generator.h"
#include "guide_course.h"
#include "screen_walk.h"

using namespace lectern;
using lectern::test::GuideCourse;
using lectern::test::WriteGuideCourse;
namespace fs = std::filesystem;

namespace {

const char* const kGuide = LECTERN_CONTENT_DIR "/README.md";
// The schema's declared names, read as text (these tests check names only; validation is
// script.test_guide_schema's).
const char* const kSchema = LECTERN_CONTENT_DIR "/schema/lectern-course.xsd";

std::string ReadGuide() {
    std::ifstream f(kGuide);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

fs::path Scratch(const std::string& name) { return fs::temp_directory_path() / ("lectern-guide-" + std::to_string(getpid())) / name; }

const fs::path kPng = fs::path(LECTERN_TEST_DATA) / "fixture-course/images/three-steps.png";

// Every diagnostic, as lectern-lint prints it, with the guide's line it comes from.
std::string Explain(const Diagnostics& d, const GuideCourse& g) {
    std::string s;
    for (const Diagnostic& x : d.All()) s += x.Format() + "\n    (" + g.GuideLine(x.loc.file, x.loc.line) + ")\n";
    return s;
}

TEST(GuideExamples, MakeACourseThatLoadsLintsCleanAndDrawsEveryScreen) {
    const std::string guide = ReadGuide();
    ASSERT_FALSE(guide.empty()) << "cannot read " << kGuide;
    const fs::path dir = Scratch("course");
    GuideCourse g = WriteGuideCourse(guide, dir, kPng);
    for (const std::string& p : g.problems) ADD_FAILURE() << p;
    // The guide shows a course, a module, blocks, a question, a quiz, a scenario, a glossary and references.
    EXPECT_GE(g.examples, 7);
    EXPECT_GE(g.block_examples, 3);

    // What `lectern-lint` reports: the loader's errors, then the authoring warnings and the
    // characters no installed font draws. The guide's examples say of no warning, so none is expected.
    LoadResult load = LoadCourse(dir.string());
    ASSERT_TRUE(load.ok()) << "the guide's examples do not load:\n" << Explain(load.diagnostics, g);
    Diagnostics all = load.diagnostics;
    all.Append(LintCourse(*load.course));
    CheckCharacters(*load.course, dir.string(), FontCoverage::Installed(), all);
    EXPECT_EQ(all.All().size(), 0u) << "lectern-lint is not clean on the guide's examples:\n" << Explain(all, g);

    test::DrawnCourse drawn = test::DrawEveryScreen(load.course, "the guide's examples");
    EXPECT_EQ(drawn.signal, 0) << "drawing aborted:\n" << drawn.output;
    EXPECT_EQ(drawn.code, 0) << drawn.output;
    std::printf("the guide's examples: %d examples, %zu files; %s", g.examples, g.files.size(), drawn.output.c_str());
    fs::remove_all(dir.parent_path());
}

// The test above can fail: a guide whose example has a mistake makes a course that does not load,
// and the error points at the guide's line. Each case breaks one example of the real guide.
TEST(GuideExamples, AMistakeInAnExampleFailsAtItsLineInTheGuide) {
    const std::string guide = ReadGuide();
    struct Case {
        const char* find;
        const char* replace;
    };
    const Case cases[] = {
        {"<choice id=\"b\" correct=\"true\">", "<choice id=\"b\" correct=\"yes\">"},  // the question example
        {"<ending id=\"end-silence\" outcome=\"poor\">", "<ending id=\"end-silence\" outcome=\"bad\">"},  // the scenario
        {"<ref id=\"cat\">", "<ref>"},  // references: a citation with no id
        {"<page id=\"m1-l1-p1\"", "<page id=\"m1-l1-p1\" level=\"2\""},  // the module
    };
    for (const Case& c : cases) {
        const size_t at = guide.find(c.find);
        ASSERT_NE(at, std::string::npos) << "the guide no longer has " << c.find << ": update this case";
        std::string broken = guide;
        broken.replace(at, std::strlen(c.find), c.replace);
        const int line = 1 + static_cast<int>(std::count(guide.begin(), guide.begin() + static_cast<long>(at), '\n'));
        const fs::path dir = Scratch(std::string("broken-") + std::to_string(line));
        GuideCourse g = WriteGuideCourse(broken, dir, kPng);
        LoadResult load = LoadCourse(dir.string());
        EXPECT_FALSE(load.ok()) << c.replace << " loads";
        bool pointed = false;
        for (const Diagnostic& d : load.diagnostics.All())
            pointed |= g.GuideLine(d.loc.file, d.loc.line) == "content/README.md:" + std::to_string(line);
        EXPECT_TRUE(pointed) << c.replace << " (line " << line << ") is not pointed at:\n" << Explain(load.diagnostics, g);
    }
    fs::remove_all(Scratch("").parent_path());
}

// The guide's table of what holds which blocks ("the blocks it may hold") says exactly what the
// loader accepts: the generator's table of containers (course_generator.h) is checked against the
// loader pair by pair (GeneratedCourseGrammar), and here against the guide, row by row.
TEST(GuideExamples, TheGuidesTableOfWhatHoldsBlocksIsTheLoaders) {
    std::istringstream in(ReadGuide());
    std::string line;
    std::map<std::string, std::set<std::string>> guide;
    bool in_table = false;
    const std::regex code("`([a-z]+)`");
    while (std::getline(in, line)) {
        if (line.find("| the blocks it may hold |") != std::string::npos) {
            in_table = true;
            continue;
        }
        if (!in_table) continue;
        if (line.rfind("|---", 0) == 0) continue;
        if (line.rfind("|", 0) != 0) break;
        const size_t split = line.find('|', 1);
        ASSERT_NE(split, std::string::npos) << line;
        const std::string holders = line.substr(1, split - 1), blocks = line.substr(split + 1);
        std::set<std::string> held;
        for (std::sregex_iterator m(blocks.begin(), blocks.end(), code), end; m != end; ++m) held.insert((*m)[1]);
        for (std::sregex_iterator m(holders.begin(), holders.end(), code), end; m != end; ++m) guide[(*m)[1]] = held;
    }
    ASSERT_FALSE(guide.empty()) << "content/README.md has no table headed 'the blocks it may hold'";
    std::map<std::string, std::set<std::string>> loader;
    for (const test::BlockContainer& c : test::BlockContainers()) loader[c.name] = std::set<std::string>(c.blocks.begin(), c.blocks.end());
    for (const auto& [holder, blocks] : loader) {
        ASSERT_TRUE(guide.count(holder)) << "the guide's table does not say what <" << holder << "> holds";
        for (const std::string& b : blocks) EXPECT_TRUE(guide[holder].count(b)) << "the guide does not let <" << holder << "> hold <" << b << ">, the loader does";
        for (const std::string& b : guide[holder]) EXPECT_TRUE(blocks.count(b)) << "the guide lets <" << holder << "> hold <" << b << ">, the loader does not";
    }
    for (const auto& [holder, blocks] : guide) EXPECT_TRUE(loader.count(holder)) << "the guide lists <" << holder << ">, which holds no blocks";
}

// ---- the guide's attribute tables against the loader ----

// One row item of the guide's "Every element's attributes" table: an element (in a parent, when
// the row names one) and the attributes it takes.
struct ElementAttributes {
    std::string element, parent;  // parent "" for the element anywhere the table names no parent
    std::set<std::string> required, optional;
};

std::set<std::string> CodeWords(const std::string& text) {
    static const std::regex code("`([a-z][a-z-]*)`");
    std::set<std::string> out;
    for (std::sregex_iterator m(text.begin(), text.end(), code), end; m != end; ++m) out.insert((*m)[1]);
    return out;
}

// The cells of a markdown table row.
std::vector<std::string> Cells(const std::string& line) {
    std::vector<std::string> out;
    size_t start = 1;
    for (size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1) out.push_back(line.substr(start, bar - start));
    return out;
}

// The rows of the table whose header line contains `header`, as cells.
std::vector<std::vector<std::string>> TableAfter(const std::string& guide, const std::string& header) {
    std::istringstream in(guide);
    std::string line;
    std::vector<std::vector<std::string>> rows;
    bool in_table = false;
    while (std::getline(in, line)) {
        if (!in_table) {
            in_table = line.rfind("|", 0) == 0 && line.find(header) != std::string::npos;
            continue;
        }
        if (line.rfind("|---", 0) == 0) continue;
        if (line.rfind("|", 0) != 0) break;
        rows.push_back(Cells(line));
    }
    return rows;
}

std::vector<ElementAttributes> GuideAttributeTable(const std::string& guide, std::vector<std::string>& problems) {
    std::vector<ElementAttributes> out;
    const auto rows = TableAfter(guide, "| element | required attributes | optional attributes |");
    if (rows.empty()) problems.push_back("content/README.md has no table headed '| element | required attributes | optional attributes |'");
    static const std::regex item("`([a-z-]+)`(?: in `([a-z-]+)`)?");
    for (const auto& cells : rows) {
        if (cells.size() != 3) {
            problems.push_back("a row of the attribute table has " + std::to_string(cells.size()) + " cells, not 3: |" + cells.at(0));
            continue;
        }
        for (std::sregex_iterator m(cells[0].begin(), cells[0].end(), item), end; m != end; ++m)
            out.push_back({(*m)[1], (*m)[2], CodeWords(cells[1]), CodeWords(cells[2])});
    }
    return out;
}

// Every name the schema declares with <xs:KIND name="...">: KIND "attribute" (on any element)
// or "element".
std::set<std::string> SchemaNames(const std::string& kind) {
    std::ifstream f(kSchema);
    const std::string xsd((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const std::regex declared("<xs:" + kind + " name=\"([a-z-]+)\"");
    std::set<std::string> out;
    for (std::sregex_iterator m(xsd.begin(), xsd.end(), declared), end; m != end; ++m) out.insert((*m)[1]);
    return out;
}

// The guide's examples as files in memory, to load changed copies of quickly.
std::map<std::string, std::string> GuideCourseFiles(const std::string& guide, const std::string& name) {
    const fs::path dir = Scratch(name);
    GuideCourse g = WriteGuideCourse(guide, dir, kPng);
    std::map<std::string, std::string> files;
    for (const std::string& rel : g.files) {
        std::ifstream f(dir / rel, std::ios::binary);
        files[rel] = std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    }
    fs::remove_all(dir);
    return files;
}

// The first element named `element` whose parent's name `parent_ok` takes ("" for a root), by
// its index in document order (as ElementAt counts), or -1.
int FindElement(const tinyxml2::XMLDocument& doc, const std::string& element, const std::function<bool(const char*)>& parent_ok) {
    int index = 0;
    std::function<int(const tinyxml2::XMLElement*, const char*)> walk = [&](const tinyxml2::XMLElement* e, const char* up) {
        for (; e; e = e->NextSiblingElement()) {
            if (element == e->Name() && parent_ok(up)) return index;
            ++index;
            const int in = walk(e->FirstChildElement(), e->Name());
            if (in >= 0) return in;
        }
        return -1;
    };
    return walk(doc.RootElement(), "");
}

tinyxml2::XMLElement* ElementAt(tinyxml2::XMLDocument& doc, int target) {
    int index = 0;
    std::function<tinyxml2::XMLElement*(tinyxml2::XMLElement*)> walk = [&](tinyxml2::XMLElement* e) -> tinyxml2::XMLElement* {
        for (; e; e = e->NextSiblingElement()) {
            if (index++ == target) return e;
            if (tinyxml2::XMLElement* in = walk(e->FirstChildElement())) return in;
        }
        return nullptr;
    };
    return walk(doc.RootElement());
}

// Where the guide's attribute table and the loader differ, probed on the guide's own examples:
// every attribute any table or the schema names is put on an element of every row (where the
// guide does not list it the loader must refuse it; where it does, accept it), every attribute
// the guide says is required is taken away (the loader must ask for it), and every optional one
// the examples use is taken away (the loader must not). The guide's other attribute tables (the
// blocks', course.xml's and the quiz's) must list what this one lists for their elements.
// What the loader said of a course: its diagnostics' codes and messages.
using Said = std::vector<std::pair<std::string, std::string>>;

// The loader's word on the guide's examples with `file` changed to `text`, remembered: the
// planted-guide test below checks the same examples nine times over, only the guide's tables
// changed, and loading them again each time was nine tenths of its time (58 s under ASan in the
// 7 Dec CI run). Exact: the memory is dropped whenever the examples differ from the last call's.
const Said& LoadChanged(const std::map<std::string, std::string>& files, const std::string& file, const std::string& text) {
    static std::map<std::string, std::string> remembered_files;
    static std::map<std::pair<std::string, std::string>, Said> remembered;
    if (files != remembered_files) {
        remembered.clear();
        remembered_files = files;
    }
    auto key = std::make_pair(file, text);
    auto it = remembered.find(key);
    if (it != remembered.end()) return it->second;
    std::map<std::string, std::string> changed = files;
    changed[file] = text;
    const LoadResult r = LoadCourseFromMemory(changed);
    Said said;
    for (const Diagnostic& d : r.diagnostics.All()) said.emplace_back(d.code, d.message);
    return remembered.emplace(std::move(key), std::move(said)).first->second;
}

std::vector<std::string> AttributeTableProblems(const std::string& guide) {
    std::vector<std::string> problems;
    const std::vector<ElementAttributes> table = GuideAttributeTable(guide, problems);
    std::set<std::string> names = SchemaNames("attribute");
    std::set<std::string> listed_elements;
    for (const ElementAttributes& row : table) {
        names.insert(row.required.begin(), row.required.end());
        names.insert(row.optional.begin(), row.optional.end());
        listed_elements.insert(row.element);
    }
    for (const std::string& e : SchemaNames("element"))
        if (!listed_elements.count(e)) problems.push_back("the attribute table has no row for <" + e + ">, an element of the schema");
    const std::map<std::string, std::string> files = GuideCourseFiles(guide, "attributes");
    {
        LoadResult base = LoadCourseFromMemory(files);
        if (!base.ok()) {
            problems.push_back("the guide's examples do not load:\n" + base.diagnostics.FormatAll());
            return problems;
        }
    }
    // The parents other rows name for each element: a row with none means any other parent.
    std::map<std::string, std::set<std::string>> named_parents;
    for (const ElementAttributes& row : table)
        if (!row.parent.empty()) named_parents[row.element].insert(row.parent);
    auto says = [](const Said& said, const std::string& code, const std::string& text) {
        for (const auto& [said_code, message] : said)
            if (said_code == code && message.find(text) != std::string::npos) return true;
        return false;
    };
    for (const ElementAttributes& row : table) {
        const std::string where = "<" + row.element + ">" + (row.parent.empty() ? "" : " in <" + row.parent + ">");
        auto parent_ok = [&](const char* up) {
            return row.parent.empty() ? !named_parents[row.element].count(up) : row.parent == up;
        };
        std::string file;
        int index = -1;
        for (const auto& [rel, text] : files) {
            tinyxml2::XMLDocument doc;
            doc.Parse(text.c_str(), text.size());
            index = FindElement(doc, row.element, parent_ok);
            if (index >= 0) {
                file = rel;
                break;
            }
        }
        if (index < 0) {
            problems.push_back("the guide's examples have no " + where + " to try its attributes on: add one");
            continue;
        }
        // The course with this row's element changed by `change`.
        auto load_changed = [&](const std::function<void(tinyxml2::XMLElement*)>& change) -> const Said& {
            tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
            doc.Parse(files.at(file).c_str(), files.at(file).size());
            change(ElementAt(doc, index));
            tinyxml2::XMLPrinter printer(nullptr, true);
            doc.Print(&printer);
            return LoadChanged(files, file, printer.CStr());
        };
        tinyxml2::XMLDocument original;
        original.Parse(files.at(file).c_str(), files.at(file).size());
        const tinyxml2::XMLElement* as_written = ElementAt(original, index);
        for (const std::string& name : names) {
            const bool listed = row.required.count(name) || row.optional.count(name);
            if (as_written->Attribute(name.c_str())) {
                // The examples load clean with it: the loader takes it.
                if (!listed) problems.push_back("the loader takes '" + name + "' on " + where + " (the guide's example uses it); the guide's table does not list it");
                continue;
            }
            const Said& r = load_changed([&](tinyxml2::XMLElement* e) { e->SetAttribute(name.c_str(), "x"); });
            const bool refused = says(r, "unknown-attribute", "<" + row.element + "> has no attribute '" + name + "'");
            if (listed && refused) problems.push_back("the guide lists '" + name + "' on " + where + "; the loader refuses it");
            if (!listed && !refused) problems.push_back("the loader takes '" + name + "' on " + where + "; the guide's table does not list it");
        }
        for (const auto* attrs : {&row.required, &row.optional}) {
            for (const std::string& name : *attrs) {
                if (!as_written->Attribute(name.c_str())) {
                    if (attrs == &row.required) problems.push_back("the guide says " + where + " requires '" + name + "'; its example lacks it");
                    continue;
                }
                const Said& r = load_changed([&](tinyxml2::XMLElement* e) { e->DeleteAttribute(name.c_str()); });
                const bool asked = says(r, "missing-attribute", "<" + row.element + "> needs the attribute '" + name + "'");
                if (attrs == &row.required && !asked) problems.push_back("the guide says " + where + " requires '" + name + "'; the loader does not ask for it");
                if (attrs == &row.optional && asked) problems.push_back("the guide says '" + name + "' is optional on " + where + "; the loader requires it");
            }
        }
    }
    // The other tables of attributes say the same for their elements.
    std::map<std::string, std::set<std::string>> by_element;
    for (const ElementAttributes& row : table) {
        if (!row.parent.empty()) continue;
        by_element[row.element].insert(row.required.begin(), row.required.end());
        by_element[row.element].insert(row.optional.begin(), row.optional.end());
    }
    // `values`: the column also holds values (`note` / `important`): only attribute names count.
    auto compare = [&](const std::string& element, std::set<std::string> said, const std::string& table_name, bool values) {
        for (auto it = said.begin(); values && it != said.end();) it = names.count(*it) ? std::next(it) : said.erase(it);
        for (const std::string& a : said)
            if (!by_element[element].count(a)) problems.push_back(table_name + " lists '" + a + "' on <" + element + ">; the attribute table does not");
        for (const std::string& a : by_element[element])
            if (!said.count(a)) problems.push_back("the attribute table lists '" + a + "' on <" + element + ">; " + table_name + " does not");
    };
    const auto blocks = TableAfter(guide, "| block | attributes | content |");
    if (blocks.empty()) problems.push_back("content/README.md has no table headed '| block | attributes | content |'");
    for (const auto& cells : blocks) {
        if (cells.size() < 2 || cells[1].find("see below") != std::string::npos) continue;
        // "`ul`, `ol`" and the like: each element; values in the column ("`note` / ...") are no attribute names.
        for (const std::string& element : CodeWords(cells[0])) compare(element, CodeWords(cells[1]), "the blocks' table", true);
    }
    for (const auto& [header, element] : std::vector<std::pair<std::string, std::string>>{
             {"| attribute | required | meaning |", "course"}, {"| attribute | default | meaning |", "quiz"}}) {
        const auto rows = TableAfter(guide, header);
        if (rows.empty()) problems.push_back("content/README.md has no table headed '" + header + "'");
        std::set<std::string> said;
        for (const auto& cells : rows)
            for (const std::string& a : CodeWords(cells.at(0))) said.insert(a);
        compare(element, said, "the <" + element + "> attributes' table", false);
    }
    return problems;
}

TEST(GuideExamples, TheGuidesAttributeTablesAreTheLoaders) {
    const std::vector<std::string> problems = AttributeTableProblems(ReadGuide());
    for (const std::string& p : problems) ADD_FAILURE() << p;
    fs::remove_all(Scratch("").parent_path());
}

// The check above can fail: each planted difference between the guide and the loader is found.
TEST(GuideExamples, AnAttributeTheGuideAndTheLoaderDisagreeOnIsFound) {
    const std::string guide = ReadGuide();
    struct Case {
        const char* find;
        const char* replace;
        const char* problem;  // a piece of the problem it must cause
    };
    const Case cases[] = {
        // the loader takes lang on <p>; a guide without it is wrong
        {"| `p`, `ul`, `ol`, `li`, `th`, `td` | — | `lang` |", "| `p`, `ul`, `ol`, `li`, `th`, `td` | — | — |", "the loader takes 'lang' on <p>"},
        // the loader takes lang on a phrase (<em lang>) and requires it on <span>
        {"| `em`, `strong` | — | `lang` |", "| `em`, `strong` | — | — |", "the loader takes 'lang' on <em>"},
        {"| `span` | `lang` | — |", "| `span` | — | `lang` |", "'lang' is optional on <span>; the loader requires it"},
        // an attribute the loader does not have
        {"| `image` | `src`, `alt` | `caption` |", "| `image` | `src`, `alt` | `caption`, `width` |", "'width' on <image>"},
        // required and optional swapped
        {"| `ref` | `id` | `url` |", "| `ref` | `id`, `url` | — |", "requires 'url'"},
        {"| `pool` | — | `title`, `draw` |", "| `pool` | `title` | `draw` |", "requires 'title'"},
        {"| `ref` | `id` | `url` |", "| `ref` | — | `id`, `url` |", "'id' is optional on <ref>"},
        // a parent-specific row wrong
        {"| `choice` in `node` | `id`, `goto`, `rating` | — |", "| `choice` in `node` | `id`, `goto` | — |", "'rating' on <choice> in <node>"},
        // an element of the schema with no row
        {"| `tr` | — | — |\n", "", "no row for <tr>"},
        // the blocks' table out of step with the attribute table
        {"| `quote` | `source` (required), `lang` | inline |", "| `quote` | `source` (required) | inline |", "the blocks' table does not"},
        {"| `minutes` | yes |", "| `minutes` | yes |\n| `dir` | no | text direction |", "'dir' on <course>"},
    };
    for (const Case& c : cases) {
        const size_t at = guide.find(c.find);
        ASSERT_NE(at, std::string::npos) << "the guide no longer has " << c.find << ": update this case";
        std::string planted = guide;
        planted.replace(at, std::strlen(c.find), c.replace);
        const std::vector<std::string> problems = AttributeTableProblems(planted);
        bool found = false;
        std::string all;
        for (const std::string& p : problems) {
            found |= p.find(c.problem) != std::string::npos;
            all += "  " + p + "\n";
        }
        EXPECT_TRUE(found) << c.replace << ": no problem saying '" << c.problem << "'; found:\n" << all;
    }
    fs::remove_all(Scratch("").parent_path());
}

}  // namespace
