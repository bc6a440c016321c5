// The player's font atlas and shaper for tests, built as the app builds them (app/font_bridge.h):
// the characters asked for, then the shaped glyphs ShapedText asks for, baked on the next build.
// Needs the fonts tools/setup installs.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/font_bridge.h"
#include "platform/fonts.h"
#include "platform/platform.h"
#include "ui/shaped_text.h"
#include "ui/ui.h"

namespace lectern::test {

inline std::vector<uint32_t> Decode(const std::string& s) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < n && i + static_cast<size_t>(k) < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
        out.push_back(cp);
        i += static_cast<size_t>(n);
    }
    return out;
}

inline std::vector<ui::ShapingFace> Faces(const platform::FontSet& set) { return ToShapingFaces(set); }

inline void Request(const std::vector<ui::ShapedGlyph>& glyphs, platform::GlyphRequest* request) {
    const std::vector<platform::ShapedGlyphRequest> more = ToGlyphRequests(glyphs);
    request->shaped.insert(request->shaped.end(), more.begin(), more.end());
}

inline ui::Fonts UiFonts(const platform::FontSet& s) { return ToUiFonts(s); }

// One atlas (the same object across builds, so an ImGui context can own it) and its shaper.
struct ShapedAtlas {
    std::unique_ptr<ImFontAtlas> atlas = std::make_unique<ImFontAtlas>();
    platform::FontSet set;
    platform::GlyphRequest request;
    ui::ShapedText shaped;
    float scale = 1.0f;  // the text size (1 = 100 %, 2 = 200 %)

    void Want(const std::string& text) {
        for (uint32_t cp : Decode(text)) request.codepoints.push_back(cp);
    }
    // Bakes what was asked for, shaped glyphs included; the shaper gets the new faces.
    bool Build(std::string* error) {
        Request(shaped.TakeRequests(), &request);
        if (!platform::BuildFontAtlas(atlas.get(), scale, request, &set, error)) return false;
        shaped.SetFaces(Faces(set));
        return true;
    }
};

}  // namespace lectern::test
