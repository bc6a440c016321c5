// Table columns sized from their content, as browsers do in automatic table layout: generated
// column sets checked against the rules, then a wide table drawn at large text in a narrow column.
#include <gtest/gtest.h>

#include <numeric>
#include <random>

#include "harness.h"
#include "ui/blocks.h"

using namespace lectern;

namespace {

float Sum(const std::vector<float>& v) { return std::accumulate(v.begin(), v.end(), 0.0f); }

TEST(TableLayout, GeneratedColumnSetsKeepEveryMinimumAndFillTheWidth) {
    std::mt19937 rng(13);
    std::uniform_real_distribution<float> word(8, 220), extra(0, 900);
    std::uniform_int_distribution<int> count(1, 12);
    int fits = 0, shrinks = 0, scrolls = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        std::vector<ui::RichWidths> cols(static_cast<size_t>(count(rng)));
        float sum_min = 0, sum_pref = 0;
        for (auto& c : cols) {
            c.min = word(rng);
            c.preferred = c.min + extra(rng);
            sum_min += c.min;
            sum_pref += c.preferred;
        }
        float available = std::uniform_real_distribution<float>(100, 1900)(rng);
        std::vector<float> w;
        bool scroll = ui::TableColumnWidths(cols, available, w);
        ASSERT_EQ(w.size(), cols.size());
        EXPECT_EQ(scroll, sum_min > available);
        for (size_t i = 0; i < cols.size(); ++i) {
            // No column narrower than its widest word: no word that fits a line is broken.
            EXPECT_GE(w[i] + 1e-3f, cols[i].min) << "trial " << trial;
            if (sum_pref <= available) {
                EXPECT_GE(w[i] + 1e-3f, cols[i].preferred) << "trial " << trial;
            }
        }
        if (scroll) {
            ++scrolls;
            EXPECT_NEAR(Sum(w), sum_min, 0.01f * sum_min);
        } else {
            sum_pref <= available ? ++fits : ++shrinks;
            EXPECT_NEAR(Sum(w), available, 0.5f) << "trial " << trial;  // the table fills its column
        }
    }
    // The generator reached all three regimes.
    EXPECT_GT(fits, 100);
    EXPECT_GT(shrinks, 100);
    EXPECT_GT(scrolls, 100);
}

TEST(TableLayout, AShortColumnKeepsItsWordsWhenAnotherHasLongText) {
    // One column of single short words, one of a long sentence: the short one gets its word's
    // width, not half the table (equal widths broke "Tuesday" in a narrow column).
    std::vector<ui::RichWidths> cols = {{70, 70}, {90, 2400}};
    std::vector<float> w;
    EXPECT_FALSE(ui::TableColumnWidths(cols, 400, w));
    EXPECT_GE(w[0], 70.0f);
    EXPECT_NEAR(w[0] + w[1], 400.0f, 0.5f);
}

}  // namespace
