// The one comparison key: names and typed answers compare the same way in every script.
#include <gtest/gtest.h>

#include "text/unicode.h"

using lectern::unicode::CodepointCount;
using lectern::unicode::ComparisonKey;
using lectern::unicode::IsValidUtf8;
using lectern::unicode::Nfc;

struct SameCase {
    const char* a;
    const char* b;
    const char* why;
};

TEST(UnicodeKey, TextsThatReadTheSameCompareEqual) {
    const SameCase cases[] = {
        {"Anna", "ANNA", "ASCII case"},
        {"Алексей", "АЛЕКСЕЙ", "Cyrillic case"},
        {"Ёлка", "ёЛКА", "Cyrillic Ё outside the basic block"},
        {"Ὀδυσσεύς", "ὈΔΥΣΣΕΎΣ", "Greek with final sigma and accents"},
        {"José", "Jose\xCC\x81", "precomposed é against e + combining acute (NFC)"},
        {"JOSÉ", "jose\xCC\x81", "case and composition together"},
        {"Straße", "STRASSE", "full folding: ß is ss"},
        {"İstanbul", "i\xCC\x87stanbul", "Turkish dotted capital I folds to i + dot above"},
        {"Nguyễn", "NGUYỄN", "Vietnamese stacked marks"},
        {"  Mary   Ann ", "mary ann", "spaces trimmed and collapsed"},
        {"Mary\xC2\xA0" "Ann", "mary ann", "no-break space is a space"},
        {"Mary\xE3\x80\x80" "Ann", "mary ann", "ideographic space is a space"},
        {"An\xC2\xADna", "Anna", "soft hyphen is ignorable"},
        {"An\xE2\x80\x8Bna", "Anna", "zero-width space is ignorable"},
        {"محمد", "محمد", "Arabic has no case: equal to itself"},
        {"王小明", "王小明", "Han has no case: equal to itself"},
    };
    for (const SameCase& c : cases) EXPECT_EQ(ComparisonKey(c.a), ComparisonKey(c.b)) << c.why;
}

TEST(UnicodeKey, TextsThatDifferStayDifferent) {
    const SameCase cases[] = {
        {"José", "Jose", "accents are kept"},
        {"Ана", "Анна", "a letter more"},
        {"محمد", "أحمد", "different Arabic names"},
        {"王小明", "王小朋", "different Han names"},
        {"Ann a", "Anna", "a space is not nothing"},
        {"ı", "i", "dotless i is its own letter"},
    };
    for (const SameCase& c : cases) EXPECT_NE(ComparisonKey(c.a), ComparisonKey(c.b)) << c.why;
}

TEST(UnicodeKey, IllFormedBytesNeverBreakTheKey) {
    const std::string bad = std::string("ab") + '\xC3' + "cd\xFF";
    EXPECT_FALSE(IsValidUtf8(bad));
    const std::string key = ComparisonKey(bad);
    EXPECT_TRUE(IsValidUtf8(key));
    EXPECT_NE(key, ComparisonKey("abcd"));  // the bad bytes still count
    EXPECT_TRUE(IsValidUtf8(Nfc(bad)));
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a UTF-16 surrogate
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));   // an emoji
}

TEST(UnicodeNfc, ComposesWhatHasAComposedForm) {
    EXPECT_EQ(Nfc("e\xCC\x81"), "\xC3\xA9");
    EXPECT_EQ(Nfc("Nguye\xCC\x82\xCC\x83n"), "Nguy\xE1\xBB\x85n");
    EXPECT_EQ(Nfc("plain"), "plain");
    EXPECT_EQ(CodepointCount(Nfc("e\xCC\x81")), 1u);
    EXPECT_EQ(CodepointCount("王小明"), 3u);
}
