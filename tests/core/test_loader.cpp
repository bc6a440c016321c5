// The loader: every block type parsed into the model, and every error code reported at the
// exact line (and column) where the problem is written.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>

#include "course/loader.h"
#include "course_xml.h"

namespace fs = std::filesystem;
using namespace lectern;

namespace {

const char* kCourse = R"(<?xml version="1.0" encoding="UTF-8"?>
<course id="c" version="1" lang="en" minutes="10">
  <title>T</title>
  <include src="m.xml"/>
  <glossary src="g.xml"/>
  <references src="r.xml"/>
</course>
)";

const char* kGlossary = R"(<glossary>
  <entry id="t1" term="Term one">Definition <em>one</em>.</entry>
</glossary>
)";

const char* kRefs = R"(<references>
  <group title="Treaties"><ref id="r1" url="https://example.org">Ref one.</ref></group>
  <ref id="r2">Ref two.</ref>
</references>
)";

using test::ModuleXml;  // the page's content starts on line 4 of m.xml

LoadResult Load(const std::string& module_xml, const std::string& course = kCourse) {
    std::map<std::string, std::string> files = {
        {"course.xml", course}, {"m.xml", module_xml}, {"g.xml", kGlossary}, {"r.xml", kRefs}};
    return LoadCourseFromMemory(files);
}

// The first diagnostic with this code, or a failure naming what was reported instead.
const Diagnostic* Find(const LoadResult& r, const std::string& code) {
    for (const auto& d : r.diagnostics.All()) {
        if (d.code == code) return &d;
    }
    ADD_FAILURE() << "no [" << code << "] diagnostic; got:\n" << r.diagnostics.FormatAll();
    return nullptr;
}

// Some problem with this code must be reported at exactly this file, line (and column).
void ExpectErrorAt(const std::string& body, const std::string& code, int line, int col = 0) {
    LoadResult r = Load(ModuleXml(body));
    EXPECT_FALSE(r.ok());
    for (const auto& d : r.diagnostics.All()) {
        if (d.code == code && d.loc.file == "m.xml" && d.loc.line == line && (col == 0 || d.loc.col == col)) return;
    }
    ADD_FAILURE() << "no [" << code << "] at m.xml:" << line << ":" << col << "; got:\n" << r.diagnostics.FormatAll();
}

}  // namespace

TEST(Loader, MinimalCourseLoadsWithNoDiagnostics) {
    LoadResult r = Load(ModuleXml("      <p>Hello.</p>"));
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    EXPECT_EQ(r.diagnostics.All().size(), 0u);
    EXPECT_EQ(r.course->id, "c");
    EXPECT_EQ(r.course->title, "T");
    EXPECT_EQ(r.course->minutes, 10);
    ASSERT_EQ(r.course->reading_order.size(), 1u);
    EXPECT_EQ(r.course->PageAt(0).id, "p");
}

