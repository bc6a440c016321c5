// Fonts by coverage: the atlas holds the characters the text uses, each from the reading face
// when it has it, else from a fallback font fontconfig chose; nothing the installed fonts can
// draw comes out as the placeholder. Needs the fonts tools/setup installs (fonts-dejavu-*,
// fonts-noto-core, fonts-noto-cjk): without them these tests fail, naming the package.
#include <gtest/gtest.h>

#include <utf8proc.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "authoring/scripts.h"
#include "course/course_text.h"
#include "course/loader.h"
#include "platform/fonts.h"
#include "platform/platform.h"

namespace lectern::platform {
namespace {

std::vector<uint32_t> Codepoints(std::string_view text) {
    std::vector<uint32_t> out;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        EXPECT_GT(n, 0) << "invalid UTF-8 in test text";
        if (n <= 0) break;
        out.push_back(static_cast<uint32_t>(cp));
        p += n;
        left -= n;
    }
    return out;
}

// Characters with no ink of their own: ImGui draws nothing for them whatever the font (the
// rich text layer handles them), so they are not counted as missing glyphs.
bool Invisible(uint32_t cp) {
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x00AD || cp == 0x2060 || cp == 0xFEFF;
}

struct Atlas {
    ImFontAtlas atlas;
    FontSet fonts;
    bool ok = false;
    std::string error;
    explicit Atlas(const GlyphRequest& request) { ok = BuildFontAtlas(&atlas, 1.0f, request, &fonts, &error); }
    std::vector<std::pair<const char*, ImFont*>> Faces() const {
        return {{"ui", fonts.ui},           {"ui bold", fonts.ui_bold},   {"body", fonts.body},
                {"bold", fonts.bold},       {"italic", fonts.italic},     {"bold italic", fonts.bold_italic},
                {"heading 1", fonts.heading1}, {"heading 2", fonts.heading2}, {"heading 3", fonts.heading3},
                {"small", fonts.small}};
    }
};

// Every page's text (title and body), by page id.
std::map<std::string, std::string> PageTexts(const Course& course) {
    std::map<std::string, std::string> out;
    for (const Module& m : course.modules)
        for (const Lesson& l : m.lessons)
            for (const Page& p : l.pages) {
                std::string text = p.title;
                Course one;
                Module mm;
                Lesson ll;
                ll.pages.push_back(p);
                mm.lessons.push_back(ll);
                one.modules.push_back(mm);
                ForEachText(one, [&](std::string_view t) { text += t; });
                out[p.id] = text;
            }
    return out;
}

class ScriptsCourse : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        load = new LoadResult(LoadCourse(std::string(LECTERN_TEST_DATA) + "/scripts-course"));
        ASSERT_TRUE(load->ok()) << load->diagnostics.FormatAll();
        GlyphRequest request;
        request.lang = load->course->lang;
        ForEachText(*load->course, [&](std::string_view t) {
            for (uint32_t cp : Codepoints(t)) request.codepoints.push_back(cp);
        });
        atlas = new Atlas(request);
    }
    static void TearDownTestSuite() {
        delete atlas;
        delete load;
    }
    static LoadResult* load;
    static Atlas* atlas;
};
LoadResult* ScriptsCourse::load = nullptr;
Atlas* ScriptsCourse::atlas = nullptr;

