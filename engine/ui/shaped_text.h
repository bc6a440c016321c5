// Text Dear ImGui 1.86 cannot draw by itself (Arabic and Persian joining, Hebrew and Arabic right
// to left, Devanagari conjuncts and reordered vowels, Thai and Indic marks), drawn through ImGui's
// own text functions anyway: the text is laid out by ui/text_layout.h (FriBidi + HarfBuzz), and
// each positioned glyph becomes a private-use codepoint (U+F0000 on, 32-bit ImWchar) that the
// platform bakes into the font atlas as that glyph, at that offset and advance. The result is an
// ordinary UTF-8 string in visual order: Button, Selectable, CalcTextSize and AddText all take it,
// so a learner's Arabic name is one joined word on every screen that shows it.
//
// A glyph seen for the first time is asked for (TakeRequests) and drawn from the next atlas build
// on: for one frame it shows as the placeholder. Text that needs none of this is returned as it is.
#pragma once

#include <imgui.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "course/ui_catalog.h"
#include "ui/text_layout.h"

namespace lectern::ui {

// One glyph the atlas must hold for shaped text.
struct ShapedGlyph {
    int face = 0;           // index into the faces given to SetFaces: the atlas face it goes into
    ImWchar codepoint = 0;  // the private-use codepoint it is drawn under
    text::FontFace file;    // the font file, face and size (real_dim) that draw it
    unsigned glyph_id = 0;
    float x_offset = 0, y_offset = 0;  // where it sits from the pen, whole pixels (y down)
    float advance = 0;
};

// An atlas face and the files baked into it, its own first (the order glyphs are looked up in).
struct ShapingFace {
    ImFont* font = nullptr;
    std::vector<text::FontFace> files;
};

// True when `utf8` holds a character ImGui would draw wrongly on its own: right-to-left scripts,
// scripts that join or reorder (Arabic, Syriac, Indic, Thai, Lao, Tibetan, Myanmar, Khmer, ...),
// combining marks, bidi controls. A byte scan: most text is none of these.
bool NeedsShaping(std::string_view utf8);

class ShapedText {
public:
    // Shaped glyphs take private-use codepoints from `first` to `last`: one window's shaper
    // and another's (present mode's notes) use ranges of their own, so the glyphs each bakes at
    // its own sizes never stand for the other's.
    static constexpr ImWchar kMainFirst = 0xF0000, kMainLast = 0xFFFFD;    // plane 15
    static constexpr ImWchar kOtherFirst = 0x100000, kOtherLast = 0x10FFFD;  // plane 16
    explicit ShapedText(ImWchar first = kMainFirst, ImWchar last = kMainLast);
    ~ShapedText();
    ShapedText(const ShapedText&) = delete;
    ShapedText& operator=(const ShapedText&) = delete;

    // After each atlas build: the faces (their ImFont pointers change with every build).
    void SetFaces(std::vector<ShapingFace> faces);
    // The course's language (BCP 47): guides shaping, and the direction of text with no strong
    // character.
    void SetLanguage(const std::string& lang);
    // At the start of a frame: strings handed out in the previous frame may be released.
    void NewFrame();

    // The language of the text being drawn, innermost first: the course's, a page's or a
    // passage's (`lang`), pushed and popped around it like a font. It guides shaping, and a
    // right-to-left language (ar, fa, he, ur, ...) lays paragraphs out from the right: rich text
    // takes its base direction from it (ContentDirection), as HTML's dir="rtl" would.
    // `shaping` false: the language sets the direction only and text keeps the shaping language
    // around it (the interface's catalog: English buttons in a Chinese course must not change
    // the course titles' Han shapes, yet English must not lay out from the right in a Hebrew one).
    void PushLanguage(const std::string& lang, bool shaping = true);
    void PopLanguage();
    const std::string& Language() const { return m_langs.empty() ? m_lang : m_langs.back().shaping; }
    // RightToLeft when Language() is written right to left, else Auto (the first strong
    // character decides).
    text::Direction ContentDirection() const;
    // True when `font` is one of the faces: Display shapes text in it.
    bool Shapes(ImFont* font) const;

