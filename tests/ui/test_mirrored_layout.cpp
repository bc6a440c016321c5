// Right-to-left layout, in pixels: blocks drawn by the player (engine/ui/blocks.cpp) with the
// real atlas and shaper, rasterised from ImGui's draw data (draw_raster.h). A passage whose
// language is right to left lays out from the right: paragraphs end at the column's right edge,
// list markers, quote and callout bars sit at the right, a table's first column is the rightmost.
// Each case is drawn in both directions and must differ, so the tests fail if the language stops
// reaching the layout. Needs the fonts tools/setup installs.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>  // GetActiveID

#include <functional>
#include <string>
#include <vector>

#include "course/loader.h"
#include "draw_raster.h"
#include "shaped_atlas.h"
#include "ui/blocks.h"
#include "ui/question_widget.h"
#include "ui/shaped_text.h"

namespace lectern::ui {
namespace {

constexpr int kW = 700, kH = 400;
constexpr float kColumnX = 50, kColumnW = 600, kTop = 20;

class MirroredPixels : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* text : {"Plain words in a row.", "نص عربي قصير للاختبار", "\xE2\x80\xA2", "Note: Example",
                                 "alpha beta", "ألف", "باء", "0123456789.", "بدأ برنامج IMET عام 1976، وانظر الصفحة التالية للمزيد.",
                                 "محمد"})
            m_fonts.Want(text);
        std::string error;
        ASSERT_TRUE(m_fonts.Build(&error)) << error;
        m_ctx = ImGui::CreateContext(m_fonts.atlas.get());
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(kW, kH);
        io.DeltaTime = 1.0f / 60.0f;
        ApplyTheme(GetTheme(ThemeId::Light), 1.0f);
        m_fonts.shaped.Install();
    }
    void TearDown() override {
        if (m_ctx) ImGui::DestroyContext(m_ctx);
    }

    // One frame of `blocks` in a column of kColumnW at kColumnX in `lang`; what the UI asked
    // for goes to *actions. `extra` draws after the blocks (a text field).
    void Frame(const Blocks& blocks, const std::string& lang, Actions* actions, const std::function<void()>& extra = {}) {
        m_fonts.shaped.NewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(kW, kH));
        ImGui::Begin("page", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
        ImGui::SetCursorScreenPos(ImVec2(kColumnX, kTop));
        {
            const LanguageScope language(lang);
            const Fonts fonts = test::UiFonts(m_fonts.set);
            const RichContext rich{nullptr, &fonts, &GetTheme(ThemeId::Light), actions};
            BlockContext bc(rich, nullptr, kColumnW);
            ImGui::BeginGroup();
            DrawBlocks(blocks, bc);
            if (extra) extra();
            ImGui::EndGroup();
        }
        ImGui::End();
        ImGui::Render();
    }
    // Frames until the atlas holds every glyph the drawing asks for; the last one rasterised.
    test::Raster Draw(const Blocks& blocks, const std::string& lang, Actions* actions = nullptr,
                      const std::function<void()>& extra = {}) {
        for (int pass = 0; pass < 3; ++pass) {
            Frame(blocks, lang, actions, extra);
            if (!m_fonts.shaped.HasRequests()) break;
            std::string error;
            EXPECT_TRUE(m_fonts.Build(&error)) << error;
        }
        EXPECT_FALSE(m_fonts.shaped.HasRequests());
        return test::Rasterise(ImGui::GetDrawData(), m_fonts.atlas.get(), kW, kH);
    }
    // A click at `at` (press in one frame, release in the next): what the UI asked for.
    Actions Click(const Blocks& blocks, const std::string& lang, ImVec2 at) {
        ImGuiIO& io = ImGui::GetIO();
        Actions actions;
        io.MousePos = at;
        Frame(blocks, lang, &actions);
        io.MouseDown[0] = true;
        Frame(blocks, lang, &actions);
        io.MouseDown[0] = false;
        Frame(blocks, lang, &actions);
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        return actions;
    }

    test::ShapedAtlas m_fonts;
    ImGuiContext* m_ctx = nullptr;
};

Block Para(const std::string& text) {
    Block b;
    b.kind = BlockKind::Paragraph;
    b.text = Inline{TextRun(text)};
    return b;
}

