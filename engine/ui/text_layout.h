// Shaped, bidirectional paragraph layout with no ImGui in its interface: a paragraph in logical
// order goes in, lines of positioned glyph ids come out. FriBidi finds the embedding levels
// (UAX #9), text is split into runs by level, script and the font that covers it, each run is
// shaped by HarfBuzz through hb_ft (so its scale is FreeType's pixel size), lines break at
// UAX #14 opportunities (Thai by dictionary, text/line_breaks.h) on shaped advances, and the
// runs of each line are reordered (rule L2). Glyphs are ids in their font, not codepoints:
// ligatures and Arabic contextual forms have no codepoint.
//
// The player draws its output through ui/shaped_text.h (glyphs baked into the font atlas under
// private-use codepoints). Tests check it against HarfBuzz and FriBidi.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lectern::ui::text {

enum class Direction { Auto, LeftToRight, RightToLeft };

struct FontFace {
    std::string path;
    int index = 0;        // face in a collection
    float px = 0;         // its size; 0: the Shaper's pixel_size
    // Sized as imgui_freetype sizes atlas fonts (FT_SIZE_REQUEST_TYPE_REAL_DIM: ascender to
    // descender is px), so shaped glyphs match the atlas's; otherwise px is the em size.
    bool real_dim = false;
    // What the rasteriser must fake (the family has no such face); shaping ignores them.
    bool fake_bold = false, fake_italic = false;
};

struct Glyph {
    int font = 0;       // index into the Shaper's fonts
    unsigned id = 0;    // glyph id in that font
    float x = 0;        // pen position of the glyph's origin on its line, pixels from the left
    float y = 0;        // offset from the baseline (HarfBuzz's y offset, down positive)
    float x_offset = 0; // HarfBuzz's x offset alone (x includes it)
    float advance = 0;
    size_t cluster = 0;  // byte offset in the paragraph of the first character it draws
};

struct Line {
    std::vector<Glyph> glyphs;  // in visual order, left to right
    float width = 0;            // advance of the glyphs (no trailing spaces)
    size_t begin = 0, end = 0;  // the bytes of the paragraph it holds (logical order)
};

struct Paragraph {
    std::vector<Line> lines;
    bool right_to_left = false;  // the resolved base direction: align lines to the right
};

// Rule L2 of UAX #9 on runs of one line in logical order, each with an embedding `level`
// member: from the highest level down to the lowest odd one, every sequence of runs at that
// level or higher is reversed. What is inside a run must already be in visual order (HarfBuzz
// outputs a right-to-left run's glyphs so).
template <class Run>
void ReorderRuns(std::vector<Run>& runs) {
    int highest = 0, lowest_odd = 255;
    for (const Run& r : runs) {
        highest = std::max(highest, static_cast<int>(r.level));
        if (r.level & 1) lowest_odd = std::min(lowest_odd, static_cast<int>(r.level));
    }
    for (int level = highest; level >= lowest_odd && level > 0; --level) {
        for (size_t i = 0; i < runs.size();) {
            if (static_cast<int>(runs[i].level) < level) {
                ++i;
                continue;
            }
            size_t j = i;
            while (j < runs.size() && static_cast<int>(runs[j].level) >= level) ++j;
            std::reverse(runs.begin() + static_cast<long>(i), runs.begin() + static_cast<long>(j));
            i = j;
        }
    }
}

class Shaper {
public:
    // `fonts`: the reading font first, then fallbacks in order of preference; each character
    // is drawn by the first that has it. `pixel_size`: the em size in pixels.
    Shaper(std::vector<FontFace> fonts, float pixel_size);
    ~Shaper();
    Shaper(const Shaper&) = delete;
    Shaper& operator=(const Shaper&) = delete;
    bool ok() const;  // at least the first font opened

    // Lays out one paragraph of UTF-8 text in `width` pixels. `lang` (BCP 47) guides shaping
    // and, with Direction::Auto, the base direction when the text has no strong character
    // (otherwise the first strong character decides, rule P2). Right-to-left lines have their
    // glyph x positions aligned to the right edge at `width`.
    Paragraph Lay(std::string_view utf8, const std::string& lang, Direction direction, float width) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace lectern::ui::text
