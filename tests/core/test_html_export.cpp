// The HTML edition (core/html_export.h and lectern-export --html): every file parses back as XML,
// has its landmarks, one h1 and a working skip link; every link, term and citation lands on an
// id that exists; images are copied and described; facilitator notes appear only when asked for;
// hostile course text comes out as text; nothing loads from the network.
#include <gtest/gtest.h>
#include <tinyxml2.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <regex>
#include <string>
#include <unistd.h>

#include "authoring/html_export.h"
#include "course/loader.h"

namespace fs = std::filesystem;
using namespace lectern;
using tinyxml2::XMLDocument;
using tinyxml2::XMLElement;

namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";
const std::string kRealCourse = std::string(LECTERN_CONTENT_DIR) + "/human-rights-security-cooperation";

std::string ReadFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void WriteFile(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// A fresh folder under the system temp dir, removed when the test ends.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        m_path = fs::temp_directory_path() /
                 ("lectern-html-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(m_path);
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }
    std::string str() const { return m_path.string(); }

private:
    fs::path m_path;
};

void ForEachElement(const XMLElement* e, const std::function<void(const XMLElement*)>& visit) {
    for (; e; e = e->NextSiblingElement()) {
        visit(e);
        ForEachElement(e->FirstChildElement(), visit);
    }
}

std::string Attr(const XMLElement* e, const char* name) {
    const char* v = e->Attribute(name);
    return v ? v : "";
}

bool HasClass(const XMLElement* e, const std::string& cls) {
    std::istringstream words(Attr(e, "class"));
    std::string w;
    while (words >> w)
        if (w == cls) return true;
    return false;
}

// All text inside an element.
std::string TextOf(const XMLElement* e) {
    std::string out;
    for (const tinyxml2::XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (const tinyxml2::XMLText* t = n->ToText()) out += t->Value();
        if (const XMLElement* c = n->ToElement()) out += TextOf(c);
    }
    return out;
}

// Every .html file of an edition, parsed, with the ids each one holds.
struct Edition {
    fs::path dir;
    std::map<std::string, std::unique_ptr<XMLDocument>> docs;  // file name -> document
    std::map<std::string, std::set<std::string>> ids;

    const XMLElement* Root(const std::string& file) const { return docs.at(file)->RootElement(); }
    void ForEach(const std::function<void(const std::string& file, const XMLElement*)>& visit) const {
        for (const auto& [file, doc] : docs) ForEachElement(doc->RootElement(), [&](const XMLElement* e) { visit(file, e); });
    }
};

// Parses every HTML file back; a file that is not well-formed fails the test.
void ParseEdition(const fs::path& dir, Edition& ed) {
    ed.dir = dir;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".html") continue;
        std::string name = entry.path().filename().string();
        std::string text = ReadFile(entry.path());
        ASSERT_EQ(text.rfind("<!DOCTYPE html>\n", 0), 0u) << name << " does not start with <!DOCTYPE html>";
        auto doc = std::make_unique<XMLDocument>(true, tinyxml2::PRESERVE_WHITESPACE);
        ASSERT_EQ(doc->Parse(text.c_str(), text.size()), tinyxml2::XML_SUCCESS)
            << name << " is not well-formed: " << doc->ErrorStr();
        ASSERT_NE(doc->RootElement(), nullptr) << name;
        ForEachElement(doc->RootElement(), [&](const XMLElement* e) {
            std::string id = Attr(e, "id");
            if (!id.empty()) {
                EXPECT_TRUE(ed.ids[name].insert(id).second) << name << ": duplicate id '" << id << "'";
            }
        });
        ed.docs[name] = std::move(doc);
    }
    ASSERT_TRUE(ed.docs.count("index.html")) << "no index.html in " << dir;
}

void Export(const std::string& course_path, const fs::path& out, bool facilitator, Edition& ed) {
    LoadResult r = LoadCourse(course_path);
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    HtmlExportOptions options;
    options.facilitator = facilitator;
    HtmlExportResult w = WriteHtmlEdition(*r.course, out.string(), options);
    ASSERT_TRUE(w.ok()) << Describe(w.error());
    ParseEdition(out, ed);
}

bool IsExternal(const std::string& href) {
    return href.rfind("http:", 0) == 0 || href.rfind("https:", 0) == 0 || href.rfind("//", 0) == 0;
}

