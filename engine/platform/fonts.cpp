#include "platform/fonts.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SYNTHESIS_H
#include <imgui_freetype.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "os/files.h"

#include "os/system.h"

namespace lectern::platform {

namespace {

// Every face gets the same ranges: Latin for Western and Central European languages, the
// punctuation of careful typesetting (spaces, en/em dashes, curly quotes, bullets, ellipsis,
// which ImGui also uses for clipped text), and the few symbols screens use. Chosen narrowly:
// each range is rasterised for ten faces, and the atlas build is part of start-up time (the
// whole of Latin Extended-B and the shape block doubled it). A face's missing glyphs are
// filled from kSymbolRanges of the sans face (DejaVu Serif has no check marks or ballot
// boxes). Static: ImGui keeps a pointer to the ranges.
const ImWchar kTextRanges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1 Supplement (section sign, guillemets, no-break space)
    0x0100, 0x017F,  // Latin Extended-A
    0x0218, 0x021B,  // Romanian S and T with comma below
    0x2000, 0x206F,  // General Punctuation: spaces, dashes, quotes, bullets, ellipsis, per mille
    0x20AC, 0x20AC,  // euro
    0x2122, 0x2122,  // trade mark
    0x2190, 0x2193,  // arrows
    0x2212, 0x2212,  // minus sign
    0x2248, 0x2248,  // almost equal
    0x2260, 0x2265,  // not equal, less/greater or equal
    0x25A0, 0x25A1,  // squares
    0x25B2, 0x25B2,  // triangles (up, right, down, left)
    0x25B6, 0x25B6, 0x25BC, 0x25BC, 0x25C0, 0x25C0, 0x25CB, 0x25CB,  // circles (empty, full)
    0x25CF, 0x25CF, 0x2610, 0x2612,                                  // ballot boxes
    0x2713, 0x2717,                                                  // check marks and crosses
    0x2B1A, 0x2B1A,  // dotted square: the placeholder for a character no font can draw
    0xFFFD, 0xFFFD,  // replacement character (drawn as the placeholder, see kPlaceholder)
    0,
};
const ImWchar kSymbolRanges[] = {
    0x2190, 0x2193, 0x25A0, 0x25A1, 0x25B2, 0x25B2, 0x25B6, 0x25B6, 0x25BC, 0x25BC, 0x25C0, 0x25C0,
    0x25CB, 0x25CB, 0x25CF, 0x25CF, 0x2610, 0x2612, 0x2713, 0x2717, 0x2B1A, 0x2B1A, 0xFFFD, 0xFFFD, 0,
};

// What a character with no glyph looks like: a dotted square, documented for authors and
// learners (README), never the "�" that reads as broken text. Characters above U+FFFF are baked
// like any other (ImWchar is 32-bit: tools/cmake/imgui/lectern_imconfig.h).
constexpr ImWchar kPlaceholder = 0x2B1A;

// The body text is set at 18 px (at text scale 1 on a 1.0 monitor): a comfortable size for an
// hour of reading at laptop distance. Others are relative to it.
constexpr float kBodyPx = 18.0f;
constexpr float kHeading1 = 1.6f;
constexpr float kHeading2 = 1.3f;
constexpr float kHeading3 = 1.12f;
constexpr float kUi = 0.9f;
constexpr float kSmall = 0.85f;

// The font files, each mapped once and shared by every face cut from it (DejaVu Sans Bold
// serves five), instead of ImGui's private copy per face. Only needed while the atlas is built.
class FontFiles {
public:
    FontFiles() = default;
    FontFiles(const FontFiles&) = delete;
    FontFiles& operator=(const FontFiles&) = delete;
    // The file's bytes, or nullptr if it cannot be read (ImGui's own loader would assert).
    void* Get(const std::string& path, size_t* size) {
        std::unique_ptr<os::MappedFile>& mapping = m_files[path];
        if (!mapping) mapping = std::make_unique<os::MappedFile>(path);
        *size = mapping->size();
        return mapping->data();
    }

private:
    std::map<std::string, std::unique_ptr<os::MappedFile>> m_files;
};

// A font that draws some of the extra characters a face lacks, and which ones.
struct Merge {
    FontFile file;
    std::vector<ImWchar> ranges;  // ImGui's format: pairs, then 0
};

// ImGui's range format for a sorted list of code points: consecutive ones share a pair.
std::vector<ImWchar> ToRanges(const std::vector<uint32_t>& sorted) {
    std::vector<ImWchar> ranges;
    for (size_t i = 0; i < sorted.size();) {
        size_t j = i;
        while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1) ++j;
        ranges.push_back(static_cast<ImWchar>(sorted[i]));
        ranges.push_back(static_cast<ImWchar>(sorted[j]));
        i = j + 1;
    }
    ranges.push_back(0);
    return ranges;
}

