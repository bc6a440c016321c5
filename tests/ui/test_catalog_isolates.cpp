// Data inside the interface's sentences keeps its own order: every catalog entry with
// placeholders (English and Arabic), filled with sample data in several scripts (a Latin path, an
// Arabic name, digits, a Latin name, an English error text), is laid out by the layout the
// renderer shapes with (text::Shaper::Lay: FriBidi, HarfBuzz), and each value must come out as
// one block, in its own reading order (a path's leading "/" at its left), with the sentence's
// direction that of its own words (an Arabic sentence that starts with a path still reads from
// the right). The bidi controls around the data must draw nothing and take no width, shaped or
// drawn by Dear ImGui as they are, in every face.
#include <gtest/gtest.h>

#include <imgui.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "course/ui_catalog.h"
#include "shaped_atlas.h"
#include "ui/text_layout.h"

namespace lectern {
namespace {

struct Sample {
    const char* what;
    std::string value;
    bool right_to_left;  // the value's own reading order
};

const std::vector<Sample>& Samples() {
    static const std::vector<Sample> samples = {
        {"a Latin path", "/media/usb/progress-2026.db", false},
        {"an Arabic name", "ليلى حسن", true},
        {"digits", "1976", false},
        {"a Latin name", "Aleksandr O'Brien", false},
        {"an English error text", "Permission denied (errno 13).", false},
    };
    return samples;
}

// The byte ranges of `value` in `text` (each placeholder filled with it).
std::vector<std::pair<size_t, size_t>> Occurrences(const std::string& text, const std::string& value) {
    std::vector<std::pair<size_t, size_t>> out;
    for (size_t at = text.find(value); at != std::string::npos; at = text.find(value, at + value.size()))
        out.push_back({at, at + value.size()});
    return out;
}

TEST(CatalogIsolates, EveryPlaceholderValueKeepsItsOwnOrderAsOneBlockInEitherCatalog) {
    const platform::FontFile sans = platform::FindFontFile("DejaVu Sans", false, false, true);
    ASSERT_TRUE(sans.found());
    const ui::text::Shaper shaper({{sans.path, sans.index, 16.0f}}, 16.0f);
    ASSERT_TRUE(shaper.ok());
    int checked = 0, right_to_left_sentences = 0;
    for (const char* lang : {"ar", "en"}) {
        Diagnostics problems;
        const UiCatalog catalog = LoadUiCatalog(lang, UiCatalogDirs(), problems);
        ASSERT_TRUE(problems.All().empty()) << problems.FormatAll();
        // en.po lists every string (its msgstrs are empty: English is the msgid).
        std::vector<std::string> keys;
        std::ifstream en(std::string(LECTERN_TEST_DATA) + "/../../assets/strings/en.po");
        for (std::string line; std::getline(en, line);) {
            if (line.rfind("msgid \"", 0) == 0 && line.size() > 8) keys.push_back(line.substr(7, line.size() - 8));
        }
        ASSERT_GT(keys.size(), 100u) << "en.po not read";
        for (const std::string& english : keys) {
            std::vector<std::string> names;
            std::string error;
            if (!Placeholders(english, &names, &error) || names.empty()) continue;
            const std::string& sentence = catalog.Get(english);
            for (const Sample& sample : Samples()) {
                std::vector<std::pair<std::string, std::string>> args;
                for (const std::string& name : names) args.push_back({name, sample.value});
                const std::string text = catalog.Format(english, args);
                SCOPED_TRACE(std::string(lang) + ": \"" + sentence + "\" with " + sample.what + ": " + text);
                const ui::text::Paragraph p = shaper.Lay(text, lang, ui::text::Direction::Auto, 1e9f);
                ASSERT_EQ(p.lines.size(), 1u);
                const std::vector<ui::text::Glyph>& glyphs = p.lines[0].glyphs;
                // The sentence reads in its own words' direction (an Arabic one from the right, even
                // when it starts with a Latin path), as laid out without the data.
                std::vector<std::pair<std::string, std::string>> nothing;
                for (const std::string& name : names) nothing.push_back({name, ""});
                const std::string words = FillPlaceholders(sentence, nothing);
                const ui::text::Paragraph own = shaper.Lay(words, lang, ui::text::Direction::Auto, 1e9f);
                EXPECT_EQ(p.right_to_left, own.right_to_left) << "the sentence is laid out in the data's direction";
                right_to_left_sentences += p.right_to_left;
                for (const auto& [begin, end] : Occurrences(text, sample.value)) {
                    std::vector<size_t> at;  // visual positions of the value's glyphs
                    for (size_t g = 0; g < glyphs.size(); ++g)
                        if (glyphs[g].cluster >= begin && glyphs[g].cluster < end) at.push_back(g);
                    ASSERT_FALSE(at.empty());
                    EXPECT_EQ(at.back() - at.front() + 1, at.size()) << "the value is split by the sentence's words";
                    for (size_t k = 1; k < at.size(); ++k) {
                        const size_t before = glyphs[at[k - 1]].cluster, now = glyphs[at[k]].cluster;
                        if (sample.right_to_left ? now > before : now < before) {
                            ADD_FAILURE() << "the value's characters are out of their order (byte " << now - begin << " drawn right of byte "
                                          << before - begin << ")";
                            break;
                        }
                    }
                }
                // The bidi controls have no width.
                for (const ui::text::Glyph& g : glyphs) {
                    if (text.compare(g.cluster, 3, "\xE2\x81\xA8") == 0 || text.compare(g.cluster, 3, "\xE2\x81\xA9") == 0) {
                        EXPECT_EQ(g.advance, 0.0f) << "an isolate takes room";
                    }
                }
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 500) << "too few sentences with placeholders were checked";
    EXPECT_GT(right_to_left_sentences, 200);
}

TEST(CatalogIsolates, BidiControlsHaveNoInkAndNoWidthInEveryFaceDrawnAsTheyAre) {
    test::ShapedAtlas fonts;
    fonts.Want("\xE2\x81\xA8\xE2\x81\xA9\xE2\x80\x8E\xE2\x80\x8F");  // asked for by text that holds them
    std::string error;
    ASSERT_TRUE(fonts.Build(&error)) << error;
    ASSERT_GE(fonts.atlas->Fonts.Size, 10);
    for (ImFont* font : fonts.atlas->Fonts) {
        for (ImWchar c : {0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            SCOPED_TRACE(std::string(font->GetDebugName()) + ", U+" + std::to_string(c));
            const ImFontGlyph* g = font->FindGlyph(c);
            ASSERT_NE(g, nullptr);
            EXPECT_NE(g, font->FallbackGlyph) << "drawn as the placeholder";
            EXPECT_FALSE(g->Visible) << "has ink";
            EXPECT_EQ(g->AdvanceX, 0.0f) << "takes room";
        }
    }
}

}  // namespace
}  // namespace lectern
