// A passage in another language than the course's: lang on the block elements, list items,
// table cells and question prompts. Generated over every place that takes it x {a left-to-right
// tag, a right-to-left tag, a three-part tag, tags that are not tags}, and over places that do not
// take it: the model carries a good tag, a bad one is reported at its attribute (file, line and
// column), and lang where the format has none is refused, as the schema refuses it
// (tests/scripts/course_mutants.py --lang checks the schema agrees).
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <utility>

#include "course/loader.h"
#include "course/ui_catalog.h"
#include "course_xml.h"

using namespace lectern;

namespace {

const char* kCourse = R"(<?xml version="1.0" encoding="UTF-8"?>
<course id="c" version="1" lang="en" minutes="10">
  <title>T</title>
  <include src="m.xml"/>
</course>
)";

using test::ModuleXml;  // the page's content starts on line 4 of m.xml

LoadResult Load(const std::string& line) {
    return LoadCourseFromMemory({{"course.xml", kCourse}, {"m.xml", ModuleXml(line)}});
}

std::string Fill(std::string pattern, const std::string& attribute) {
    const size_t at = pattern.find("{L}");
    pattern.replace(at, 3, attribute);
    return pattern;
}

const char* kQuestion =
    "<question id=\"q\" type=\"single\"><prompt{L}>Which?</prompt>"
    "<choice id=\"a\" correct=\"true\">A</choice><choice id=\"b\">B</choice></question>";

struct Place {
    const char* name;
    std::string line;  // {L} is where the attribute goes
    // The language the model gives the passage.
    std::function<std::string(const Blocks&)> lang;
};

const std::vector<Place>& Places() {
    static const std::vector<Place> places = {
        {"heading", "<heading{L}>Title</heading>", [](const Blocks& b) { return b.at(0).lang; }},
        {"p", "<p{L}>Text</p>", [](const Blocks& b) { return b.at(0).lang; }},
        {"ul", "<ul{L}><li>a</li></ul>", [](const Blocks& b) { return b.at(0).lang; }},
        {"ol", "<ol{L}><li>a</li></ol>", [](const Blocks& b) { return b.at(0).lang; }},
        {"li", "<ol><li>a</li><li{L}>b <em>c</em> d</li></ol>", [](const Blocks& b) { return LanguageOf(b.at(0).items.at(1)); }},
        {"quote", "<quote source=\"S\"{L}>Words</quote>", [](const Blocks& b) { return b.at(0).lang; }},
        {"callout", "<callout kind=\"note\"{L}><p>x</p></callout>", [](const Blocks& b) { return b.at(0).lang; }},
        {"callout p", "<callout kind=\"note\"><p{L}>x</p></callout>", [](const Blocks& b) { return b.at(0).children.at(0).lang; }},
        {"callout li", "<callout kind=\"note\"><ul><li{L}>x</li></ul></callout>",
         [](const Blocks& b) { return LanguageOf(b.at(0).children.at(0).items.at(0)); }},
        {"callout quote", "<callout kind=\"note\"><quote source=\"S\"{L}>x</quote></callout>",
         [](const Blocks& b) { return b.at(0).children.at(0).lang; }},
        {"table", "<table{L}><tr><th>A</th></tr><tr><td>1</td></tr></table>", [](const Blocks& b) { return b.at(0).lang; }},
        {"th", "<table><tr><th>A</th><th{L}>B</th></tr><tr><td>1</td><td>2</td></tr></table>",
         [](const Blocks& b) { return LanguageOf(b.at(0).rows.at(0).at(1)); }},
        {"td", "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td{L}>2</td></tr></table>",
         [](const Blocks& b) { return LanguageOf(b.at(0).rows.at(1).at(1)); }},
        {"facilitator p", "<facilitator><p{L}>Notes</p></facilitator>", [](const Blocks& b) { return b.at(0).children.at(0).lang; }},
        {"facilitator table", "<facilitator><table{L}><tr><th>A</th></tr><tr><td>1</td></tr></table></facilitator>",
         [](const Blocks& b) { return b.at(0).children.at(0).lang; }},
        {"prompt", kQuestion, [](const Blocks& b) { return LanguageOf(b.at(0).question->prompt); }},
    };
    return places;
}