// The per-script fallback chain behind the reading fonts: for a face and the characters the
// text needs beyond the base ranges, fontconfig sorts every installed font by closeness to the
// face (family, weight, slant, language) and the first fonts that cover each character are
// merged behind it. Sorting is the slow part (every font on the system), so it runs once per
// style and only when there are extra characters at all.
class FallbackChains {
public:
    FallbackChains(std::vector<uint32_t> extra, std::string lang)
        : m_extra(std::move(extra)), m_lang(std::move(lang)) {
        // fontconfig writes languages in lower case ("zh-cn"); BCP 47 is case-insensitive.
        for (char& c : m_lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    FallbackChains(const FallbackChains&) = delete;
    FallbackChains& operator=(const FallbackChains&) = delete;
    ~FallbackChains() {
        for (auto& entry : m_sorted) {
            if (entry.second) FcFontSetDestroy(entry.second);
        }
        for (auto& entry : m_faces) {
            if (entry.second) FcCharSetDestroy(entry.second);
        }
    }

    // Fallbacks are ranked per weight only: an upright fallback serves an italic face too.
    std::vector<Merge> For(const FontFile& face, bool bold, bool /*italic*/) {
        std::vector<Merge> merges;
        if (m_extra.empty() || !(os::PrepareFontLookup(), FcInit())) return merges;
        FcFontSet* set = Sorted(bold);
        if (!set) return merges;
        // What the face draws itself is not looked for elsewhere.
        std::vector<uint32_t> left;
        FcCharSet* own = FaceCharSet(face);
        for (uint32_t cp : m_extra)
            if (!own || !FcCharSetHasChar(own, cp)) left.push_back(cp);
        for (int i = 0; i < set->nfont && !left.empty(); ++i) {
            FcPattern* font = set->fonts[i];
            FcChar8* file = nullptr;
            FcCharSet* charset = nullptr;
            int index = 0;
            if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch ||
                FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch)
                continue;
            FcPatternGetInteger(font, FC_INDEX, 0, &index);
            FcChar8* family = nullptr;
            FcPatternGetString(font, FC_FAMILY, 0, &family);
            const std::string path = reinterpret_cast<const char*>(file);
            std::vector<uint32_t> covered, rest;
            for (uint32_t cp : left) (FcCharSetHasChar(charset, cp) ? covered : rest).push_back(cp);
            if (covered.empty()) continue;
            left.swap(rest);
            // The face itself was given every extra character; it draws its own.
            if (path == face.path && index == face.index) continue;
            Merge merge;
            merge.file.path = path;
            merge.file.index = index;
            if (family) merge.file.family = reinterpret_cast<const char*>(family);
            merge.ranges = ToRanges(covered);
            merges.push_back(std::move(merge));
        }
        return merges;
    }

    const std::vector<uint32_t>& Extra() const { return m_extra; }

private:
    // The face's coverage, from fontconfig's cache (no font file is read).
    FcCharSet* FaceCharSet(const FontFile& face) {
        const std::string key = face.path + "#" + std::to_string(face.index);
        auto found = m_faces.find(key);
        if (found != m_faces.end()) return found->second;
        FcPattern* pattern = FcPatternCreate();
        FcPatternAddString(pattern, FC_FILE, reinterpret_cast<const FcChar8*>(face.path.c_str()));
        FcPatternAddInteger(pattern, FC_INDEX, face.index);
        FcObjectSet* objects = FcObjectSetBuild(FC_CHARSET, nullptr);
        FcFontSet* list = FcFontList(nullptr, pattern, objects);
        FcObjectSetDestroy(objects);
        FcPatternDestroy(pattern);
        FcCharSet* charset = nullptr;
        FcCharSet* found_set = nullptr;
        if (list && list->nfont > 0 && FcPatternGetCharSet(list->fonts[0], FC_CHARSET, 0, &found_set) == FcResultMatch)
            charset = FcCharSetCopy(found_set);
        if (list) FcFontSetDestroy(list);
        m_faces[key] = charset;
        return charset;
    }

    // One ranking per weight, from the sans family: sorting every installed font is the slow
    // part (a second or more with Noto installed), and a serif fallback for Han or Thai would
    // only double the font files read. Italic has no meaning for most fallback scripts.
    FcFontSet* Sorted(bool bold) {
        const std::string key = bold ? "bold" : "regular";
        auto found = m_sorted.find(key);
        if (found != m_sorted.end()) return found->second;
        FcPattern* pattern = FcPatternCreate();
        FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(m_family.c_str()));
        FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
        FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
        FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
        // The language picks among fonts that cover the same characters: Han characters look
        // different in Chinese, Japanese and Korean type.
        if (!m_lang.empty())
            FcPatternAddString(pattern, FC_LANG, reinterpret_cast<const FcChar8*>(m_lang.c_str()));
        FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
        FcDefaultSubstitute(pattern);
        FcResult result = FcResultNoMatch;
        FcFontSet* set = FcFontSort(nullptr, pattern, FcTrue, nullptr, &result);
        FcPatternDestroy(pattern);
        m_sorted[key] = set;
        return set;
    }

