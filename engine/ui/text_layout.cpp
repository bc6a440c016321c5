#include "ui/text_layout.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <fribidi.h>
#include <hb-ft.h>
#include <hb.h>
#include <utf8proc.h>

#include <algorithm>
#include <cmath>

#include "course/ui_catalog.h"
#include "text/line_breaks.h"

namespace lectern::ui::text {

struct Shaper::Impl {
    FT_Library library = nullptr;
    std::vector<FT_Face> faces;       // null where a file would not open
    std::vector<hb_font_t*> fonts;    // HarfBuzz over the same FreeType face and size
    ~Impl() {
        for (hb_font_t* f : fonts)
            if (f) hb_font_destroy(f);
        for (FT_Face f : faces)
            if (f) FT_Done_Face(f);
        if (library) FT_Done_FreeType(library);
    }
};

Shaper::Shaper(std::vector<FontFace> fonts, float pixel_size) : m(std::make_unique<Impl>()) {
    if (FT_Init_FreeType(&m->library) != 0) {
        m->library = nullptr;
        return;
    }
    for (const FontFace& font : fonts) {
        FT_Face face = nullptr;
        if (FT_New_Face(m->library, font.path.c_str(), font.index, &face) != 0) face = nullptr;
        hb_font_t* hb = nullptr;
        if (face) {
            const float px = font.px > 0 ? font.px : pixel_size;
            if (font.real_dim) {
                FT_Size_RequestRec request{};
                request.type = FT_SIZE_REQUEST_TYPE_REAL_DIM;
                request.height = static_cast<FT_Long>(static_cast<uint32_t>(px)) * 64;  // as imgui_freetype
                FT_Request_Size(face, &request);
            } else {
                FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(std::lround(px)));
            }
            // Created after the size is set: hb_ft reads its scale from the FreeType size, so
            // HarfBuzz's advances are the ones FreeType would rasterise at.
            hb = hb_ft_font_create_referenced(face);
        }
        m->faces.push_back(face);
        m->fonts.push_back(hb);
    }
}

Shaper::~Shaper() = default;

bool Shaper::ok() const { return !m->faces.empty() && m->faces[0] && m->fonts[0]; }

namespace {

struct Item {
    size_t begin, end;  // codepoint indexes, logical order
    FriBidiLevel level;
    int font;
    std::vector<Glyph> glyphs;  // visual order within the item; cluster = codepoint index
};

}  // namespace

