// The interface's catalogs (core/ui_catalog.h): parsed with file:line for every problem, English
// for what a catalog lacks, and the shipped files in step with the strings the UI asks for.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "course/ui_catalog.h"

namespace lectern {
namespace {

const std::string kStrings = std::string(LECTERN_SOURCE_DIR) + "/assets/strings";

TEST(UiCatalog, ATranslationIsUsedAndAMissingStringStaysEnglish) {
    Diagnostics d;
    const UiCatalog c = ParseUiCatalog("# comment\nmsgid \"Home\"\nmsgstr \"الرئيسية\"\n\nmsgid \"Help\"\nmsgstr \"\"\n", "x.po", d);
    EXPECT_TRUE(d.All().empty()) << d.FormatAll();
    EXPECT_EQ(c.Get("Home"), "الرئيسية");
    EXPECT_EQ(c.Get("Help"), "Help");        // empty msgstr: not translated yet
    EXPECT_EQ(c.Get("Glossary"), "Glossary");  // not in the catalog
}

TEST(UiCatalog, EveryMalformedLineIsReportedAtItsLineAndTheRestIsKept) {
    struct Case {
        std::string text;
        int line;
        bool a_kept = true;  // "A" itself is well formed
    };
    const std::vector<Case> cases = {
        {"msgid \"A\"\nmsgstr \"a\"\nmsgstr \"b\"\n", 3},             // msgstr without msgid
        {"msgid \"A\"\nmsgid \"B\"\nmsgstr \"b\"\n", 1, false},              // msgid without msgstr
        {"msgid A\nmsgstr \"a\"\n", 1, false},                             // not quoted
        {"msgid \"A\"\nmsgstr \"a\" trailing\n", 2, false},                // text after the string
        {"msgid \"A\"\nmsgstr \"a\"\nmsgid \"A\"\nmsgstr \"b\"\n", 3},  // twice
        {"msgid \"A\"\nmsgstr \"a\"\nHome = Accueil\n", 3},         // another format
        {"msgid \"A\"\nmsgstr \"a\"\nmsgid \"B\"\n", 3},            // ends after a msgid
    };
    for (const Case& c : cases) {
        Diagnostics d;
        const UiCatalog catalog = ParseUiCatalog(c.text, "ar.po", d);
        ASSERT_FALSE(d.All().empty()) << c.text;
        EXPECT_EQ(d.All().front().loc.file, "ar.po");
        EXPECT_EQ(d.All().front().loc.line, c.line) << c.text;
        if (c.a_kept) {  // the good entry survives
            EXPECT_EQ(catalog.Get("A"), "a") << c.text;
        }
    }
}

TEST(UiCatalog, TheCoursesLanguagePicksTheCatalogAndItsDirection) {
    Diagnostics d;
    const UiCatalog ar = LoadUiCatalog("ar-EG", {kStrings}, d);
    EXPECT_TRUE(d.All().empty()) << d.FormatAll();
    EXPECT_EQ(ar.lang, "ar");
    EXPECT_TRUE(ar.right_to_left);
    EXPECT_NE(ar.Get("Home"), "Home");
    for (const char* lang : {"en", "en-US", "", "xx"}) {
        const UiCatalog c = LoadUiCatalog(lang, {kStrings}, d);
        EXPECT_TRUE(c.text.empty()) << lang;
        EXPECT_FALSE(c.right_to_left) << lang;
        EXPECT_EQ(c.Get("Home"), "Home") << lang;
    }
}

TEST(UiCatalog, PlaceholdersAreFilledInTheTranslationsOrder) {
    Diagnostics d;
    const UiCatalog c = ParseUiCatalog(
        "msgid \"Question {number} of {count}\"\nmsgstr \"{count} / {number} :السؤال\"\n"
        "msgid \"{{literal}} {n}\"\nmsgstr \"{n} {{literal}}\"\n",
        "ar.po", d);
    EXPECT_TRUE(d.All().empty()) << d.FormatAll();
    EXPECT_EQ(c.Format("Question {number} of {count}", {{"number", "4"}, {"count", "13"}}), "13 / 4 :السؤال");
    EXPECT_EQ(c.Format("{{literal}} {n}", {{"n", "7"}}), "7 {literal}");
    // Not in the catalog: the English, filled.
    EXPECT_EQ(c.Format("Page {page} of {count}", {{"page", "4"}, {"count", "13"}}), "Page 4 of 13");
    // A value is never read as a placeholder, and a placeholder with no value stays visible.
    EXPECT_EQ(FillPlaceholders("{a} and {b}", {{"a", "{b}"}}), "{b} and {b}");
}

TEST(UiCatalog, ATranslationWithOtherPlaceholdersIsReportedAtItsLineAndTheEnglishShows) {
    struct Case {
        const char* msgstr;
        const char* says;  // part of the message
    };
    const std::vector<Case> cases = {
        {"الصفحة {page}", "leaves out {count}"},
        {"الصفحة {page} من {pages}", "has {pages}"},
        {"الصفحة {page} من {count} {extra}", "has {extra}"},
        {"الصفحة {page من {count}", "not a placeholder"},
        {"الصفحة {page} من {count", "never closed"},
        {"الصفحة page} من {count}", "no '{' before it"},
        {"الصفحة {Page} من {count}", "not a placeholder"},
    };
    for (const Case& k : cases) {
        Diagnostics d;
        const std::string po = "# header\nmsgid \"Home\"\nmsgstr \"الرئيسية\"\n\nmsgid \"Page {page} of {count}\"\nmsgstr \"" +
                               std::string(k.msgstr) + "\"\n";
        const UiCatalog c = ParseUiCatalog(po, "strings/ar.po", d);
        ASSERT_EQ(d.All().size(), 1u) << k.msgstr;
        const Diagnostic& e = d.All().front();
        EXPECT_EQ(e.loc.file, "strings/ar.po");
        EXPECT_EQ(e.loc.line, 6) << k.msgstr;  // the msgstr's line
        EXPECT_NE(e.Format().find(k.says), std::string::npos) << e.Format();
        EXPECT_EQ(c.Format("Page {page} of {count}", {{"page", "4"}, {"count", "13"}}), "Page 4 of 13") << k.msgstr;
        EXPECT_EQ(c.Get("Home"), "الرئيسية");  // the rest of the catalog is kept
    }
    // A malformed msgid is reported at its own line.
    Diagnostics d;
    ParseUiCatalog("msgid \"Page {page\"\nmsgstr \"الصفحة {page}\"\n", "ar.po", d);
    ASSERT_EQ(d.All().size(), 1u);
    EXPECT_EQ(d.All().front().loc.line, 1);
}

}  // namespace
}  // namespace lectern