    std::vector<uint32_t> m_extra;
    std::string m_lang;
    std::string m_family = "DejaVu Sans";
    std::map<std::string, FcFontSet*> m_sorted;
    std::map<std::string, FcCharSet*> m_faces;
};

// imgui_freetype sizes a font so that ascender + descender fill the pixel size, and fonts
// differ there: Noto Sans CJK's are 1.45 em, DejaVu's 1.16, so CJK, Thai or Devanagari merged
// at the face's size would come out a fifth smaller than the Latin beside them. This is each
// file's (ascender - descender) / em, cached per face, to give a fallback the face's em size.
class Metrics {
public:
    Metrics() { m_ok = FT_Init_FreeType(&m_library) == 0; }
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;
    ~Metrics() {
        if (m_ok) FT_Done_FreeType(m_library);
    }
    float HeightPerEm(FontFiles* files, const FontFile& file) {
        const std::string key = file.path + "#" + std::to_string(file.index);
        auto found = m_cache.find(key);
        if (found != m_cache.end()) return found->second;
        float ratio = 0.0f;
        size_t size = 0;
        void* data = files->Get(file.path, &size);
        FT_Face face = nullptr;
        if (m_ok && data &&
            FT_New_Memory_Face(m_library, static_cast<const FT_Byte*>(data), static_cast<FT_Long>(size),
                               file.index, &face) == 0) {
            if (face->units_per_EM > 0 && face->ascender - face->descender > 0)
                ratio = static_cast<float>(face->ascender - face->descender) / face->units_per_EM;
            FT_Done_Face(face);
        }
        m_cache[key] = ratio;
        return ratio;
    }

private:
    FT_Library m_library = nullptr;
    bool m_ok = false;
    std::map<std::string, float> m_cache;
};