TEST(Loader, ParsesEveryBlockType) {
    LoadResult r = Load(ModuleXml(R"(
      <heading>Section</heading>
      <heading level="3">Sub</heading>
      <p>Plain <em>it</em> <strong>bold <em>both</em></strong> <term ref="t1">term</term>
         <link to="l">link</link> and <cite ref="r1">cite</cite>.</p>
      <ul><li>one</li><li>two</li></ul>
      <ol><li>first</li></ol>
      <quote source="Someone">Words.</quote>
      <callout kind="legal" title="Law"><p>Inside.</p><ul><li>x</li></ul></callout>
      <table caption="Cap"><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>
      <image src="img.png" alt="An image" caption="Fig"/>
      <facilitator><p>Notes.</p></facilitator>)"));
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    const Blocks& b = r.course->PageAt(0).blocks;
    ASSERT_EQ(b.size(), 10u);
    EXPECT_EQ(b[0].kind, BlockKind::Heading);
    EXPECT_EQ(b[0].level, 2);
    EXPECT_EQ(b[1].level, 3);
    EXPECT_EQ(b[2].kind, BlockKind::Paragraph);
    EXPECT_EQ(b[3].kind, BlockKind::BulletList);
    EXPECT_EQ(b[3].items.size(), 2u);
    EXPECT_EQ(b[4].kind, BlockKind::NumberedList);
    EXPECT_EQ(b[5].kind, BlockKind::Quote);
    EXPECT_EQ(b[5].source, "Someone");
    EXPECT_EQ(b[6].kind, BlockKind::Callout);
    EXPECT_EQ(b[6].callout, CalloutKind::Legal);
    EXPECT_EQ(b[6].title, "Law");
    EXPECT_EQ(b[6].children.size(), 2u);
    EXPECT_EQ(b[7].kind, BlockKind::Table);
    ASSERT_EQ(b[7].rows.size(), 2u);
    EXPECT_EQ(PlainText(b[7].rows[1][1]), "2");
    EXPECT_EQ(b[8].kind, BlockKind::Image);
    EXPECT_EQ(b[8].alt, "An image");
    EXPECT_EQ(b[8].caption, "Fig");
    EXPECT_EQ(b[9].kind, BlockKind::Facilitator);
}

TEST(Loader, InlineRunsCarryStyleAndReferencesWithCollapsedSpace) {
    LoadResult r = Load(ModuleXml(R"(      <p>  Plain   <em>it</em> <strong>bold <em>both</em></strong>
         <term ref="t1">term</term> <link to="p">link</link> <cite ref="r2">c</cite>.  </p>)"));
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    const Inline& runs = r.course->PageAt(0).blocks[0].text;
    EXPECT_EQ(PlainText(runs), "Plain it bold both term link c.");
    auto find = [&](const std::string& text) -> const lectern::Run* {
        for (const auto& run : runs)
            if (run.text == text) return &run;
        return nullptr;
    };
    ASSERT_NE(find("it"), nullptr);
    EXPECT_TRUE(find("it")->italic);
    EXPECT_FALSE(find("it")->bold);
    ASSERT_NE(find("both"), nullptr);
    EXPECT_TRUE(find("both")->italic && find("both")->bold);
    ASSERT_NE(find("term"), nullptr);
    EXPECT_EQ(find("term")->kind, InlineKind::Term);
    EXPECT_EQ(find("term")->ref, "t1");
    EXPECT_EQ(find("link")->kind, InlineKind::Link);
    EXPECT_EQ(find("c")->kind, InlineKind::Cite);
}

TEST(Loader, GlossaryReferencesAndLinksAreIndexed) {
    LoadResult r = Load(ModuleXml("      <p>x</p>"));
    ASSERT_TRUE(r.ok());
    ASSERT_NE(r.course->FindTerm("t1"), nullptr);
    EXPECT_EQ(r.course->FindTerm("t1")->term, "Term one");
    ASSERT_NE(r.course->FindReference("r1"), nullptr);
    EXPECT_EQ(r.course->FindReference("r1")->group, "Treaties");
    EXPECT_EQ(r.course->FindReference("r1")->url, "https://example.org");
    EXPECT_EQ(r.course->FindReference("r2")->group, "");
    EXPECT_EQ(r.course->LinkTarget("l"), 0);
    EXPECT_EQ(r.course->LinkTarget("m"), 0);
    EXPECT_EQ(r.course->LinkTarget("nope"), -1);
}

TEST(Loader, ParsesQuestionsQuizzesAndScenarios) {
    std::string module = R"(<module id="m" title="M">
  <lesson id="l" title="L">
    <page id="p" title="P">
      <question id="q1" type="single">
        <prompt>Pick</prompt><hint>Hint</hint>
        <choice id="a">A<feedback>No</feedback></choice>
        <choice id="b" correct="true">B<rationale cite="Art. 1">Because</rationale></choice>
        <feedback when="correct">Yes</feedback>
      </question>
      <scenario id="s" title="S">
        <node id="n1"><p>Start</p>
          <choice id="c1" goto="e1" rating="best">Go<reason>Good</reason></choice>
          <choice id="c2" goto="e2" rating="poor">Stay<reason>Bad</reason></choice>
        </node>
        <ending id="e1" outcome="best"><p>Won</p><debrief><p>Why</p></debrief></ending>
        <ending id="e2" outcome="poor"><p>Lost</p></ending>
      </scenario>
    </page>
  </lesson>
  <quiz id="qz" title="Quiz" pass="70" attempts="2" navigation="linear" review="responses">
    <pool draw="1">
      <question id="q2" type="truefalse" answer="false"><prompt>TF</prompt></question>
      <question id="q3" type="text"><prompt>Type</prompt><accept>Leahy</accept></question>
    </pool>
  </quiz>
</module>
)";
    LoadResult r = Load(module);
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    const Blocks& b = r.course->PageAt(0).blocks;
    ASSERT_EQ(b.size(), 2u);
    ASSERT_TRUE(b[0].question);
    const Question& q = *b[0].question;
    EXPECT_EQ(q.type, QuestionType::Single);
    ASSERT_EQ(q.choices.size(), 2u);
    EXPECT_EQ(PlainText(q.choices[0].text), "A");
    EXPECT_EQ(PlainText(q.choices[0].feedback), "No");
    EXPECT_TRUE(q.choices[1].correct);
    EXPECT_EQ(q.choices[1].rationale.cite, "Art. 1");
    EXPECT_EQ(PlainText(q.feedback_correct), "Yes");
    ASSERT_TRUE(b[1].scenario);
    EXPECT_EQ(b[1].scenario->start, "n1");
    EXPECT_EQ(b[1].scenario->nodes.size(), 3u);
    EXPECT_EQ(b[1].scenario->Find("e1")->debrief.size(), 1u);
    const auto& quiz = r.course->modules[0].quiz;
    ASSERT_TRUE(quiz);
    EXPECT_EQ(quiz->pass_percent, 70);
    EXPECT_EQ(quiz->max_attempts, 2);
    EXPECT_EQ(quiz->navigation, QuizNavigation::Linear);
    EXPECT_EQ(quiz->review, ReviewDetail::Responses);
    ASSERT_EQ(quiz->pools.size(), 1u);
    EXPECT_EQ(quiz->pools[0].draw, 1);
    EXPECT_FALSE(quiz->pools[0].questions[0]->tf_answer);
    EXPECT_EQ(quiz->pools[0].questions[1]->accept[0], "Leahy");
}

// ---- every error code at its line ------------------------------------------------------------

TEST(LoaderErrors, UnknownElementAtItsLineAndColumn) {
    ExpectErrorAt("      <p>ok</p>\n      <blink>no</blink>", "unknown-element", 5, 7);
}

TEST(LoaderErrors, UnknownAttributeAtTheAttribute) {
    ExpectErrorAt("      <p style=\"x\">no</p>", "unknown-attribute", 4, 10);
}

TEST(LoaderErrors, MissingRequiredAttribute) { ExpectErrorAt("\n      <quote>no source</quote>", "missing-attribute", 5, 7); }

TEST(LoaderErrors, BadEnumValue) {
    ExpectErrorAt("      <callout kind=\"shout\"><p>x</p></callout>", "bad-value", 4, 16);
}

TEST(LoaderErrors, BadNumber) { ExpectErrorAt("      <heading level=\"7\">x</heading>", "bad-value", 4); }

TEST(LoaderErrors, DuplicateIdNamesTheFirstUse) {
    LoadResult r = Load(R"(<module id="m" title="M">
  <lesson id="l" title="L">
    <page id="p" title="P"><p>x</p></page>
    <page id="p" title="Again"><p>y</p></page>
  </lesson>
</module>
)");
    const Diagnostic* d = Find(r, "duplicate-id");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->loc.line, 4);
    EXPECT_NE(d->message.find("m.xml:3"), std::string::npos) << d->message;
}

