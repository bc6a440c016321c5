// A contents row (ReadingRow: the home screen's lessons, the reader's contents, the progress
// screen's quizzes) whose title wraps, drawn with the real atlas and shaper and read back from
// its glyph quads. Generated: 3 scripts (Arabic, Hebrew, Latin) x 4 title lengths x 4 row widths
// x an Arabic and an English course (interface and contents in its language). Each drawn line must be whole words, the next ones of the
// title in order, shaped and ordered as that run of words is on its own (a word cut in two, or
// lines in display order, fail); no line holds more than fits, and no line ends while the next
// word would have fit (greedy, measured with HarfBuzz); lines start at the reading start of the
// interface (the right end when mirrored).
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>
#include <vector>

#include "shaped_ui.h"
#include "ui/screens.h"
#include "ui/text_layout.h"

namespace lectern {
namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";
const char kWindow[] = "reading-rows";

struct Script {
    const char* name;
    bool right_to_left;
    std::vector<std::string> words;  // no marks: every glyph is a letter, compared in order
};

const std::vector<Script>& Scripts() {
    static const std::vector<Script> scripts = {
        {"Arabic", true, {"برنامج", "حقوق", "التعاون", "الدولي", "للتدريب", "العسكري", "والتعليم", "مراجعة"}},
        {"Hebrew", true, {"תוכנית", "זכויות", "האדם", "בשיתוף", "פעולה", "ביטחוני", "לימודים", "בינלאומית"}},
        {"Latin", false, {"Programme", "rights", "in", "security", "cooperation", "training", "reviewed", "globally"}},
    };
    return scripts;
}

// The visible glyphs of `utf8` shaped on its own in `direction`, in visual order.
std::vector<ImWchar> ShapedLetters(ui::ShapedText& shaped, ImFont* font, const std::string& utf8, ui::text::Direction direction) {
    std::vector<ImWchar> out;
    for (uint32_t cp : test::Decode(shaped.Display(font, utf8, nullptr, direction))) {
        const ImFontGlyph* g = font->FindGlyphNoFallback(static_cast<ImWchar>(cp));
        if (!g) out.push_back(0xFFFD);  // not in the atlas: never matches a drawn glyph
        else if (g->Visible && test::IsLetter(g->Y1 - g->Y0, font->FontSize)) out.push_back(static_cast<ImWchar>(cp));
    }
    return out;
}

std::string Join(const std::vector<std::string>& words, size_t from, size_t to) {
    std::string s;
    for (size_t i = from; i < to; ++i) s += (i > from ? " " : "") + words[i];
    return s;
}

TEST(ReadingRows, AWrappedTitleBreaksInReadingOrderBetweenWholeWordsInEveryScriptWidthAndInterface) {
    int cases = 0, wrapped = 0;
    for (const char* lang : {"ar", "en"}) {
        test::ShapedUi in(LoadCourse(kFixture), lang, 1.0f, ImVec2(1280, 800));
        in.shaped().SetLanguage(lang);  // the course's language, as the player sets it with its catalog
        ASSERT_EQ(ui::InterfaceRightToLeft(), std::string(lang) == "ar");
        ASSERT_EQ(ui::ReadingFromRight(), std::string(lang) == "ar");
        // The face rows are drawn in (its ImFont changes with every atlas build: read it again).
        ImFont* font = in.ui.fonts.ui;
        // HarfBuzz's width of a run of words on one line, in the atlas face's own files.
        std::vector<ui::text::FontFace> files;
        for (const ui::ShapingFace& face : test::Faces(in.set()))
            if (face.font == font) files = face.files;
        ASSERT_FALSE(files.empty());
        const ui::text::Shaper reference(files, 0.0f);
        ASSERT_TRUE(reference.ok());
        for (const Script& script : Scripts()) {
            const auto direction = script.right_to_left ? ui::text::Direction::RightToLeft : ui::text::Direction::LeftToRight;
            auto width_of = [&](const std::string& s) { return reference.Lay(s, lang, direction, 1e9f).lines.at(0).width; };
            // Every word fits the narrowest row: what is tested is where lines break between words.
            for (const std::string& word : script.words) ASSERT_LT(width_of(word), 110.0f - 8.0f) << word;
            for (size_t count : {size_t{1}, size_t{3}, size_t{5}, size_t{8}}) {
                const std::vector<std::string> words(script.words.begin(), script.words.begin() + static_cast<long>(count));
                const std::string title = Join(words, 0, count);
                for (float width : {110.0f, 140.0f, 220.0f, 400.0f}) {
                    SCOPED_TRACE(std::string(lang) + " interface, " + script.name + ", " + std::to_string(count) + " words, " +
                                 std::to_string(static_cast<int>(width)) + " px: " + title);
                    const float lead = ImGui::GetStyle().FramePadding.x;
                    ImVec2 row_pos, text_pos;
                    in.ui.during_frame = [&] {
                        font = in.ui.fonts.ui;
                        ImGui::SetNextWindowPos(ImVec2(100, 100));
                        ImGui::SetNextWindowSize(ImVec2(width + 200, 600));
                        ImGui::Begin(kWindow, nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
                        ImGui::PushFont(font);
                        row_pos = ImGui::GetCursorScreenPos();
                        ui::ReadingRow("##row", title, font, false, lead, width, &text_pos);
                        ImGui::PopFont();
                        ImGui::End();
                    };
                    in.Settle();
                    in.ui.during_frame = nullptr;
                    font = in.ui.fonts.ui;
                    const auto lines = test::LetterLines(in.Quads([](const std::string& owner) { return owner == kWindow; }), font->FontSize);
                    ASSERT_FALSE(lines.empty());
                    ++cases;
                    wrapped += lines.size() > 1;
                    // The row's text column, as ReadingRow computes it.
                    const float wrap = std::max(width - lead - ImGui::GetStyle().FramePadding.x, font->FontSize * 4);
                    const bool mirrored = std::string(lang) == "ar";
                    size_t next = 0;  // the first word not drawn yet
                    for (size_t l = 0; l < lines.size(); ++l) {
                        std::vector<ImWchar> drawn;
                        for (const test::GlyphQuad& q : lines[l]) drawn.push_back(q.codepoint);
                        size_t end = next;
                        for (size_t j = next + 1; j <= count && end == next; ++j)
                            if (ShapedLetters(in.shaped(), font, Join(words, next, j), direction) == drawn) end = j;
                        if (end == next) {
                            ADD_FAILURE() << "line " << l + 1 << " is not the title's next whole words as they read (word "
                                          << next + 1 << " on: cut, or out of order)";
                            next = count + 1;
                            break;
                        }
                        const float left = lines[l].front().x0, right = lines[l].back().x1;
                        if (end - next > 1) {
                            EXPECT_LE(right - left, wrap + 1.0f) << "line " << l + 1 << " is wider than the row";
                        }
                        if (end < count) {
                            // Shaped titles exactly; text Dear ImGui draws as it is (Latin) within a
                            // quarter em: its own wrap measures the atlas's advances and the spaces
                            // its own way (the English rows are kept as they were).
                            const float slack = ui::NeedsShaping(title) ? 0.0f : font->FontSize * 0.25f;
                            EXPECT_GT(width_of(Join(words, next, end + 1)) + slack, wrap)
                                << "line " << l + 1 << " ends although word " << end + 1 << " fits on it";
                        }
                        if (mirrored) {
                            EXPECT_NEAR(right, row_pos.x + width - lead, font->FontSize * 0.4f) << "line " << l + 1 << " does not end at the right";
                        } else {
                            EXPECT_NEAR(left, row_pos.x + lead, font->FontSize * 0.4f) << "line " << l + 1 << " does not start at the left";
                        }
                        next = end;
                    }
                    if (next <= count) {
                        EXPECT_EQ(next, count) << "words missing";
                    }
                }
            }
        }
    }
    EXPECT_EQ(cases, 2 * 3 * 4 * 4);
    EXPECT_GE(wrapped, 40) << "too few cases wrap for the order of lines to be tested";
}

}  // namespace
}  // namespace lectern
