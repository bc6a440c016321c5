// Syntax errors in words an author can act on, at the line and column (characters) of the fault:
// each broken file below is also loaded as a module, and the loader must say the same thing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "course/internal/xml_syntax.h"
#include "course/loader.h"

using namespace lectern;
namespace fs = std::filesystem;

namespace {

struct Case {
    const char* text;
    int line, col;
    const char* words;  // in the message
};

// Each file is well formed but for one fault.
const Case kCases[] = {
    {"<module>\n<p>Some <strong>bold</p>\n</module>", 2, 9, "<strong> is not closed: </p> at line 2, column 21"},
    {"<module>\n<p>Café <em>x</em> <strong>bold</p>\n</module>", 2, 20, "<strong> is not closed"},
    {"<module>\n  <page>\n</module>", 2, 3, "<page> is not closed"},
    {"<module>\n<p>x</q>\n</module>", 2, 5, "</q> does not match the open <p> (line 2, column 1)"},
    {"<module>\n<p>x</p></p>\n</module>", 2, 9, "</p> does not match the open <module>"},
    {"<module>\n<p>x</p>", 1, 1, "<module> is never closed: the file ends before its </module>"},
    {"<module id=\"m\" title=\"M>\n<p>x</p>\n</module>", 1, 22, "its closing quote is missing"},
    {"<module id=m>\n</module>", 1, 12, "the value of id must be in quotes"},
    {"<module id>\n</module>", 1, 9, "the attribute id of <module> has no value"},
    {"<module id=\"a\" id=\"b\">\n</module>", 1, 16, "the attribute id appears twice in <module>"},
    {"<module id=\"a\"title=\"b\">\n</module>", 1, 15, "need a space between them"},
    {"<module>\n<p>Tom & Jerry</p>\n</module>", 2, 8, "a '&' that starts no entity: write it as &amp;"},
    {"<module>\n<p>&nbsp;</p>\n</module>", 2, 4, "&nbsp; is not an entity XML knows"},
    {"<module>\n<p>&#xZZ;</p>\n</module>", 2, 4, "a character reference must look like"},
    {"<module>\n<p>1 < 2</p>\n</module>", 2, 6, "a '<' that starts no element: in text, write it as &lt;"},
    {"<module>\n<!-- a note\n<p>x</p>\n</module>", 2, 1, "a comment starts here and is never closed"},
    {"<module>\n<p>x</p>\n</module>\n<module/>", 4, 1, "a second root element"},
    {"<module>\n</module>\nwords", 3, 1, "text after the root element's end tag"},
    {"words <module>\n</module>", 1, 1, "text before the root element"},
    {"<module>\n<p>x</p\n</module>", 2, 5, "the end tag </p is not finished"},
    {"<module>\n<p class=\"a\"\n<em>x</em></p>\n</module>", 2, 1, "<p is not finished: its '>' is missing"},
    {"<module>\n</p>", 2, 1, "</p> does not match the open <module>"},
    {"</module>", 1, 1, "</module> closes nothing"},
    {"<?xml version=\"1.0\"?>\n<!-- c -->\n<module>\n\xE4\xB8\xAD\xE6\x96\x87 <b>x</c>\n</module>", 4, 8, "</c> does not match the open <b>"},
};

TEST(XmlSyntax, EachFaultIsNamedInWordsAtItsLineAndColumn) {
    for (const Case& c : kCases) {
        auto e = FindXmlSyntaxError(c.text);
        ASSERT_TRUE(e.has_value()) << c.text;
        EXPECT_EQ(e->line, c.line) << c.text << "\n" << e->message;
        EXPECT_EQ(e->col, c.col) << c.text << "\n" << e->message;
        EXPECT_NE(e->message.find(c.words), std::string::npos) << c.text << "\ngot: " << e->message;
        EXPECT_EQ(e->message.find("XMLElement"), std::string::npos) << e->message;
    }
}

TEST(XmlSyntax, WellFormedFilesHaveNoFault) {
    for (const char* ok : {"<module/>", "\xEF\xBB\xBF<module>\n</module>\n", "<?xml version=\"1.0\"?>\n<m a='1' b=\"&amp;&#233;&#xE9;\"><!-- <x> -->x &lt; y<![CDATA[<z>]]></m>\n"}) {
        auto e = FindXmlSyntaxError(ok);
        EXPECT_FALSE(e.has_value()) << ok << "\n" << (e ? e->message : "");
    }
}

// The loader reports the scanner's words and place for a module that tinyxml2 refuses.
TEST(XmlSyntax, TheLoaderReportsTheFaultWithItsColumn) {
    fs::path dir = fs::temp_directory_path() / ("lectern-xml-syntax-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "course.xml") << "<course id=\"c\" version=\"1\" lang=\"en\" minutes=\"5\"><title>T</title>"
                                         "<include src=\"m.xml\"/></course>\n";
    int checked = 0;
    for (const Case& c : kCases) {
        if (std::string(c.text).find("<module") == std::string::npos) continue;
        std::ofstream(dir / "m.xml", std::ios::trunc) << c.text;
        LoadResult r = LoadCourse(dir.string());
        const Diagnostic* d = nullptr;
        for (const Diagnostic& x : r.diagnostics.All())
            if (x.code == "xml-syntax" || x.code == "undefined-entity") d = d ? d : &x;
        if (!d) continue;  // tinyxml2 accepted it (a second root is the loader's own check)
        if (d->code != "xml-syntax" || d->message.find(c.words) == std::string::npos) continue;
        EXPECT_EQ(d->loc.line, c.line) << d->Format();
        EXPECT_EQ(d->loc.col, c.col) << d->Format();
        ++checked;
    }
    fs::remove_all(dir);
    EXPECT_GE(checked, 12);
}

}  // namespace
