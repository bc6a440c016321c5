#include "guide_course.h"

#include <tinyxml2.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace lectern::test {
namespace {

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

// One top-level element of an example (a file's root, or a block), with its lines.
struct Root {
    std::string name;
    int first = 0;  // the guide's line
    std::vector<std::string> lines;
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

}  // namespace

std::string GuideCourse::GuideLine(const std::string& file, int line) const {
    const std::string path = fs::path(file).generic_string();
    for (const Piece& p : pieces)
        if ((path == p.file || (path.size() > p.file.size() && path.compare(path.size() - p.file.size() - 1, std::string::npos, "/" + p.file) == 0)) &&
            line >= p.file_line && line < p.file_line + p.lines)
            return "content/README.md:" + std::to_string(p.guide_line + line - p.file_line);
    return "(not the guide's text)";
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

}  // namespace lectern::test