// One face at one size: the base ranges plus the extra characters, the symbols it lacks merged
// in from `symbols`, then the fallback fonts for the extra characters it cannot draw.
// `storage` keeps the range lists alive until the atlas is built (ImGui keeps pointers).
ImFont* AddFace(ImFontAtlas* atlas, FontFiles* files, FallbackChains* chains, Metrics* metrics,
                std::vector<std::vector<ImWchar>>* storage, const FontFile& face,
                const FontFile& symbols, bool bold, bool italic, float px, const char* name,
                std::vector<FaceFile>* baked) {
    auto add = [&](const FontFile& file, const ImWchar* ranges, bool merge, float px) -> ImFont* {
        size_t size = 0;
        void* data = files->Get(file.path, &size);
        if (!data) return nullptr;
        baked->push_back({file.path, file.index, px, file.fake_bold, file.fake_italic});
        ImFontConfig config;
        // ImGui 1.86 copies font data it does not own (20 MB per face for a CJK collection):
        // say it owns the mapping so it takes the pointer, then take ownership back below so
        // it never frees memory FontFiles mapped.
        config.FontDataOwnedByAtlas = true;
        // FreeType renders hinted glyphs at the exact size; oversampling is for stb_truetype.
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;  // whole-pixel glyph positions keep hinted stems sharp
        config.MergeMode = merge;
        config.FontNo = file.index;
        config.FontBuilderFlags = (file.fake_bold ? ImGuiFreeTypeBuilderFlags_Bold : 0) |
                                  (file.fake_italic ? ImGuiFreeTypeBuilderFlags_Oblique : 0);
        std::snprintf(config.Name, sizeof(config.Name), "%s, %.0fpx", name, px);
        ImFont* font = atlas->AddFontFromMemoryTTF(data, static_cast<int>(size), px, &config, ranges);
        atlas->ConfigData.back().FontDataOwnedByAtlas = false;  // mapped by FontFiles
        return font;
    };
    const ImWchar* ranges = kTextRanges;
    if (!chains->Extra().empty()) {
        // The face's own glyphs come first for every character it has; ImGui's builder skips
        // those a font lacks, and a later merge never replaces a glyph already found.
        std::vector<ImWchar> own(kTextRanges, kTextRanges + sizeof(kTextRanges) / sizeof(ImWchar) - 1);
        std::vector<ImWchar> extra = ToRanges(chains->Extra());
        own.insert(own.end(), extra.begin(), extra.end());
        storage->push_back(std::move(own));
        ranges = storage->back().data();
    }
    ImFont* font = add(face, ranges, false, px);
    if (!font) return nullptr;
    if (symbols.found() && symbols.path != face.path) add(symbols, kSymbolRanges, true, px);
    std::vector<Merge> merges = chains->For(face, bold, italic);
    const float face_ratio = merges.empty() ? 0.0f : metrics->HeightPerEm(files, face);
    for (Merge& merge : merges) {
        storage->push_back(std::move(merge.ranges));
        const float ratio = metrics->HeightPerEm(files, merge.file);
        // Same em size as the face (whole pixels: hinting wants them), within reason.
        const float scaled = face_ratio > 0 && ratio > 0 ? std::round(px * ratio / face_ratio) : px;
        add(merge.file, storage->back().data(), true, std::clamp(scaled, px * 0.75f, px * 1.5f));
    }
    return font;
}

// Glyphs of shaped text (ShapedGlyphRequest), rasterised by FreeType exactly as imgui_freetype
// rasterises the atlas's own (REAL_DIM size, default hinting, its fake bold and oblique), added
// as custom glyphs before the atlas is built and copied into its pixels after.
class ShapedGlyphBaker {
public:
    ShapedGlyphBaker() { m_ok = FT_Init_FreeType(&m_library) == 0; }
    ~ShapedGlyphBaker() {
        for (auto& [key, face] : m_faces)
            if (face) FT_Done_Face(face);
        if (m_ok) FT_Done_FreeType(m_library);
    }
    ShapedGlyphBaker(const ShapedGlyphBaker&) = delete;
    ShapedGlyphBaker& operator=(const ShapedGlyphBaker&) = delete;