TEST(LoaderErrors, BadIdSyntax) {
    LoadResult r = Load(R"(<module id="m" title="M">
  <lesson id="9lives" title="L"><page id="p" title="P"><p>x</p></page></lesson>
</module>
)");
    const Diagnostic* d = Find(r, "bad-id");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->loc.line, 2);
}

TEST(LoaderErrors, UnresolvedTermCiteAndLink) {
    ExpectErrorAt("      <p><term ref=\"nope\">x</term></p>", "unresolved-term", 4);
    ExpectErrorAt("\n      <p><cite ref=\"nope\">x</cite></p>", "unresolved-cite", 5);
    ExpectErrorAt("\n\n      <p><link to=\"nope\">x</link></p>", "unresolved-link", 6);
}

TEST(LoaderErrors, LinkToAQuestionIsNotAPlaceToRead) {
    LoadResult r = Load(ModuleXml(R"(      <p><link to="q">x</link></p>
      <question id="q" type="truefalse" answer="true"><prompt>P</prompt></question>)"));
    const Diagnostic* d = Find(r, "unresolved-link");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->loc.line, 4);
}

TEST(LoaderErrors, TextOutsideABlock) { ExpectErrorAt("\n      loose words", "text-outside-block", 5); }

TEST(LoaderErrors, TableRowsOfUnequalWidth) {
    ExpectErrorAt("      <table>\n<tr><th>a</th><th>b</th></tr>\n<tr><td>1</td></tr>\n</table>", "table-shape", 6);
}

TEST(LoaderErrors, TableHeaderMustUseTh) {
    ExpectErrorAt("      <table><tr><td>a</td></tr><tr><td>1</td></tr></table>", "table-shape", 4);
}

TEST(LoaderErrors, ImagePathsThatClimbOutAreRefused) {
    ExpectErrorAt("      <image src=\"../../etc/passwd.png\" alt=\"x\"/>", "bad-path", 4, 14);
    ExpectErrorAt("      <image src=\"/etc/x.png\" alt=\"x\"/>", "bad-path", 4);
    ExpectErrorAt("      <image src=\"a\\b.png\" alt=\"x\"/>", "bad-path", 4);
    ExpectErrorAt("      <image src=\"notes.txt\" alt=\"x\"/>", "bad-path", 4);
}

