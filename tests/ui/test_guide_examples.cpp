// The authoring guide's examples (content/README.md) are a course, and it must load, lint clean,
// validate against the XSD and draw every screen without a fault (screen_walk.h). An author
// copies these examples first: when one stops loading, this test fails and names the guide's line.
//
// How the examples become a course, mechanically, from every ```xml fence of the guide:
// - an example whose top-level elements are files' roots (<course>, <module>, <quiz>,
//   <glossary>, <references>) is split into those files; the <course> example is course.xml and
//   names the others: its <glossary src> and <references src> are the glossary and references
//   examples, its <assessment src> the <quiz> example, and its <include src>s the modules;
// - the examples of blocks (a <p>, a <question>, a <scenario>...) are one page, in the guide's
//   order (as an author would put them together; a page of a question alone has no text, which
//   lint rightly warns about); that page is the course's first module, and the guide's <module>
//   examples are the modules after it;
// - every <image src> the examples name is a small PNG (the guide's pictures are not in the repo).
// Each example must find its place and every file course.xml names must be written, or the test
// fails saying which.
#include <gtest/gtest.h>
#include <tinyxml2.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "authoring/lint.h"
#include "authoring/scripts.h"
#include "course/loader.h"
#include "course_generator.h"
#include "screen_walk.h"

using namespace lectern;
namespace fs = std::filesystem;

namespace {

const char* const kGuide = LECTERN_CONTENT_DIR "/README.md";
const char* const kSchema = LECTERN_CONTENT_DIR "/schema/lectern-course.xsd";

// Lines [first, first + lines.size()) of the guide.
struct Example {
    int first = 0;
    std::vector<std::string> lines;
};

std::vector<Example> XmlExamples(const std::string& guide) {
    std::vector<Example> out;
    std::istringstream in(guide);
    std::string line;
    int n = 0;
    Example* open = nullptr;
    while (std::getline(in, line)) {
        ++n;
        const std::string bare = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
        if (!open && bare == "```xml") {
            out.push_back({n + 1, {}});
            open = &out.back();
        } else if (open && bare.rfind("```", 0) == 0) {
            open = nullptr;
        } else if (open) {
            open->lines.push_back(line);
        }
    }
    return out;
}

// A piece of one written file that is lines of the guide, to point a diagnostic back at them.
struct Piece {
    std::string file;  // relative to the course folder
    int file_line = 0;
    int guide_line = 0;
    int lines = 0;
};

// One top-level element of an example (a file's root, or a block), with its lines.
struct Root {
    std::string name;
    int first = 0;  // the guide's line
    std::vector<std::string> lines;
};

struct GuideCourse {
    std::vector<std::string> problems;  // the examples that found no place, files nobody wrote
    std::vector<Piece> pieces;
    std::vector<std::string> files;  // every XML file written
    int examples = 0, block_examples = 0;