// Places that take no lang: the attribute is an unknown one there.
const std::vector<std::string>& PlacesWithout() {
    static const std::vector<std::string> places = {
        "<p>a <term ref=\"t\"{L}>b</term></p>",
        "<p>a <link to=\"p1\"{L}>b</link></p>",
        "<p>a <cite ref=\"r\"{L}>b</cite></p>",
        "<table><tr{L}><th>A</th></tr><tr><td>1</td></tr></table>",
        "<image src=\"i.png\" alt=\"A\"{L}/>",
        "<facilitator{L}><p>x</p></facilitator>",
        "<question id=\"q\" type=\"single\"{L}><prompt>Which?</prompt><choice id=\"a\" correct=\"true\">A</choice>"
        "<choice id=\"b\">B</choice></question>",
        "<question id=\"q\" type=\"single\"><prompt>Which?</prompt><hint{L}>H</hint><choice id=\"a\" correct=\"true\">A</choice>"
        "<choice id=\"b\">B</choice></question>",
        "<question id=\"q\" type=\"single\"><prompt>Which?</prompt><choice id=\"a\" correct=\"true\"{L}>A</choice>"
        "<choice id=\"b\">B</choice></question>",
    };
    return places;
}

// The column (in characters, 1-based) of the attribute's name on the line.
int ColumnOf(const std::string& line, const std::string& attribute) {
    return static_cast<int>(line.find(attribute)) + 1;
}

}  // namespace

TEST(PassageLang, EveryPlaceCarriesAGoodTagIntoTheModel) {
    for (const Place& place : Places()) {
        for (const char* tag : {"fr", "ar", "he-IL", "zh-Hant-TW", "sr-Latn"}) {
            LoadResult r = Load(Fill(place.line, std::string(" lang=\"") + tag + "\""));
            ASSERT_TRUE(r.ok()) << place.name << " " << tag << ": " << r.diagnostics.FormatAll();
            EXPECT_EQ(r.diagnostics.All().size(), 0u) << place.name << " " << tag << ": " << r.diagnostics.FormatAll();
            EXPECT_EQ(place.lang(r.course->PageAt(0).blocks), tag) << place.name;
        }
        // Without the attribute, the passage is in the language around it.
        LoadResult r = Load(Fill(place.line, ""));
        ASSERT_TRUE(r.ok()) << place.name << ": " << r.diagnostics.FormatAll();
        EXPECT_EQ(place.lang(r.course->PageAt(0).blocks), "") << place.name;
    }
}

TEST(PassageLang, ARightToLeftPassageIsKnownAsOne) {
    for (const Place& place : Places()) {
        for (const char* tag : {"ar", "he", "fa-IR", "ur"}) {
            LoadResult r = Load(Fill(place.line, std::string(" lang=\"") + tag + "\""));
            ASSERT_TRUE(r.ok()) << place.name << " " << tag;
            EXPECT_TRUE(IsRightToLeftLanguage(place.lang(r.course->PageAt(0).blocks))) << place.name << " " << tag;
        }
        LoadResult r = Load(Fill(place.line, " lang=\"fr\""));
        ASSERT_TRUE(r.ok()) << place.name;
        EXPECT_FALSE(IsRightToLeftLanguage(place.lang(r.course->PageAt(0).blocks))) << place.name;
    }
}

TEST(PassageLang, ABadTagIsReportedAtItsAttributeAndNotCarried) {
    for (const Place& place : Places()) {
        for (const char* bad : {"en_US", "", "e", "arabic please", "ar-", "toolonglang", "ar--EG"}) {
            const std::string attribute = std::string("lang=\"") + bad + "\"";
            const std::string line = Fill(place.line, " " + attribute);
            LoadResult r = Load(line);
            EXPECT_FALSE(r.ok()) << place.name << " " << bad;
            ASSERT_EQ(r.diagnostics.ErrorCount(), 1) << place.name << " " << bad << ": " << r.diagnostics.FormatAll();
            const Diagnostic& d = r.diagnostics.All().at(0);
            EXPECT_EQ(d.code, "bad-value") << place.name << " " << bad;
            EXPECT_EQ(d.loc.file, "m.xml");
            EXPECT_EQ(d.loc.line, 4) << place.name << " " << bad;
            EXPECT_EQ(d.loc.col, ColumnOf(line, attribute)) << place.name << " " << bad << ": " << d.Format();
            EXPECT_NE(d.message.find("is not a language tag"), std::string::npos) << d.message;
            if (r.course) { EXPECT_EQ(place.lang(r.course->PageAt(0).blocks), "") << place.name << " " << bad; }
        }
    }
}