// The structural checks every edition must pass, whatever course it came from.
void ExpectSoundEdition(const Edition& ed, const std::string& lang) {
    for (const auto& [file, doc] : ed.docs) {
        SCOPED_TRACE(file);
        const XMLElement* html = doc->RootElement();
        EXPECT_STREQ(html->Name(), "html");
        EXPECT_EQ(Attr(html, "lang"), lang);

        std::map<std::string, int> count;
        const XMLElement* first_link = nullptr;
        ForEachElement(html, [&](const XMLElement* e) {
            ++count[e->Name()];
            if (!first_link && std::string(e->Name()) == "a") first_link = e;
        });
        EXPECT_EQ(count["h1"], 1) << "one h1 per file";
        for (const char* landmark : {"header", "nav", "main", "footer"}) EXPECT_GE(count[landmark], 1) << landmark;
        EXPECT_EQ(count["main"], 1);
        EXPECT_EQ(count["script"], 0);
        EXPECT_EQ(count["iframe"] + count["object"] + count["embed"], 0);

        // The skip link is the first link on the page and lands on <main>.
        ASSERT_NE(first_link, nullptr);
        EXPECT_TRUE(HasClass(first_link, "skip-link"));
        std::string target = Attr(first_link, "href");
        ASSERT_EQ(target.rfind("#", 0), 0u);
        bool found = false;
        ForEachElement(html, [&](const XMLElement* e) {
            if (Attr(e, "id") == target.substr(1)) found = std::string(e->Name()) == "main";
        });
        EXPECT_TRUE(found) << "skip link target " << target << " is not the <main> element";
    }

    ed.ForEach([&](const std::string& file, const XMLElement* e) {
        std::string name = e->Name();
        if (name == "img") {
            EXPECT_NE(e->Attribute("alt"), nullptr) << file << ": <img> without alt";
            std::string src = Attr(e, "src");
            EXPECT_EQ(src.rfind("images/", 0), 0u) << file << ": " << src;
            EXPECT_TRUE(fs::is_regular_file(ed.dir / src)) << file << ": image not copied: " << src;
        }
        for (const char* a : {"src", "href", "action", "poster", "data"}) {
            std::string v = Attr(e, a);
            if (v.empty()) continue;
            if (IsExternal(v)) {
                // Only reference URLs may be links out, and only on the references page.
                EXPECT_TRUE(file == "references.html" && name == "a" && HasClass(e, "url") && std::string(a) == "href")
                    << file << ": network address in " << a << "=" << v;
                continue;
            }
            std::string before_fragment = v.substr(0, v.find('#'));
            EXPECT_EQ(before_fragment.find(':'), std::string::npos) << file << ": " << a << "=" << v << " has a scheme";
        }
        if (name != "a") return;
        std::string href = Attr(e, "href");
        if (href.empty() || IsExternal(href)) return;
        size_t hash = href.find('#');
        std::string target_file = hash == std::string::npos ? href : href.substr(0, hash);
        if (target_file.empty()) target_file = file;
        std::string id = hash == std::string::npos ? "" : href.substr(hash + 1);
        ASSERT_TRUE(ed.docs.count(target_file)) << file << ": link to a missing file: " << href;
        if (!id.empty()) {
            EXPECT_TRUE(ed.ids.at(target_file).count(id)) << file << ": link to a missing id: " << href;
        }
        if (HasClass(e, "term")) {
            EXPECT_EQ(target_file, "glossary.html") << file << ": " << href;
            EXPECT_EQ(id.rfind("term-", 0), 0u) << href;
        }
        if (HasClass(e, "cite")) {
            EXPECT_EQ(target_file, "references.html") << file << ": " << href;
        }
    });

    // Each term anchor on the glossary page holds the <dfn>.
    ForEachElement(ed.Root("glossary.html"), [&](const XMLElement* e) {
        if (Attr(e, "id").rfind("term-", 0) == 0) {
            EXPECT_NE(e->FirstChildElement("dfn"), nullptr) << Attr(e, "id");
        }
    });

    // The stylesheet loads nothing.
    std::string css = ReadFile(ed.dir / "lectern.css");
    EXPECT_EQ(css.find("@import"), std::string::npos);
    EXPECT_EQ(css.find("url("), std::string::npos);
    EXPECT_EQ(css.find("@font-face"), std::string::npos);
}

std::string AllText(const fs::path& dir) {
    std::string all;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".html") all += ReadFile(entry.path());
    return all;
}