// How far the ink of the column's rows [top, top + rows) keeps from each edge of the column.
struct Margins {
    int left, right;
};
Margins InkMargins(const test::Raster& r, float top, float rows) {
    const auto [lo, hi] = r.InkColumns(static_cast<int>(kColumnX) - 40, static_cast<int>(top),
                                       static_cast<int>(kColumnX + kColumnW) + 40, static_cast<int>(top + rows));
    EXPECT_GE(lo, 0) << "no ink";
    return {lo - static_cast<int>(kColumnX), static_cast<int>(kColumnX + kColumnW) - 1 - hi};
}

// The lines of text under `top`, as bands of rows [first, last] with ink inside the column (its
// outer 8 pixels left out, where bars run the full height of their box): a heading starts
// below its gap, a callout's text below its title, wherever the fonts put them.
std::vector<std::pair<int, int>> TextLines(const test::Raster& r, float top) {
    std::vector<std::pair<int, int>> lines;
    const int x0 = static_cast<int>(kColumnX) + 8, x1 = static_cast<int>(kColumnX + kColumnW) - 8;
    for (int y = static_cast<int>(top); y < r.height; ++y) {
        const bool inked = r.InkColumns(x0, y, x1, y + 1).first >= 0;
        if (!inked) continue;
        if (!lines.empty() && lines.back().second == y - 1) lines.back().second = y;
        else lines.emplace_back(y, y);
    }
    return lines;
}

TEST_F(MirroredPixels, AParagraphEndsAtTheRightEdgeWhenItsLanguageOrItsFirstLetterIsRightToLeft) {
    struct Case {
        const char* text;
        const char* lang;
        bool from_right;
    };
    // Arabic text is right to left by its first letter in any course; a Latin sentence is laid
    // out from the right only in a right-to-left language (as HTML's dir="rtl" does).
    const std::vector<Case> cases = {
        {"Plain words in a row.", "en", false}, {"Plain words in a row.", "ar", true}, {"Plain words in a row.", "he", true},
        {"Plain words in a row.", "", false},   {"نص عربي قصير للاختبار", "en", true}, {"نص عربي قصير للاختبار", "ar", true},
        {"نص عربي قصير للاختبار", "fa-IR", true},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(c.text) + " in '" + c.lang + "'");
        const test::Raster r = Draw({Para(c.text)}, c.lang);
        const Margins m = InkMargins(r, kTop, 40);
        // The text is short: one side is within a few pixels of the edge, the other far from it.
        if (c.from_right) {
            EXPECT_LE(m.right, 4);
            EXPECT_GT(m.left, 200);
        } else {
            EXPECT_LE(m.left, 4);
            EXPECT_GT(m.right, 200);
        }
    }
}