// Columns count characters: Arabic text before the attribute does not move it.
TEST(PassageLang, TheColumnOfABadTagCountsCharactersNotBytes) {
    const std::string line = "<p lang=\"ar\">\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7</p><p lang=\"ar_EG\">x</p>";
    LoadResult r = Load(line);
    ASSERT_EQ(r.diagnostics.ErrorCount(), 1) << r.diagnostics.FormatAll();
    EXPECT_EQ(r.diagnostics.All().at(0).loc.col, 1 + 13 + 5 + 4 + 3) << r.diagnostics.FormatAll();
}

TEST(PassageLang, WhereTheFormatHasNoLangItIsRefused) {
    for (const std::string& place : PlacesWithout()) {
        for (const char* tag : {"ar", "fr"}) {
            const std::string attribute = std::string("lang=\"") + tag + "\"";
            const std::string line = Fill(place, " " + attribute);
            LoadResult r = Load(line);
            bool found = false;
            for (const Diagnostic& d : r.diagnostics.All())
                found |= d.code == "unknown-attribute" && d.loc.line == 4 && d.loc.col == ColumnOf(line, attribute);
            EXPECT_TRUE(found) << place << ": " << r.diagnostics.FormatAll();
        }
        // The place itself is fine without it (the refusal is the attribute's).
        LoadResult r = Load(Fill(place, ""));
        for (const Diagnostic& d : r.diagnostics.All()) EXPECT_NE(d.code, "unknown-attribute") << place;
    }
}

// Runs of one list item keep their language through em and strong, and two items in different
// languages do not merge into one language.
TEST(PassageLang, ItemsInDifferentLanguagesKeepTheirOwn) {
    LoadResult r = Load("<ul><li lang=\"ar\">a <strong>b</strong></li><li>c</li><li lang=\"zh\">d</li></ul>");
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    const Block& list = r.course->PageAt(0).blocks.at(0);
    EXPECT_EQ(LanguageOf(list.items.at(0)), "ar");
    for (const lectern::Run& run : list.items.at(0)) EXPECT_EQ(run.lang, "ar");
    EXPECT_EQ(LanguageOf(list.items.at(1)), "");
    EXPECT_EQ(LanguageOf(list.items.at(2)), "zh");
    Inline mixed = list.items.at(0);
    mixed.push_back(list.items.at(2).front());
    EXPECT_EQ(LanguageOf(mixed), "");
}

namespace {

// A phrase inside running text: span, em and strong take lang, in every place that holds inline
// text, nested and inside term/link/cite.
struct Phrase {
    const char* name;
    std::string line;  // {L}: the phrase's attribute; its text is "x"
    std::function<const Inline&(const Blocks&)> text;
};

const std::vector<Phrase>& Phrases() {
    static const std::vector<Phrase> phrases = {
        {"span in p", "<p>a <span{L}>x</span> b</p>", [](const Blocks& b) -> const Inline& { return b.at(0).text; }},
        {"em in p", "<p>a <em{L}>x</em> b</p>", [](const Blocks& b) -> const Inline& { return b.at(0).text; }},
        {"strong in heading", "<heading>a <strong{L}>x</strong></heading>", [](const Blocks& b) -> const Inline& { return b.at(0).text; }},
        {"span in li", "<ul><li lang=\"de\">a <span{L}>x</span></li></ul>", [](const Blocks& b) -> const Inline& { return b.at(0).items.at(0); }},
        {"span in td", "<table><tr><th>A</th></tr><tr><td>a <span{L}>x</span></td></tr></table>",
         [](const Blocks& b) -> const Inline& { return b.at(0).rows.at(1).at(0); }},
        {"span in quote", "<quote source=\"S\">a <span{L}>x</span></quote>", [](const Blocks& b) -> const Inline& { return b.at(0).text; }},
        {"span in prompt",
         "<question id=\"q\" type=\"single\"><prompt>Which <span{L}>x</span>?</prompt>"
         "<choice id=\"a\" correct=\"true\">A</choice><choice id=\"b\">B</choice></question>",
         [](const Blocks& b) -> const Inline& { return b.at(0).question->prompt; }},
        {"span in choice",
         "<question id=\"q\" type=\"single\"><prompt>Which?</prompt>"
         "<choice id=\"a\" correct=\"true\">A <span{L}>x</span></choice><choice id=\"b\">B</choice></question>",
         [](const Blocks& b) -> const Inline& { return b.at(0).question->choices.at(0).text; }},
        {"span in em", "<p>a <em>b <span{L}>x</span></em></p>", [](const Blocks& b) -> const Inline& { return b.at(0).text; }},
        {"em in link", "<p>a <link to=\"p\">b <em{L}>x</em></link></p>", [](const Blocks& b) -> const Inline& { return b.at(0).text; }},
        {"span in callout p", "<callout kind=\"note\"><p>a <span{L}>x</span></p></callout>",
         [](const Blocks& b) -> const Inline& { return b.at(0).children.at(0).text; }},
    };
    return phrases;
}

// The span_lang of the run holding "x" and of every other run.
std::pair<std::string, std::set<std::string>> PhraseLangs(const Inline& runs) {
    std::pair<std::string, std::set<std::string>> out;
    for (const lectern::Run& r : runs) {
        if (r.text == "x") out.first = r.span_lang;
        else out.second.insert(r.span_lang);
    }
    return out;
}

}  // namespace