TEST_F(ScriptsCourse, EveryPageHasTheFontsItNeeds) {
    ASSERT_TRUE(atlas->ok) << atlas->error;
    const auto pages = PageTexts(*load->course);
    // Every script of the fixture, each with the package that brings its font.
    const std::map<std::string, std::string> expected = {
        {"latin-marks", "fonts-dejavu-core"}, {"greek", "fonts-dejavu-core"},   {"cyrillic", "fonts-dejavu-core"},
        {"arabic", "fonts-dejavu-core"},      {"hebrew", "fonts-noto-core"},    {"persian", "fonts-dejavu-core"},
        {"chinese", "fonts-noto-cjk"},        {"japanese", "fonts-noto-cjk"},   {"korean", "fonts-noto-cjk"},
        {"thai", "fonts-noto-core"},          {"devanagari", "fonts-noto-core"}, {"vietnamese", "fonts-dejavu-core"},
        {"emoji", ""}};
    ASSERT_EQ(pages.size(), expected.size());
    // A character no installed font has (🙂 U+1F642 without a colour emoji font) is the
    // documented placeholder: see the next test.
    const FontCoverage installed = FontCoverage::Installed();
    for (const auto& [id, package] : expected) {
        ASSERT_TRUE(pages.count(id)) << id;
        for (const auto& [face_name, font] : atlas->Faces()) {
            int placeholders = 0;
            std::string which;
            for (uint32_t cp : Codepoints(pages.at(id))) {
                if (Invisible(cp) || cp < 0x20 || !installed.Has(cp)) continue;
                if (!font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) {
                    ++placeholders;
                    char hex[16];
                    std::snprintf(hex, sizeof hex, " U+%04X", cp);
                    which += hex;
                }
            }
            EXPECT_EQ(placeholders, 0) << "page " << id << ", face " << face_name << ":" << which
                                       << " (is " << package << " installed? tools/setup installs it)";
        }
    }
}

TEST_F(ScriptsCourse, CharactersAboveTheBmpAreRealGlyphsAndBrokenTextShowsTheDocumentedPlaceholder) {
    ASSERT_TRUE(atlas->ok) << atlas->error;
    static_assert(sizeof(ImWchar) == 4, "built with IMGUI_USE_WCHAR32 (tools/cmake/imgui/lectern_imconfig.h)");
    for (const auto& [face_name, font] : atlas->Faces()) {
        const ImFontGlyph* placeholder = font->FindGlyphNoFallback(0x2B1A);
        ASSERT_NE(placeholder, nullptr) << face_name;
        // The fixture's rare Han character (U+2000B, fonts-noto-cjk) and thumbs-up (U+1F44D, Noto
        // Sans Symbols 2 in one colour) are glyphs of their own, not the placeholder; its 🙂
        // (U+1F642) is in no installed font: the placeholder.
        EXPECT_EQ(font->FindGlyph(0x1F642), placeholder) << face_name;
        for (ImWchar above : {ImWchar{0x2000B}, ImWchar{0x1F44D}}) {
            const ImFontGlyph* g = font->FindGlyphNoFallback(above);
            ASSERT_NE(g, nullptr) << face_name << " U+" << std::hex << above;
            EXPECT_NE(g, placeholder) << face_name;
            EXPECT_GT(g->X1 - g->X0, 1.0f) << face_name << " has ink";
        }
        // Invalid UTF-8 decodes to U+FFFD, drawn as the placeholder.
        EXPECT_EQ(font->FindGlyph(0xFFFD), placeholder) << face_name;
        // A character no installed font has (a private-use one) is the placeholder too.
        EXPECT_EQ(font->FindGlyph(0xE000), placeholder) << face_name;
        EXPECT_EQ(font->FallbackChar, 0x2B1A) << face_name;
    }
}

TEST_F(ScriptsCourse, OnlyTheCharactersUsedAreBaked) {
    ASSERT_TRUE(atlas->ok) << atlas->error;
    std::set<uint32_t> used;
    ForEachText(*load->course, [&](std::string_view t) {
        for (uint32_t cp : Codepoints(t))
            if (!InBaseRanges(cp)) used.insert(cp);
    });
    Atlas latin{GlyphRequest{}};
    ASSERT_TRUE(latin.ok);
    for (size_t i = 0; i < atlas->Faces().size(); ++i) {
        ImFont* with = atlas->Faces()[i].second;
        ImFont* without = latin.Faces()[i].second;
        // At most one glyph per character used (fewer when a font lacks one), none of all CJK.
        EXPECT_GT(with->Glyphs.Size, without->Glyphs.Size) << atlas->Faces()[i].first;
        EXPECT_LE(with->Glyphs.Size, without->Glyphs.Size + static_cast<int>(used.size())) << atlas->Faces()[i].first;
        // Not baked, because no text uses it: a Han character outside the fixture.
        EXPECT_EQ(with->FindGlyphNoFallback(0x9F98), nullptr);
    }
}

