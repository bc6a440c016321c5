// Font lookup (fontconfig) and atlas building (imgui_freetype). Internal to the platform layer.
#pragma once

#include "platform/platform.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lectern::platform {

// A face on disk, plus what FreeType must fake when the family has no such style.
struct FontFile {
    std::string path;
    int index = 0;             // face index inside the file (TrueType collections)
    std::string family;        // the family fontconfig actually returned
    bool fake_bold = false;    // the family has no bold: embolden the regular face
    bool fake_italic = false;  // the family has no italic/oblique: slant the upright face
    bool found() const { return !path.empty(); }
};

// Looks up `family` (for example "DejaVu Serif") in the given style. fontconfig always answers
// with *some* font; the answer is accepted only if it is the family asked for, unless
// `accept_substitute` is set (used for generic names such as "serif"). When the family exists
// but lacks the style, the closest face comes back with fake_bold/fake_italic set.
FontFile FindFontFile(const std::string& family, bool bold, bool italic, bool accept_substitute);

// Releases fontconfig's process-wide configuration (FcFini), so leak checkers stay quiet.
// Call at shutdown, when no lookup or build is running; a later lookup initialises it again.
void ReleaseFontLookup();

// A font behind `face` and the characters it draws for it.
struct Fallback {
    FontFile file;
    std::vector<uint32_t> codepoints;
};
// The fallback chain for `face`: the installed fonts fontconfig ranks closest to it (family,
// weight, slant, then `lang`, BCP 47, which picks Chinese, Japanese or Korean Han shapes) that
// cover the characters the face lacks, each with the characters it is used for. Characters no
// font covers are in none. Used by BuildFontAtlas; public for tests.
std::vector<Fallback> FallbackFonts(const FontFile& face, bool bold, bool italic,
                                    const std::vector<uint32_t>& codepoints, const std::string& lang);

// True for the characters every face always holds (Latin, punctuation, the UI's symbols).
bool InBaseRanges(uint32_t cp);

// Makes the bidi controls (LRM, RLM, embeddings, overrides, isolates: the interface puts U+2068
// and U+2069 around the data in its sentences) empty glyphs of no advance in `font`, so Dear ImGui
// drawing text as it is shows nothing for them, never the placeholder or a control picture.
// BuildFontAtlas does it for every face, the built-in fallback font included; call
// font->BuildLookupTable() after.
void EmptyBidiControls(ImFont* font);

// Clears `atlas` and bakes every FontSet face at body size 18 px * pixel_scale; the caller
// uploads it. Each face holds the base ranges plus glyphs.codepoints, drawn by the face when
// it has them, else by fallback fonts fontconfig chooses by coverage (see GlyphRequest). A
// character no installed font has draws as a dotted square (U+2B1A), at any codepoint. On
// failure (no usable font file) falls back to ImGui's built-in font for every face, says why in *error and returns false: the program stays usable. Touches no ImGui
// context, so it can run on another thread while the window opens.
bool BuildFontAtlas(ImFontAtlas* atlas, float pixel_scale, const GlyphRequest& glyphs, FontSet* fonts,
                    std::string* error);

}  // namespace lectern::platform
