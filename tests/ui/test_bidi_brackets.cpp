// Brackets in right-to-left text, drawn with the real atlas and shaper and read back in pixels:
// a bracket that reads from the right is mirrored (UAX #9 rule L4), so every pair still opens
// towards what it holds. Generated: Latin words and digits in brackets at the end, middle and
// start of Hebrew and Arabic sentences, with punctuation after them, as a paragraph, a heading,
// a bold phrase and a list item, in an English course (the sentence reads from the right by its
// first letter) and in an Arabic one (by its language). A closing bracket drawn unmirrored at
// the end of "עברית (Hebrew)" (it showed as ")Hebrew)") fails here.
#include <gtest/gtest.h>

#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "draw_raster.h"
#include "shaped_ui.h"

namespace lectern {
namespace {

struct Case {
    std::string text;   // the sentence
    std::string inner;  // the Latin or digits in brackets, unique on its page
};

// Every sentence for one element kind; `n` numbers the bracketed words so each is unique.
std::vector<Case> Sentences() {
    const std::vector<std::string> rtl_words = {"\xD7\xA2\xD7\x91\xD7\xA8\xD7\x99\xD7\xAA",                  // עברית
                                                "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9"};  // العربية
    std::vector<Case> out;
    int n = 0;
    for (const std::string& r : rtl_words) {
        auto latin = [&n] { return std::string("Leahy") + static_cast<char>('A' + n++); };
        auto digits = [&n] { return std::to_string(1900 + n++); };
        std::string t;
        t = latin(), out.push_back({r + " (" + t + ")", t});
        t = latin(), out.push_back({r + " (" + t + ") " + r, t});
        t = latin(), out.push_back({r + " [" + t + "].", t});
        t = latin(), out.push_back({r + " (" + t + ")!", t});
        t = digits(), out.push_back({r + " (" + t + ")", t});
        t = latin(), out.push_back({"(" + t + ") " + r, t});
    }
    return out;
}

// The element kinds a sentence may be in, each a page of its own.
struct Element {
    const char* id;
    const char* open;
    const char* close;
};
const std::vector<Element> kElements = {
    {"paragraph", "<p>", "</p>"},
    {"heading", "<heading>", "</heading>"},
    {"bold", "<p><strong>", "</strong></p>"},
    {"item", "<ul><li>", "</li></ul>"},
};

std::string WriteCourse(const std::string& lang) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("lectern-brackets-" + lang + "-" + std::to_string(::getpid()));
    fs::create_directories(dir / "modules");
    std::ofstream(dir / "course.xml") << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<course id=\"brackets\" version=\"1\" lang=\"" << lang
                                      << "\" minutes=\"5\">\n<title>Brackets</title>\n"
                                      << "<description>Brackets in right-to-left sentences.</description>\n"
                                      << "<include src=\"modules/m.xml\"/>\n</course>\n";
    std::ofstream module(dir / "modules" / "m.xml");
    module << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<module id=\"m\" title=\"Brackets\"><summary>Brackets.</summary>"
           << "<lesson id=\"l\" title=\"Brackets\">\n";
    for (const Element& e : kElements) {
        module << "<page id=\"" << e.id << "\" title=\"" << e.id << "\">\n";
        for (const Case& c : Sentences()) module << e.open << c.text << e.close << "\n";
        module << "</page>\n";
    }
    module << "</lesson></module>\n";
    return dir.string();
}

// Which way a bracket glyph opens, from its ink: a "(" or "[" has its middle rows further left
// than its top rows (+1: opens to the right, towards text after it), a ")" or "]" the opposite.
int Opens(const test::Raster& r, const test::GlyphQuad& q) {
    auto centre = [&](float from, float to) {
        const int y0 = static_cast<int>(q.y0 + (q.y1 - q.y0) * from), y1 = static_cast<int>(q.y0 + (q.y1 - q.y0) * to);
        double sum = 0, weight = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = static_cast<int>(q.x0); x < static_cast<int>(q.x1) + 1; ++x) {
                if (x < 0 || y < 0 || x >= r.width || y >= r.height) continue;
                const float ink = r.Ink(x, y);
                if (ink < 0.3f) continue;
                sum += ink * x;
                weight += ink;
            }
        return weight > 0 ? sum / weight : -1.0;
    };
    const double top = centre(0.0f, 0.2f), middle = centre(0.4f, 0.6f);
    if (top < 0 || middle < 0) return 0;
    return middle < top - 0.5 ? 1 : middle > top + 0.5 ? -1 : 0;
}

TEST(BidiBrackets, EveryBracketPairOpensTowardsWhatItHoldsInRightToLeftText) {
    int pairs = 0;
    for (const std::string lang : {"en", "ar"}) {
        const std::string course = WriteCourse(lang);
        for (const Element& e : kElements) {
            SCOPED_TRACE(lang + " course, " + e.id);
            constexpr int kW = 1280, kH = 1400;
            test::ShapedUi in(LoadCourse(course), lang, 1.0f, ImVec2(kW, kH));
            ASSERT_TRUE(in.ui.load().ok()) << in.ui.load().diagnostics.FormatAll();
            ASSERT_TRUE(in.ui.nav().JumpTo(e.id));
            in.ui.state.screen = ui::Screen::Reader;
            in.ui.state.reader.sidebar_open = false;
            in.Settle();
            const test::Raster raster = test::Rasterise(ImGui::GetDrawData(), ImGui::GetIO().Fonts, kW, kH);
            const auto lines = test::LetterLines(in.Quads(), in.ui.fonts.body_px * 0.8f);
            for (const Case& c : Sentences()) {
                SCOPED_TRACE(c.text);
                // The line holding the bracketed word, drawn as its own characters, left to right.
                bool found = false;
                for (const auto& line : lines) {
                    for (size_t i = 1; i + c.inner.size() < line.size() && !found; ++i) {
                        bool match = true;
                        for (size_t k = 0; k < c.inner.size() && match; ++k) match = line[i + k].codepoint == static_cast<unsigned char>(c.inner[k]);
                        if (!match) continue;
                        found = true;
                        const test::GlyphQuad& before = line[i - 1];
                        const test::GlyphQuad& after = line[i + c.inner.size()];
                        EXPECT_EQ(Opens(raster, before), 1) << "the bracket left of " << c.inner << " does not open towards it";
                        EXPECT_EQ(Opens(raster, after), -1) << "the bracket right of " << c.inner << " does not open towards it";
                        ++pairs;
                    }
                }
                EXPECT_TRUE(found) << c.inner << " is not drawn left to right on any line";
            }
        }
    }
    EXPECT_EQ(pairs, 2 * 4 * 12);
}

}  // namespace
}  // namespace lectern