// Windows's own way for a name inside the course folder to lead out of it: a device name, in
// any folder, case and extension. Every one, as an image and as a module, is refused where it is
// written, and never opened (on Windows, CON would wait for the keyboard); names that only begin
// like one are files.
TEST(LoaderErrors, WindowsDeviceNamesAreRefusedWhereverTheyAppear) {
    const std::vector<std::string> devices = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM9",
                                              "LPT1", "LPT9", "COM\xC2\xB9", "LPT\xC2\xB3"};
    for (const std::string& device : devices) {
        std::string lower = device;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const std::string& name : {device + ".png", lower + ".png", "figures/" + lower + ".jpg",
                                        lower + ".tar.png", lower + " .png", lower + "/x.png"}) {
            SCOPED_TRACE(name);
            ExpectErrorAt("      <image src=\"" + name + "\" alt=\"x\"/>", "bad-path", 4);
        }
        std::string course = kCourse;
        course.replace(course.find("m.xml"), 5, lower + ".xml");
        LoadResult r = Load(ModuleXml("<p>x</p>"), course);
        EXPECT_TRUE(r.diagnostics.Has("bad-path")) << device << ":\n" << r.diagnostics.FormatAll();
    }
    for (const char* name : {"console.png", "nullable.png", "com10.png", "lpt.png", "aux-1.png", "prn_2.png", "xcon.png"}) {
        LoadResult r = Load(ModuleXml("      <image src=\"" + std::string(name) + "\" alt=\"x\"/>"));
        EXPECT_FALSE(r.diagnostics.Has("bad-path")) << name << ":\n" << r.diagnostics.FormatAll();
    }
}

TEST(LoaderErrors, NotApplicableQuestionParts) {
    ExpectErrorAt("      <question id=\"q\" type=\"text\"><prompt>P</prompt>\n<choice id=\"a\">A</choice><accept>x</accept></question>",
                  "not-applicable", 5);
    ExpectErrorAt("      <question id=\"q\" type=\"single\" answer=\"true\"><prompt>P</prompt></question>", "not-applicable", 4);
}

TEST(LoaderErrors, QuestionWithoutPrompt) {
    ExpectErrorAt("\n      <question id=\"q\" type=\"truefalse\" answer=\"true\"></question>", "missing-element", 5);
}

TEST(LoaderErrors, IncompleteMatchingPair) {
    ExpectErrorAt("      <question id=\"q\" type=\"matching\"><prompt>P</prompt>\n"
                  "<pair id=\"a\"><left>L</left><right>R</right></pair>\n<pair id=\"b\"><left>L</left></pair></question>",
                  "incomplete-matching", 6);
}

TEST(LoaderErrors, MarkupInPlainTextElement) {
    std::string course = std::string(kCourse);
    course.replace(course.find("<title>T</title>"), 16, "<title>T <em>x</em></title>");
    LoadResult r = Load(ModuleXml("<p>x</p>"), course);
    const Diagnostic* d = Find(r, "markup-not-allowed");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->loc.file, "course.xml");
    EXPECT_EQ(d->loc.line, 3);
}

TEST(LoaderErrors, WrongRootElement) {
    LoadResult r = Load("<lesson id=\"x\" title=\"y\"/>\n");
    const Diagnostic* d = Find(r, "wrong-root");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->loc.file, "m.xml");
    EXPECT_EQ(d->loc.line, 1);
}

TEST(LoaderErrors, MissingIncludedFile) {
    std::string course = std::string(kCourse);
    course.replace(course.find("m.xml"), 5, "missing.xml");
    LoadResult r = Load("", course);
    const Diagnostic* d = Find(r, "file-not-found");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->loc.file, "course.xml");
    EXPECT_EQ(d->loc.line, 4);
}

TEST(LoaderErrors, IncludeThatClimbsOut) {
    std::string course = std::string(kCourse);
    course.replace(course.find("m.xml"), 5, "../m.xml");
    LoadResult r = Load(ModuleXml("<p>x</p>"), course);
    const Diagnostic* d = Find(r, "bad-path");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->loc.line, 4);
}

TEST(LoaderErrors, XmlSyntaxErrorAtItsLine) {
    LoadResult r = Load("<module id=\"m\" title=\"M\">\n  <lesson id=\"l\" title=\"L\">\n    <page id=\"p\">\n  </lesson>\n</module>\n");
    const Diagnostic* d = Find(r, "xml-syntax");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->loc.file, "m.xml");
    // tinyxml2 names the line of the element that was left open.
    EXPECT_EQ(d->loc.line, 3) << d->Format();
    EXPECT_NE(d->message.find("page"), std::string::npos) << d->Format();
}

