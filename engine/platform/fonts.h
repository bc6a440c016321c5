// Font lookup (fontconfig) and atlas building (imgui_freetype). Internal to the platform layer.
#pragma once

#include "platform/platform.h"

#include <string>

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

// Clears `atlas` and bakes every FontSet face at body size 18 px * pixel_scale; the caller
// uploads it. On failure (no usable font file) falls back to ImGui's built-in font for every
// face, says why in *error and returns false: the program stays usable. Touches no ImGui
// context, so it can run on another thread while the window opens.
bool BuildFontAtlas(ImFontAtlas* atlas, float pixel_scale, FontSet* fonts, std::string* error);

}  // namespace lectern::platform
