#include "ui/shaped_text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

namespace lectern::ui {

namespace {

// Codepoints that need a shaper or bidi (see NeedsShaping).
bool NeedsShapingCp(uint32_t cp) {
    if (cp < 0x0300) return false;
    return (cp <= 0x036F) ||                      // combining diacritical marks
           (cp >= 0x0483 && cp <= 0x0489) ||      // Cyrillic combining marks
           (cp >= 0x0590 && cp <= 0x08FF) ||      // Hebrew, Arabic, Syriac, Thaana, NKo, ...
           (cp >= 0x0900 && cp <= 0x0DFF) ||      // Devanagari to Sinhala
           (cp >= 0x0E00 && cp <= 0x0FFF) ||      // Thai, Lao, Tibetan
           (cp >= 0x1000 && cp <= 0x109F) ||      // Myanmar
           (cp >= 0x1780 && cp <= 0x18AF) ||      // Khmer, Mongolian
           (cp >= 0x1A00 && cp <= 0x1CFF) ||      // Buginese to Vedic extensions
           (cp >= 0x1DC0 && cp <= 0x1DFF) ||      // combining marks supplement
           (cp >= 0x200C && cp <= 0x200F) ||      // ZWNJ, ZWJ, LRM, RLM
           (cp >= 0x202A && cp <= 0x202E) ||      // embeddings and overrides
           (cp >= 0x2066 && cp <= 0x2069) ||      // isolates
           (cp >= 0x20D0 && cp <= 0x20FF) ||      // combining marks for symbols
           (cp >= 0xA800 && cp <= 0xABFF) ||      // Syloti Nagri to Meetei Mayek
           (cp >= 0xFB1D && cp <= 0xFDFF) ||      // Hebrew and Arabic presentation forms
           (cp >= 0xFE20 && cp <= 0xFE2F) ||      // combining half marks
           (cp >= 0xFE70 && cp <= 0xFEFE) ||      // Arabic presentation forms B
           (cp >= 0x10800 && cp <= 0x10FFF) ||    // historic right-to-left scripts
           (cp >= 0x11000 && cp <= 0x11FFF) ||    // Brahmi and other Indic
           (cp >= 0x1E800 && cp <= 0x1EFFF);      // Mende Kikakui, Adlam, Arabic math
}

uint32_t DecodeAt(std::string_view s, size_t* i) {
    const auto* u = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    const unsigned char c = u[*i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (*i + static_cast<size_t>(len) > n) len = 1;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (u[*i + static_cast<size_t>(k)] & 0x3F);
    *i += static_cast<size_t>(len);
    return cp;
}

void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace

bool NeedsShaping(std::string_view utf8) {
    for (size_t i = 0; i < utf8.size();) {
        // Every codepoint that needs shaping is at least two bytes from 0xCC on.
        if (static_cast<unsigned char>(utf8[i]) < 0xCC) {
            ++i;
            continue;
        }
        if (NeedsShapingCp(DecodeAt(utf8, &i))) return true;
    }
    return false;
}

ShapedText::ShapedText(ImWchar first, ImWchar last) : m_next(first), m_last(last) {}

ShapedText::~ShapedText() {
    if (ImGui::GetCurrentContext() && ImGui::GetIO().UserData == this) ImGui::GetIO().UserData = nullptr;
}

void ShapedText::SetFaces(std::vector<ShapingFace> faces) {
    bool same = faces.size() == m_faces.size();
    for (size_t i = 0; same && i < faces.size(); ++i) {
        same = faces[i].files.size() == m_faces[i].files.size();
        for (size_t f = 0; same && f < faces[i].files.size(); ++f)
            same = faces[i].files[f].path == m_faces[i].files[f].path && faces[i].files[f].px == m_faces[i].files[f].px;
    }
    m_faces = std::move(faces);
    if (!same) {
        // Other files or sizes: shape again (glyphs keep their codepoints, keyed by file and size).
        m_sets.clear();
        m_cache.clear();
        m_wrapped.clear();
    }
    m_sets.resize(m_faces.size());
    for (size_t i = 0; i < m_faces.size(); ++i) {
        m_sets[i].atlas_face = static_cast<int>(i);
        m_sets[i].files = m_faces[i].files;
    }
}

void ShapedText::SetLanguage(const std::string& lang) {
    if (lang == m_lang) return;
    m_lang = lang;
    m_cache.clear();
    m_wrapped.clear();
}

void ShapedText::NewFrame() {
    // A bound on memory for a long session of typing: strings are cheap to shape again.
    if (m_cache.size() > 4096) m_cache.clear();
    if (m_wrapped.size() > 1024) m_wrapped.clear();
    m_langs.clear();  // a frame that ended early (an assertion caught in a test) pops nothing
}

void ShapedText::PushLanguage(const std::string& lang, bool shaping) {
    m_langs.push_back({lang, shaping ? lang : Language()});
}

void ShapedText::PopLanguage() {
    if (!m_langs.empty()) m_langs.pop_back();
}

text::Direction ShapedText::ContentDirection() const {
    const std::string& lang = m_langs.empty() ? m_lang : m_langs.back().direction;
    return IsRightToLeftLanguage(lang) ? text::Direction::RightToLeft : text::Direction::Auto;
}

bool ShapedText::Shapes(ImFont* font) const {
    for (const ShapingFace& face : m_faces)
        if (face.font == font && font && !face.files.empty()) return true;
    return false;
}

ImWchar ShapedText::CodepointFor(int set, const text::Glyph& glyph) {
    const Key key{set,
                  glyph.font,
                  glyph.id,
                  static_cast<int>(std::lround(glyph.x_offset)),
                  static_cast<int>(std::lround(glyph.y)),
                  static_cast<int>(std::lround(glyph.advance * 4))};
    auto it = m_codepoints.find(key);
    if (it != m_codepoints.end()) return it->second;
    // A supplementary private-use plane: 65,534 glyphs before they run out, more than any course
    // and its learners use in a session (then the placeholder shows).
    if (m_next > m_last) return 0x2B1A;
    const ImWchar cp = m_next++;
    m_codepoints.emplace(key, cp);
    const ShapingSet& shaping = Set(set);
    ShapedGlyph request;
    request.face = shaping.atlas_face;
    request.codepoint = cp;
    request.file = shaping.files[static_cast<size_t>(glyph.font)];
    request.glyph_id = glyph.id;
    request.x_offset = static_cast<float>(key.x_offset);
    request.y_offset = static_cast<float>(key.y_offset);
    request.advance = static_cast<float>(key.advance_q) / 4.0f;
    m_requests.push_back(std::move(request));
    return cp;
}

const text::Shaper& ShapedText::ShaperOf(int set) {
    ShapingSet& shaping = Set(set);
    if (!shaping.shaper) shaping.shaper = std::make_unique<text::Shaper>(shaping.files, 0.0f);
    return *shaping.shaper;
}

std::string ShapedText::ShapeLine(int set, std::string_view line, text::Direction direction, bool* right_to_left) {
    const text::Shaper& shaper = ShaperOf(set);
    if (!shaper.ok()) return std::string(line);
    // One line, however long: the caller wraps (or ImGui clips).
    const text::Paragraph paragraph = shaper.Lay(line, Language(), direction, 1e9f);
    if (right_to_left) *right_to_left = paragraph.right_to_left;
    std::string out;
    for (const text::Line& l : paragraph.lines)
        for (const text::Glyph& g : l.glyphs) AppendUtf8(out, CodepointFor(set, g));
    return out;
}

namespace {

// Han ideographs (unified, extensions, compatibility), whose shapes differ between Chinese,
// Japanese and Korean type.
bool IsHan(uint32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3021 && cp <= 0x3029) ||
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::replace(s.begin(), s.end(), '_', '-');
    return s;
}

}  // namespace

namespace {
std::vector<uint32_t> HanIn(std::string_view utf8) {
    std::vector<uint32_t> han;
    for (size_t i = 0; i < utf8.size();) {
        if (static_cast<unsigned char>(utf8[i]) < 0xE2) {  // every Han character is 3 or 4 bytes from E2 on
            ++i;
            continue;
        }
        const uint32_t cp = DecodeAt(utf8, &i);
        if (IsHan(cp)) han.push_back(cp);
    }
    return han;
}
}  // namespace

bool ShapedText::Wants(std::string_view utf8) const {
    if (NeedsShaping(utf8)) return true;
    if (!m_language_fonts) return false;
    const std::string lang = Lower(Language());
    return !lang.empty() && lang != Lower(m_lang) && !HanIn(utf8).empty();
}

int ShapedText::LanguageSet(int face, std::string_view utf8) {
    if (!m_language_fonts || face < 0) return -1;
    const std::string lang = Lower(Language());
    if (lang.empty() || lang == Lower(m_lang)) return -1;
    const std::vector<uint32_t> han = HanIn(utf8);
    if (han.empty()) return -1;
    const std::vector<text::FontFace>& own = m_faces[static_cast<size_t>(face)].files;
    const std::string key = std::to_string(face) + '\0' + lang + '\0' + std::to_string(own.front().px);
    auto found = m_language_set_ids.find(key);
    if (found != m_language_set_ids.end()) return found->second;
    // The face's own file first (its Latin and punctuation), then the language's fonts, then
    // the face's other fallbacks for everything else.
    ShapingSet set;
    set.atlas_face = face;
    set.files.push_back(own.front());
    for (text::FontFace f : m_language_fonts(face, han, lang)) {
        f.real_dim = true;
        set.files.push_back(std::move(f));
    }
    if (set.files.size() == 1) return -1;  // no font of its own: the atlas's shapes
    set.files.insert(set.files.end(), own.begin() + 1, own.end());
    m_language_sets.push_back(std::move(set));
    const int id = kLanguageSet + static_cast<int>(m_language_sets.size()) - 1;
    m_language_set_ids.emplace(key, id);
    return id;
}

namespace {

// A cache key: the face, what else the result depends on, the language, then the text.
std::string CacheKey(int face, const std::string& how, const std::string& lang, std::string_view utf8) {
    std::string key;
    key.reserve(utf8.size() + how.size() + lang.size() + 3);
    key += static_cast<char>('A' + face);
    key += how;
    key += ' ';
    key += lang;
    key += '\0';
    key.append(utf8.data(), utf8.size());
    return key;
}

}  // namespace

int ShapedText::FaceOf(ImFont* font) const {
    for (size_t i = 0; i < m_faces.size(); ++i)
        if (m_faces[i].font == font && font && !m_faces[i].files.empty()) return static_cast<int>(i);
    return -1;
}

int ShapedText::SetFor(int face, std::string_view utf8) {
    const int language_set = face < 0 ? -1 : LanguageSet(face, utf8);
    return language_set >= 0 ? language_set : face;
}

const std::vector<ShapedText::WrappedLine>& ShapedText::Wrap(ImFont* font, std::string_view utf8, float width, bool* right_to_left) {
    const int face = FaceOf(font);
    std::string key = CacheKey(face, std::to_string(std::lround(width * 4)), Language(), utf8);
    auto it = m_wrapped.find(key);
    if (it == m_wrapped.end()) {
        Wrapped wrapped;
        const int set = SetFor(face, utf8);
        if (set >= 0 && ShaperOf(set).ok()) {
            const text::Paragraph paragraph = ShaperOf(set).Lay(utf8, Language(), text::Direction::Auto, width);
            wrapped.right_to_left = paragraph.right_to_left;
            const text::Direction direction = paragraph.right_to_left ? text::Direction::RightToLeft : text::Direction::LeftToRight;
            for (const text::Line& l : paragraph.lines) {
                std::string_view line = utf8.substr(l.begin, l.end - l.begin);
                while (!line.empty() && (line.back() == ' ' || line.back() == '\n')) line.remove_suffix(1);
                // Each line is its own string for ImGui, shaped as Display shapes it (its glyphs
                // are the paragraph's: lines break at spaces and the like, where nothing joins).
                wrapped.lines.push_back({Display(font, line, nullptr, direction), l.width});
            }
        }
        it = m_wrapped.emplace(std::move(key), std::move(wrapped)).first;
    }
    if (right_to_left) *right_to_left = it->second.right_to_left;
    return it->second.lines;
}

const char* ShapedText::Display(ImFont* font, std::string_view utf8, bool* right_to_left, text::Direction direction) {
    const int face = FaceOf(font);
    std::string key = CacheKey(face, std::string(1, static_cast<char>('0' + static_cast<int>(direction))), Language(), utf8);
    auto it = m_cache.find(key);
    if (it == m_cache.end()) {
        Shown shown;
        // Han in a passage of another language than the course's: shaped from that language's
        // font, even when nothing else needs shaping.
        const int set = SetFor(face, utf8);
        // Right to left, even text that needs no shaping is laid out: its neutrals run from the
        // right ("!?" shows as "?!") and its brackets are mirrored, as a closing ")" after a
        // Latin word at the end of a Hebrew sentence.
        if (face < 0 || (set == face && !NeedsShaping(utf8) && direction != text::Direction::RightToLeft)) {
            shown.text.assign(utf8.data(), utf8.size());
        } else {
            // Newlines end lines (ImGui's multi-line text), each shaped on its own.
            for (size_t begin = 0; begin <= utf8.size();) {
                size_t end = utf8.find('\n', begin);
                if (end == std::string_view::npos) end = utf8.size();
                bool rtl = false;
                shown.text += ShapeLine(set, utf8.substr(begin, end - begin), direction, &rtl);
                if (begin == 0) shown.right_to_left = rtl;
                if (end < utf8.size()) shown.text += '\n';
                begin = end + 1;
            }
        }
        it = m_cache.emplace(std::move(key), std::move(shown)).first;
    }
    if (right_to_left) *right_to_left = it->second.right_to_left;
    return it->second.text.c_str();
}

std::vector<ShapedGlyph> ShapedText::TakeRequests() {
    std::vector<ShapedGlyph> out;
    out.swap(m_requests);
    return out;
}

ShapedText* ShapedText::Current() {
    if (!ImGui::GetCurrentContext()) return nullptr;
    return static_cast<ShapedText*>(ImGui::GetIO().UserData);
}

void ShapedText::Install() { ImGui::GetIO().UserData = this; }

const char* Shaped(const std::string& utf8) {
    ShapedText* shaper = ShapedText::Current();
    if (!shaper || !shaper->Wants(utf8)) return utf8.c_str();
    const size_t hidden = utf8.find("##");
    if (hidden == std::string::npos) return shaper->Display(ImGui::GetFont(), utf8);
    // A widget label: shape what shows, keep the id part as it is.
    std::string label = shaper->Display(ImGui::GetFont(), std::string_view(utf8).substr(0, hidden));
    label.append(utf8, hidden, std::string::npos);
    return shaper->Display(nullptr, label);  // face -1: stored as is, alive until NewFrame
}

const char* Tr(const char* english) {
    ShapedText* shaper = ShapedText::Current();
    if (!shaper) return english;
    const std::string key(english);
    const std::string& text = shaper->Catalog().Get(key);
    return &text == &key ? english : Shaped(text);
}

std::string TrText(const char* english) {
    ShapedText* shaper = ShapedText::Current();
    return shaper ? shaper->Catalog().Get(english) : std::string(english);
}

std::string TrFText(const char* english, const TrArgs& args) {
    ShapedText* shaper = ShapedText::Current();
    return shaper ? shaper->Catalog().Format(english, args) : FillPlaceholders(english, args);
}

std::string TrF(const char* english, const TrArgs& args) { return Shaped(TrFText(english, args)); }

const char* ShapedIn(ImFont* font, const std::string& utf8) {
    ShapedText* shaper = ShapedText::Current();
    if (!shaper || !shaper->Wants(utf8)) return utf8.c_str();
    return shaper->Display(font, utf8);
}

void ShapedFieldOverlay(const std::string& text) {
    ShapedText* shaper = ShapedText::Current();
    if (!shaper || text.empty() || !shaper->Wants(text)) return;
    bool right_to_left = false;
    const char* shown = shaper->Display(ImGui::GetFont(), text, &right_to_left);
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const ImVec2 inner_min(min.x + style.FramePadding.x, min.y + style.FramePadding.y);
    const ImVec2 inner_max(max.x - style.FramePadding.x, max.y - style.FramePadding.y);
    const float width = ImGui::CalcTextSize(shown).x;
    if (ImGui::IsItemActive()) {
        // Being edited: Dear ImGui 1.86 draws the field's text codepoint by codepoint (letters
        // apart, right-to-left text reversed) and its cursor moves by codepoint, which no
        // overlay can change without breaking the caret. So the field stays as ImGui draws it,
        // and the text as it will read is shown just under it, over what is below (no layout
        // moves while typing), aligned by its direction.
        const float h = max.y - min.y;
        const ImVec2 box_min(min.x, max.y + 2), box_max(max.x, max.y + 2 + h);
        ImDrawList* dl = ImGui::GetForegroundDrawList();
        dl->AddRectFilled(box_min, box_max, ImGui::GetColorU32(ImGuiCol_PopupBg), style.FrameRounding);
        dl->AddRect(box_min, box_max, ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding);
        const float top = box_min.y + style.FramePadding.y;
        const float x = right_to_left ? std::max(inner_min.x, inner_max.x - width) : inner_min.x;
        dl->PushClipRect(ImVec2(inner_min.x, box_min.y), ImVec2(inner_max.x, box_max.y), true);
        dl->AddText(ImVec2(x, top), ImGui::GetColorU32(ImGuiCol_Text), shown);
        dl->PopClipRect();
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Cover the unshaped text: the window's colour, then the field's own over it.
    dl->AddRectFilled(ImVec2(inner_min.x - 1, min.y + 1), ImVec2(inner_max.x + 1, max.y - 1),
                      ImGui::GetColorU32(ImGuiCol_WindowBg));
    dl->AddRectFilled(ImVec2(inner_min.x - 1, min.y + 1), ImVec2(inner_max.x + 1, max.y - 1),
                      ImGui::GetColorU32(ImGuiCol_FrameBg));
    const float x = right_to_left ? std::max(inner_min.x, inner_max.x - width) : inner_min.x;
    dl->PushClipRect(inner_min, inner_max, true);
    dl->AddText(ImVec2(x, inner_min.y), ImGui::GetColorU32(ImGuiCol_Text), shown);
    dl->PopClipRect();
}

text::Direction CurrentDirection() {
    const ShapedText* shaper = ShapedText::Current();
    return shaper ? shaper->ContentDirection() : text::Direction::Auto;
}

bool InterfaceRightToLeft() {
    const ShapedText* shaper = ShapedText::Current();
    return shaper && shaper->Catalog().right_to_left;
}

LanguageScope::LanguageScope(const std::string& lang, bool shaping) {
    if (lang.empty()) return;
    m_pushed = ShapedText::Current();
    if (m_pushed) m_pushed->PushLanguage(lang, shaping);
}

LanguageScope::~LanguageScope() {
    if (m_pushed) m_pushed->PopLanguage();
}

const char* Shaped(const char* utf8) {
    if (!utf8 || !ShapedText::Current() || !ShapedText::Current()->Wants(utf8)) return utf8;
    return Shaped(std::string(utf8));
}

}  // namespace lectern::ui