// A passage's lang attribute reaches the drawing: in an English course, a passage the author
// marked lang="ar" (or Hebrew, Persian) lays out from the right, the same passage unmarked or
// marked French from the left. Latin words, so only the attribute can move them. Over every
// block element that takes lang, every block a callout holds, and what a callout, list or
// table passes on to what it holds. A list's markers and a callout's bar are on the line's
// starting side (they are ink in the measured line, and a callout's bar is looked for too).
TEST_F(MirroredPixels, APassageMarkedRightToLeftInAnEnglishCourseLaysOutFromTheRight) {
    const std::vector<std::string> places = {
        "<p{L}>Plain words in a row.</p>",
        "<heading{L}>Plain words in a row.</heading>",
        "<heading level=\"3\"{L}>Plain words in a row.</heading>",
        "<ul{L}><li>alpha</li><li>beta</li></ul>",
        "<ol{L}><li>alpha</li><li>beta</li></ol>",
        "<ul><li{L}>alpha</li><li>beta</li></ul>",
        "<ol><li{L}>alpha</li><li>beta</li></ol>",
        "<quote source=\"S\"{L}>Plain words in a row.</quote>",
        "<table{L}><tr><th>one</th><th>two</th></tr><tr><td>six</td><td>ten</td></tr></table>",
        "<callout kind=\"example\"{L}><p>Plain words in a row.</p></callout>",
        "<callout kind=\"note\"{L}><ul><li>alpha</li><li>beta</li></ul></callout>",
        "<callout kind=\"example\"><p{L}>Plain words in a row.</p></callout>",
        "<callout kind=\"legal\"><ul{L}><li>alpha</li><li>beta</li></ul></callout>",
        "<callout kind=\"important\"><ol{L}><li>alpha</li><li>beta</li></ol></callout>",
        "<callout kind=\"note\"><quote source=\"S\"{L}>Plain words in a row.</quote></callout>",
    };
    const Theme& theme = GetTheme(ThemeId::Light);
    auto right_to_left = [](const std::string& lang) { return lang == "ar" || lang == "he" || lang == "fa-IR"; };
    // In an Arabic course the same holds the other way round: a passage marked English or
    // French lays out from the left, and an unmarked one from the right.
    for (const std::string course_lang : {"en", "ar"}) {
        for (const std::string& place : places) {
            for (const char* lang : {"", "fr", "en", "ar", "he", "fa-IR"}) {
                std::string xml = place;
                xml.replace(xml.find("{L}"), 3, *lang ? std::string(" lang=\"") + lang + "\"" : std::string());
                SCOPED_TRACE(xml + " in a course in '" + course_lang + "'");
                const LoadResult loaded = LoadCourseFromMemory(
                    {{"course.xml", "<course id=\"c\" version=\"1\" lang=\"" + course_lang +
                                        "\" minutes=\"5\"><title>T</title><include src=\"m.xml\"/></course>"},
                     {"m.xml", "<module id=\"m\" title=\"M\"><lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\">" + xml +
                                   "</page></lesson></module>"}});
                ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.FormatAll();
                const test::Raster r = Draw(loaded.course->PageAt(0).blocks, course_lang);
                // The first line of the passage's own text: under a callout's title line.
                const auto lines = TextLines(r, kTop);
                const size_t line = place.rfind("<callout", 0) == 0 ? 1 : 0;
                ASSERT_GT(lines.size(), line) << "no text drawn";
                const Margins m = InkMargins(r, static_cast<float>(lines[line].first),
                                             static_cast<float>(lines[line].second - lines[line].first + 1));
                const bool rtl = *lang ? right_to_left(lang) : right_to_left(course_lang);
                if (rtl) {
                    EXPECT_LT(m.right, 40);
                    EXPECT_GT(m.left, 200);
                } else {
                    EXPECT_LT(m.left, 40);
                    EXPECT_GT(m.right, 200);
                }
                const Blocks& blocks = loaded.course->PageAt(0).blocks;
                if (blocks[0].kind != BlockKind::Callout) continue;
                // The callout's bar: its colour in the box's outer 5 pixels on one side only.
                const ImVec4 bar_color = theme.callout_bar[static_cast<int>(blocks[0].callout)];
                auto bar = [&](int x, int y) { return r.Is(x, y, bar_color); };
                const int left_bar = r.Count(static_cast<int>(kColumnX), static_cast<int>(kTop), static_cast<int>(kColumnX) + 5, kH, bar);
                const int right_bar = r.Count(static_cast<int>(kColumnX + kColumnW) - 5, static_cast<int>(kTop),
                                              static_cast<int>(kColumnX + kColumnW), kH, bar);
                EXPECT_GT(rtl ? right_bar : left_bar, 40) << "the callout's bar on the side its text starts";
                EXPECT_EQ(rtl ? left_bar : right_bar, 0) << "the callout's bar on the side its text ends";
            }
        }
    }
}

