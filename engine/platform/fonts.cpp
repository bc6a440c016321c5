#include "platform/fonts.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <imgui_freetype.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>

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
    0xFFFD, 0xFFFD,  // replacement character: shows where text was not valid UTF-8
    0,
};
const ImWchar kSymbolRanges[] = {
    0x2190, 0x2193, 0x25A0, 0x25A1, 0x25B2, 0x25B2, 0x25B6, 0x25B6, 0x25BC, 0x25BC, 0x25C0, 0x25C0,
    0x25CB, 0x25CB, 0x25CF, 0x25CF, 0x2610, 0x2612, 0x2713, 0x2717, 0xFFFD, 0xFFFD, 0,
};

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
    ~FontFiles() {
        for (auto& entry : m_files) {
            if (entry.second.data) munmap(entry.second.data, entry.second.size);
        }
    }
    // The file's bytes, or nullptr if it cannot be read (ImGui's own loader would assert).
    void* Get(const std::string& path, size_t* size) {
        Mapping& mapping = m_files[path];
        if (!mapping.data && !mapping.tried) {
            mapping.tried = true;
            int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
            struct stat info {};
            if (fd >= 0 && fstat(fd, &info) == 0 && info.st_size > 0 && info.st_size < INT32_MAX) {
                void* data =
                    mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
                if (data != MAP_FAILED) {
                    mapping.data = data;
                    mapping.size = static_cast<size_t>(info.st_size);
                }
            }
            if (fd >= 0) close(fd);
        }
        *size = mapping.size;
        return mapping.data;
    }

private:
    struct Mapping {
        void* data = nullptr;
        size_t size = 0;
        bool tried = false;
    };
    std::map<std::string, Mapping> m_files;
};

// One face at one size, with the symbols it lacks merged in from `symbols`.
ImFont* AddFace(ImFontAtlas* atlas, FontFiles* files, const FontFile& face, const FontFile& symbols,
                float px, const char* name) {
    auto add = [&](const FontFile& file, const ImWchar* ranges, bool merge) -> ImFont* {
        size_t size = 0;
        void* data = files->Get(file.path, &size);
        if (!data) return nullptr;
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false;  // mapped by FontFiles
        // FreeType renders hinted glyphs at the exact size; oversampling is for stb_truetype.
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;  // whole-pixel glyph positions keep hinted stems sharp
        config.MergeMode = merge;
        config.FontNo = file.index;
        config.FontBuilderFlags = (file.fake_bold ? ImGuiFreeTypeBuilderFlags_Bold : 0) |
                                  (file.fake_italic ? ImGuiFreeTypeBuilderFlags_Oblique : 0);
        std::snprintf(config.Name, sizeof(config.Name), "%s, %.0fpx", name, px);
        return atlas->AddFontFromMemoryTTF(data, static_cast<int>(size), px, &config, ranges);
    };
    ImFont* font = add(face, kTextRanges, false);
    if (font && symbols.found() && symbols.path != face.path) add(symbols, kSymbolRanges, true);
    return font;
}

// A family can carry several names (localised, or "DejaVu Sans" + "DejaVu Sans Condensed").
bool HasFamily(FcPattern* pattern, const std::string& family) {
    FcChar8* name = nullptr;
    for (int i = 0; FcPatternGetString(pattern, FC_FAMILY, i, &name) == FcResultMatch; ++i) {
        if (strcasecmp(reinterpret_cast<const char*>(name), family.c_str()) == 0) return true;
    }
    return false;
}

}  // namespace

FontFile FindFontFile(const std::string& family, bool bold, bool italic, bool accept_substitute) {
    FontFile result;
    // FcInit is idempotent and cheap after the first call; without it FcFontMatch would
    // initialise implicitly, but an explicit failure here is easier to report.
    if (!FcInit()) return result;

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
                  access(reinterpret_cast<const char*>(file), R_OK) == 0;
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

bool BuildFontAtlas(ImFontAtlas* atlas, float pixel_scale, FontSet* fonts, std::string* error) {
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

    FontFiles files;
    FontSet set;
    set.body_px = body;
    // The interface font first: ImGui uses the first font for every widget not in PushFont.
    set.ui = AddFace(atlas, &files, sans, sans, ui, "ui");
    set.ui_bold = AddFace(atlas, &files, sans_bold, sans_bold, ui, "ui bold");
    set.body = AddFace(atlas, &files, serif, sans, body, "body");
    set.bold = AddFace(atlas, &files, serif_bold, sans_bold, body, "bold");
    set.italic = AddFace(atlas, &files, serif_italic, sans_italic, body, "italic");
    set.bold_italic =
        AddFace(atlas, &files, serif_bold_italic, sans_bold_italic, body, "bold italic");
    set.heading1 = AddFace(atlas, &files, sans_bold, sans_bold, h1, "heading 1");
    set.heading2 = AddFace(atlas, &files, sans_bold, sans_bold, h2, "heading 2");
    set.heading3 = AddFace(atlas, &files, sans_bold, sans_bold, h3, "heading 3");
    set.small = AddFace(atlas, &files, sans, sans, small, "small");

    const bool complete = set.ui && set.ui_bold && set.body && set.bold && set.italic &&
                          set.bold_italic && set.heading1 && set.heading2 && set.heading3 &&
                          set.small;
    if (complete && atlas->Build()) {
        // Built: the pixels are all that is needed now. Drop the input (which points into the
        // mappings released on return); a rebuild starts again from Clear().
        atlas->ClearInputData();
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
    FontSet plain;
    plain.body = plain.bold = plain.italic = plain.bold_italic = fallback;
    plain.heading1 = plain.heading2 = plain.heading3 = fallback;
    plain.ui = plain.ui_bold = plain.small = fallback;
    plain.body_px = fallback->FontSize;
    *fonts = plain;
    return false;
}

}  // namespace lectern::platform