TEST(FontFallback, GrowsWhenANewNameArrives) {
    // Names in five scripts, as learners type them on the sign-in screen.
    const std::vector<std::string> names = {"Алексей", "محمد", "李小龍", "Νίκος", "สมชาย", "Nguyễn"};
    Atlas before{GlyphRequest{}};
    ASSERT_TRUE(before.ok) << before.error;
    int missing_before = 0;
    for (const auto& name : names)
        for (uint32_t cp : Codepoints(name))
            if (!before.fonts.ui->FindGlyphNoFallback(static_cast<ImWchar>(cp))) ++missing_before;
    EXPECT_GT(missing_before, 20);  // only Latin is baked before the names are known

    Platform platform;  // no window: RequestGlyphs is bookkeeping only
    EXPECT_FALSE(platform.GlyphsPending());
    platform.RequestGlyphs("Anne-Marie Dupré");  // all in the base ranges: nothing to grow
    EXPECT_FALSE(platform.GlyphsPending());
    for (const auto& name : names) platform.RequestGlyphs(name);
    EXPECT_TRUE(platform.GlyphsPending());
    Atlas after{platform.RequestedGlyphs()};
    ASSERT_TRUE(after.ok) << after.error;
    for (const auto& name : names)
        for (uint32_t cp : Codepoints(name))
            for (ImFont* font : {after.fonts.ui, after.fonts.ui_bold, after.fonts.body})
                EXPECT_NE(font->FindGlyphNoFallback(static_cast<ImWchar>(cp)), nullptr)
                    << name << " U+" << std::hex << cp;
    // Arabic is drawn joined, as presentation forms: "محمد" asks for its four.
    int forms = 0;
    for (uint32_t cp : platform.RequestedGlyphs().codepoints) {
        if (cp < 0xFE70 || cp > 0xFEFF) continue;
        ++forms;
        for (ImFont* font : {after.fonts.ui, after.fonts.body, after.fonts.heading1})
            EXPECT_NE(font->FindGlyphNoFallback(static_cast<ImWchar>(cp)), nullptr) << "U+" << std::hex << cp;
    }
    EXPECT_EQ(forms, 4);
}

TEST(FontFallback, TheLanguagePicksTheHanFont) {
    // 直 is drawn differently in Chinese, Japanese and Korean type.
    const FontFile sans = FindFontFile("DejaVu Sans", false, false, false);
    ASSERT_TRUE(sans.found()) << "fonts-dejavu-core is not installed";
    const std::map<std::string, std::string> expected = {
        {"zh-CN", "SC"}, {"ja", "JP"}, {"ko", "KR"}, {"zh-TW", "TC"}};
    for (const auto& [lang, tag] : expected) {
        auto chain = FallbackFonts(sans, false, false, {0x76F4}, lang);
        ASSERT_EQ(chain.size(), 1u) << lang << ": is fonts-noto-cjk installed?";
        EXPECT_NE(chain[0].file.family.find(tag), std::string::npos) << lang << " -> " << chain[0].file.family;
        EXPECT_EQ(chain[0].codepoints, std::vector<uint32_t>{0x76F4});
    }
}

TEST(FontFallback, TheFaceKeepsWhatItHasAndFallbacksTakeOnlyTheRest) {
    const FontFile serif = FindFontFile("DejaVu Serif", false, false, false);
    ASSERT_TRUE(serif.found()) << "fonts-dejavu-core is not installed";
    // Greek (DejaVu Serif has it), Thai and Devanagari (it has not), a private-use character
    // (nobody has it).
    auto chain = FallbackFonts(serif, false, false, {0x03B1, 0x0E01, 0x0915, 0xE000}, "");
    std::set<uint32_t> assigned;
    for (const auto& f : chain) {
        EXPECT_NE(f.file.path, serif.path);
        for (uint32_t cp : f.codepoints) EXPECT_TRUE(assigned.insert(cp).second) << "twice: " << cp;
    }
    EXPECT_EQ(assigned, (std::set<uint32_t>{0x0E01, 0x0915}));
}

}  // namespace
}  // namespace lectern::platform