// A callout's bar goes on the side its first passage starts, whatever the callout, the passage
// and the course are marked: an Arabic sentence in a callout marked lang="en" reads from the
// right (a left-to-right language takes a passage's side from its first letter) and the bar is
// at the right with it; a Latin sentence marked Arabic is at the right too; a Latin sentence in
// a left-to-right language, at the left. Every mix of the three languages and both scripts.
TEST_F(MirroredPixels, ACalloutsBarIsOnTheSideItsFirstPassageStarts) {
    const Theme& theme = GetTheme(ThemeId::Light);
    auto attr = [](const char* lang) { return *lang ? std::string(" lang=\"") + lang + "\"" : std::string(); };
    int cases = 0;
    for (const char* course_lang : {"en", "ar"})
        for (const char* callout_lang : {"", "en", "ar"})
            for (const char* p_lang : {"", "en", "ar"})
                for (const bool arabic : {false, true}) {
                    const std::string text = arabic ? "نص عربي قصير للاختبار" : "Plain words in a row.";
                    const std::string xml = std::string("<callout kind=\"note\"") + attr(callout_lang) + "><p" + attr(p_lang) + ">" + text +
                                            "</p></callout>";
                    SCOPED_TRACE(xml + " in a course in '" + course_lang + "'");
                    const LoadResult loaded = LoadCourseFromMemory(
                        {{"course.xml", std::string("<course id=\"c\" version=\"1\" lang=\"") + course_lang +
                                            "\" minutes=\"5\"><title>T</title><include src=\"m.xml\"/></course>"},
                         {"m.xml", "<module id=\"m\" title=\"M\"><lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\">" + xml +
                                       "</page></lesson></module>"}});
                    ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.FormatAll();
                    // The passage's language: its own, else the callout's, else the course's.
                    const std::string lang = *p_lang ? p_lang : *callout_lang ? callout_lang : course_lang;
                    const bool from_right = lang == "ar" || arabic;
                    const test::Raster r = Draw(loaded.course->PageAt(0).blocks, course_lang);
                    const auto lines = TextLines(r, kTop);
                    ASSERT_GT(lines.size(), 1u) << "no text under the title";
                    // The text itself (the second line, under the title) starts on that side...
                    const Margins m = InkMargins(r, static_cast<float>(lines[1].first), static_cast<float>(lines[1].second - lines[1].first + 1));
                    EXPECT_LT(from_right ? m.right : m.left, 40) << "left " << m.left << ", right " << m.right;
                    EXPECT_GT(from_right ? m.left : m.right, 200) << "left " << m.left << ", right " << m.right;
                    // ... and so do the title and the bar.
                    const Margins title = InkMargins(r, static_cast<float>(lines[0].first), static_cast<float>(lines[0].second - lines[0].first + 1));
                    EXPECT_LT(from_right ? title.right : title.left, 40) << "the title: left " << title.left << ", right " << title.right;
                    auto bar = [&](int x, int y) { return r.Is(x, y, theme.callout_bar[static_cast<int>(CalloutKind::Note)]); };
                    const int left_bar = r.Count(static_cast<int>(kColumnX), static_cast<int>(kTop), static_cast<int>(kColumnX) + 5, kH, bar);
                    const int right_bar = r.Count(static_cast<int>(kColumnX + kColumnW) - 5, static_cast<int>(kTop),
                                                  static_cast<int>(kColumnX + kColumnW), kH, bar);
                    EXPECT_GT(from_right ? right_bar : left_bar, 40) << "the bar on the side the text starts";
                    EXPECT_EQ(from_right ? left_bar : right_bar, 0) << "the bar on the side the text ends";
                    ++cases;
                }
    EXPECT_EQ(cases, 36);
}

TEST_F(MirroredPixels, ListMarkersAndQuoteAndCalloutBarsSitOnTheSideTheTextStarts) {
    const Theme& theme = GetTheme(ThemeId::Light);
    Block list;
    list.kind = BlockKind::BulletList;
    // Latin words: left to right by themselves, so only the passage's language moves them.
    list.items = {Inline{TextRun("alpha")}, Inline{TextRun("beta")}};
    Block numbered = list;
    numbered.kind = BlockKind::NumberedList;
    Block quote;
    quote.kind = BlockKind::Quote;
    quote.text = Inline{TextRun("Example")};
    Block callout;
    callout.kind = BlockKind::Callout;
    callout.callout = CalloutKind::Note;
    callout.children = {Para("Example")};
    const float body = m_fonts.set.body_px;
    for (const bool rtl : {false, true}) {
        SCOPED_TRACE(rtl ? "right to left" : "left to right");
        const std::string lang = rtl ? "ar" : "en";
        // The side strip where markers and bars go: the first 1.6 em of the column at its start.
        auto start_strip = [&](const test::Raster& r, auto pred) {
            const int x0 = rtl ? static_cast<int>(kColumnX + kColumnW - body * 1.6f) : static_cast<int>(kColumnX);
            return r.Count(x0, static_cast<int>(kTop), x0 + static_cast<int>(body * 1.6f), kH, pred);
        };
        auto end_strip = [&](const test::Raster& r, auto pred) {
            const int x0 = rtl ? static_cast<int>(kColumnX) : static_cast<int>(kColumnX + kColumnW - body * 1.6f);
            return r.Count(x0, static_cast<int>(kTop), x0 + static_cast<int>(body * 1.6f), kH, pred);
        };
        for (const Block* b : {&list, &numbered}) {
            SCOPED_TRACE(b->kind == BlockKind::BulletList ? "bullets" : "numbers");
            const test::Raster r = Draw({*b}, lang);
            auto inked = [&](int x, int y) { return r.Ink(x, y) > 0.5f; };
            // Markers in the strip where the text starts; the items' words fill the rest, so
            // nothing is inked in the strip at the far end.
            EXPECT_GT(start_strip(r, inked), 20);
            EXPECT_EQ(end_strip(r, inked), 0);
        }
        {
            const test::Raster r = Draw({quote}, lang);
            auto bar = [&](int x, int y) { return r.Is(x, y, theme.quote_bar); };
            EXPECT_GT(start_strip(r, bar), 40) << "the quote's bar";
            EXPECT_EQ(end_strip(r, bar), 0);
        }
        {
            const test::Raster r = Draw({callout}, lang);
            const ImVec4 bar_color = theme.callout_bar[static_cast<int>(CalloutKind::Note)];
            auto bar = [&](int x, int y) { return r.Is(x, y, bar_color); };
            EXPECT_GT(start_strip(r, bar), 40) << "the callout's bar";
            EXPECT_EQ(end_strip(r, bar), 0);
        }
    }
}

