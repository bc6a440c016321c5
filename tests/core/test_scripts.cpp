// Scripts in course text: lint warns (file:line:col) about characters no installed font can
// draw, naming the Debian package that would; --stats lists scripts and counts words in
// scripts written without spaces.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "authoring/scripts.h"
#include "authoring/stats.h"
#include "course/loader.h"

namespace lectern {
namespace {

const std::string kScriptsCourse = std::string(LECTERN_TEST_DATA) + "/scripts-course";
const std::string kScriptsFile = kScriptsCourse + "/modules/scripts.xml";

// Line and column (in characters, from 1) of the first occurrence of `needle` in `file`.
std::pair<int, int> Position(const std::string& file, const std::string& needle) {
    std::ifstream in(file);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        size_t at = line.find(needle);
        if (at == std::string::npos) continue;
        int col = 1;
        for (size_t i = 0; i < at; ++i)
            if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
        return {n, col};
    }
    return {0, 0};
}

const Diagnostic* Find(const Diagnostics& d, const std::string& code, const std::string& text) {
    for (const auto& x : d.All())
        if (x.code == code && x.message.find(text) != std::string::npos) return &x;
    return nullptr;
}

TEST(ScriptChecks, OnAMachineWithOnlyDejaVuEachMissingScriptIsReportedWithItsPackage) {
    LoadResult load = LoadCourse(kScriptsCourse);
    ASSERT_TRUE(load.ok()) << load.diagnostics.FormatAll();
    const FontCoverage dejavu = FontCoverage::Families({"DejaVu Sans", "DejaVu Serif"});
    ASSERT_TRUE(dejavu.Has(U'Ж')) << "fonts-dejavu-core is not installed";
    Diagnostics d;
    CheckCharacters(*load.course, kScriptsCourse, dejavu, d);
    struct Case {
        const char* first;   // the first character of that script in the file
        const char* code;    // its code point, as the message writes it
        const char* package;
    };
    for (const Case& c : {Case{"ภ", "U+0E20", "fonts-noto-core"}, Case{"ह", "U+0939", "fonts-noto-core"},
                          Case{"中", "U+4E2D", "fonts-noto-cjk"}, Case{"한", "U+D55C", "fonts-noto-cjk"},
                          Case{"す", "U+3059", "fonts-noto-cjk"}}) {
        const Diagnostic* w = Find(d, "no-font", c.code);
        ASSERT_NE(w, nullptr) << c.code << "\n" << d.FormatAll();
        EXPECT_NE(w->message.find(c.package), std::string::npos) << w->message;
        EXPECT_EQ(w->loc.file, kScriptsFile);
        const auto [line, col] = Position(kScriptsFile, c.first);
        EXPECT_EQ(w->loc.line, line) << c.code;
        EXPECT_EQ(w->loc.col, col) << c.code;
        EXPECT_EQ(w->severity, Severity::Warning);
    }
    // DejaVu draws these: no warning for any of their characters.
    for (const char* code : {"U+03B1", "U+0430", "U+0627", "U+05D0", "U+1EBF", "U+0301"})
        EXPECT_EQ(Find(d, "no-font", code), nullptr) << code;
}

TEST(ScriptChecks, WithTheFontsSetupInstallsOnlyEmojiIsReportedAndCharactersAboveTheBmpAreDrawable) {
    LoadResult load = LoadCourse(kScriptsCourse);
    ASSERT_TRUE(load.ok());
    Diagnostics d;
    CheckCharacters(*load.course, kScriptsCourse, FontCoverage::Installed(), d);
    for (const auto& x : d.All()) {
        const bool emoji = x.message.find("(Emoji)") != std::string::npos;
        EXPECT_TRUE(emoji) << x.Format() << " (tools/setup installs fonts-noto-core, fonts-noto-cjk)";
        EXPECT_EQ(x.code, "no-font") << x.Format();
    }
    // 𠀋 (U+2000B) is above U+FFFF and fonts-noto-cjk draws it: the player bakes it like any other.
    ASSERT_NE(Position(kScriptsFile, "𠀋").first, 0);
    EXPECT_EQ(Find(d, "no-font", "U+2000B"), nullptr) << d.FormatAll();
}

TEST(ScriptChecks, CharacterReferencesAndCommentsAreReadAsTheXmlParserReadsThem) {
    const auto dir = std::filesystem::temp_directory_path() / ("lectern-scripts-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir / "modules");
    std::ofstream(dir / "course.xml") << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<course id=\"c\" version=\"1\" lang=\"en\" minutes=\"1\">\n"
                                         "  <title>Private &#xE000; use</title>\n"
                                         "  <!-- a comment with &#xE001; is not text -->\n"
                                         "  <include src=\"modules/m.xml\"/>\n"
                                         "</course>\n";
    std::ofstream(dir / "modules/m.xml")
        << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<module id=\"m\" title=\"M\">\n  <lesson id=\"l\" title=\"L\">\n"
           "    <page id=\"p\" title=\"P\"><p>Ωμέγα and &#57346; here.</p></page>\n  </lesson>\n</module>\n";
    LoadResult load = LoadCourse(dir.string());
    ASSERT_TRUE(load.ok()) << load.diagnostics.FormatAll() << load.unreadable;
    Diagnostics d;
    CheckCharacters(*load.course, dir.string(), FontCoverage::Installed(), d);
    std::filesystem::remove_all(dir);
    const Diagnostic* title = Find(d, "no-font", "U+E000");
    ASSERT_NE(title, nullptr) << d.FormatAll();
    EXPECT_EQ(title->loc.file, (dir / "course.xml").string());
    EXPECT_EQ(title->loc.line, 3);
    EXPECT_EQ(title->loc.col, 18);
    EXPECT_NE(title->message.find("no Debian font package"), std::string::npos);
    EXPECT_EQ(Find(d, "no-font", "U+E001"), nullptr) << "a comment is not drawn";
    const Diagnostic* decimal = Find(d, "no-font", "U+E002");
    ASSERT_NE(decimal, nullptr) << d.FormatAll();
    EXPECT_EQ(decimal->loc.line, 4);
    EXPECT_EQ(d.All().size(), 2u) << d.FormatAll();
}

TEST(ScriptWords, ScriptsWithoutSpacesAreCountedByWordsOrCharacters) {
    struct Case {
        const char* text;
        int words;
    };
    for (const Case& c : {
             Case{"", 0},
             Case{"Hello, world", 2},
             Case{"  Three   words here ", 3},
             Case{"برنامج IMET عام 1976", 4},
             Case{"Все люди рождаются", 3},
             Case{"人人生而自由", 6},             // Chinese: one per character
             Case{"すべての人間", 6},             // Japanese kana and kanji alike
             Case{"人人生而自由，在尊严", 9},      // punctuation is not a word
             Case{"มนุษย์ทั้งหลายเกิดมามีอิสระ", 6},  // Thai: มนุษย์|ทั้งหลาย|เกิด|มา|มี|อิสระ
             Case{"Thai มนุษย์ทั้งหลาย and", 4},
             Case{"모든 인간은 태어날", 3},          // Korean has spaces
         })
        EXPECT_EQ(CountWords(std::string(c.text)), c.words) << c.text;
}

TEST(ScriptWords, StatsListTheScriptsACourseUses) {
    LoadResult load = LoadCourse(kScriptsCourse);
    ASSERT_TRUE(load.ok());
    const CourseStats s = ComputeStats(*load.course);
    for (const char* script : {"Latin", "Greek", "Cyrillic", "Arabic", "Hebrew", "Han", "Hiragana", "Katakana",
                               "Hangul", "Thai", "Devanagari", "Emoji"})
        EXPECT_GT(s.scripts.count(script) ? s.scripts.at(script) : 0, 0) << script;
    EXPECT_EQ(s.scripts.count("Common"), 0u);
    // The Thai page alone is more than the single "word" it was counted as before.
    EXPECT_GT(s.words, 250);
}

}  // namespace
}  // namespace lectern