TEST(LoaderErrors, EncodingProblemsGetOneClearMessage) {
    struct Case {
        std::string text, code;
        int line;
    };
    std::vector<Case> cases = {
        {"", "empty-file", 1},
        {"   \n\n", "empty-file", 1},
        {std::string("\xFF\xFE<\0m\0", 6), "not-utf8", 1},
        {"<module id=\"m\" title=\"\xC3\x28\"/>", "not-utf8", 1},
        {std::string("<module id=\"m\"\n title=\"a\0b\"/>", 27), "nul-byte", 2},
        {"<!DOCTYPE m [<!ENTITY a \"aaaa\">]>\n<module/>", "doctype-forbidden", 1},
        {"<module id=\"m\" title=\"M\">\n<lesson id=\"l\" title=\"&lol9;\"/></module>", "undefined-entity", 2},
    };
    for (const auto& c : cases) {
        LoadResult r = Load(c.text);
        EXPECT_FALSE(r.ok());
        ASSERT_EQ(r.diagnostics.ErrorCount(), 1) << r.diagnostics.FormatAll();
        EXPECT_EQ(r.diagnostics.All()[0].code, c.code) << r.diagnostics.FormatAll();
        EXPECT_EQ(r.diagnostics.All()[0].loc.line, c.line) << r.diagnostics.FormatAll();
    }
}

// The course's lang is a BCP 47 tag as the schema has it; anything else is refused at the attribute.
TEST(Loader, LanguageTagMustBeATag) {
    for (const char* good : {"en", "pt-BR", "zh-Hant-TW", "ar", "sr-Latn"}) {
        std::string course = std::string(kCourse);
        course.replace(course.find("lang=\"en\""), 9, std::string("lang=\"") + good + "\"");
        LoadResult r = Load(ModuleXml("      <p>x</p>"), course);
        EXPECT_TRUE(r.ok()) << good << ": " << r.diagnostics.FormatAll();
    }
    for (const char* bad : {"en_US", "", " en", "e", "english please", "en-", "en\" onload=\"x", "toolonglang"}) {
        std::string course = std::string(kCourse);
        std::string value = bad;
        size_t q = 0;
        while ((q = value.find('"', q)) != std::string::npos) value.replace(q, 1, "&quot;"), q += 6;
        course.replace(course.find("lang=\"en\""), 9, "lang=\"" + value + "\"");
        LoadResult r = Load(ModuleXml("      <p>x</p>"), course);
        const Diagnostic* d = Find(r, "bad-value");
        ASSERT_NE(d, nullptr) << bad;
        EXPECT_EQ(d->loc.file, "course.xml");
        EXPECT_EQ(d->loc.line, 2) << bad;
    }
}

// What the schema rejects, the loader rejects, at the element at fault (each case was once
// accepted by lint with no message while xmllint --schema refused it).
TEST(LoaderErrors, StructureTheSchemaRefusesIsRefusedAtTheElement) {
    const std::string scenario_head = "      <scenario id=\"s\" title=\"S\">\n";
    struct Case {
        std::string body;
        const char* code;
        int line;
    } cases[] = {
        {scenario_head + "<node id=\"n\"><p>Go?</p>\n<choice id=\"a\" goto=\"e\">A<reason>R</reason></choice></node>\n"
                         "<ending id=\"e\"><p>E</p></ending></scenario>",
         "missing-element", 5},
        {scenario_head + "<node id=\"n\"><p>Go?</p>\n<choice id=\"a\" goto=\"e\">A</choice>\n"
                         "<choice id=\"b\" goto=\"e\">B<reason>R</reason></choice></node><ending id=\"e\"><p>E</p></ending></scenario>",
         "missing-element", 6},
        {scenario_head + "<node id=\"n\"><p>Go?</p><choice id=\"a\" goto=\"e\">A<reason>R</reason></choice>\n"
                         "<choice id=\"a\" goto=\"e\">B<reason>R</reason></choice></node><ending id=\"e\"><p>E</p></ending></scenario>",
         "duplicate-choice-id", 6},
        {scenario_head + "<node id=\"n\"><p>Go?</p><choice id=\"a\" goto=\"e\">A<reason>R</reason></choice>"
                         "<choice id=\"b\" goto=\"e\">B<reason>R</reason></choice></node><ending id=\"e\"><p>E</p></ending>\n"
                         "<intro><p>Late.</p></intro></scenario>",
         "element-order", 6},
        {"      <ul>\n</ul>", "missing-element", 4},
        {"      <table><tr><th>a</th></tr></table>", "missing-element", 4},
        {"      <question id=\"q\" type=\"truefalse\" answer=\"true\"><prompt>A</prompt>\n<prompt>B</prompt></question>",
         "duplicate-element", 5},
    };
    for (const Case& c : cases) ExpectErrorAt(c.body, c.code, c.line);

    // Module and lesson structure, and what follows the root element.
    struct FileCase {
        std::string module;
        const char* code;
        int line;
    } files[] = {
        {"<module id=\"m\" title=\"M\">\n<quiz id=\"qz\" title=\"Q\"><pool><question id=\"q\" type=\"truefalse\" answer=\"true\">"
         "<prompt>P</prompt></question></pool></quiz>\n<lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\"><p>x</p></page></lesson>\n</module>",
         "element-order", 3},
        {"<module id=\"m\" title=\"M\">\n<lesson id=\"l\" title=\"L\"><objectives/>\n<page id=\"p\" title=\"P\"><p>x</p></page></lesson>\n</module>",
         "missing-element", 2},
        {"<module id=\"m\" title=\"M\">\n<lesson id=\"l\" title=\"   \"><page id=\"p\" title=\"P\"><p>x</p></page></lesson>\n</module>",
         "bad-value", 2},
        {ModuleXml("      <p>x</p>") + "<module id=\"m2\" title=\"Again\"/>\n", "xml-syntax", 8},
        {"<module id=\"m\" title=\"M\">\n<lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\"><p>x</p></page></lesson>\n</module>\n"
         "trailing words\n", "xml-syntax", 4},
    };
    for (const FileCase& c : files) {
        LoadResult r = Load(c.module);
        EXPECT_FALSE(r.ok()) << c.module;
        bool found = false;
        for (const auto& d : r.diagnostics.All())
            found = found || (d.code == c.code && d.loc.file == "m.xml" && d.loc.line == c.line);
        EXPECT_TRUE(found) << "no [" << c.code << "] at m.xml:" << c.line << " for\n" << c.module << "\ngot:\n"
                           << r.diagnostics.FormatAll();
    }
}

