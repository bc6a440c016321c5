// A paragraph's direction is resolved once for the whole paragraph, then cut into lines (UAX #9:
// rules L1-L2 come after the line breaks, not before the levels): an English passage in an
// Arabic course reads, on every line, left to right in its own order, with its commas, full
// stops and brackets where they were written, whichever word a line happens to end or begin at.
// Drawn with the real atlas and shaper and read back glyph by glyph. Generated: every kind of
// punctuation at every place in the line (the decorations shift by one word per paragraph), as a
// paragraph, a list item, a callout and a glossary-like quote. Resolved line by line, a comma
// ending a line jumped to its left end (",The statute ... exports") and a bracketed phrase
// starting one was pulled out to its right end.
#include <gtest/gtest.h>

#include <imgui.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "shaped_ui.h"

namespace lectern {
namespace {

// The nth word: "xq" and two letters, unique on the page and found in no label of the screen.
std::string Word(int n) { return std::string("xq") + static_cast<char>('a' + n / 26 % 26) + static_cast<char>('a' + n % 26); }

// Paragraph `shift`: 40 words, each but the first and last with a comma, a full stop, a
// semicolon or brackets, the kind moving one word along per paragraph.
std::string Paragraph(int shift, int* n) {
    std::string out;
    constexpr int kWords = 40;
    for (int i = 0; i < kWords; ++i) {
        const std::string w = Word((*n)++);
        if (!out.empty()) out += ' ';
        if (i == 0 || i == kWords - 1) {
            out += w;
            continue;
        }
        switch ((i + shift) % 5) {
            case 0: out += w + ","; break;
            case 1: out += "(" + w + ")"; break;
            case 2: out += w + "."; break;
            case 3: out += w + ";"; break;
            default: out += "[" + w + "]"; break;
        }
    }
    return out;
}

struct Element {
    const char* open;
    const char* close;
};
const std::vector<Element> kElements = {
    {"<p>", "</p>"},
    {"<ul><li>", "</li></ul>"},
    {"<callout kind=\"note\" title=\"Note\"><p>", "</p></callout>"},
    {"<quote source=\"Source\">", "</quote>"},
};

std::string Squeezed(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ') out += c;
    return out;
}

TEST(BidiParagraph, LatinPassageInAnArabicCourseKeepsItsOrderOnEveryLine) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("lectern-bidi-paragraph-" + std::to_string(::getpid()));
    fs::create_directories(dir / "modules");
    std::ofstream(dir / "course.xml") << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<course id=\"bidi\" version=\"1\" lang=\"ar\" minutes=\"5\">\n"
                                      << "<title>Bidi</title>\n<description>Latin passages in an Arabic course.</description>\n"
                                      << "<include src=\"modules/m.xml\"/>\n</course>\n";
    std::vector<std::vector<std::string>> pages;  // each page's paragraphs
    {
        std::ofstream module(dir / "modules" / "m.xml");
        module << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<module id=\"m\" title=\"M\"><summary>M.</summary>"
               << "<lesson id=\"l\" title=\"L\">\n";
        int n = 0;
        for (size_t e = 0; e < kElements.size(); ++e) {
            pages.emplace_back();
            module << "<page id=\"p" << e << "\" title=\"P\">\n";
            for (int shift = 0; shift < 5; ++shift) {
                pages.back().push_back(Paragraph(shift, &n));
                module << kElements[e].open << pages.back().back() << kElements[e].close << "\n";
            }
            module << "</page>\n";
        }
        module << "</lesson></module>\n";
    }
    int lines_checked = 0, broken_at_punctuation = 0;
    for (size_t e = 0; e < kElements.size(); ++e) {
        SCOPED_TRACE(kElements[e].open);
        constexpr int kW = 1280, kH = 1600;
        test::ShapedUi in(LoadCourse(dir.string()), "ar", 1.0f, ImVec2(kW, kH));
        ASSERT_TRUE(in.ui.load().ok()) << in.ui.load().diagnostics.FormatAll();
        ASSERT_TRUE(in.ui.nav().JumpTo("p" + std::to_string(e)));
        in.ui.state.screen = ui::Screen::Reader;
        in.ui.state.reader.sidebar_open = false;
        in.Settle();
        std::string all;
        for (const std::string& p : pages[e]) all += Squeezed(p) + "|";
        std::string drawn;
        for (const auto& [y, line] : test::DrawnLines(in.Quads())) {
            if (line.find("xq") == std::string::npos) continue;
            std::string text;  // less what is not ASCII (a list's bullet, a quotation's marks)
            for (char c : line)
                if (c != '?') text += c;
            SCOPED_TRACE(text);
            ++lines_checked;
            EXPECT_NE(all.find(text), std::string::npos) << "a line is not drawn left to right in the order it was written";
            const char last = text.back();
            if (last == ',' || last == '.' || last == ';' || last == ')' || last == ']') ++broken_at_punctuation;
            drawn += text;
        }
        std::string expected;
        for (const std::string& p : pages[e]) expected += Squeezed(p);
        EXPECT_EQ(drawn, expected) << "the passage's lines, top to bottom, do not make up its text";
    }
    // The cases must reach what they test: many lines, many of them ending at punctuation.
    EXPECT_GE(lines_checked, 4 * 5 * 3);
    EXPECT_GE(broken_at_punctuation, 4 * 5);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace lectern
