// Table columns sized from their content, as browsers do in automatic table layout: generated
// column sets checked against the rules, then a wide table drawn at large text in a narrow column.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include <cmath>
#include <memory>
#include <numeric>
#include <random>

#include "harness.h"
#include "shaped_atlas.h"
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

// Tables of 1..8 columns at three text sizes, each drawn in reading columns that narrow a pixel
// at a time across the width where its words stop fitting: a table that scrolls sideways must
// have something to scroll (an empty strip for a scrollbar that is never drawn was left under
// tables whose columns just fit), and a table that does not scroll must keep every column inside
// the box (none cut off at the right edge).
class DrawnTable : public ::testing::Test {
protected:
    void Build(float scale) {
        if (m_ctx) ImGui::DestroyContext(m_ctx);
        m_fonts = std::make_unique<test::ShapedAtlas>();
        m_fonts->scale = scale;
        m_fonts->Want("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.");
        std::string error;
        ASSERT_TRUE(m_fonts->Build(&error)) << error;
        m_ctx = ImGui::CreateContext(m_fonts->atlas.get());
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(2200, 1400);
        io.DeltaTime = 1.0f / 60.0f;
        ui::ApplyTheme(ui::GetTheme(ui::ThemeId::Light), scale);
        m_fonts->shaped.Install();
    }
    void TearDown() override {
        if (m_ctx) ImGui::DestroyContext(m_ctx);
    }
    // What the table drawn in a column `width` wide did, after frames enough for ImGui's
    // scrollbars (decided from the last frame's size) to settle.
    struct Drawn {
        bool scrolls = false;      // drawn in a box that scrolls sideways
        float scroll_max = 0;      // how far that box can scroll
        float overflow = 0;        // how far the rightmost column's text may run past the box
        float box_right_gap = 0;   // the column's right edge minus the box's
    };
    Drawn Draw(const Block& table, float width) {
        Drawn d;
        for (int frame = 0; frame < 3; ++frame) {
            m_fonts->shaped.NewFrame();
            ImGui::NewFrame();
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
            ImGui::Begin("page", nullptr, ImGuiWindowFlags_NoDecoration);
            ImGui::SetCursorScreenPos(ImVec2(40, 20));
            const ui::Fonts fonts = test::UiFonts(m_fonts->set);
            const ui::RichContext rich{nullptr, &fonts, &ui::GetTheme(ui::ThemeId::Light), nullptr};
            ui::BlockContext bc(rich, nullptr, width);
            ui::DrawBlocks({table}, bc);
            ImGuiTable* t = nullptr;
            ImGuiContext& g = *ImGui::GetCurrentContext();
            for (int i = 0; i < g.Tables.GetMapSize(); ++i)
                if (ImGuiTable* c = g.Tables.TryGetMapData(i); c && c->LastFrameActive == g.FrameCount) t = c;
            if (t) {
                d.scrolls = (t->Flags & ImGuiTableFlags_ScrollX) != 0;
                d.scroll_max = t->InnerWindow->ScrollMax.x;
                // Where the last column's text may go, against the box's right border.
                d.overflow = t->Columns[t->RightMostEnabledColumn].WorkMaxX - (t->OuterRect.Max.x - 1);
                d.box_right_gap = 40 + width - t->OuterRect.Max.x;
            }
            ImGui::End();
            ImGui::Render();
            if (m_fonts->shaped.HasRequests()) {
                std::string error;
                EXPECT_TRUE(m_fonts->Build(&error)) << error;
                frame = -1;  // the new glyphs change widths: settle again
            }
        }
        return d;
    }
    std::unique_ptr<test::ShapedAtlas> m_fonts;
    ImGuiContext* m_ctx = nullptr;
};

TEST_F(DrawnTable, NoTableShowsAScrollbarStripWhenItsColumnsFitAndNoneIsCutWhenTheyDoNot) {
    const char* words[] = {"Tuesday", "ratified", "Convention", "1992", "obligations", "Leahy", "vetting", "State"};
    for (const float scale : {1.0f, 1.5f, 2.0f}) {
        Build(scale);
        for (int cols = 1; cols <= 8; ++cols) {
            SCOPED_TRACE(testing::Message() << cols << " columns at " << scale * 100 << " % text");
            Block table;
            table.kind = BlockKind::Table;
            for (int r = 0; r < 3; ++r) {
                std::vector<Inline>& row = table.rows.emplace_back();
                for (int c = 0; c < cols; ++c)
                    row.push_back(Inline{TextRun(words[(c + r) % 8], r == 0)});
            }
            // The narrowest column in which it still fits, found by halving; then every width a
            // pixel at a time around it, where the old estimate (a pixel per column too much)
            // failed, and a few well either side.
            float lo = 20, hi = 2000;
            while (hi - lo > 0.5f) {
                const float mid = (lo + hi) / 2;
                (Draw(table, mid).scrolls ? lo : hi) = mid;
            }
            int scrolling = 0, fitting = 0;
            std::vector<float> widths;
            for (float w = std::floor(hi) - 3 * cols - 3; w <= std::floor(hi) + 3 * cols + 3; w += 1) widths.push_back(w);
            for (float w : {hi * 0.6f, hi * 0.9f, hi * 1.1f, hi * 1.6f}) widths.push_back(w);
            for (float w : widths) {
                const Drawn d = Draw(table, w);
                SCOPED_TRACE(testing::Message() << "column " << w << " px");
                if (d.scrolls) {
                    ++scrolling;
                    EXPECT_GT(d.scroll_max, 0.0f) << "a strip for a scrollbar with nothing to scroll";
                } else {
                    ++fitting;
                    EXPECT_LE(d.overflow, 0.0f) << "the last column's text runs past the table's box";
                }
                EXPECT_GE(d.box_right_gap, -0.5f) << "the table's box is wider than the column";
            }
            EXPECT_GT(scrolling, 0);
            EXPECT_GT(fitting, 0);
        }
    }
}