    // The fonts that draw `codepoints` for atlas face `face` in language `lang` (the platform's
    // fontconfig chain, sized like the atlas's fallbacks). With it, Han characters in a passage
    // whose language is not the course's (a Japanese quotation in a Chinese course) are shaped
    // and drawn from that language's font: the atlas holds each codepoint in one shape only.
    using LanguageFonts = std::function<std::vector<text::FontFace>(int face, const std::vector<uint32_t>& codepoints,
                                                                    const std::string& lang)>;
    void SetLanguageFonts(LanguageFonts fonts) { m_language_fonts = std::move(fonts); }
    // True when Display would change `utf8` in the current language: it needs shaping, or it
    // holds Han characters and the language's fonts are not the course's.
    bool Wants(std::string_view utf8) const;

    // What to give ImGui for one line of `utf8` set in `font`: `utf8` itself when it needs no
    // shaping and is not asked to read from the right, or `font` is not one of the faces, else
    // the shaped line in visual order (brackets mirrored where they read from the right). Newlines
    // separate lines shaped on their own. *right_to_left, when given, says whether the text's
    // base direction is right to left (for alignment). The pointer lives until NewFrame.
    // `direction`: the paragraph's, when the caller knows it (a line of a wrapped paragraph).
    const char* Display(ImFont* font, std::string_view utf8, bool* right_to_left = nullptr,
                        text::Direction direction = text::Direction::Auto);

    // One line of Wrap: what to give ImGui (visual order) and its shaped width in pixels.
    struct WrappedLine {
        std::string text;
        float width = 0;
    };
    // `utf8` (one paragraph) broken into lines no wider than `width` where it may break (UAX #14,
    // in logical order, on its shaped advances: text::Shaper::Lay, which measures with HarfBuzz
    // and does not depend on which glyphs the atlas holds yet), each line then shaped on its own
    // in the paragraph's direction (a line holds the first words, however they are reordered).
    // Empty when `font` is not one of the faces. *right_to_left: the paragraph's direction.
    // The lines live until NewFrame.
    const std::vector<WrappedLine>& Wrap(ImFont* font, std::string_view utf8, float width, bool* right_to_left = nullptr);

    // The interface's words in the course's language (course/ui_catalog.h); English when empty.
    void SetCatalog(UiCatalog catalog) { m_catalog = std::move(catalog); }
    const UiCatalog& Catalog() const { return m_catalog; }

    // Glyphs seen since the last call that the atlas does not hold yet.
    std::vector<ShapedGlyph> TakeRequests();
    bool HasRequests() const { return !m_requests.empty(); }

    // The ShapedText the current ImGui context draws through (null when none: text is drawn
    // as it is). Set with Install, per context (kept in ImGuiIO::UserData).
    static ShapedText* Current();
    void Install();

private:
    struct Key {
        int face, file;
        unsigned glyph;
        int x_offset, y_offset, advance_q;  // advance in quarter pixels
        bool operator<(const Key& o) const {
            return std::tie(face, file, glyph, x_offset, y_offset, advance_q) <
                   std::tie(o.face, o.file, o.glyph, o.x_offset, o.y_offset, o.advance_q);
        }
    };
    // The faces text is shaped with: the atlas's (their own files), then one per atlas face and
    // language that needs fonts of its own (the same atlas face, other files first).
    struct ShapingSet {
        int atlas_face = 0;
        std::vector<text::FontFace> files;
        std::unique_ptr<text::Shaper> shaper;  // opened on first use
    };
    ImWchar CodepointFor(int set, const text::Glyph& glyph);
    // The index of `font` among the faces (-1: none), and the shaping set for `utf8` in it.
    int FaceOf(ImFont* font) const;
    int SetFor(int face, std::string_view utf8);
    const text::Shaper& ShaperOf(int set);
    std::string ShapeLine(int set, std::string_view line, text::Direction direction, bool* right_to_left);
    // The shaping set for Han text in `face` in the current language when that language's
    // fonts differ from the course's, else -1.
    int LanguageSet(int face, std::string_view utf8);