TEST_F(MirroredPixels, ATablesFirstColumnIsTheRightmostInARightToLeftPassage) {
    const Theme& theme = GetTheme(ThemeId::Light);
    Block table;
    table.kind = BlockKind::Table;
    // The first column's words are links (the link colour), the second's plain text: where each
    // colour is says where each column is, whatever the alignment inside a cell.
    auto row = [](const char* first, const char* second) {
        return std::vector<Inline>{Inline{{InlineKind::Link, first, false, false, "nowhere", {}, {}}},
                                   Inline{TextRun(second)}};
    };
    table.rows = {row("ألف", "باء"), row("alpha", "beta")};
    for (const bool rtl : {false, true}) {
        SCOPED_TRACE(rtl ? "right to left" : "left to right");
        const test::Raster r = Draw({table}, rtl ? "ar" : "en");
        double link_x = 0, text_x = 0;
        int links = 0, texts = 0;
        for (int y = static_cast<int>(kTop); y < kH; ++y)
            for (int x = 0; x < kW; ++x) {
                if (r.Is(x, y, theme.link, 0.12f)) {
                    link_x += x;
                    ++links;
                } else if (r.Is(x, y, theme.text, 0.12f)) {
                    text_x += x;
                    ++texts;
                }
            }
        ASSERT_GT(links, 20);
        ASSERT_GT(texts, 20);
        if (rtl) {
            EXPECT_GT(link_x / links, text_x / texts);
        } else {
            EXPECT_LT(link_x / links, text_x / texts);
        }
    }
}


TEST_F(MirroredPixels, ALinkOnARightToLeftLineIsClickedWhereItIsDrawn) {
    // An Arabic sentence with a Latin acronym and digits: the line is reordered, and the link
    // must be an item where its words show, not where they would be in logical order.
    Block p;
    p.kind = BlockKind::Paragraph;
    p.text = Inline{TextRun("بدأ برنامج IMET عام 1976، وانظر "),
                    {InlineKind::Link, "الصفحة التالية", false, false, "next-page", {}, {}},
                    TextRun(" للمزيد.")};
    const Theme& theme = GetTheme(ThemeId::Light);
    for (const char* lang : {"ar", "en"}) {  // right to left either way: its first letter is Arabic
        SCOPED_TRACE(lang);
        const test::Raster r = Draw({p}, lang);
        // Where the link's colour is, and where the plain text's is.
        double lx = 0, ly = 0, tx = 0, ty = 0;
        int links = 0, texts = 0;
        for (int y = 0; y < kH; ++y)
            for (int x = 0; x < kW; ++x) {
                if (r.Is(x, y, theme.link, 0.12f)) {
                    lx += x, ly += y, ++links;
                } else if (r.Is(x, y, theme.text, 0.12f)) {
                    tx += x, ty += y, ++texts;
                }
            }
        ASSERT_GT(links, 30);
        ASSERT_GT(texts, 30);
        const ImVec2 on_link(static_cast<float>(lx / links), static_cast<float>(ly / links));
        const Actions clicked = Click({p}, lang, on_link);
        ASSERT_EQ(clicked.list.size(), 1u) << "a click on the link's words follows it";
        EXPECT_EQ(clicked.list[0].kind, ActionKind::FollowLink);
        EXPECT_EQ(clicked.list[0].id, "next-page");
        // The start of the line (its right end) is plain text: a click there follows nothing.
        const auto [lo, hi] = r.InkColumns(0, static_cast<int>(on_link.y) - 3, kW, static_cast<int>(on_link.y) + 3);
        ASSERT_GT(hi, static_cast<int>(on_link.x) + 40);
        EXPECT_TRUE(Click({p}, lang, ImVec2(static_cast<float>(hi - 10), on_link.y)).list.empty());
    }
}