TEST(PhraseLang, EveryInlinePlaceCarriesAGoodTagIntoItsRunOnly) {
    for (const Phrase& phrase : Phrases()) {
        for (const char* tag : {"fr", "ar", "he-IL", "zh-Hant-TW"}) {
            LoadResult r = Load(Fill(phrase.line, std::string(" lang=\"") + tag + "\""));
            ASSERT_TRUE(r.ok()) << phrase.name << " " << tag << ": " << r.diagnostics.FormatAll();
            EXPECT_EQ(r.diagnostics.All().size(), 0u) << phrase.name << ": " << r.diagnostics.FormatAll();
            const Inline& runs = phrase.text(r.course->PageAt(0).blocks);
            const auto [own, others] = PhraseLangs(runs);
            EXPECT_EQ(own, tag) << phrase.name;
            EXPECT_EQ(others, std::set<std::string>{""}) << phrase.name << ": the words around the phrase are not in it";
            // The passage's language is the passage's: a phrase does not change it.
            EXPECT_NE(LanguageOf(runs), tag) << phrase.name;
        }
    }
}

TEST(PhraseLang, ABadTagIsReportedAtItsAttribute) {
    for (const Phrase& phrase : Phrases()) {
        for (const char* bad : {"en_US", "", "arabic please"}) {
            const std::string attribute = std::string("lang=\"") + bad + "\"";
            const std::string line = Fill(phrase.line, " " + attribute);
            LoadResult r = Load(line);
            EXPECT_FALSE(r.ok()) << phrase.name << " " << bad;
            ASSERT_EQ(r.diagnostics.ErrorCount(), 1) << phrase.name << " " << bad << ": " << r.diagnostics.FormatAll();
            const Diagnostic& d = r.diagnostics.All().at(0);
            EXPECT_EQ(d.code, "bad-value") << phrase.name;
            EXPECT_EQ(d.loc.line, 4);
            EXPECT_EQ(d.loc.col, ColumnOf(line, attribute)) << phrase.name << ": " << d.Format();
        }
    }
}

TEST(PhraseLang, ASpanWithoutLangIsRefusedAndAnInnerPhraseNamesItsOwn) {
    LoadResult bare = Load("<p>a <span>x</span></p>");
    ASSERT_EQ(bare.diagnostics.ErrorCount(), 1) << bare.diagnostics.FormatAll();
    EXPECT_EQ(bare.diagnostics.All().at(0).code, "missing-attribute");
    EXPECT_EQ(bare.diagnostics.All().at(0).loc.line, 4);

    LoadResult nested = Load("<p lang=\"fr\">a <span lang=\"ar\">b <strong lang=\"en\">c</strong> d</span> e</p>");
    ASSERT_TRUE(nested.ok()) << nested.diagnostics.FormatAll();
    std::vector<std::pair<std::string, std::string>> got;
    for (const lectern::Run& r : nested.course->PageAt(0).blocks.at(0).text) got.push_back({r.text, r.span_lang});
    const std::vector<std::pair<std::string, std::string>> want = {{"a ", ""}, {"b ", "ar"}, {"c", "en"}, {" d", "ar"}, {" e", ""}};
    EXPECT_EQ(got, want);
}