    void Add(ImFontAtlas* atlas, const std::vector<FontSet::Face>& faces, const std::vector<ShapedGlyphRequest>& glyphs) {
        for (const ShapedGlyphRequest& g : glyphs) {
            if (g.face < 0 || static_cast<size_t>(g.face) >= faces.size()) continue;
            const FontSet::Face& into = faces[static_cast<size_t>(g.face)];
            if (!into.font || into.files.empty()) continue;
            FT_Face face = Face(g.file);
            FT_Face own = Face(into.files.front());
            if (!face || !own) continue;
            Bitmap bitmap;
            FT_Int32 flags = FT_LOAD_NO_BITMAP | FT_LOAD_TARGET_NORMAL;
            if (FT_Load_Glyph(face, g.glyph_id, flags) == 0) {
                if (g.file.fake_bold) FT_GlyphSlot_Embolden(face->glyph);
                if (g.file.fake_italic) FT_GlyphSlot_Oblique(face->glyph);
                if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) == 0) {
                    const FT_Bitmap& b = face->glyph->bitmap;
                    bitmap.width = static_cast<int>(b.width);
                    bitmap.height = static_cast<int>(b.rows);
                    bitmap.left = face->glyph->bitmap_left;
                    bitmap.top = face->glyph->bitmap_top;
                    bitmap.pixels.resize(static_cast<size_t>(bitmap.width) * static_cast<size_t>(bitmap.height));
                    for (int y = 0; y < bitmap.height; ++y)
                        std::memcpy(&bitmap.pixels[static_cast<size_t>(y * bitmap.width)], b.buffer + y * b.pitch,
                                    static_cast<size_t>(bitmap.width));
                }
            }
            // The baseline sits at the face's rounded ascender from the line's top, as
            // imgui_freetype places its own glyphs (merged fonts included).
            const float ascent = std::round(static_cast<float>((own->size->metrics.ascender + 63) >> 6));
            // ImGui packs custom rects edge to edge: a blank pixel around each keeps a neighbour's
            // ink out when the glyph lands between pixels (its advance is fractional).
            const int w = bitmap.width + 2, h = bitmap.height + 2;
            const int rect = atlas->AddCustomRectFontGlyph(
                into.font, static_cast<ImWchar>(g.codepoint), w, h, g.advance,
                ImVec2(static_cast<float>(bitmap.left - 1) + g.x_offset, ascent - static_cast<float>(bitmap.top + 1) + g.y_offset));
            m_pending.emplace_back(rect, std::move(bitmap));
        }
    }

    // After the build: the bitmaps into the atlas's pixels.
    void Blit(ImFontAtlas* atlas) {
        if (!atlas->TexPixelsAlpha8) return;
        for (const auto& [rect, bitmap] : m_pending) {
            const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(rect);
            if (!r || !r->IsPacked()) continue;
            // A glyph with no ink (a space, a bidi isolate HarfBuzz gave the space glyph) only
            // advances, as Dear ImGui's own spaces do: drawn, its tiny quad would sample the
            // atlas around it and leave a grey dot on the baseline.
            if ((bitmap.width == 0 || bitmap.height == 0) && r->Font) {
                ImFont* font = r->Font;
                const auto cp = static_cast<size_t>(r->GlyphID);
                const auto index = cp < static_cast<size_t>(font->IndexLookup.Size) ? static_cast<size_t>(font->IndexLookup[static_cast<int>(cp)]) : SIZE_MAX;
                if (index < static_cast<size_t>(font->Glyphs.Size)) font->Glyphs[static_cast<int>(index)].Visible = 0;
            }
            for (int y = 0; y < r->Height; ++y)  // the blank border too: the texture may hold old pixels
                std::memset(atlas->TexPixelsAlpha8 + (r->Y + y) * atlas->TexWidth + r->X, 0, r->Width);
            for (int y = 0; y < bitmap.height && y + 2 <= r->Height; ++y)
                std::memcpy(atlas->TexPixelsAlpha8 + (r->Y + y + 1) * atlas->TexWidth + r->X + 1,
                            &bitmap.pixels[static_cast<size_t>(y * bitmap.width)],
                            static_cast<size_t>(std::min<int>(bitmap.width, r->Width - 2)));
        }
    }