int RunExport(const std::string& args) {
    std::string cmd = std::string(LECTERN_BIN_DIR) + "/lectern-export " + args + " >/dev/null 2>&1";
    int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST(HtmlExport, FixtureEditionIsWellFormedLinkedAndLabelled) {
    TempDir out;
    Edition ed;
    Export(kFixture, out.path(), false, ed);
    if (HasFatalFailure()) return;
    for (const char* f : {"index.html", "module-m0.html", "module-m1.html", "glossary.html", "references.html"})
        EXPECT_TRUE(ed.docs.count(f)) << f;
    ExpectSoundEdition(ed, "en");
}

TEST(HtmlExport, RealCourseEditionIsWellFormedAndLinked) {
    // The bundled course is part of the product: if it is missing or stops loading, this fails.
    ASSERT_TRUE(fs::exists(kRealCourse + "/course.xml")) << "no " << kRealCourse;
    LoadResult r = LoadCourse(kRealCourse);
    ASSERT_TRUE(r.ok()) << "the bundled course does not load:\n" << r.diagnostics.FormatAll();
    TempDir out;
    Edition ed;
    Export(kRealCourse, out.path(), true, ed);
    if (HasFatalFailure()) return;
    ExpectSoundEdition(ed, r.course->lang);
}

TEST(HtmlExport, HeadingsFollowModuleLessonPage) {
    TempDir out;
    Edition ed;
    Export(kFixture, out.path(), false, ed);
    if (HasFatalFailure()) return;
    const XMLElement* root = ed.Root("module-m1.html");
    std::map<std::string, std::string> heading_of;  // section id -> its first heading's tag
    ForEachElement(root, [&](const XMLElement* e) {
        if (std::string(e->Name()) != "section" || Attr(e, "id").empty()) return;
        const XMLElement* h = e->FirstChildElement();
        heading_of[Attr(e, "id")] = h ? h->Name() : "";
    });
    EXPECT_EQ(heading_of["m1-l1"], "h2");    // lesson
    EXPECT_EQ(heading_of["m1-l1-p1"], "h3");  // page
    EXPECT_EQ(heading_of["sc-school"], "h4");  // a scenario inside a page
    EXPECT_EQ(heading_of["sc-school:n-report"], "h5");
    std::string text = ReadFile(out.path() / "module-m1.html");
    EXPECT_NE(text.find("<h4>The basic rule</h4>"), std::string::npos);       // authored level 2
    EXPECT_NE(text.find("<h5>Who is protected</h5>"), std::string::npos);     // authored level 3
    EXPECT_NE(text.find("<h1 id=\"m1\">Core principles</h1>"), std::string::npos);
}

TEST(HtmlExport, AnswersAreRevealedOnDemandAndPrintedAtTheEnd) {
    TempDir out;
    Edition ed;
    Export(kFixture, out.path(), false, ed);
    if (HasFatalFailure()) return;
    int questions = 0, with_answer = 0, key = 0;
    ForEachElement(ed.Root("module-m1.html"), [&](const XMLElement* e) {
        if (HasClass(e, "key-item")) ++key;
        if (!HasClass(e, "question")) return;
        ++questions;
        for (const XMLElement* d = e->FirstChildElement("details"); d; d = d->NextSiblingElement("details")) {
            if (!HasClass(d, "answer")) continue;
            const XMLElement* summary = d->FirstChildElement();
            ASSERT_NE(summary, nullptr);
            EXPECT_STREQ(summary->Name(), "summary");
            EXPECT_EQ(TextOf(summary).rfind("Show the answer", 0), 0u) << TextOf(summary);
            ++with_answer;
        }
    });
    EXPECT_EQ(questions, 6 + 5);  // six knowledge checks, five questions in the quiz's pools
    EXPECT_EQ(with_answer, questions);
    EXPECT_EQ(key, questions + 1);  // and the scenario
    std::string text = ReadFile(out.path() / "module-m1.html");
    // The scored quiz is described, not run; the matching answer is a table; ordering in order.
    EXPECT_NE(text.find("The scored quiz runs in Lectern"), std::string::npos);
    EXPECT_NE(text.find("<td>1. Distinction</td>"), std::string::npos);
    EXPECT_NE(text.find("<td>C. Attack only military objectives</td>"), std::string::npos);
    // Scenario choices lead to their nodes and endings within the page.
    EXPECT_NE(text.find("href=\"#sc-school:n-verify\">Go to step 2</a>"), std::string::npos);
    EXPECT_NE(text.find("href=\"#sc-school:end-strike\">Go to ending 2</a>"), std::string::npos);
    // The final assessment's questions are not given away.
    EXPECT_EQ(AllText(out.path()).find("Out of the fight"), std::string::npos);
}

TEST(HtmlExport, FacilitatorNotesOnlyWithTheFlag) {
    TempDir plain_dir, notes_dir;
    Edition plain, notes;
    Export(kFixture, plain_dir.path(), false, plain);
    Export(kFixture, notes_dir.path(), true, notes);
    if (HasFatalFailure()) return;
    const std::string module_note = "Allow 20 minutes for this module";
    const std::string lesson_note = "how would you tell a civilian from a fighter";
    const std::string page_note = "Ask each table to list the precautions";
    std::string without = AllText(plain_dir.path()), with = AllText(notes_dir.path());
    for (const auto& note : {module_note, lesson_note, page_note}) {
        EXPECT_EQ(without.find(note), std::string::npos) << note;
        EXPECT_NE(with.find(note), std::string::npos) << note;
    }
    EXPECT_EQ(without.find("Facilitator"), std::string::npos);
    int boxes = 0;
    notes.ForEach([&](const std::string&, const XMLElement* e) {
        if (!HasClass(e, "facilitator")) return;
        ++boxes;
        EXPECT_NE(TextOf(e).find("Facilitator note"), std::string::npos);
    });
    EXPECT_EQ(boxes, 3);  // module, lesson and page level
    ExpectSoundEdition(notes, "en");
}

TEST(HtmlExport, ImagesAreTheResolvedFilesOnly) {
    TempDir out;
    Edition ed;
    Export(kFixture, out.path(), false, ed);
    if (HasFatalFailure()) return;
    std::vector<std::string> copied;
    for (const auto& entry : fs::directory_iterator(out.path() / "images")) copied.push_back(entry.path().filename());
    ASSERT_EQ(copied, std::vector<std::string>{"three-steps.png"});  // used twice, copied once
    EXPECT_EQ(ReadFile(out.path() / "images/three-steps.png"), ReadFile(kFixture + "/images/three-steps.png"));
}

TEST(HtmlExport, HostileTextComesOutAsText) {
    // A course on disk (so its image is resolved and copied) whose text and attributes try to
    // inject markup.
    TempDir dir;
    const fs::path course = dir.path() / "course";
    WriteFile(course / "course.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<course id="evil" version="1&quot;&gt; onload=&quot;alert(1);" lang="en" minutes="5">
  <title>&lt;/title&gt;&lt;script&gt;alert('title')&lt;/script&gt;</title>
  <description>Quotes " and ' and &amp;amp; and &lt;b&gt;not bold&lt;/b&gt;.</description>
  <include src="m.xml"/>
  <glossary src="g.xml"/>
  <references src="r.xml"/>
</course>
)");
    WriteFile(course / "m.xml", R"(<module id="m" title="&lt;img src=x onerror=alert(1)&gt;">
  <lesson id="l" title="L &quot;one&quot;">
    <page id="p" title="P">
      <p>&lt;script&gt;alert(1)&lt;/script&gt; and <term ref="t">a &lt;b&gt;term&lt;/b&gt;</term>.</p>
      <image src="images/x.png" alt="A &quot;quoted&quot; alt with &lt;b&gt; and 'apostrophes' &amp; more" caption="&lt;/figcaption&gt;"/>
      <question id="q" type="text">
        <prompt>Type &lt;script&gt;</prompt>
        <accept>&lt;/details&gt;&lt;script&gt;x()&lt;/script&gt;</accept>
      </question>
    </page>
  </lesson>
</module>
)");
    WriteFile(course / "g.xml", R"(<glossary><entry id="t" term="&lt;dfn&gt;">Definition &lt;a href=x&gt;.</entry></glossary>)");
    WriteFile(course / "r.xml", R"(<references>
  <ref id="r1" url="javascript:alert(1);">Script URL.</ref>
  <ref id="r2" url="https://example.org/?a=1&amp;b='2'&quot;">Quote in URL.</ref>
  <ref id="r3" url="https://example.org/?a=1&amp;b='2'">Apostrophe in URL.</ref>
</references>)");
    fs::create_directories(course / "images");
    fs::copy_file(kFixture + "/images/three-steps.png", course / "images/x.png");

    TempDir out;
    Edition ed;
    Export(course.string(), out.path(), false, ed);
    if (HasFatalFailure()) return;

    ed.ForEach([&](const std::string& file, const XMLElement* e) {
        std::string name = e->Name();
        EXPECT_NE(name, "script") << file;
        EXPECT_FALSE(name == "img" && Attr(e, "src") == "x") << file;
        EXPECT_EQ(e->Attribute("onload"), nullptr) << file;
        EXPECT_EQ(e->Attribute("onerror"), nullptr) << file;
        for (const char* a : {"href", "src"}) EXPECT_EQ(Attr(e, a).find("javascript"), std::string::npos) << file;
    });
    // The text survives as text, attributes round-trip exactly.
    // (The language tag is checked by the loader: "en\" onload=..." is refused there, see
    // Loader.LanguageTagMustBeATag; the version is free text and must come out as text.)
    EXPECT_EQ(Attr(ed.Root("index.html"), "lang"), "en");
    bool paragraph = false, alt = false, url_link = false, url_text = false;
    ed.ForEach([&](const std::string&, const XMLElement* e) {
        std::string name = e->Name();
        if (name == "p" && TextOf(e).find("<script>alert(1)</script> and a <b>term</b>.") != std::string::npos)
            paragraph = true;
        if (name == "img" && Attr(e, "alt") == "A \"quoted\" alt with <b> and 'apostrophes' & more") alt = true;
        if (name == "a" && Attr(e, "href") == "https://example.org/?a=1&b='2'") url_link = true;
        // A URL with a double quote is not made a link, only shown.
        if (name == "span" && TextOf(e) == "https://example.org/?a=1&b='2'\"") url_text = true;
    });
    EXPECT_TRUE(paragraph);
    EXPECT_TRUE(alt);
    EXPECT_TRUE(url_link);
    EXPECT_TRUE(url_text);
    std::string raw = AllText(out.path());
    EXPECT_EQ(raw.find("<script"), std::string::npos);
    EXPECT_NE(raw.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(HtmlExport, MemoryCourseRendersWithoutImagesOnDisk) {
    // LoadCourseFromMemory does not resolve images: the edition describes them, copies nothing.
    std::map<std::string, std::string> files = {
        {"course.xml", R"(<course id="c" version="1" lang="fr" minutes="5"><title>T</title><include src="m.xml"/></course>)"},
        {"m.xml", R"(<module id="m" title="M"><lesson id="l" title="L"><page id="p" title="P">
            <p>&lt;script&gt;alert(1)&lt;/script&gt;</p>
            <image src="images/a.png" alt="An &quot;A&quot;"/>
          </page></lesson></module>)"}};
    LoadResult r = LoadCourseFromMemory(files);
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    HtmlEdition ed = RenderHtmlEdition(*r.course);
    EXPECT_TRUE(ed.images.empty());
    bool module_found = false;
    for (const auto& f : ed.files) {
        if (f.path.size() < 5 || f.path.substr(f.path.size() - 5) != ".html") continue;
        XMLDocument doc;
        ASSERT_EQ(doc.Parse(f.content.c_str(), f.content.size()), tinyxml2::XML_SUCCESS) << f.path;
        EXPECT_EQ(Attr(doc.RootElement(), "lang"), "fr");
        ForEachElement(doc.RootElement(), [&](const XMLElement* e) {
            EXPECT_STRNE(e->Name(), "script");
            EXPECT_STRNE(e->Name(), "img");
        });
        if (f.path == "module-m.html") {
            module_found = true;
            EXPECT_NE(f.content.find("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"), std::string::npos);
            EXPECT_NE(f.content.find("[Image: An \"A\"]"), std::string::npos);
        }
    }
    EXPECT_TRUE(module_found);
}

TEST(HtmlExport, RefusesToWriteIntoTheCourse) {
    LoadResult r = LoadCourse(kFixture);
    ASSERT_TRUE(r.ok());
    HtmlExportResult w = WriteHtmlEdition(*r.course, kFixture + "/images");
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.error().code, HtmlExportError::OutputInsideCourse);
    EXPECT_EQ(w.error().path, kFixture + "/images");
    EXPECT_EQ(w.error().about, r.course->root_dir);
    EXPECT_TRUE(fs::is_regular_file(kFixture + "/images/three-steps.png"));
    EXPECT_FALSE(fs::exists(kFixture + "/images/index.html"));
}

// An output folder that cannot be made (a file has its name, or a file is in its path): the code
// and the folder, never files written beside it.
TEST(HtmlExport, AFolderThatCannotBeMadeIsReportedByCodeAndPath) {
    LoadResult r = LoadCourse(kFixture);
    ASSERT_TRUE(r.ok());
    TempDir dir;
    {
        std::ofstream(dir.path() / "taken") << "a file, not a folder";
    }
    for (const fs::path& out : {dir.path() / "taken", dir.path() / "taken" / "edition"}) {
        SCOPED_TRACE(out.string());
        HtmlExportResult w = WriteHtmlEdition(*r.course, out.string());
        ASSERT_FALSE(w.ok());
        EXPECT_EQ(w.error().code, HtmlExportError::CannotCreateFolder);
        EXPECT_EQ(w.error().path, out.string());
        EXPECT_FALSE(w.error().write.has_value());
        EXPECT_FALSE(fs::exists(dir.path() / "index.html"));
    }
}

TEST(HtmlExportTool, ExitCodes) {
    TempDir dir;
    EXPECT_EQ(RunExport("--help"), 0);
    EXPECT_EQ(RunExport(""), 2);                                       // nothing to do
    EXPECT_EQ(RunExport(kFixture), 2);                                 // no --html
    EXPECT_EQ(RunExport("--html " + dir.str() + "/a --bogus " + kFixture), 2);
    EXPECT_EQ(RunExport("--html " + dir.str() + "/a " + dir.str() + "/missing"), 2);  // unreadable course

    // A course with an error: exit 1 and nothing written.
    const fs::path broken = dir.path() / "broken";
    WriteFile(broken / "course.xml", R"(<course id="c" version="1" lang="en" minutes="5"><title>T</title>
<include src="m.xml"/></course>)");
    WriteFile(broken / "m.xml", R"(<module id="m" title="M"><lesson id="m" title="L"><page id="p" title="P"><p>x</p></page></lesson></module>)");
    EXPECT_EQ(RunExport("--html " + dir.str() + "/b " + broken.string()), 1);
    EXPECT_FALSE(fs::exists(dir.path() / "b/index.html"));

    // Output under a regular file cannot be created.
    WriteFile(dir.path() / "file", "x");
    EXPECT_EQ(RunExport("--html " + dir.str() + "/file/out " + kFixture), 2);

    EXPECT_EQ(RunExport("--html " + dir.str() + "/ok " + kFixture), 0);
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "ok/index.html"));
    EXPECT_EQ(RunExport("--facilitator --html " + dir.str() + "/ok " + kFixture), 0);  // again, over it
    EXPECT_NE(ReadFile(dir.path() / "ok/module-m1.html").find("Facilitator note"), std::string::npos);
}

TEST(HtmlExport, SameCourseSameBytes) {
    // No dates or random ids: an edition can be diffed against the last one.
    LoadResult r = LoadCourse(kFixture);
    ASSERT_TRUE(r.ok());
    HtmlEdition a = RenderHtmlEdition(*r.course), b = RenderHtmlEdition(*r.course);
    ASSERT_EQ(a.files.size(), b.files.size());
    for (size_t i = 0; i < a.files.size(); ++i) {
        EXPECT_EQ(a.files[i].path, b.files[i].path);
        EXPECT_EQ(a.files[i].content, b.files[i].content) << a.files[i].path;
    }
}

TEST(HtmlExport, StylesheetPrintsAnAnswerKeyAndBreaksBeforeLessons) {
    LoadResult r = LoadCourse(kFixture);
    ASSERT_TRUE(r.ok());
    std::string css;
    for (const auto& f : RenderHtmlEdition(*r.course).files)
        if (f.path == "lectern.css") css = f.content;
    size_t print = css.find("@media print");
    ASSERT_NE(print, std::string::npos);
    std::string p = css.substr(print);
    EXPECT_NE(p.find("section.lesson + section.lesson"), std::string::npos);
    EXPECT_NE(p.find("break-before: page"), std::string::npos);
    EXPECT_NE(p.find(".answer-key { display: block"), std::string::npos);
    EXPECT_NE(p.find("details"), std::string::npos);
    EXPECT_NE(p.find("serif"), std::string::npos);
    // On screen the key is hidden (each answer is beside its question) and reading width is ~70ch.
    EXPECT_NE(css.find(".print-only, .answer-key { display: none; }"), std::string::npos);
    EXPECT_NE(css.find("max-width: 70ch"), std::string::npos);
}

// An Arabic course's edition is <html dir="rtl">, and a passage may carry dir of its own: every
// bar, indent and alignment is on a logical side (inline-start), so it follows the direction.
// A physical side ("border-left", "text-align: left") would keep a quote's or callout's bar on
// the left of right-to-left text, and align Arabic cells against their reading order.
TEST(HtmlExport, TheStylesheetNamesNoPhysicalSideSoRightToLeftPassagesAreMirrored) {
    LoadResult r = LoadCourse(kFixture);
    ASSERT_TRUE(r.ok());
    std::string css;
    for (const auto& f : RenderHtmlEdition(*r.course).files)
        if (f.path == "lectern.css") css = f.content;
    ASSERT_FALSE(css.empty());
    const std::regex physical(R"([-:\s](left|right)\b)");
    for (auto it = std::sregex_iterator(css.begin(), css.end(), physical); it != std::sregex_iterator(); ++it) {
        const size_t line_start = css.rfind('\n', static_cast<size_t>(it->position())) + 1;
        ADD_FAILURE() << "a physical side in lectern.css: " << css.substr(line_start, css.find('\n', line_start) - line_start);
    }
    EXPECT_NE(css.find("border-inline-start"), std::string::npos);
    EXPECT_NE(css.find("text-align: start"), std::string::npos);
}

// The author's review setting holds in the edition too: review="full" publishes the pool with
// its answers; "responses" the questions without any answer; "none" not even the questions.
TEST(HtmlExport, ModuleQuizAnswersFollowTheAuthorsReviewSetting) {
    for (const char* review : {"full", "responses", "none"}) {
        std::map<std::string, std::string> files = {
            {"course.xml", R"(<course id="c" version="1" lang="en" minutes="5"><title>T</title><include src="m.xml"/></course>)"},
            {"m.xml", std::string(R"(<module id="m" title="M"><lesson id="l" title="L"><page id="p" title="P"><p>x</p></page></lesson>
              <quiz id="mq" title="Q" review=")") + review + R"("><pool>
                <question id="q1" type="single"><prompt>Which colour is the secret?</prompt>
                  <choice id="a" correct="true">Zanzibar-green</choice><choice id="b">Blue</choice>
                  <rationale>Because the secret rationale says so.</rationale></question>
              </pool></quiz></module>)"}};
        LoadResult r = LoadCourseFromMemory(files);
        ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
        for (bool facilitator : {false, true}) {
            HtmlExportOptions options;
            options.facilitator = facilitator;
            HtmlEdition ed = RenderHtmlEdition(*r.course, options);
            std::string module;
            for (const auto& f : ed.files)
                if (f.path == "module-m.html") module = f.content;
            ASSERT_FALSE(module.empty());
            const bool full = std::string(review) == "full";
            EXPECT_EQ(module.find("Because the secret rationale") != std::string::npos, full) << review;
            EXPECT_EQ(module.find("Show the answer") != std::string::npos, full) << review;
            EXPECT_EQ(module.find("class=\"answer-key\"") != std::string::npos, full) << review;
            EXPECT_EQ(module.find("Which colour is the secret?") != std::string::npos, std::string(review) != "none") << review;
        }
    }
}

// A passage in another language (WCAG 3.1.2): every element that takes lang comes out with it on
// the element that holds the passage, and with dir only where the direction differs from the
// course's. Generated over each place x {left to right in an English course, right to left in
// an English course, left to right in an Arabic course}.
TEST(HtmlExport, APassagesLanguageIsMarkedOnItsElement) {
    struct Place {
        const char* xml;   // {L}: the lang attribute; PASSAGE: the passage's text
        const char* html;  // the element of the edition that carries lang
        int times = 1;     // how often the passage is in the page (a check's prompt is in its key too)
    };
    const std::vector<Place> places = {
        {"<heading{L}>PASSAGE</heading>", "h4"},
        {"<p{L}>PASSAGE</p>", "p"},
        {"<ul{L}><li>PASSAGE</li></ul>", "ul"},
        {"<ol{L}><li>PASSAGE</li></ol>", "ol"},
        {"<ul><li>x</li><li{L}>PASSAGE</li></ul>", "li"},
        {"<quote source=\"S\"{L}>PASSAGE</quote>", "figure"},
        {"<callout kind=\"note\"{L}><p>PASSAGE</p></callout>", "div"},
        {"<callout kind=\"note\"><p{L}>PASSAGE</p></callout>", "p"},
        {"<table{L}><tr><th>A</th></tr><tr><td>PASSAGE</td></tr></table>", "table"},
        {"<table><tr><th{L}>PASSAGE</th></tr><tr><td>1</td></tr></table>", "th"},
        {"<table><tr><th>A</th></tr><tr><td{L}>PASSAGE</td></tr></table>", "td"},
        {"<question id=\"q\" type=\"single\"><prompt{L}>PASSAGE</prompt><choice id=\"a\" correct=\"true\">A</choice>"
         "<choice id=\"b\">B</choice></question>",
         "p", 2},
    };
    struct Language {
        const char* course;
        const char* passage;
        const char* dir;  // "" when the passage's direction is the course's
    };
    const std::vector<Language> languages = {{"en", "fr", ""}, {"en", "ar", "rtl"}, {"ar", "en", "ltr"}, {"he", "ar-EG", ""}};
    for (const Place& place : places) {
        for (const Language& l : languages) {
            std::string xml = place.xml;
            xml.replace(xml.find("{L}"), 3, std::string(" lang=\"") + l.passage + "\"");
            std::map<std::string, std::string> files = {
                {"course.xml", std::string("<course id=\"c\" version=\"1\" lang=\"") + l.course +
                                   "\" minutes=\"5\"><title>T</title><include src=\"m.xml\"/></course>"},
                {"m.xml", "<module id=\"m\" title=\"M\"><lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\">" + xml +
                              "</page></lesson></module>"}};
            LoadResult r = LoadCourseFromMemory(files);
            ASSERT_TRUE(r.ok()) << xml << ": " << r.diagnostics.FormatAll();
            const HtmlEdition ed = RenderHtmlEdition(*r.course);
            int marked = 0, unmarked_passages = 0;
            for (const auto& f : ed.files) {
                if (f.path != "module-m.html") continue;
                XMLDocument doc;
                ASSERT_EQ(doc.Parse(f.content.c_str(), f.content.size()), tinyxml2::XML_SUCCESS) << f.path;
                EXPECT_EQ(Attr(doc.RootElement(), "lang"), l.course);
                EXPECT_EQ(Attr(doc.RootElement(), "dir"), std::string(l.course) == "en" ? "" : "rtl");
                ForEachElement(doc.RootElement(), [&](const XMLElement* e) {
                    // (The page's own <html lang> holds everything.)
                    if (e == doc.RootElement() || TextOf(e).find("PASSAGE") == std::string::npos) return;
                    if (Attr(e, "lang").empty()) {
                        // Every element inside the marked one holding the passage inherits.
                        if (std::string(e->Name()) == place.html && !marked) ++unmarked_passages;
                        return;
                    }
                    ++marked;
                    EXPECT_STREQ(e->Name(), place.html) << xml;
                    EXPECT_EQ(Attr(e, "lang"), l.passage) << xml;
                    EXPECT_EQ(Attr(e, "dir"), l.dir) << xml << " in " << l.course;
                });
            }
            EXPECT_EQ(marked, place.times) << xml << " in " << l.course;
            EXPECT_EQ(unmarked_passages, 0) << xml << " in " << l.course;
        }
    }
}

// A phrase in another language inside running text (span, em or strong with lang) is a
// <span lang dir> holding just the phrase, in every place running text goes, dir always written
// (the browser isolates it, as the player does); the words around it are not in it.
TEST(HtmlExport, APhrasesLanguageIsMarkedOnASpanAroundItAlone) {
    const std::vector<const char*> places = {
        "<p>before {P} after</p>",
        "<heading>before {P} after</heading>",
        "<ul><li>before {P} after</li></ul>",
        "<quote source=\"S\">before {P} after</quote>",
        "<callout kind=\"note\"><p>before {P} after</p></callout>",
        "<table><tr><th>A</th></tr><tr><td>before {P} after</td></tr></table>",
        "<p>before <link to=\"p\">{P}</link> after</p>",
    };
    const std::vector<std::pair<std::string, std::string>> phrases = {
        {"<span lang=\"ar\">PHRASE</span>", ""}, {"<em lang=\"ar\">PHRASE</em>", "em"}, {"<strong lang=\"ar\">PHRASE</strong>", "strong"}};
    for (const char* place : places) {
        for (const auto& [phrase, style] : phrases) {
            std::string xml = place;
            xml.replace(xml.find("{P}"), 3, phrase);
            std::map<std::string, std::string> files = {
                {"course.xml", R"(<course id="c" version="1" lang="en" minutes="5"><title>T</title><include src="m.xml"/></course>)"},
                {"m.xml", "<module id=\"m\" title=\"M\"><lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\">" + xml +
                              "</page></lesson></module>"}};
            LoadResult r = LoadCourseFromMemory(files);
            ASSERT_TRUE(r.ok()) << xml << ": " << r.diagnostics.FormatAll();
            const HtmlEdition ed = RenderHtmlEdition(*r.course);
            int spans = 0;
            for (const auto& f : ed.files) {
                if (f.path != "module-m.html") continue;
                XMLDocument doc;
                ASSERT_EQ(doc.Parse(f.content.c_str(), f.content.size()), tinyxml2::XML_SUCCESS) << f.path;
                ForEachElement(doc.RootElement(), [&](const XMLElement* e) {
                    if (e == doc.RootElement() || Attr(e, "lang").empty()) return;
                    ++spans;
                    EXPECT_STREQ(e->Name(), "span") << xml;
                    EXPECT_EQ(Attr(e, "lang"), "ar") << xml;
                    EXPECT_EQ(Attr(e, "dir"), "rtl") << xml;
                    EXPECT_EQ(TextOf(e), "PHRASE") << xml;
                    if (!style.empty()) {
                        // The emphasis is kept, inside or around the span.
                        const XMLElement* inner = e->FirstChildElement(style.c_str());
                        if (!inner && e->FirstChildElement()) inner = e->FirstChildElement()->FirstChildElement(style.c_str());
                        const XMLElement* outer = e->Parent() ? e->Parent()->ToElement() : nullptr;
                        EXPECT_TRUE(inner || (outer && style == outer->Name())) << xml;
                    }
                });
            }
            EXPECT_EQ(spans, 1) << xml;
        }
    }
}
