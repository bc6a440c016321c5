// Authoring warnings: each one fires on a course that has the problem, at the item's line, and
// stays silent on the clean fixture.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "authoring/lint.h"
#include "course/loader.h"

using namespace lectern;

namespace {

LoadResult Load(const std::string& module, const std::string& role = "core") {
    std::map<std::string, std::string> files = {
        {"course.xml", R"(<course id="c" version="1" lang="en" minutes="5"><title>T</title>
<include src="m.xml"/><glossary src="g.xml"/></course>)"},
        {"m.xml", "<module id=\"m\" title=\"M\" role=\"" + role + "\">\n" + module + "</module>\n"},
        {"g.xml", "<glossary>\n<entry id=\"used\" term=\"Used\">A used term.</entry>\n"
                  "<entry id=\"unused\" term=\"Unused\">Never linked.</entry>\n</glossary>\n"},
    };
    return LoadCourseFromMemory(files);
}

const Diagnostic* Warning(const Diagnostics& d, const std::string& code) {
    for (const auto& x : d.All())
        if (x.code == code && x.severity == Severity::Warning) return &x;
    return nullptr;
}

const char* kGoodLesson = R"(<lesson id="l" title="L">
<objectives><objective>Know it.</objective></objectives>
<page id="p" title="P"><p>Text with a <term ref="used">term</term>.</p>
<question id="q" type="truefalse" answer="true"><prompt>True?</prompt></question></page>
</lesson>
)";

}  // namespace

TEST(Lint, UnusedGlossaryTermIsReportedAtItsEntry) {
    LoadResult r = Load(kGoodLesson);
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    Diagnostics d = LintCourse(*r.course);
    const Diagnostic* w = Warning(d, "unused-term");
    ASSERT_NE(w, nullptr) << d.FormatAll();
    EXPECT_EQ(w->loc.file, "g.xml");
    EXPECT_EQ(w->loc.line, 3);
    EXPECT_NE(w->message.find("unused"), std::string::npos);
    EXPECT_EQ(d.WarningCount(), 1) << d.FormatAll();  // the used term is not reported
}

TEST(Lint, LessonWithoutObjectivesOrCheck) {
    LoadResult r = Load("<lesson id=\"l\" title=\"L\">\n<page id=\"p\" title=\"P\"><p><term ref=\"used\">x</term></p></page>\n</lesson>\n");
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    Diagnostics d = LintCourse(*r.course);
    ASSERT_NE(Warning(d, "lesson-no-objectives"), nullptr) << d.FormatAll();
    ASSERT_NE(Warning(d, "lesson-no-check"), nullptr) << d.FormatAll();
    EXPECT_EQ(Warning(d, "lesson-no-check")->loc.line, 2);
}

TEST(Lint, IntroAndAppendixModulesNeedNoObjectivesOrChecks) {
    LoadResult r = Load("<lesson id=\"l\" title=\"L\">\n<page id=\"p\" title=\"P\"><p><term ref=\"used\">x</term></p></page>\n</lesson>\n", "intro");
    ASSERT_TRUE(r.ok());
    Diagnostics d = LintCourse(*r.course);
    EXPECT_EQ(Warning(d, "lesson-no-objectives"), nullptr);
    EXPECT_EQ(Warning(d, "lesson-no-check"), nullptr);
}

TEST(Lint, PageWithNoTextForTheLearner) {
    LoadResult r = Load(R"(<lesson id="l" title="L"><objectives><objective>o</objective></objectives>
<page id="p" title="P"><p><term ref="used">x</term></p><question id="q" type="truefalse" answer="true"><prompt>T</prompt></question></page>
<page id="empty" title="Notes">
<facilitator><p>Only notes here.</p></facilitator></page>
</lesson>
)");
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    Diagnostics d = LintCourse(*r.course);
    const Diagnostic* w = Warning(d, "page-no-text");
    ASSERT_NE(w, nullptr) << d.FormatAll();
    EXPECT_EQ(w->loc.line, 4);
}

TEST(Lint, ImageWithEmptyAltIsAWarningNotAnError) {
    LoadResult r = Load(R"(<lesson id="l" title="L"><objectives><objective>o</objective></objectives>
<page id="p" title="P"><p><term ref="used">x</term></p>
<image src="i.png" alt=""/>
<question id="q" type="truefalse" answer="true"><prompt>T</prompt></question></page>
</lesson>
)");
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    const Diagnostic* w = Warning(r.diagnostics, "image-no-alt");
    ASSERT_NE(w, nullptr) << r.diagnostics.FormatAll();
    EXPECT_EQ(w->loc.line, 4);
}

TEST(Lint, TheFixtureCourseIsClean) {
    LoadResult r = LoadCourse(std::string(LECTERN_TEST_DATA) + "/fixture-course");
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    Diagnostics d = LintCourse(*r.course);
    EXPECT_EQ(d.All().size(), 0u) << d.FormatAll();
    EXPECT_EQ(r.diagnostics.WarningCount(), 0) << r.diagnostics.FormatAll();
}

// Images the player could not decode are errors at their <image>: truncated and damaged PNGs and
// JPEGs, and files that are neither; the fixture's real PNG and a whole JPEG pass.
TEST(Lint, CorruptOrTruncatedImagesAreErrorsAtTheImage) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("lectern-lint-images-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "images");
    std::ifstream in(std::string(LECTERN_TEST_DATA) + "/fixture-course/images/three-steps.png", std::ios::binary);
    const std::string png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(png.size(), 100u);
    std::string damaged = png;
    damaged[11] = '\x7f';  // the IHDR length
    const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(200, 'j') + std::string("\xFF\xD9", 2);
    struct Case {
        const char* name;
        std::string bytes;
        bool ok;
    } cases[] = {
        {"good.png", png, true},
        {"good.jpg", jpeg, true},
        {"cut.png", png.substr(0, png.size() / 2), false},
        {"noend.png", png.substr(0, png.size() - 12), false},
        {"damaged.png", damaged, false},
        {"cut.jpg", jpeg.substr(0, jpeg.size() - 40), false},
        {"text.png", "this is not an image at all", false},
        {"empty.png", "", false},
    };
    std::string page;
    for (const Case& c : cases) {
        std::ofstream(dir / "images" / c.name, std::ios::binary) << c.bytes;
        page += std::string("<image src=\"images/") + c.name + "\" alt=\"" + c.name + "\"/>\n";
    }
    std::ofstream(dir / "course.xml") << "<course id=\"c\" version=\"1\" lang=\"en\" minutes=\"5\"><title>T</title>"
                                         "<include src=\"m.xml\"/></course>\n";
    std::ofstream(dir / "m.xml") << "<module id=\"m\" title=\"M\" role=\"intro\"><lesson id=\"l\" title=\"L\">"
                                    "<page id=\"p\" title=\"P\">\n<p>x</p>\n" + page + "</page></lesson></module>\n";
    LoadResult r = LoadCourse(dir.string());
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    Diagnostics d = LintCourse(*r.course);
    int line = 3;
    for (const Case& c : cases) {
        bool reported = false;
        for (const auto& x : d.All())
            if (x.code == "image-corrupt" && x.severity == Severity::Error && x.message.find(c.name) != std::string::npos) {
                reported = true;
                EXPECT_EQ(x.loc.line, line) << c.name;
            }
        EXPECT_EQ(reported, !c.ok) << c.name << "\n" << d.FormatAll();
        ++line;
    }
    fs::remove_all(dir);
}