private:
    struct Bitmap {
        int width = 0, height = 0, left = 0, top = 0;
        std::vector<unsigned char> pixels;
    };
    FT_Face Face(const FaceFile& file) {
        const std::string key = file.path + '\0' + std::to_string(file.index) + '\0' + std::to_string(file.px);
        auto it = m_faces.find(key);
        if (it != m_faces.end()) return it->second;
        FT_Face face = nullptr;
        if (!m_ok || FT_New_Face(m_library, file.path.c_str(), file.index, &face) != 0) face = nullptr;
        if (face) {
            FT_Size_RequestRec request{};
            request.type = FT_SIZE_REQUEST_TYPE_REAL_DIM;
            request.height = static_cast<FT_Long>(static_cast<uint32_t>(file.px)) * 64;
            FT_Request_Size(face, &request);
        }
        m_faces[key] = face;
        return face;
    }
    FT_Library m_library = nullptr;
    bool m_ok = false;
    std::map<std::string, FT_Face> m_faces;
    std::vector<std::pair<int, Bitmap>> m_pending;
};


// After the build: every character without a glyph, and U+FFFD, draw as the placeholder.
void UsePlaceholder(ImFont* font) {
    if (!font) return;
    EmptyBidiControls(font);
    if (!font->FindGlyphNoFallback(kPlaceholder)) {
        font->BuildLookupTable();
        return;
    }
    font->FallbackChar = kPlaceholder;
    font->BuildLookupTable();
    font->AddRemapChar(0xFFFD, kPlaceholder);
}

// A family can carry several names (localised, or "DejaVu Sans" + "DejaVu Sans Condensed").
bool HasFamily(FcPattern* pattern, const std::string& family) {
    FcChar8* name = nullptr;
    for (int i = 0; FcPatternGetString(pattern, FC_FAMILY, i, &name) == FcResultMatch; ++i) {
        if (FcStrCmpIgnoreCase(name, reinterpret_cast<const FcChar8*>(family.c_str())) == 0) return true;
    }
    return false;
}

}  // namespace

FontFile FindFontFile(const std::string& family, bool bold, bool italic, bool accept_substitute) {
    FontFile result;
    // FcInit is idempotent and cheap after the first call; without it FcFontMatch would
    // initialise implicitly, but an explicit failure here is easier to report.
    if (!(os::PrepareFontLookup(), FcInit())) return result;

    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    // Normal width: DejaVu also ships Condensed faces under the same family name.
    FcPatternAddInteger(pattern, FC_WIDTH, FC_WIDTH_NORMAL);
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);  // FreeType needs outlines, not bitmaps
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);

    FcResult match_result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pattern, &match_result);
    FcPatternDestroy(pattern);
    if (!match) return result;

    FcChar8* file = nullptr;
    int index = 0;
    int weight = FC_WEIGHT_REGULAR;
    int slant = FC_SLANT_ROMAN;
    FcChar8* found_family = nullptr;
    bool usable = FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
                  (accept_substitute || HasFamily(match, family)) &&
                  os::Readable(std::string(reinterpret_cast<const char*>(file)));
    if (usable) {
        FcPatternGetInteger(match, FC_INDEX, 0, &index);
        FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
        FcPatternGetInteger(match, FC_SLANT, 0, &slant);
        FcPatternGetString(match, FC_FAMILY, 0, &found_family);
        result.path = reinterpret_cast<const char*>(file);
        result.index = index;
        result.family = found_family ? reinterpret_cast<const char*>(found_family) : family;
        // fontconfig returns the nearest style when the exact one is missing: say what to fake.
        result.fake_bold = bold && weight < FC_WEIGHT_DEMIBOLD;
        result.fake_italic = italic && slant == FC_SLANT_ROMAN;
    }
    FcPatternDestroy(match);
    return result;
}

void ReleaseFontLookup() { FcFini(); }

