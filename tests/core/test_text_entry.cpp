// Text is normalised where it enters: course files at load (NFC), and typed text is compared
// by one key (core/unicode.h) for names and answers alike.
#include <gtest/gtest.h>

#include <utf8proc.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "course/loader.h"
#include "text/unicode.h"

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

// The reference: utf8proc's own NFC, with no quick path in front of it.
std::string ReferenceNfc(const std::string& text) {
    utf8proc_uint8_t* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
    std::string result = out ? reinterpret_cast<const char*>(out) : "";
    std::free(out);
    return result;
}

// UTF-8 encoded by hand: the test must not trust the code it checks.
std::string Encode(char32_t cp) {
    std::string s;
    if (cp < 0x80) {
        s += static_cast<char>(cp);
    } else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (cp >> 18));
        s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return s;
}

TEST(TextEntry, TheQuickNfcCheckNeverSaysYesWrongly) {
    // Every codepoint alone, after a Latin letter, a Hangul jamo and a Devanagari consonant (it
    // might compose with them): where the quick check says "already NFC", NFC must agree.
    int checked = 0, quick = 0;
    for (char32_t cp = 0x20; cp < 0x30000; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        const std::string one = Encode(cp);
        for (const std::string& text : {one, "a" + one, Encode(0x1100) + one, Encode(0x0915) + one, one + "a"}) {
            ++checked;
            if (!unicode::IsNfcQuick(text)) continue;
            ++quick;
            ASSERT_EQ(ReferenceNfc(text), text) << "U+" << std::hex << static_cast<unsigned>(cp);
        }
    }
    EXPECT_GT(quick, checked / 2);  // it does skip most text
    // The bundled course needs no normalisation, so loading it costs no more than before.
    const std::string dir = std::string(LECTERN_CONTENT_DIR) + "/human-rights-security-cooperation";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.path().extension() != ".xml") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        EXPECT_TRUE(unicode::IsNfcQuick(text.str())) << entry.path();
    }
}

}  // namespace
}  // namespace lectern
