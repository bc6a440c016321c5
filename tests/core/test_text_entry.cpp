// Text is normalised where it enters: course files at load (NFC), and typed text is compared
// by one key (core/unicode.h) for names and answers alike.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/loader.h"
#include "core/unicode.h"

namespace lectern {
namespace {

const std::string kCourse = R"(<?xml version="1.0" encoding="UTF-8"?>
<course id="c" version="1" lang="fr" minutes="5">
  <title>Cafe)" "\xCC\x81" R"( et the)" "\xCC\x81" R"(</title>
  <include src="m.xml"/>
</course>
)";

LoadResult LoadWithPage(const std::string& page_body) {
    const std::string module = "<module id=\"m\" title=\"Zoe\xCC\x88\">\n  <lesson id=\"l\" title=\"L\">\n"
                               "    <page id=\"p\" title=\"P\">\n" + page_body +
                               "\n    </page>\n  </lesson>\n</module>\n";
    return LoadCourseFromMemory({{"course.xml", kCourse}, {"m.xml", module}});
}

TEST(TextEntry, CourseTextIsNfcAfterLoading) {
    LoadResult r = LoadWithPage("      <p>Dvor\xCC\x8C\xC3\xA1k, A\xCC\x8Angstro\xCC\x88m, \xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB.</p>");
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    EXPECT_EQ(r.course->title, "Caf\xC3\xA9 et th\xC3\xA9");  // é precomposed
    EXPECT_EQ(r.course->modules[0].title, "Zo\xC3\xAB");
    const auto& runs = r.course->modules[0].lessons[0].pages[0].blocks[0].text;
    ASSERT_EQ(runs.size(), 1u);
    // ř, Å, ö composed; Hangul jamo composed into the syllable 한.
    EXPECT_EQ(runs[0].text, "Dvo\xC5\x99\xC3\xA1k, \xC3\x85ngstr\xC3\xB6m, \xED\x95\x9C.");
}

TEST(TextEntry, ProblemsAreStillReportedOnTheirLine) {
    LoadResult r = LoadWithPage("      <p>Caf\x65\xCC\x81</p>\n      <unknown/>");
    EXPECT_FALSE(r.ok());
    bool found = false;
    for (const auto& d : r.diagnostics.All())
        if (d.code == "unknown-element" && d.loc.file == "m.xml" && d.loc.line == 5) found = true;
    EXPECT_TRUE(found) << r.diagnostics.FormatAll();
}

TEST(TextEntry, InvalidUtf8IsStillRefusedNotRepaired) {
    LoadResult r = LoadWithPage("      <p>bad \xFF byte</p>");
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.diagnostics.Has("not-utf8")) << r.diagnostics.FormatAll();
}

TEST(TextEntry, OneComparisonKeyForEveryScript) {
    // (a, b, same?) over scripts and the ways a person types them.
    struct Case {
        const char* a;
        const char* b;
        bool same;
    };
    const Case cases[] = {
        {"Алексей", "АЛЕКСЕЙ", true},  {"Алексей", "алексей", true},      {"Νίκος", "ΝΊΚΟΣ", true},
        {"Νίκος", "Νικος", false},      {"José", "Jose\xCC\x81", true},     {"José", "Jose", false},
        {"Straße", "STRASSE", true},    {"İlkay", "i\xCC\x87lkay", true},   {"İlkay", "ılkay", false},
        {"  Anne   Marie ", "anne marie", true},                            {"Anne\xC2\xA0Marie", "anne marie", true},
        {"Mo\xC2\xADham\xE2\x80\x8Bmed", "Mohammed", true},                 {"محمد", "محمد", true},
        {"李小龍", "李小龍", true},     {"李小龍", "李小龙", false},         {"Nguyễn", "NGUYỄN", true},
    };
    for (const Case& c : cases)
        EXPECT_EQ(unicode::ComparisonKey(c.a) == unicode::ComparisonKey(c.b), c.same) << c.a << " / " << c.b;
    EXPECT_EQ(unicode::ComparisonKey(" \t "), "");
    EXPECT_TRUE(unicode::IsValidUtf8("Łódź 北京 🙂"));
    EXPECT_FALSE(unicode::IsValidUtf8("\xC0\xAF"));        // overlong
    EXPECT_FALSE(unicode::IsValidUtf8("\xED\xA0\x80"));    // a surrogate
    EXPECT_EQ(unicode::Nfc("a\xFF"), "a\xEF\xBF\xBD");
    EXPECT_EQ(unicode::CodepointCount("Łódź 🙂"), 6u);
}

}  // namespace
}  // namespace lectern