    std::vector<ShapingFace> m_faces;
    // Set ids: an atlas face's index, or kLanguageSet + an index into m_language_sets (kept for
    // the session: set ids key codepoints).
    static constexpr int kLanguageSet = 1000;
    ShapingSet& Set(int id) {
        return id >= kLanguageSet ? m_language_sets[static_cast<size_t>(id - kLanguageSet)] : m_sets[static_cast<size_t>(id)];
    }
    std::vector<ShapingSet> m_sets;           // one per atlas face
    std::vector<ShapingSet> m_language_sets;  // one per atlas face, language and pixel size
    std::map<std::string, int> m_language_set_ids;
    LanguageFonts m_language_fonts;
    std::string m_lang;
    struct Pushed {
        std::string direction;  // the language whose direction text takes
        std::string shaping;    // the language text is shaped in
    };
    std::vector<Pushed> m_langs;  // PushLanguage's stack
    std::map<Key, ImWchar> m_codepoints;  // kept across atlas builds: a glyph keeps its codepoint
    ImWchar m_next = kMainFirst;
    ImWchar m_last = kMainLast;
    std::vector<ShapedGlyph> m_requests;
    struct Shown {
        std::string text;
        bool right_to_left = false;
    };
    std::unordered_map<std::string, Shown> m_cache;  // key: face index, NUL, text
    struct Wrapped {
        std::vector<WrappedLine> lines;
        bool right_to_left = false;
    };
    std::unordered_map<std::string, Wrapped> m_wrapped;  // key: face, width, language, NUL, text
    UiCatalog m_catalog;
};

// The direction the current context lays text out in: the current ShapedText's content
// direction, Auto when none is installed.
text::Direction CurrentDirection();
// True when the interface is mirrored: the catalog in use is a right-to-left language's.
bool InterfaceRightToLeft();

// Pushes `lang` (when not empty) for the scope: text drawn inside takes its direction and
// (unless `shaping` is false) its shaping language from it.
class LanguageScope {
public:
    explicit LanguageScope(const std::string& lang, bool shaping = true);
    ~LanguageScope();
    LanguageScope(const LanguageScope&) = delete;
    LanguageScope& operator=(const LanguageScope&) = delete;

private:
    ShapedText* m_pushed = nullptr;
};

// The current context's display of `utf8` in the current font (ShapedText::Display), or `utf8`
// itself. For widget labels: a "##id" suffix is kept out of the shaping and appended again.
const char* Shaped(const std::string& utf8);
const char* Shaped(const char* utf8);
// An interface string in the course's language (the catalog's translation, else the English),
// shaped in the current font. `english` is the catalog's msgid: keep assets/strings/en.po in
// step (a test reads every call in engine/ui).
const char* Tr(const char* english);
// The same unshaped, for text that is shaped later (RichText).
std::string TrText(const char* english);
// An interface string with placeholders ("Page {page} of {count} in this lesson"), translated
// (a translation may reorder them), filled from `args` and shaped; TrFText unshaped.
using TrArgs = std::vector<std::pair<std::string, std::string>>;
std::string TrF(const char* english, const TrArgs& args);
std::string TrFText(const char* english, const TrArgs& args);
// Marks a catalog key kept in a table or passed on, translated where it is drawn (gettext's N_):
// the catalog test reads these as it reads Tr("...").
constexpr const char* UiKey(const char* english) { return english; }

// The same in `font`, whatever the current font is (text drawn with ImDrawList::AddText).
const char* ShapedIn(ImFont* font, const std::string& utf8);

// Dear ImGui 1.86's InputText cannot show shaped or right-to-left text while it is edited (it
// draws and moves its caret codepoint by codepoint). Call right after one: when it is not being
// edited and `text` needs shaping, its frame is painted over with the shaped text (aligned right
// for right-to-left text; clicks still reach the field below); while it is being edited, the
// shaped text is shown in a box just under the field, so the learner sees the word they type
// joined and in order.
void ShapedFieldOverlay(const std::string& text);

}  // namespace lectern::ui