TEST_F(MirroredPixels, ANameBeingTypedIsShownShapedUnderItsField) {
    // Dear ImGui draws an edited field codepoint by codepoint; the shaped name shows under it
    // while it has the keyboard, and in it when it has not.
    std::string name = "محمد";
    const float field_y = kTop;
    auto field = [&] {
        ImGui::SetNextItemWidth(300);
        ImGui::InputText("##name", &name[0], name.size() + 1, ImGuiInputTextFlags_ReadOnly);
        ShapedFieldOverlay(name);
    };
    float h = 0;  // the field's height, known once a frame has run
    auto below = [&](const test::Raster& r) {
        return r.Count(static_cast<int>(kColumnX), static_cast<int>(field_y + h + 4), static_cast<int>(kColumnX) + 300,
                       static_cast<int>(field_y + h * 2), [&](int x, int y) { return r.Ink(x, y) > 0.5f; });
    };
    const test::Raster idle = Draw({}, "ar", nullptr, field);
    h = ImGui::GetFrameHeight();
    ASSERT_GT(h, 10);
    EXPECT_EQ(below(idle), 0) << "nothing under a field nobody is typing in";
    // Click into the field: it is being edited now.
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(kColumnX + 20, field_y + h * 0.5f);
    Actions ignored;
    Frame({}, "ar", &ignored, field);
    io.MouseDown[0] = true;
    Frame({}, "ar", &ignored, field);
    io.MouseDown[0] = false;
    const test::Raster typing = Draw({}, "ar", nullptr, field);
    ASSERT_NE(ImGui::GetActiveID(), 0u);
    EXPECT_GT(below(typing), 20) << "the shaped name under the field";
}

// A choice row is a form row: right to left, its number and its radio button or checkbox are at
// the right and the choice's words to their left, as a browser mirrors a dir="rtl" form. Each
// question type with choice rows, in both directions: the ink of its first row keeps to the side
// the row starts from (the choice's words are short, so the far side stays empty).
TEST_F(MirroredPixels, AChoiceRowsMarkIsAtTheRightAndItsLabelToItsLeftRightToLeft) {
    for (const QuestionType type : {QuestionType::Single, QuestionType::Multiple, QuestionType::TrueFalse}) {
        Question q;
        q.id = "q";
        q.type = type;
        q.prompt = Inline{TextRun("\xD8\xA3\xD9\x84\xD9\x81")};
        for (const char* id : {"a", "b"}) {
            Choice c;
            c.id = id;
            // Latin words: an Arabic one would be aligned right by its own direction in both.
            c.text = Inline{TextRun(*id == 'a' ? "alpha" : "beta")};
            q.choices.push_back(c);
        }
        for (const char* lang : {"en", "ar"}) {
            SCOPED_TRACE(std::string(QuestionTypeName(type)) + ", " + lang);
            const bool rtl = std::string(lang) == "ar";
            QuestionInput drawn;
            const test::Raster r = Draw({}, lang, nullptr, [&] {
                const Fonts fonts = test::UiFonts(m_fonts.set);
                const RichContext rich{nullptr, &fonts, &GetTheme(ThemeId::Light), nullptr};
                QuestionView view;
                view.question = &q;
                view.mode = QuestionMode::Quiz;
                view.number_keys = true;
                view.width = kColumnW;
                drawn = DrawQuestion(view, rich);
            });
            ASSERT_TRUE(drawn.has_first_control);
            const float top = drawn.first_control_min.y, rows = drawn.first_control_max.y - top;
            const Margins m = InkMargins(r, top, rows);
            const int body = static_cast<int>(m_fonts.set.body_px);
            // The number and the mark within two characters of the start side...
            EXPECT_LT(rtl ? m.right : m.left, body * 2) << "left " << m.left << ", right " << m.right;
            // ... and nothing in the far half of the row.
            EXPECT_GT(rtl ? m.left : m.right, static_cast<int>(kColumnW) / 2) << "left " << m.left << ", right " << m.right;
        }
    }
}

}  // namespace
}  // namespace lectern::ui
