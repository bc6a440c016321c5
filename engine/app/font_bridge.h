// The platform's fonts and the UI's view of them: the two layers share no header, so the app
// (and the tests that build a real atlas) copy between them with these.
#pragma once

#include <vector>

#include "platform/platform.h"
#include "ui/shaped_text.h"
#include "ui/ui.h"

namespace lectern {

inline ui::Fonts ToUiFonts(const platform::FontSet& s) {
    ui::Fonts f;
    f.body = s.body;
    f.bold = s.bold;
    f.italic = s.italic;
    f.bold_italic = s.bold_italic;
    f.heading1 = s.heading1;
    f.heading2 = s.heading2;
    f.heading3 = s.heading3;
    f.ui = s.ui;
    f.ui_bold = s.ui_bold;
    f.small = s.small;
    f.body_px = s.body_px;
    return f;
}

// A file as the shaper opens it: sized as imgui_freetype sizes atlas fonts (REAL_DIM).
inline ui::text::FontFace ToFontFace(const platform::FaceFile& file) {
    ui::text::FontFace ff;
    ff.path = file.path;
    ff.index = file.index;
    ff.px = file.px;
    ff.real_dim = true;
    ff.fake_bold = file.fake_bold;
    ff.fake_italic = file.fake_italic;
    return ff;
}

// The atlas's faces and their files, for the shaper (ui/shaped_text.h), and the glyphs it asks for
// back to the platform.
inline std::vector<ui::ShapingFace> ToShapingFaces(const platform::FontSet& s) {
    std::vector<ui::ShapingFace> faces;
    for (const platform::FontSet::Face& f : s.faces) {
        ui::ShapingFace face;
        face.font = f.font;
        for (const platform::FaceFile& file : f.files) face.files.push_back(ToFontFace(file));
        faces.push_back(std::move(face));
    }
    return faces;
}

inline std::vector<platform::ShapedGlyphRequest> ToGlyphRequests(const std::vector<ui::ShapedGlyph>& glyphs) {
    std::vector<platform::ShapedGlyphRequest> out;
    for (const ui::ShapedGlyph& g : glyphs) {
        platform::ShapedGlyphRequest r;
        r.face = g.face;
        r.codepoint = g.codepoint;
        r.file = {g.file.path, g.file.index, g.file.px, g.file.fake_bold, g.file.fake_italic};
        r.glyph_id = g.glyph_id;
        r.x_offset = g.x_offset;
        r.y_offset = g.y_offset;
        r.advance = g.advance;
        out.push_back(std::move(r));
    }
    return out;
}

// The fonts of a passage's language for the shaper (ShapedText::SetLanguageFonts), from `fonts`
// as they are when asked (the atlas is rebuilt with the text size).
inline ui::ShapedText::LanguageFonts LanguageFontsOf(const platform::FontSet* fonts) {
    return [fonts](int face, const std::vector<uint32_t>& codepoints, const std::string& lang) {
        std::vector<ui::text::FontFace> out;
        for (const platform::FaceFile& file : platform::LanguageFallbacks(*fonts, face, codepoints, lang))
            out.push_back(ToFontFace(file));
        return out;
    };
}

}  // namespace lectern