// Columns count characters, as editors do, not UTF-8 bytes: after accented, Arabic or Chinese
// text the column still lands on the element at fault.
TEST(LoaderErrors, ColumnsCountCharactersNotBytes) {
    // The error points at the ref attribute: 6 spaces, "<p>", the words, "<term ", then "ref".
    ExpectErrorAt("      <p>\xC3\x87" "a \xC3\xA9t\xC3\xA9 l\xC3\xA0 <term ref=\"nope\">x</term></p>", "unresolved-term", 4, 26);
    const std::string chinese = "      <p>\xE4\xB8\xAD\xE6\x96\x87 <term ref=\"nope\">x</term> <term ref=\"nada\">y</term></p>";
    ExpectErrorAt(chinese, "unresolved-term", 4, 19);
    ExpectErrorAt(chinese, "unresolved-term", 4, 45);
}

// A glossary or references file that cannot be read is one error (its own) plus one line saying
// how many references follow from it, not one error per term in every module.
TEST(LoaderErrors, ReferencesIntoABrokenFileAreFoldedUnderIt) {
    std::string body;
    for (int i = 0; i < 17; ++i) body += "      <p><term ref=\"t1\">a</term> <cite ref=\"r1\">b</cite></p>\n";
    struct Case {
        const char* file;
        std::string text;
        const char* cause;
    } cases[] = {
        {"g.xml", "", "empty-file"},
        {"g.xml", "<glosary>\n</glosary>\n", "wrong-root"},
        {"r.xml", "<references>\n<ref id=\"r1\">unclosed\n</references>\n", "xml-syntax"},
    };
    for (const Case& c : cases) {
        std::map<std::string, std::string> files = {{"course.xml", kCourse}, {"m.xml", ModuleXml(body)}, {"g.xml", kGlossary}, {"r.xml", kRefs}};
        files[c.file] = c.text;
        LoadResult r = LoadCourseFromMemory(files);
        ASSERT_FALSE(r.ok());
        const auto& all = r.diagnostics.All();
        EXPECT_EQ(r.diagnostics.ErrorCount(), 2) << r.diagnostics.FormatAll();
        ASSERT_FALSE(all.empty());
        EXPECT_EQ(all[0].code, c.cause) << r.diagnostics.FormatAll();  // the cause first
        const Diagnostic* folded = Find(r, "follows-from-file");
        ASSERT_NE(folded, nullptr);
        EXPECT_NE(folded->message.find("and 17 more that follow from this"), std::string::npos) << folded->message;
    }
}

