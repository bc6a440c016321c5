// Every text/background pair each theme draws meets WCAG 2.1 AA (4.5:1), and the high-contrast
// theme meets AAA (7:1).
#include <gtest/gtest.h>

#include "ui/ui.h"

using namespace lectern::ui;

TEST(ThemeContrast, ContrastRatioMatchesTheWcagFormula) {
    // Black on white is 21:1, a colour on itself 1:1, and WCAG's worked example #777 on white ~4.48.
    EXPECT_NEAR(ContrastRatio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)), 21.0, 1e-6);
    EXPECT_NEAR(ContrastRatio(ImVec4(0.5f, 0.5f, 0.5f, 1), ImVec4(0.5f, 0.5f, 0.5f, 1)), 1.0, 1e-6);
    EXPECT_NEAR(ContrastRatio(ImVec4(0x77 / 255.0f, 0x77 / 255.0f, 0x77 / 255.0f, 1), ImVec4(1, 1, 1, 1)), 4.48, 0.01);
}

TEST(ThemeContrast, EveryTextPairInEveryThemeIsReadable) {
    for (ThemeId id : {ThemeId::Light, ThemeId::Dark, ThemeId::HighContrast, ThemeId::Yellow}) {
        const Theme& t = GetTheme(id);
        double minimum = id == ThemeId::HighContrast ? 7.0 : 4.5;
        auto pairs = TextPairs(t);
        ASSERT_GT(pairs.size(), 20u);
        for (const auto& p : pairs) {
            double ratio = ContrastRatio(p.fg, p.bg);
            EXPECT_GE(ratio, minimum) << t.name << ": " << p.name << " is " << ratio << ":1";
        }
    }
}

TEST(ThemeContrast, ThemesHaveKeysThatRoundTrip) {
    for (ThemeId id : {ThemeId::Light, ThemeId::Dark, ThemeId::HighContrast, ThemeId::Yellow}) {
        ThemeId back;
        ASSERT_TRUE(ThemeFromKey(ThemeKey(id), &back));
        EXPECT_EQ(back, id);
    }
    ThemeId unused;
    EXPECT_FALSE(ThemeFromKey("purple", &unused));
}
