// The UI harness (harness.h) drawing with the player's real atlas and shaper (shaped_atlas.h) and
// the interface in one catalog's language, as the app draws it: for tests of what a screen shows
// in Arabic, read back from the glyph quads it drew. Needs the fonts tools/setup installs.
#pragma once

#include <gtest/gtest.h>

#include <imgui.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "course/ui_catalog.h"
#include "harness.h"
#include "shaped_atlas.h"
#include "ui/shaped_text.h"

namespace lectern::test {

// One glyph drawn: the atlas codepoint its texture coordinates come from, and where it landed.
struct GlyphQuad {
    ImWchar codepoint;
    float x0, x1, y0, y1;
};

// Every glyph quad in the current context's draw data, by the glyph of `atlas` its texture
// coordinates come from; with `drawn_by`, only those of the windows it accepts (by name: a child
// window's is "Parent/child_ID").
inline std::vector<GlyphQuad> GlyphQuads(const ImFontAtlas& atlas, const std::function<bool(const std::string&)>& drawn_by = {}) {
    std::map<std::pair<float, float>, ImWchar> by_uv;
    for (const ImFont* font : atlas.Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Visible) by_uv[{g.U0, g.V0}] = static_cast<ImWchar>(g.Codepoint);
    std::vector<GlyphQuad> out;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        if (drawn_by && !drawn_by(list->_OwnerName ? list->_OwnerName : "")) continue;
        for (int i = 0; i + 3 < list->VtxBuffer.Size; ++i) {
            // A glyph is PrimRectUV: its first vertex holds (U0, V0) and its third (U1, V1).
            const ImDrawVert& a = list->VtxBuffer[i];
            auto it = by_uv.find({a.uv.x, a.uv.y});
            if (it == by_uv.end() || list->VtxBuffer[i + 2].pos.x <= a.pos.x) continue;
            out.push_back({it->second, a.pos.x, list->VtxBuffer[i + 2].pos.x, a.pos.y, list->VtxBuffer[i + 2].pos.y});
            i += 3;
        }
    }
    return out;
}

// The lines of text among `quads`, top to bottom: glyphs that overlap in height are one line,
// read left to right (Dear ImGui draws no glyph for a space, so words run together; a character
// outside ASCII reads as '?').
inline std::vector<std::pair<float, std::string>> DrawnLines(std::vector<GlyphQuad> quads) {
    std::sort(quads.begin(), quads.end(), [](const GlyphQuad& a, const GlyphQuad& b) { return a.y0 < b.y0; });
    std::vector<std::vector<GlyphQuad>> lines;
    float bottom = 0;
    for (const GlyphQuad& q : quads) {
        if (lines.empty() || q.y0 >= bottom - 1.0f) {
            lines.emplace_back();
            bottom = q.y1;
        }
        lines.back().push_back(q);
        bottom = std::max(bottom, q.y1);
    }
    std::vector<std::pair<float, std::string>> out;
    for (auto& line : lines) {
        std::sort(line.begin(), line.end(), [](const GlyphQuad& a, const GlyphQuad& b) { return a.x0 < b.x0; });
        std::string text;
        for (const GlyphQuad& q : line) text += q.codepoint < 0x80 ? static_cast<char>(q.codepoint) : '?';
        out.push_back({line.front().y0, text});
    }
    return out;
}

// Marks and dots (hamza, harakat) are glyphs of their own, drawn above or below their letters:
// lines are grouped, and words compared, by the letters alone.
inline bool IsLetter(float height, float font_px) { return height >= font_px * 0.3f; }

// The drawn lines of letters inside [x0, x1): glyphs whose vertical middles are within half the
// font's size, each line's glyphs from left to right, lines from the top.
inline std::vector<std::vector<GlyphQuad>> LetterLines(const std::vector<GlyphQuad>& quads, float font_px, float x0 = -1e9f,
                                                       float x1 = 1e9f) {
    std::vector<GlyphQuad> in;
    for (const GlyphQuad& q : quads)
        if (q.x0 >= x0 - 1 && q.x1 <= x1 + 1 && IsLetter(q.y1 - q.y0, font_px)) in.push_back(q);
    auto middle = [](const GlyphQuad& q) { return (q.y0 + q.y1) * 0.5f; };
    std::sort(in.begin(), in.end(), [&](const GlyphQuad& a, const GlyphQuad& b) { return middle(a) < middle(b); });
    std::vector<std::vector<GlyphQuad>> lines;
    float line_middle = -1e9f;
    for (const GlyphQuad& q : in) {
        if (lines.empty() || middle(q) - line_middle > font_px * 0.5f) {
            lines.emplace_back();
            line_middle = middle(q);
        }
        lines.back().push_back(q);
    }
    for (auto& line : lines)
        std::sort(line.begin(), line.end(), [](const GlyphQuad& a, const GlyphQuad& b) { return a.x0 + a.x1 < b.x0 + b.x1; });
    return lines;
}

// The course in a UI harness whose interface speaks `lang`, at `scale` (1 = 100 % text) in a
// window of `size`: every catalog string's characters are baked from the start, and Settle
// draws frames until the atlas holds every shaped glyph the screen asks for.
class ShapedUi {
public:
    ShapedUi(LoadResult load, const std::string& lang, float scale = 1.0f, ImVec2 size = ImVec2(1280, 800))
        : m_fonts(Fonts(lang, scale)), ui(std::move(load), m_fonts->atlas.get()) {
        ImGui::GetIO().DisplaySize = size;
        ui.fonts = UiFonts(m_fonts->set);
        ui::ApplyTheme(ui::GetTheme(ui::ThemeId::Light), 1.0f + (ui.fonts.body_px / 18.0f - 1.0f) * 0.5f);
        m_fonts->shaped.Install();
    }
    // Frames until no glyph is missing from the atlas (at most five); the last one's actions.
    ui::Actions Settle() {
        ui::Actions last;
        for (int pass = 0; pass < 5; ++pass) {
            shaped().NewFrame();
            last = ui.Frame();
            if (!Bake()) return last;
        }
        ADD_FAILURE() << "the screen still asks for glyphs after five frames";
        return last;
    }
    // Bakes the glyphs the last frame asked for, if any (then true: draw the frame again).
    bool Bake() {
        if (!shaped().HasRequests()) return false;
        std::string error;
        EXPECT_TRUE(m_fonts->Build(&error)) << error;
        ui.fonts = UiFonts(m_fonts->set);
        return true;
    }
    std::vector<GlyphQuad> Quads(const std::function<bool(const std::string&)>& drawn_by = {}) const {
        return GlyphQuads(*m_fonts->atlas, drawn_by);
    }
    ui::ShapedText& shaped() { return m_fonts->shaped; }
    const platform::FontSet& set() const { return m_fonts->set; }

private:
    static std::unique_ptr<ShapedAtlas> Fonts(const std::string& lang, float scale) {
        auto fonts = std::make_unique<ShapedAtlas>();
        fonts->scale = scale;
        Diagnostics problems;
        fonts->shaped.SetCatalog(LoadUiCatalog(lang, UiCatalogDirs(), problems));
        EXPECT_TRUE(problems.All().empty()) << problems.FormatAll();
        for (const auto& [english, translated] : fonts->shaped.Catalog().text) {
            fonts->Want(english);
            fonts->Want(translated);
        }
        std::string error;
        EXPECT_TRUE(fonts->Build(&error)) << error;
        return fonts;
    }
    std::unique_ptr<ShapedAtlas> m_fonts;  // before `ui`: its context draws from this atlas

public:
    UiHarness ui;
};

}  // namespace lectern::test