TEST(LoaderErrors, AllProblemsAreCollectedInOnePass) {
    LoadResult r = Load(ModuleXml(R"(      <blink/>
      <p style="x">a</p>
      <p><term ref="nope">t</term></p>)"));
    EXPECT_TRUE(r.diagnostics.Has("unknown-element"));
    EXPECT_TRUE(r.diagnostics.Has("unknown-attribute"));
    EXPECT_TRUE(r.diagnostics.Has("unresolved-term"));
    EXPECT_EQ(r.diagnostics.ErrorCount(), 3);
}

TEST(LoaderErrors, DiagnosticFormatIsFileLineColSeverityCode) {
    LoadResult r = Load(ModuleXml("      <blink/>"));
    ASSERT_FALSE(r.diagnostics.All().empty());
    EXPECT_EQ(r.diagnostics.All()[0].Format().rfind("m.xml:4:7: error: [unknown-element] <blink>", 0), 0u)
        << r.diagnostics.All()[0].Format();
}

// ---- on disk -----------------------------------------------------------------------------------

class LoaderDisk : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("lectern-loader-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "content" / "c");
        fs::create_directories(m_dir / "assets" / "c" / "diagrams");
        Write("content/c/course.xml", kCourse);
        Write("content/c/g.xml", kGlossary);
        Write("content/c/r.xml", kRefs);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    void Write(const std::string& rel, const std::string& text) {
        std::ofstream(m_dir / rel, std::ios::binary) << text;
    }
    fs::path m_dir;
};

TEST_F(LoaderDisk, ImagesResolveInTheCourseOrItsPairedAssetFolder) {
    Write("assets/c/diagrams/flow.png", "png");
    Write("content/c/local.png", "png");
    Write("content/c/m.xml", ModuleXml(R"(<image src="diagrams/flow.png" alt="a"/><image src="local.png" alt="b"/>)"));
    LoadResult r = LoadCourse((m_dir / "content" / "c").string());
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    const Blocks& b = r.course->PageAt(0).blocks;
    EXPECT_EQ(b[0].resolved_path, fs::canonical(m_dir / "assets/c/diagrams/flow.png").string());
    EXPECT_EQ(b[1].resolved_path, fs::canonical(m_dir / "content/c/local.png").string());
}

TEST_F(LoaderDisk, MissingImageIsAnError) {
    Write("content/c/m.xml", ModuleXml(R"(<image src="nope.png" alt="a"/>)"));
    LoadResult r = LoadCourse((m_dir / "content" / "c").string());
    EXPECT_TRUE(r.diagnostics.Has("image-not-found")) << r.diagnostics.FormatAll();
}

TEST_F(LoaderDisk, SymlinkThatLeadsOutsideIsRefused) {
    Write((m_dir / "secret.png").string().substr(m_dir.string().size() + 1), "secret");
    fs::create_symlink(m_dir / "secret.png", m_dir / "content/c/leak.png");
    Write("content/c/m.xml", ModuleXml(R"(<image src="leak.png" alt="a"/>)"));
    LoadResult r = LoadCourse((m_dir / "content" / "c").string());
    EXPECT_TRUE(r.diagnostics.Has("path-escapes")) << r.diagnostics.FormatAll();
}

TEST_F(LoaderDisk, DirectoryWhereAFileShouldBe) {
    fs::create_directories(m_dir / "content/c/m.xml");
    LoadResult r = LoadCourse((m_dir / "content" / "c").string());
    EXPECT_TRUE(r.diagnostics.Has("not-a-file")) << r.diagnostics.FormatAll();
}

TEST_F(LoaderDisk, DiagnosticsNameThePathAsGiven) {
    Write("content/c/m.xml", ModuleXml("<blink/>"));
    std::string given = (m_dir / "content" / "c").string();
    LoadResult r = LoadCourse(given);
    ASSERT_FALSE(r.diagnostics.All().empty());
    EXPECT_EQ(r.diagnostics.All()[0].loc.file, given + "/m.xml");
    LoadResult by_file = LoadCourse(given + "/course.xml");
    ASSERT_FALSE(by_file.diagnostics.All().empty());
    EXPECT_EQ(by_file.diagnostics.All()[0].loc.file, given + "/m.xml");
}

TEST_F(LoaderDisk, MissingCourseIsUnreadable) {
    LoadResult r = LoadCourse((m_dir / "nothing-here").string());
    EXPECT_TRUE(r.unreadable);
    EXPECT_FALSE(r.ok());
}

TEST_F(LoaderDisk, OversizedFileIsRefusedBeforeParsing) {
    Write("content/c/m.xml", ModuleXml("<p>" + std::string(2000, 'x') + "</p>"));
    LoadOptions small;
    small.max_file_bytes = 1000;
    LoadResult r = LoadCourse((m_dir / "content" / "c").string(), small);
    EXPECT_TRUE(r.diagnostics.Has("file-too-large")) << r.diagnostics.FormatAll();
}

// Errors about a question's parts and a quiz's pools point at the part at fault, not at the
// question's or quiz's first line: the second choice with an id, the <pattern>, the pool's draw.
TEST(LoaderErrors, PartsAndPoolsAreReportedWhereTheFaultIs) {
    ExpectErrorAt("      <question id=\"q\" type=\"single\"><prompt>P</prompt>\n"
                  "        <choice id=\"a\" correct=\"true\">A</choice>\n"
                  "        <choice id=\"a\">B</choice></question>",
                  "duplicate-choice-id", 6, 17);
    ExpectErrorAt("      <question id=\"q\" type=\"ordering\"><prompt>P</prompt>\n"
                  "        <item id=\"i\">A</item>\n        <item id=\"i\">B</item></question>",
                  "duplicate-choice-id", 6, 15);
    ExpectErrorAt("      <question id=\"q\" type=\"text\"><prompt>P</prompt><accept>a</accept>\n"
                  "        <pattern>colou(r</pattern></question>",
                  "bad-pattern", 5, 9);
    // Forms RE2 leaves out (a backreference, lookaround) are reported at the pattern too.
    for (const char* pattern : {"(a)\\1", "a(?=b)", "(?!x)a", "(?&lt;=a)b", "(?&lt;!a)b"})  // XML-escaped
        ExpectErrorAt(std::string("      <question id=\"q\" type=\"text\"><prompt>P</prompt><accept>a</accept>\n"
                                  "        <pattern>") + pattern + "</pattern></question>",
                      "bad-pattern", 5, 9);
    const std::string module =
        "<module id=\"m\" title=\"M\">\n"
        "  <lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\"><p>x</p></page></lesson>\n"
        "  <quiz id=\"qz\" title=\"Q\">\n"
        "    <pool><question id=\"q1\" type=\"truefalse\" answer=\"true\"><prompt>P</prompt></question></pool>\n"
        "    <pool title=\"Second\" draw=\"3\">\n"
        "      <question id=\"q2\" type=\"truefalse\" answer=\"true\"><prompt>P</prompt></question></pool>\n"
        "  </quiz>\n"
        "</module>\n";
    LoadResult r = Load(module);
    const Diagnostic* d = Find(r, "pool-too-small");
    ASSERT_NE(d, nullptr) << r.diagnostics.FormatAll();
    EXPECT_EQ(d->loc.line, 5) << d->Format();
    EXPECT_EQ(d->loc.col, 26) << d->Format();  // the draw attribute
    EXPECT_NE(d->message.find("pool 'Second'"), std::string::npos) << d->Format();
}

// tinyxml2 9 drops white space between elements; the loader keeps it (course/internal/
// white_space.h). Every separator between two inline elements, in files that do and do not
// hold what once sent the loader down another path (an entity, CR line ends, a '<' in a
// comment, a '>' in text), reads as HTML would read it.
TEST(Loader, WhiteSpaceBetweenInlineElementsReadsAsHtmlWould) {
    struct Separator {
        const char* xml;
        const char* text;  // between "a" and "b"
    } separators[] = {{"", ""}, {" ", " "}, {"\n          ", " "}, {"\t", " "}, {"  \n\n  ", " "},
                      {" <!-- c --> ", " "}, {"<!-- c -->", ""}, {" > ", " > "}, {" &amp; ", " & "}};
    const char* contexts[] = {"plain", "entity", "crlf", "comment-lt", "gt-in-text"};
    for (const Separator& s : separators) {
        for (const std::string context : contexts) {
            std::string body = std::string("      <p><em>a</em>") + s.xml + "<strong>b</strong></p>";
            if (context == "entity") body += "\n      <p>x &lt; y</p>";
            if (context == "comment-lt") body += "\n      <!-- <p> -->";
            if (context == "gt-in-text") body += "\n      <p>x > <em>y</em></p>";
            std::string module = ModuleXml(body);
            if (context == "crlf") {
                for (size_t at = module.find('\n'); at != std::string::npos; at = module.find('\n', at + 2)) module.insert(at, "\r");
            }
            LoadResult r = Load(module);
            ASSERT_TRUE(r.ok()) << context << " " << s.xml << "\n" << r.diagnostics.FormatAll();
            EXPECT_EQ(PlainText(r.course->PageAt(0).blocks[0].text), std::string("a") + s.text + "b")
                << "separator '" << s.xml << "' in a file with " << context;
        }
    }
}

// A <pattern> is taken literally (white space inside it is part of it), whatever follows a '>'.
TEST(Loader, PatternTextIsTakenAsWritten) {
    struct Case {
        const char* xml;
        const char* pattern;
    } cases[] = {{"colou?r", "colou?r"}, {"  a  b  ", "a  b"}, {"x> ", "x>"}, {"(?:a|b)>\n  ", "(?:a|b)>"},
                 {"a&amp;b", "a&b"}, {"<!-- c -->d", "d"}, {"[0-9]{2,3}", "[0-9]{2,3}"}};
    for (const Case& c : cases) {
        LoadResult r = Load(ModuleXml(std::string("      <question id=\"q\" type=\"text\"><prompt>P</prompt><pattern>") +
                                      c.xml + "</pattern></question>"));
        ASSERT_TRUE(r.ok()) << c.xml << "\n" << r.diagnostics.FormatAll();
        EXPECT_EQ(r.course->PageAt(0).blocks[0].question->pattern, c.pattern) << c.xml;
    }
}