    // "content/README.md:LINE" for a line of a written file.
    std::string GuideLine(const std::string& file, int line) const {
        const std::string path = fs::path(file).generic_string();
        for (const Piece& p : pieces)
            if ((path == p.file || (path.size() > p.file.size() && path.compare(path.size() - p.file.size() - 1, std::string::npos, "/" + p.file) == 0)) &&
                line >= p.file_line && line < p.file_line + p.lines)
                return "content/README.md:" + std::to_string(p.guide_line + line - p.file_line);
        return "(not the guide's text)";
    }
};

// The example's top-level elements, each with the lines from its start to the next one's.
std::vector<Root> Roots(const Example& ex, std::string* error) {
    std::string text;
    for (const std::string& l : ex.lines) {
        if (text.empty() && l.rfind("<?xml", 0) == 0) {  // a declaration is not allowed inside the wrapper
            text += "\n";
            continue;
        }
        text += l + "\n";
    }
    tinyxml2::XMLDocument doc;
    // Wrapped, so an example of several blocks is one document; the wrapper is on line 1 alone.
    if (doc.Parse(("<x>\n" + text + "</x>").c_str()) != tinyxml2::XML_SUCCESS) {
        *error = "content/README.md:" + std::to_string(ex.first + doc.ErrorLineNum() - 2) + ": not well-formed XML: " + doc.ErrorStr();
        return {};
    }
    std::vector<Root> roots;
    for (const tinyxml2::XMLElement* e = doc.RootElement()->FirstChildElement(); e; e = e->NextSiblingElement())
        roots.push_back({e->Name(), static_cast<int>(e->GetLineNum()) - 2, {}});
    for (size_t i = 0; i < roots.size(); ++i) {
        const int from = i == 0 ? 0 : roots[i].first;
        const int to = i + 1 < roots.size() ? roots[i + 1].first : static_cast<int>(ex.lines.size());
        roots[i].lines.assign(ex.lines.begin() + from, ex.lines.begin() + to);
        roots[i].first = ex.first + from;
    }
    return roots;
}

bool IsFileRoot(const std::string& name) {
    return name == "course" || name == "module" || name == "quiz" || name == "glossary" || name == "references";
}

// Writes the course the guide's examples make into `dir`.
GuideCourse WriteGuideCourse(const std::string& guide, const fs::path& dir, const fs::path& png) {
    GuideCourse out;
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::vector<Root> files;
    std::vector<Root> blocks;
    for (const Example& ex : XmlExamples(guide)) {
        ++out.examples;
        std::string error;
        std::vector<Root> roots = Roots(ex, &error);
        if (!error.empty()) {
            out.problems.push_back(error);
            continue;
        }
        int file_roots = 0;
        for (const Root& r : roots) file_roots += IsFileRoot(r.name);
        if (file_roots == 0) {
            blocks.insert(blocks.end(), roots.begin(), roots.end());
            ++out.block_examples;
        } else if (file_roots == static_cast<int>(roots.size())) {
            files.insert(files.end(), roots.begin(), roots.end());
        } else {
            out.problems.push_back("content/README.md:" + std::to_string(ex.first) +
                                   ": an example mixes a file's root element with blocks; it has no place in a course");
        }
    }

    auto write = [&](const std::string& rel, const std::vector<std::string>& head, const std::vector<Root>& body,
                     const std::vector<std::string>& tail) {
        fs::create_directories((dir / rel).parent_path());
        std::ofstream f(dir / rel);
        int line = 1;
        for (const std::string& l : head) f << l << "\n", ++line;
        for (const Root& r : body) {
            out.pieces.push_back({rel, line, r.first, static_cast<int>(r.lines.size())});
            for (const std::string& l : r.lines) f << l << "\n", ++line;
        }
        for (const std::string& l : tail) f << l << "\n";
        out.files.push_back(rel);
    };

    // course.xml names the other files.
    std::vector<Root> course, modules, quizzes, glossaries, references;
    for (const Root& r : files)
        (r.name == "course" ? course : r.name == "module" ? modules : r.name == "quiz" ? quizzes : r.name == "glossary" ? glossaries : references)
            .push_back(r);
    if (course.size() != 1) {
        out.problems.push_back("the guide has " + std::to_string(course.size()) + " <course> examples; it needs exactly one");
        return out;
    }
    write("course.xml", {}, course, {});
    tinyxml2::XMLDocument doc;
    {
        // Through a stream, not LoadFile: tinyxml2 takes a narrow path, and Windows' paths are wide.
        std::ifstream in(dir / "course.xml", std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        doc.Parse(text.str().c_str());
    }
    std::vector<std::string> includes, assessments, glossary_src, references_src;
    if (const tinyxml2::XMLElement* root = doc.RootElement())
        for (const tinyxml2::XMLElement* e = root->FirstChildElement(); e; e = e->NextSiblingElement()) {
            const char* src = e->Attribute("src");
            std::string name = e->Name();
            if (!src) continue;
            (name == "include" ? includes : name == "assessment" ? assessments : name == "glossary" ? glossary_src : references_src).push_back(src);
        }

    // Fills the files course.xml names of one kind with the examples of that kind, one each.
    auto fill = [&](const char* what, const std::vector<std::string>& names, const std::vector<Root>& examples) {
        for (size_t i = 0; i < std::max(names.size(), examples.size()); ++i) {
            if (i >= names.size())
                out.problems.push_back("content/README.md:" + std::to_string(examples[i].first) + ": this <" + what +
                                       "> example is not named by the <course> example, so no course holds it");
            else if (i >= examples.size())
                out.problems.push_back("the <course> example names " + names[i] + " but no <" + what + "> example fills it");
            else
                write(names[i], {}, {examples[i]}, {});
        }
    };
    // The page of blocks comes first: the first <include>.
    if (!blocks.empty()) {
        if (includes.empty()) {
            out.problems.push_back("the <course> example includes no module to hold the examples of blocks");
        } else {
            const std::string rel = includes.front();
            includes.erase(includes.begin());
            fs::create_directories((dir / rel).parent_path());
            write(rel,
                  {"<module id=\"guide-examples\" title=\"The guide's examples of blocks\" role=\"intro\">",
                   "<lesson id=\"guide-examples-lesson\" title=\"Examples\">", "<page id=\"guide-examples-page\" title=\"Blocks\">"},
                  blocks, {"</page>", "</lesson>", "</module>"});
        }
    }
    fill("module", includes, modules);
    fill("quiz", assessments, quizzes);
    fill("glossary", glossary_src, glossaries);
    fill("references", references_src, references);

    // The pictures the examples show.
    const std::regex image("<image[^>]*\\ssrc=\"([^\"]+)\"");
    for (const std::string& rel : out.files) {
        std::ifstream f(dir / rel);
        std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        for (std::sregex_iterator m(text.begin(), text.end(), image), end; m != end; ++m) {
            fs::create_directories((dir / (*m)[1].str()).parent_path());
            fs::copy_file(png, dir / (*m)[1].str(), fs::copy_options::overwrite_existing);
        }
    }
    return out;
}

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

TEST(GuideExamples, MakeACourseThatLoadsLintsCleanValidatesAndDrawsEveryScreen) {
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

    // The XSD accepts every file, as the guide's command line checks it.
    for (const std::string& rel : g.files) {
        const std::string cmd = std::string("xmllint --noout --schema '") + kSchema + "' '" + (dir / rel).string() + "' 2>&1";
        FILE* p = popen(cmd.c_str(), "r");
        ASSERT_NE(p, nullptr);
        std::string said;
        char buf[512];
        while (size_t n = fread(buf, 1, sizeof buf, p)) said.append(buf, n);
        const int status = pclose(p);
        EXPECT_EQ(status, 0) << "xmllint (Debian's libxml2-utils) rejects " << rel << ":\n" << said;
    }

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

}  // namespace