Paragraph Shaper::Lay(std::string_view utf8, const std::string& lang, Direction direction, float width) const {
    Paragraph out;
    if (!ok()) return out;

    // Codepoints and where each starts in the UTF-8 (an invalid byte counts as U+FFFD).
    std::vector<FriBidiChar> cps;
    std::vector<size_t> offset;
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
    for (size_t i = 0; i < utf8.size();) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(utf8.size() - i), &cp);
        if (n <= 0) {
            cp = 0xFFFD;
            n = 1;
        }
        cps.push_back(static_cast<FriBidiChar>(cp));
        offset.push_back(i);
        i += static_cast<size_t>(n);
    }
    offset.push_back(utf8.size());
    const size_t n = cps.size();
    if (n == 0) return out;

    // Embedding levels (UAX #9 P2-I2). The base direction: asked for, else the first strong
    // character, else the language.
    std::vector<FriBidiCharType> types(n);
    std::vector<FriBidiBracketType> brackets(n);
    std::vector<FriBidiLevel> levels(n);
    const auto len = static_cast<FriBidiStrIndex>(n);
    fribidi_get_bidi_types(cps.data(), len, types.data());
    fribidi_get_bracket_types(cps.data(), len, types.data(), brackets.data());
    FriBidiParType base = direction == Direction::RightToLeft   ? FRIBIDI_PAR_RTL
                          : direction == Direction::LeftToRight ? FRIBIDI_PAR_LTR
                                                                : FRIBIDI_PAR_ON;
    // Letters inside an isolate (the data in an interface sentence) do not count, as in rule P2.
    bool strong_outside_isolates = false;
    for (size_t i = 0, depth = 0; i < n && !strong_outside_isolates; ++i) {
        if (cps[i] >= 0x2066 && cps[i] <= 0x2068) ++depth;
        else if (cps[i] == 0x2069 && depth > 0) --depth;
        else strong_outside_isolates = depth == 0 && FRIBIDI_IS_LETTER(types[i]);
    }
    if (base == FRIBIDI_PAR_ON && !strong_outside_isolates) base = IsRightToLeftLanguage(lang) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (!fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &base, levels.data()))
        std::fill(levels.begin(), levels.end(), 0);
    out.right_to_left = FRIBIDI_IS_RTL(base);

    // Font and script per character. Spaces, punctuation and marks stay with the font and
    // script before them when that font has them, so runs do not split around every comma.
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    auto has = [&](int font, FriBidiChar cp) {
        return m->faces[static_cast<size_t>(font)] && FT_Get_Char_Index(m->faces[static_cast<size_t>(font)], cp) != 0;
    };
    std::vector<int> font(n, 0);
    std::vector<hb_script_t> script(n, HB_SCRIPT_COMMON);
    for (size_t i = 0; i < n; ++i) {
        const hb_script_t s = hb_unicode_script(unicode, cps[i]);
        const bool neutral = s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
        script[i] = neutral && i > 0 ? script[i - 1] : s;
        if (i > 0 && neutral && has(font[i - 1], cps[i])) {
            font[i] = font[i - 1];
            continue;
        }
        int chosen = -1;
        for (int f = 0; f < static_cast<int>(m->faces.size()) && chosen < 0; ++f)
            if (has(f, cps[i])) chosen = f;
        font[i] = chosen >= 0 ? chosen : (i > 0 ? font[i - 1] : 0);  // none: the font's .notdef
    }
    // Leading neutrals take the script of the first real one after them.
    size_t first_real = 0;
    while (first_real < n && (script[first_real] == HB_SCRIPT_COMMON || script[first_real] == HB_SCRIPT_INHERITED ||
                              script[first_real] == HB_SCRIPT_UNKNOWN))
        ++first_real;
    for (size_t i = 0; i < first_real && first_real < n; ++i) script[i] = script[first_real];

    // Items: level, font and script constant. Each is shaped in its own direction, with the
    // whole paragraph as context (so joining across an item boundary is seen).
    std::vector<Item> items;
    std::vector<float> advance(n, 0.0f);  // per codepoint: the advance of the glyphs it starts
    hb_buffer_t* buffer = hb_buffer_create();
    const hb_language_t language = lang.empty() ? hb_language_get_default() : hb_language_from_string(lang.c_str(), -1);
    for (size_t b = 0; b < n;) {
        size_t e = b + 1;
        while (e < n && levels[e] == levels[b] && font[e] == font[b] && script[e] == script[b]) ++e;
        Item item{b, e, levels[b], font[b], {}};
        hb_buffer_clear_contents(buffer);
        hb_buffer_add_utf32(buffer, cps.data(), static_cast<int>(n), static_cast<unsigned>(b), static_cast<int>(e - b));
        hb_buffer_set_direction(buffer, (levels[b] & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        hb_buffer_set_script(buffer, script[b]);
        hb_buffer_set_language(buffer, language);
        hb_shape(m->fonts[static_cast<size_t>(font[b])], buffer, nullptr, 0);
        unsigned count = 0;
        const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
        const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
        for (unsigned g = 0; g < count; ++g) {
            Glyph glyph;
            glyph.font = font[b];
            glyph.id = info[g].codepoint;
            glyph.x = pos[g].x_offset / 64.0f;
            glyph.x_offset = glyph.x;
            glyph.y = -pos[g].y_offset / 64.0f;
            glyph.advance = pos[g].x_advance / 64.0f;
            glyph.cluster = info[g].cluster;
            advance[info[g].cluster] += glyph.advance;
            item.glyphs.push_back(glyph);
        }
        items.push_back(std::move(item));
        b = e;
    }
    hb_buffer_destroy(buffer);

    // Lines: segments from one break opportunity to the next, placed greedily by their shaped
    // advance; spaces at a segment's end hang past the line's edge.
    const std::vector<LineBreak> breaks = FindLineBreaks(utf8, lang);
    auto space = [&](size_t i) { return types[i] == FRIBIDI_TYPE_WS || cps[i] == 0x200B; };
    std::vector<std::pair<size_t, size_t>> lines;  // codepoint ranges, trailing spaces included
    size_t line_begin = 0;
    float x = 0;
    for (size_t s = 0; s < n;) {
        size_t e = s;
        while (e < n && breaks[offset[e + 1] - 1] == LineBreak::None) ++e;
        e = std::min(e + 1, n);
        size_t content = e;
        while (content > s && space(content - 1)) --content;
        float content_width = 0, total = 0;
        for (size_t i = s; i < e; ++i) (i < content ? content_width : total) += advance[i];
        total += content_width;
        if (s > line_begin && x + content_width > width) {
            lines.push_back({line_begin, s});
            line_begin = s;
            x = 0;
        }
        x += total;
        if (breaks[offset[e] - 1] == LineBreak::Must && e < n) {
            lines.push_back({line_begin, e});
            line_begin = e;
            x = 0;
        }
        s = e;
    }
    lines.push_back({line_begin, n});

    for (const auto& [lb, le] : lines) {
        size_t visible_end = le;
        while (visible_end > lb && space(visible_end - 1)) --visible_end;
        // The items on this line, clipped, in logical order.
        struct Run {
            FriBidiLevel level;
            std::vector<Glyph> glyphs;
        };
        std::vector<Run> runs;
        for (const Item& item : items) {
            if (item.end <= lb || item.begin >= visible_end) continue;
            Run run{item.level, {}};
            for (const Glyph& g : item.glyphs)
                if (g.cluster >= lb && g.cluster < visible_end) run.glyphs.push_back(g);
            if (!run.glyphs.empty()) runs.push_back(std::move(run));
        }
        ReorderRuns(runs);  // rule L2
        Line line;
        line.begin = offset[lb];
        line.end = offset[le];
        float pen = 0;
        for (const Run& r : runs) {
            for (Glyph g : r.glyphs) {
                g.x += pen;
                pen += g.advance;
                g.cluster = offset[g.cluster];
                line.glyphs.push_back(g);
            }
        }
        line.width = pen;
        if (out.right_to_left) {
            for (Glyph& g : line.glyphs) g.x += width - pen;
        }
        out.lines.push_back(std::move(line));
    }
    return out;
}

}  // namespace lectern::ui::text