std::vector<Fallback> FallbackFonts(const FontFile& face, bool bold, bool italic,
                                    const std::vector<uint32_t>& codepoints, const std::string& lang) {
    FallbackChains chains(codepoints, lang);
    std::vector<Fallback> out;
    for (Merge& merge : chains.For(face, bold, italic)) {
        Fallback f;
        f.file = merge.file;
        for (size_t i = 0; i + 1 < merge.ranges.size(); i += 2)
            for (uint32_t cp = merge.ranges[i]; cp <= merge.ranges[i + 1]; ++cp) f.codepoints.push_back(cp);
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<FaceFile> LanguageFallbacks(const FontSet& set, int face, const std::vector<uint32_t>& codepoints,
                                        const std::string& lang) {
    std::vector<FaceFile> out;
    if (face < 0 || static_cast<size_t>(face) >= set.faces.size() || set.faces[static_cast<size_t>(face)].files.empty())
        return out;
    const FaceFile& own = set.faces[static_cast<size_t>(face)].files.front();
    // Bold faces: ui bold, bold, bold italic, the headings (FontSet::faces order).
    const bool bold = face == 1 || face == 3 || face == 5 || (face >= 6 && face <= 8);
    const bool italic = face == 4 || face == 5;
    FontFile primary;
    primary.path = own.path;
    primary.index = own.index;
    FallbackChains chains(codepoints, lang);
    FontFiles files;
    Metrics metrics;
    const float own_ratio = metrics.HeightPerEm(&files, primary);
    for (Merge& merge : chains.For(primary, bold, italic)) {
        const float ratio = metrics.HeightPerEm(&files, merge.file);
        // As AddFace sizes a merged fallback: the face's em size, in whole pixels.
        const float scaled = own_ratio > 0 && ratio > 0 ? std::round(own.px * ratio / own_ratio) : own.px;
        out.push_back({merge.file.path, merge.file.index, std::clamp(scaled, own.px * 0.75f, own.px * 1.5f), false, false});
    }
    return out;
}

bool InBaseRanges(uint32_t cp) {
    for (const ImWchar* r = kTextRanges; r[0] != 0; r += 2) {
        if (cp >= r[0] && cp <= r[1]) return true;
    }
    return false;
}

void EmptyBidiControls(ImFont* font) {
    static const ImWchar controls[] = {0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069};
    for (const ImWchar c : controls) {
        bool found = false;
        for (ImFontGlyph& g : font->Glyphs) {
            if (g.Codepoint != c) continue;
            g.Visible = false;
            g.AdvanceX = 0;
            g.X1 = g.X0;
            found = true;
        }
        if (!found) font->AddGlyph(nullptr, c, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}

bool BuildFontAtlas(ImFontAtlas* atlas, float pixel_scale, const GlyphRequest& glyphs, FontSet* fonts,
                    std::string* error) {
    atlas->Clear();
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas->FontBuilderFlags = 0;  // the fonts' own hinting: DejaVu is well hinted
    // Software cursors are never drawn (io.MouseDrawCursor stays false).
    atlas->Flags |= ImFontAtlasFlags_NoMouseCursors;

    // Serif for reading (long passages), sans for the interface and headings. Generic names
    // are the fallback when DejaVu is not installed; fontconfig then picks the system's choice.
    auto find = [](const char* family, const char* generic, bool bold, bool italic) {
        FontFile file = FindFontFile(family, bold, italic, false);
        if (!file.found()) file = FindFontFile(generic, bold, italic, true);
        return file;
    };
    const FontFile serif = find("DejaVu Serif", "serif", false, false);
    const FontFile serif_bold = find("DejaVu Serif", "serif", true, false);
    const FontFile serif_italic = find("DejaVu Serif", "serif", false, true);
    const FontFile serif_bold_italic = find("DejaVu Serif", "serif", true, true);
    const FontFile sans = find("DejaVu Sans", "sans-serif", false, false);
    const FontFile sans_bold = find("DejaVu Sans", "sans-serif", true, false);
    const FontFile sans_italic = find("DejaVu Sans", "sans-serif", false, true);
    const FontFile sans_bold_italic = find("DejaVu Sans", "sans-serif", true, true);

    const float body = std::round(kBodyPx * pixel_scale);
    const float h1 = std::round(body * kHeading1);
    const float h2 = std::round(body * kHeading2);
    const float h3 = std::round(body * kHeading3);
    const float ui = std::round(body * kUi);
    const float small = std::round(body * kSmall);

    // Only what the text uses beyond the base ranges.
    static_assert(sizeof(ImWchar) == 4, "Lectern's Dear ImGui is built with IMGUI_USE_WCHAR32");
    std::vector<uint32_t> extra;
    for (uint32_t cp : glyphs.codepoints) {
        if (!InBaseRanges(cp)) extra.push_back(cp);
    }
    std::sort(extra.begin(), extra.end());
    extra.erase(std::unique(extra.begin(), extra.end()), extra.end());
    FallbackChains chains(std::move(extra), glyphs.lang);
    std::vector<std::vector<ImWchar>> ranges;

    FontFiles files;
    Metrics metrics;
    FontSet set;
    set.body_px = body;
    // The interface font first: ImGui uses the first font for every widget not in PushFont.
    auto face = [&](const FontFile& file, const FontFile& symbols, bool bold, bool italic, float px,
                    const char* name) {
        FontSet::Face baked;
        baked.font = AddFace(atlas, &files, &chains, &metrics, &ranges, file, symbols, bold, italic, px, name,
                             &baked.files);
        set.faces.push_back(baked);
        return baked.font;
    };
    set.ui = face(sans, sans, false, false, ui, "ui");
    set.ui_bold = face(sans_bold, sans_bold, true, false, ui, "ui bold");
    set.body = face(serif, sans, false, false, body, "body");
    set.bold = face(serif_bold, sans_bold, true, false, body, "bold");
    set.italic = face(serif_italic, sans_italic, false, true, body, "italic");
    set.bold_italic = face(serif_bold_italic, sans_bold_italic, true, true, body, "bold italic");
    set.heading1 = face(sans_bold, sans_bold, true, false, h1, "heading 1");
    set.heading2 = face(sans_bold, sans_bold, true, false, h2, "heading 2");
    set.heading3 = face(sans_bold, sans_bold, true, false, h3, "heading 3");
    set.small = face(sans, sans, false, false, small, "small");

    const bool complete = set.ui && set.ui_bold && set.body && set.bold && set.italic &&
                          set.bold_italic && set.heading1 && set.heading2 && set.heading3 &&
                          set.small;
    ShapedGlyphBaker shaped;
    if (complete) shaped.Add(atlas, set.faces, glyphs.shaped);
    if (complete && atlas->Build()) {
        shaped.Blit(atlas);
        // Built: the pixels are all that is needed now. Drop the input (which points into the
        // mappings released on return); a rebuild starts again from Clear().
        atlas->ClearInputData();
        for (ImFont* font : {set.ui, set.ui_bold, set.body, set.bold, set.italic, set.bold_italic,
                             set.heading1, set.heading2, set.heading3, set.small})
            UsePlaceholder(font);
        set.atlas_width = atlas->TexWidth;
        set.atlas_height = atlas->TexHeight;
        for (ImFont* font : atlas->Fonts) set.glyphs += font->Glyphs.Size;
        *fonts = set;
        return true;
    }

    // No usable font: ImGui's built-in bitmap font everywhere (ASCII only, one size).
    atlas->ClearInputData();
    if (error) {
        *error = complete ? "the font atlas could not be built (damaged font file?)"
                          : "no usable font found by fontconfig (install fonts-dejavu-core and "
                            "fonts-dejavu-extra)";
    }
    atlas->Clear();
    atlas->FontBuilderIO = nullptr;  // stb_truetype, which ProggyClean is tuned for
    ImFont* fallback = atlas->AddFontDefault();
    atlas->Build();
    EmptyBidiControls(fallback);
    fallback->BuildLookupTable();
    FontSet plain;
    plain.body = plain.bold = plain.italic = plain.bold_italic = fallback;
    plain.heading1 = plain.heading2 = plain.heading3 = fallback;
    plain.ui = plain.ui_bold = plain.small = fallback;
    plain.body_px = fallback->FontSize;
    *fonts = plain;
    return false;
}

}  // namespace lectern::platform
