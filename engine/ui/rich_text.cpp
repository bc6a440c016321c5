#include "ui/rich_text.h"

#include <algorithm>
#include <cfloat>
#include <cstring>
#include <deque>

#include <fribidi.h>

#include "course/ui_catalog.h"
#include "text/line_breaks.h"
#include "ui/input.h"
#include "ui/shaped_text.h"

namespace lectern::ui {

namespace {

ImFont* FaceFor(const RichStyle& s, bool bold, bool italic) {
    ImFont* f = bold && italic ? s.bold_italic : bold ? s.bold : italic ? s.italic : s.regular;
    return f ? f : s.regular;
}

// A fragment: a stretch of one run inside one word. A word runs from one break opportunity
// to the next (UAX #14, FindLineBreaks) and may span runs ("<term>Leahy</term>," is one word of
// two fragments), so a line never breaks between a term and the comma after it.
struct Frag {
    int run;
    const char* begin;
    const char* end;
    ImFont* font;
    float width;
};

struct Word {
    int first_frag;
    int frag_count;
    float width;
    float space_after;
    bool hyphen = false;  // ends in a soft hyphen: shows "-" only when a line breaks after it
    int last_run = 0;
    ImFont* last_font = nullptr;
};

struct Piece {
    int run;
    const char* begin;
    const char* end;
    ImFont* font;
    ImVec2 pos;
    float width;
    float size = 0;  // drawn at this size instead of the font's own (a bidi line that must fit)
};

struct Layout {
    std::vector<Piece> pieces;
    std::deque<std::string> texts;  // visual-order lines that pieces point into (bidi lines)
    float height = 0;
    float line_height = 0;
};

float TextWidth(ImFont* font, const char* b, const char* e) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, b, e).x;
}

// A word's width as it is drawn: shaped, when the shaper shapes it (an Arabic word's joined forms
// are narrower than its letters' isolated ones by a third or more, and measured unshaped a line
// wrapped early and a word that fits was broken by characters). `lang`: its phrase's language.
float WordWidth(ImFont* font, const char* b, const char* e, const std::string& lang) {
    ShapedText* shaper = ShapedText::Current();
    const std::string_view text(b, static_cast<size_t>(e - b));
    if (shaper && shaper->Shapes(font)) {
        const LanguageScope phrase_language(lang);
        if (shaper->Wants(text)) {
            const char* shaped = shaper->Display(font, text);
            return TextWidth(font, shaped, shaped + std::strlen(shaped));
        }
    }
    return TextWidth(font, b, e);
}

// Characters with no ink that ImGui would otherwise draw as a glyph or a placeholder: soft
// hyphen (U+00AD), zero-width space (U+200B), word joiner (U+2060), BOM (U+FEFF). Returns the
// length of the one at p, or 0.
size_t InvisibleAt(const char* p, const char* end) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    const size_t left = static_cast<size_t>(end - p);
    if (left >= 2 && u[0] == 0xC2 && u[1] == 0xAD) return 2;
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x8B) return 3;
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0) return 3;
    if (left >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return 3;
    return 0;
}

bool OnlySpaces(const char* b, const char* e) {
    for (; b < e; ++b)
        if (*b != ' ') return false;
    return true;
}

const char kHyphen[] = "-";

// Right-to-left and shaped text through Dear ImGui 1.86, which draws codepoints left to right:
// after wrapping in logical order, each line that holds right-to-left text (or any line of a
// right-to-left paragraph) is cut into segments of one piece and one embedding level (FriBidi,
// UAX #9), each segment shaped on its own in its level's direction (HarfBuzz through
// ui/shaped_text.h), and the segments reordered by rule L2. Every segment keeps its run, face
// and colour, so a term or link on a right-to-left line is still an item a learner can click or
// tab to, drawn where it shows. A paragraph is right to left when its language is
// (CurrentDirection: the course's, a page's or a passage's `lang`), else when its first strong
// character is; its lines are aligned right. Lines of left-to-right text in a left-to-right
// paragraph that need shaping (Devanagari, Thai) are shaped piece by piece. With no shaper for
// the face (headless tests), FriBidi alone orders each segment and joins Arabic into
// presentation forms.
// A byte scan for anything that could be right-to-left (Hebrew, Arabic and their neighbours,
// presentation forms, RLM/RLE/RLO/RLI, the supplementary planes): most paragraphs have none,
// and this runs for every paragraph every frame.
bool MayHoldRightToLeft(const Inline& runs) {
    for (const Run& run : runs) {
        const auto* b = reinterpret_cast<const unsigned char*>(run.text.data());
        const size_t n = run.text.size();
        for (size_t i = 0; i < n; ++i) {
            const unsigned char c = b[i];
            if (c < 0xD6) continue;
            if (c <= 0xDF || c >= 0xF0) return true;
            if (i + 2 >= n) continue;
            const unsigned char c1 = b[i + 1], c2 = b[i + 2];
            if (c == 0xE0 && c1 >= 0xA0 && c1 <= 0xA3) return true;
            if (c == 0xEF && c1 >= 0xAC && c1 <= 0xBB) return true;
            if (c == 0xE2 && ((c1 == 0x80 && (c2 == 0x8F || c2 == 0xAB || c2 == 0xAE)) || (c1 == 0x81 && c2 == 0xA7)))
                return true;
        }
    }
    return false;
}

// A stretch of text in visual order by FriBidi alone, Arabic joined into presentation forms:
// what is drawn when no shaper is installed (headless UI tests).
std::string VisualOrder(const std::string& logical, FriBidiParType base) {
    std::vector<FriBidiChar> line(logical.size() + 1), visual(logical.size() + 1);
    const FriBidiStrIndex len = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, logical.c_str(),
                                                           static_cast<FriBidiStrIndex>(logical.size()), line.data());
    FriBidiParType line_base = base;
    std::string text(logical.size() * 4 + 4, '\0');
    if (!fribidi_log2vis(line.data(), len, &line_base, visual.data(), nullptr, nullptr, nullptr)) return logical;
    // Shaping can leave removed characters as zero-width joiners' placeholders: drop them.
    std::vector<FriBidiChar> kept;
    for (FriBidiStrIndex k = 0; k < len; ++k)
        if (visual[static_cast<size_t>(k)] != 0xFEFF && visual[static_cast<size_t>(k)] != 0x200D)
            kept.push_back(visual[static_cast<size_t>(k)]);
    const FriBidiStrIndex bytes = fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, kept.data(),
                                                             static_cast<FriBidiStrIndex>(kept.size()), text.data());
    text.resize(static_cast<size_t>(bytes));
    return text;
}

// Left-to-right lines that need shaping (Devanagari, Thai, combining marks): each piece is
// shaped on its own, so terms and links on the line stay separate, focusable items; pieces after
// it move by the width shaping took or gave.
void ShapePieces(ShapedText* shaper, const Inline& runs, std::vector<Piece>& pieces, size_t from, std::deque<std::string>& texts) {
    float y = -1, shift = 0;
    for (size_t k = from; k < pieces.size(); ++k) {
        Piece& p = pieces[k];
        if (p.pos.y != y) shift = 0;
        y = p.pos.y;
        p.pos.x += shift;
        // A phrase in another language is shaped in it (Han takes its shapes from it).
        const LanguageScope phrase_language(runs[static_cast<size_t>(p.run)].span_lang);
        if (!shaper->Shapes(p.font) || !shaper->Wants(std::string_view(p.begin, static_cast<size_t>(p.end - p.begin))))
            continue;
        texts.emplace_back(shaper->Display(p.font, std::string_view(p.begin, static_cast<size_t>(p.end - p.begin))));
        const std::string& stored = texts.back();
        p.begin = stored.data();
        p.end = stored.data() + stored.size();
        const float width = TextWidth(p.font, p.begin, p.end);
        shift += width - p.width;
        p.width = width;
    }
}

// A paragraph's text in logical order for FriBidi: each codepoint remembers its piece (-1: the
// space between two pieces on a line, which is only an advance; kIsolate: a bidi isolate's
// control or the break between two lines, neither of which is drawn).
constexpr int kIsolate = -2;
struct BidiText {
    std::vector<FriBidiChar> cps;
    std::vector<int> piece_of;
    std::vector<const char*> at;   // where each codepoint starts in its piece
    std::vector<float> gap_width;  // per codepoint, for the spaces between pieces
    std::vector<FriBidiLevel> levels;
    struct Line {
        size_t first, last;  // pieces
        size_t begin, end;   // codepoints
    };
    std::vector<Line> lines;
};

// The whole paragraph's levels, resolved once (UAX #9 resolves a paragraph, then breaks it into
// lines, rule L1 resetting each line's trailing spaces): resolved line by line, a comma or a
// bracket where a line breaks an English phrase in an Arabic paragraph took the paragraph's
// direction and jumped to the other end of its line (",The statute ... exports").
BidiText ParagraphText(const Inline& runs, const std::vector<Piece>& in, FriBidiParType base) {
    BidiText t;
    auto control = [&](FriBidiChar cp) {
        t.cps.push_back(cp);
        t.piece_of.push_back(kIsolate);
        t.at.push_back(nullptr);
        t.gap_width.push_back(0);
    };
    // A phrase in another language (Run::span_lang) is a bidi isolate in its language's
    // direction (RLI or LRI ... PDI, UAX #9 X5a-X5c), as HTML isolates <span dir>: an Arabic
    // phrase in an English sentence reads from the right, its digits and punctuation with it,
    // and leaves the sentence around it in its own order.
    const std::string* isolated = nullptr;
    for (size_t k = 0; k < in.size(); ++k) {
        const bool new_line = k == 0 || in[k].pos.y != in[k - 1].pos.y;
        const std::string& phrase = runs[static_cast<size_t>(in[k].run)].span_lang;
        const bool phrase_changes = isolated ? *isolated != phrase : !phrase.empty();
        if (phrase_changes && isolated) {
            control(0x2069);  // PDI
            isolated = nullptr;
        }
        if (new_line) {
            if (k > 0) {
                control(' ');  // the break: a space to the bidi algorithm, nothing drawn
                t.lines.back().last = k;
                t.lines.back().end = t.cps.size();
            }
            t.lines.push_back({k, k, t.cps.size(), t.cps.size()});
        } else if (in[k].pos.x > in[k - 1].pos.x + in[k - 1].width + 0.5f) {
            t.cps.push_back(' ');
            t.piece_of.push_back(-1);
            t.at.push_back(nullptr);
            t.gap_width.push_back(in[k].pos.x - in[k - 1].pos.x - in[k - 1].width);
        }
        if (phrase_changes && !phrase.empty()) {
            control(IsRightToLeftLanguage(phrase) ? 0x2067 : 0x2066);  // RLI, LRI
            isolated = &phrase;
        }
        const auto* u = reinterpret_cast<const unsigned char*>(in[k].begin);
        const auto* end = reinterpret_cast<const unsigned char*>(in[k].end);
        while (u < end) {
            const unsigned char c = *u;
            int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
            if (end - u < len) len = 1;
            FriBidiChar cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
            for (int b = 1; b < len; ++b) cp = (cp << 6) | (u[b] & 0x3F);
            t.cps.push_back(cp);
            t.piece_of.push_back(static_cast<int>(k));
            t.at.push_back(reinterpret_cast<const char*>(u));
            t.gap_width.push_back(0);
            u += len;
        }
    }
    if (isolated) control(0x2069);
    if (!t.lines.empty()) {
        t.lines.back().last = in.size();
        t.lines.back().end = t.cps.size();
    }
    const auto n = static_cast<FriBidiStrIndex>(t.cps.size());
    std::vector<FriBidiCharType> types(t.cps.size());
    std::vector<FriBidiBracketType> brackets(t.cps.size());
    const FriBidiLevel base_level = FRIBIDI_IS_RTL(base) ? 1 : 0;
    t.levels.assign(t.cps.size(), base_level);
    fribidi_get_bidi_types(t.cps.data(), n, types.data());
    fribidi_get_bracket_types(t.cps.data(), n, types.data(), brackets.data());
    FriBidiParType par_base = base;
    if (!fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &par_base, t.levels.data()))
        std::fill(t.levels.begin(), t.levels.end(), base_level);
    // Rule L1: the spaces and isolate controls that end a line take the paragraph's level.
    for (const BidiText::Line& line : t.lines)
        for (size_t i = line.end; i > line.begin; --i) {
            const FriBidiCharType type = types[i - 1];
            if (type != FRIBIDI_TYPE_WS && !FRIBIDI_IS_ISOLATE(type) && type != FRIBIDI_TYPE_BN) break;
            t.levels[i - 1] = base_level;
        }
    return t;
}

// One line's pieces in visual order: cut into segments of one piece and one embedding level,
// each in its level's direction, reordered by rule L2, placed from the left (or, in a
// right-to-left paragraph, ending at the right edge `wrap`).
void ReorderLine(const Inline& runs, const std::vector<Piece>& in, const BidiText& t, const BidiText::Line& line,
                 FriBidiParType base, float wrap, Layout* layout, std::vector<Piece>* out) {
    ShapedText* shaper = ShapedText::Current();
    const std::vector<int>& piece_of = t.piece_of;
    const std::vector<const char*>& at = t.at;
    const std::vector<FriBidiLevel>& levels = t.levels;
    struct Segment {
        Piece piece;
        FriBidiLevel level;
        float gap = 0;  // a space between pieces: no text, only this advance
    };
    std::vector<Segment> segments;
    for (size_t i = line.begin; i < line.end;) {
        if (piece_of[i] == kIsolate) {  // no ink and no advance
            ++i;
            continue;
        }
        size_t j = i + 1;
        while (j < line.end && piece_of[j] == piece_of[i] && levels[j] == levels[i]) ++j;
        Segment seg{in[line.first], levels[i]};
        if (piece_of[i] < 0) {
            for (size_t k = i; k < j; ++k) seg.gap += t.gap_width[k];
            seg.piece.begin = seg.piece.end = nullptr;
            seg.piece.width = seg.gap;
        } else {
            const Piece& from = in[static_cast<size_t>(piece_of[i])];
            seg.piece = from;
            const char* b = at[i];
            const char* e = j < line.end && piece_of[j] == piece_of[i] ? at[j] : from.end;
            // Spaces at a segment's ends are advances of their own: a shaped line drops the
            // spaces at its ends, and "برنامج IMET" must keep the one between its scripts.
            const char* const segment_end = e;
            while (b < e && *b == ' ') ++b;
            while (e > b && e[-1] == ' ') --e;
            const bool rtl = levels[i] & 1;
            // The spaces are pieces of their own run (a link's underline goes on under them),
            // pushed in logical order like everything else: rule L2 below puts them in place.
            auto spaces = [&](const char* from_byte, const char* to_byte) {
                Segment gap{from, levels[i]};
                layout->texts.emplace_back(from_byte, to_byte);
                gap.piece.begin = layout->texts.back().data();
                gap.piece.end = gap.piece.begin + layout->texts.back().size();
                gap.piece.width = TextWidth(from.font, gap.piece.begin, gap.piece.end);
                segments.push_back(std::move(gap));
            };
            if (b > at[i]) spaces(at[i], b);
            if (b == e) {  // only spaces
                i = j;
                continue;
            }
            const std::string_view logical(b, static_cast<size_t>(e - b));
            const LanguageScope phrase_language(runs[static_cast<size_t>(from.run)].span_lang);
            std::string shown;
            if (shaper && shaper->Shapes(from.font) && (rtl || shaper->Wants(logical)))
                shown = shaper->Display(from.font, logical, nullptr, rtl ? text::Direction::RightToLeft : text::Direction::LeftToRight);
            else if (rtl)
                shown = VisualOrder(std::string(logical), FRIBIDI_PAR_RTL);
            else
                shown.assign(logical.data(), logical.size());
            layout->texts.push_back(std::move(shown));
            const std::string& stored = layout->texts.back();
            seg.piece.begin = stored.data();
            seg.piece.end = stored.data() + stored.size();
            seg.piece.width = TextWidth(from.font, seg.piece.begin, seg.piece.end);
            segments.push_back(std::move(seg));
            if (e < segment_end) spaces(e, segment_end);
            i = j;
            continue;
        }
        segments.push_back(std::move(seg));
        i = j;
    }
    text::ReorderRuns(segments);  // rule L2 (a segment's own text is in visual order already)
    // Shaped forms can make the line wider than it was laid out: never past the column; a line
    // that would be is drawn a little smaller.
    float total = 0;
    for (const Segment& s : segments) total += s.piece.width;
    const float scale = total > wrap && total > 0 ? wrap / total : 1.0f;
    float x = FRIBIDI_IS_RTL(base) ? std::max(0.0f, wrap - total * scale) : 0.0f;
    for (Segment& s : segments) {
        const float width = s.piece.width * scale;
        if (s.piece.begin) {
            s.piece.pos.x = x;
            s.piece.width = width;
            if (scale < 1.0f) s.piece.size = s.piece.font->FontSize * scale;
            out->push_back(s.piece);
        }
        x += width;
    }
}

// The paragraph's base direction: its language's, else its first strong character's (P2);
// *any_rtl says whether it holds a right-to-left letter at all.
FriBidiParType BaseDirection(const Inline& runs, bool* any_rtl) {
    FriBidiParType base = FRIBIDI_PAR_LTR;
    *any_rtl = false;
    const bool rtl_language = CurrentDirection() == text::Direction::RightToLeft;
    for (const Run& run : runs) *any_rtl = *any_rtl || IsRightToLeftLanguage(run.span_lang);
    if (!rtl_language && !*any_rtl && !MayHoldRightToLeft(runs)) return base;
    // The first strong character outside isolates decides (P2): a phrase in another language
    // does not turn its sentence around.
    bool base_found = false;
    std::vector<FriBidiChar> u32;
    for (const Run& run : runs) {
        u32.resize(run.text.size() + 1);
        const FriBidiStrIndex n = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, run.text.c_str(),
                                                             static_cast<FriBidiStrIndex>(run.text.size()), u32.data());
        for (FriBidiStrIndex i = 0; i < n; ++i) {
            const FriBidiCharType t = fribidi_get_bidi_type(u32[static_cast<size_t>(i)]);
            if (FRIBIDI_IS_RTL(t) && FRIBIDI_IS_LETTER(t)) *any_rtl = true;
            if (!base_found && FRIBIDI_IS_LETTER(t) && run.span_lang.empty()) {
                base = FRIBIDI_IS_RTL(t) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
                base_found = true;
            }
        }
    }
    return rtl_language ? FRIBIDI_PAR_RTL : base;
}

void ReorderBidiLines(const Inline& runs, float wrap, Layout* layout) {
    ShapedText* shaper = ShapedText::Current();
    bool shape = false;
    for (const Run& run : runs) {
        const LanguageScope phrase_language(run.span_lang);
        shape = shape || (shaper && shaper->Wants(run.text));
    }
    bool any_rtl = false;
    const FriBidiParType base = BaseDirection(runs, &any_rtl);
    if (!any_rtl && base == FRIBIDI_PAR_LTR) {
        if (shape) ShapePieces(shaper, runs, layout->pieces, 0, layout->texts);
        return;
    }
    std::vector<Piece> out;
    const std::vector<Piece>& in = layout->pieces;
    const BidiText text = ParagraphText(runs, in, base);
    for (const BidiText::Line& line : text.lines) ReorderLine(runs, in, text, line, base, wrap, layout, &out);
    layout->pieces = std::move(out);
}

// Cuts `runs` into words (the stretches between break opportunities) made of fragments.
void SplitWords(const Inline& runs, const RichStyle& style, std::vector<Frag>& frags, std::vector<Word>& words) {
    // Break opportunities over the whole paragraph, so breaks between runs follow the rules too.
    std::string joined;
    std::vector<size_t> run_start;
    for (const Run& run : runs) {
        run_start.push_back(joined.size());
        joined += run.text;
    }
    const std::vector<LineBreak> breaks = FindLineBreaks(joined, "");

    size_t ri = 0;
    size_t at = 0;
    while (at < joined.size()) {
        size_t end = at;
        while (end < joined.size() && breaks[end] == LineBreak::None) ++end;
        end = std::min(end + 1, joined.size());  // the word [at, end) ends after a break byte
        // Its tail: spaces, soft hyphens and zero-width spaces after the last visible character.
        size_t content_end = end;
        bool hyphen = false;
        while (content_end > at) {
            const char* c = joined.data() + content_end;
            if (c[-1] == ' ') {
                --content_end;
            } else if (content_end - at >= 2 && InvisibleAt(c - 2, c) == 2) {
                hyphen = hyphen || content_end == end || OnlySpaces(c, joined.data() + end);
                content_end -= 2;
            } else if (content_end - at >= 3 && InvisibleAt(c - 3, c) == 3) {
                content_end -= 3;
            } else {
                break;
            }
        }
        Word word{static_cast<int>(frags.size()), 0, 0, 0};
        word.hyphen = hyphen;
        // Fragments: the content cut at run boundaries, leaving out invisible characters.
        size_t p = at;
        while (p < content_end) {
            while (ri + 1 < runs.size() && run_start[ri + 1] <= p) ++ri;
            const size_t run_end = ri + 1 < runs.size() ? run_start[ri + 1] : joined.size();
            const size_t stop = std::min(content_end, run_end);
            const Run& run = runs[ri];
            ImFont* font = FaceFor(style, run.bold, run.italic);
            const char* base = run.text.data() - run_start[ri];
            size_t f = p;
            while (f < stop) {
                size_t skip = InvisibleAt(joined.data() + f, joined.data() + stop);
                if (skip == 0) {
                    ++f;
                    continue;
                }
                if (f > p) frags.push_back({static_cast<int>(ri), base + p, base + f, font, WordWidth(font, base + p, base + f, run.span_lang)});
                f += skip;
                p = f;
            }
            if (stop > p) frags.push_back({static_cast<int>(ri), base + p, base + stop, font, WordWidth(font, base + p, base + stop, run.span_lang)});
            word.last_run = static_cast<int>(ri);
            word.last_font = font;
            p = stop;
        }
        word.frag_count = static_cast<int>(frags.size()) - word.first_frag;
        for (int k = 0; k < word.frag_count; ++k) word.width += frags[static_cast<size_t>(word.first_frag + k)].width;
        // The spaces of the tail, in the font of the run they are in.
        for (size_t sp = content_end; sp < end; ++sp) {
            if (joined[sp] != ' ') continue;
            size_t r = 0;
            while (r + 1 < runs.size() && run_start[r + 1] <= sp) ++r;
            const Run& run = runs[r];
            word.space_after += TextWidth(FaceFor(style, run.bold, run.italic), " ", " " + 1);
        }
        if (word.frag_count > 0) {
            words.push_back(word);
        } else if (!words.empty()) {
            words.back().space_after += word.space_after;  // spaces alone (leading ones are dropped)
            words.back().hyphen = words.back().hyphen || word.hyphen;
        }
        at = end;
    }
}

Layout Build(const Inline& runs, const RichStyle& style, float wrap) {
    std::vector<Frag> frags;
    std::vector<Word> words;
    SplitWords(runs, style, frags, words);

    Layout out;
    float size = style.regular->FontSize;
    out.line_height = size * style.line_height;
    float x = 0, y = 0;
    float content_end_x = 0;  // where the previous word's visible characters end
    for (size_t wi = 0; wi < words.size(); ++wi) {
        const Word& word = words[wi];
        // A word that ends in a soft hyphen keeps room for the "-" the line may break at.
        const float need = word.width + (word.hyphen && word.last_font ? TextWidth(word.last_font, kHyphen, kHyphen + 1) : 0.0f);
        if (x > 0 && x + need > wrap) {
            // A soft hyphen the line breaks at shows as a hyphen; elsewhere it shows nothing.
            const Word& before = words[wi - 1];
            if (before.hyphen && before.last_font) {
                out.pieces.push_back({before.last_run, kHyphen, kHyphen + 1, before.last_font, ImVec2(content_end_x, y),
                                      TextWidth(before.last_font, kHyphen, kHyphen + 1)});
            }
            x = 0;
            y += out.line_height;
        }
        for (int k = 0; k < word.frag_count; ++k) {
            const Frag& f = frags[static_cast<size_t>(word.first_frag + k)];
            const char* b = f.begin;
            float fw = f.width;
            // A word longer than the line in several styles: its next style starts a line.
            if (k > 0 && x > 0 && x + fw > wrap) {
                x = 0;
                y += out.line_height;
            }
            // A fragment wider than the whole line (a long URL): break it by characters.
            while (x == 0 && fw > wrap) {
                const char* cut = b;
                float w = 0;
                while (cut < f.end) {
                    const char* next = cut + 1;
                    while (next < f.end && (static_cast<unsigned char>(*next) & 0xC0) == 0x80) ++next;
                    float cw = TextWidth(f.font, cut, next);
                    if (w + cw > wrap && cut > b) break;
                    w += cw;
                    cut = next;
                }
                out.pieces.push_back({f.run, b, cut, f.font, ImVec2(0, y), w});
                b = cut;
                fw = TextWidth(f.font, b, f.end);
                y += out.line_height;
                if (b == f.end) break;
            }
            if (b == f.end) continue;
            Piece* last = out.pieces.empty() ? nullptr : &out.pieces.back();
            // Extend the previous piece when it is the same run on the same line and only spaces
            // lie between (never an invisible character, which ImGui would draw): fewer draw
            // calls, and a wrapped term becomes one focusable item per line.
            if (last && last->run == f.run && last->pos.y == y && last->font == f.font && last->end <= b &&
                OnlySpaces(last->end, b)) {
                last->end = f.end;
                last->width = x + fw - last->pos.x;
            } else {
                out.pieces.push_back({f.run, b, f.end, f.font, ImVec2(x, y), fw});
            }
            x += fw;
        }
        content_end_x = x;
        x += word.space_after;
    }
    out.height = words.empty() ? 0 : y + out.line_height;
    ReorderBidiLines(runs, wrap, &out);
    return out;
}

ImVec4 RunColor(const Run& run, const RichStyle& style, const Theme* theme) {
    if (!theme || !style.interactive) return style.color;
    switch (run.kind) {
        case InlineKind::Term: return theme->term;
        case InlineKind::Link: return theme->link;
        case InlineKind::Cite: return theme->link;
        case InlineKind::Text: break;
    }
    return style.color;
}

void DottedLine(ImDrawList* dl, ImVec2 a, float width, ImU32 col, float thickness) {
    float dash = thickness * 2.0f;
    for (float x = 0; x < width; x += dash * 2) dl->AddLine(ImVec2(a.x + x, a.y), ImVec2(a.x + std::min(x + dash, width), a.y), col, thickness);
}

// `anchor`: just under the term; `term_top`: the top of its line (a box that does not fit below
// goes above).
void Tooltip(const Run& run, const RichContext& ctx, ImVec2 anchor, float term_top, bool from_keyboard) {
    if (!ctx.course || !ctx.fonts || !ctx.theme) return;
    std::string title;
    const Inline* body = nullptr;
    Inline fallback;
    if (run.kind == InlineKind::Term) {
        if (const GlossaryEntry* g = ctx.course->FindTerm(run.ref)) {
            title = g->term;
            body = &g->definition;
        }
    } else if (run.kind == InlineKind::Cite) {
        if (const Reference* r = ctx.course->FindReference(run.ref)) {
            title = TrText("Source");
            body = &r->text;
        }
    } else if (run.kind == InlineKind::Link) {
        int target = ctx.course->LinkTarget(run.ref);
        if (target >= 0) {
            title = TrText("Go to");
            fallback.push_back(TextRun(ctx.course->PageAt(target).title));
            body = &fallback;
        }
    }
    if (!body) return;
    const Fonts& f = *ctx.fonts;
    float width = f.body_px * 24.0f;
    RichStyle style = BodyStyle(f, *ctx.theme);
    style.interactive = false;
    style.line_height = 1.35f;
    if (from_keyboard) {
        // Whole in the window: under the term, moved left as far as it takes (a term at a line's
        // end would put half of it past the right edge), no wider than the window; above the
        // term when it does not fit below (at 200 % text its last lines fell off the bottom).
        const ImGuiStyle& st = ImGui::GetStyle();
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        const float padding = st.WindowPadding.x * 2 + 2;  // and its border
        width = std::max(f.body_px * 4.0f, std::min(width, display.x - padding - 8));
        anchor.x = std::max(4.0f, std::min(anchor.x, display.x - width - padding - 4));
        const float height = st.WindowPadding.y * 2 + 2 + f.ui_bold->FontSize + RichTextHeight(*body, style, width) + f.small->FontSize +
                             st.ItemSpacing.y * 3;
        if (anchor.y + height > display.y - 4) anchor.y = term_top - height - 4;
        anchor.y = std::max(4.0f, std::min(anchor.y, display.y - height - 4));
        ImGui::SetNextWindowPos(anchor);
        // Shown because the term has focus: Escape (or a scrolling key) closes it first.
        NoteKeyboardTooltip();
    }
    ImGui::BeginTooltip();
    ImGui::PushFont(f.ui_bold);
    ImGui::TextUnformatted(Shaped(title));
    ImGui::PopFont();
    RichText("tip", *body, style, ctx, width);
    if (run.kind == InlineKind::Term) {
        ImGui::PushFont(f.small);
        ImGui::TextDisabled("%s", Tr("Enter: open in the glossary"));
        ImGui::PopFont();
    } else if (run.kind == InlineKind::Link) {
        ImGui::PushFont(f.small);
        ImGui::TextDisabled("%s", Tr("Enter or click: go there"));
        ImGui::PopFont();
    }
    ImGui::EndTooltip();
}

}  // namespace

RichStyle BodyStyle(const Fonts& fonts, const Theme& theme) {
    RichStyle s;
    s.regular = fonts.body;
    s.bold = fonts.bold;
    s.italic = fonts.italic;
    s.bold_italic = fonts.bold_italic;
    s.color = theme.text;
    return s;
}

RichStyle SingleFontStyle(ImFont* font, ImVec4 color, float line_height) {
    RichStyle s;
    s.regular = s.bold = s.italic = s.bold_italic = font;
    s.color = color;
    s.line_height = line_height;
    return s;
}

bool StartsFromRight(const Inline& runs) {
    bool any_rtl = false;
    return BaseDirection(runs, &any_rtl) == FRIBIDI_PAR_RTL;
}

RichWidths MeasureRichText(const Inline& runs, const RichStyle& style) {
    std::vector<Frag> frags;
    std::vector<Word> words;
    SplitWords(runs, style, frags, words);
    RichWidths w;
    float line = 0;
    for (size_t i = 0; i < words.size(); ++i) {
        w.min = std::max(w.min, words[i].width);
        line += words[i].width + (i + 1 < words.size() ? words[i].space_after : 0.0f);
    }
    w.preferred = line;
    return w;
}

float RichTextHeight(const Inline& runs, const RichStyle& style, float wrap_width) {
    return Build(runs, style, wrap_width).height;
}

std::vector<std::string> RichTextLines(const Inline& runs, const RichStyle& style, float wrap_width) {
    std::vector<std::string> lines;
    const Piece* before = nullptr;
    for (const Piece& p : Build(runs, style, wrap_width).pieces) {
        if (!before || p.pos.y != before->pos.y)
            lines.emplace_back();
        else if (p.pos.x > before->pos.x + before->width + 0.5f)
            lines.back() += ' ';  // the space between two words is drawn as an advance, not a piece
        lines.back().append(p.begin, p.end);
        before = &p;
    }
    return lines;
}

void RichText(const char* id, const Inline& runs, const RichStyle& style, const RichContext& ctx, float wrap_width) {
    if (wrap_width <= 0) wrap_width = ImGui::GetContentRegionAvail().x;
    if (wrap_width < 40) wrap_width = 40;
    Layout layout = Build(runs, style, wrap_width);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::PushID(id);
    float size = style.regular->FontSize;
    float pad = (layout.line_height - size) * 0.5f;
    for (size_t i = 0; i < layout.pieces.size(); ++i) {
        const Piece& p = layout.pieces[i];
        const Run& run = runs[static_cast<size_t>(p.run)];
        ImVec2 pos(origin.x + p.pos.x, origin.y + p.pos.y + pad);
        ImU32 col = ImGui::GetColorU32(RunColor(run, style, ctx.theme));
        dl->AddText(p.font, p.size > 0 ? p.size : p.font->FontSize, pos, col, p.begin, p.end);
        if (run.kind == InlineKind::Text || !style.interactive) continue;

        float underline_y = pos.y + size + 1.0f;
        float thickness = std::max(1.0f, size / 16.0f);
        if (run.kind == InlineKind::Link)
            dl->AddLine(ImVec2(pos.x, underline_y), ImVec2(pos.x + p.width, underline_y), col, thickness);
        else
            DottedLine(dl, ImVec2(pos.x, underline_y), p.width, col, thickness);

        ImGui::SetCursorScreenPos(ImVec2(pos.x, origin.y + p.pos.y));
        ImGui::PushID(static_cast<int>(i));
        bool pressed = ImGui::InvisibleButton("##ref", ImVec2(std::max(p.width, 1.0f), layout.line_height));
        // Under the mouse itself: while the keyboard moves focus, Dear ImGui also calls the
        // focused item "hovered", and a box shown for focus must be told apart (Escape closes it).
        bool hovered = ImGui::IsItemHovered() && ImGui::IsMouseHoveringRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        bool focused = ImGui::IsItemFocused() && ImGui::GetIO().NavVisible;
        ImGui::PopID();
        if (focused) {
            ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            dl->AddRect(ImVec2(a.x - 3, a.y), ImVec2(b.x + 3, b.y), ImGui::GetColorU32(ImGuiCol_NavHighlight), 3.0f, 0,
                        2.0f);
        }
        if (hovered || focused) Tooltip(run, ctx, ImVec2(pos.x, origin.y + p.pos.y + layout.line_height + 4), origin.y + p.pos.y,
                                            focused && !hovered);
        if (pressed && ctx.actions) {
            if (run.kind == InlineKind::Link) ctx.actions->Push(Action(ActionKind::FollowLink, 0, run.ref));
            if (run.kind == InlineKind::Term) ctx.actions->Push(Action(ActionKind::OpenTerm, 0, run.ref));
            if (run.kind == InlineKind::Cite) {
                Action a(ActionKind::OpenScreen);
                a.screen = Screen::References;
                a.id = run.ref;
                ctx.actions->Push(a);
            }
        }
    }
    ImGui::PopID();
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(wrap_width, std::max(layout.height, 1.0f)));
}

std::string WrapLabel(ImFont* font, const std::string& text, float max_width) {
    std::string out;
    const char* p = text.c_str();
    const char* end = p + text.size();
    max_width = std::max(max_width, font->FontSize * 2.0f);
    while (p < end) {
        const char* cut = font->CalcWordWrapPositionA(1.0f, p, end, max_width);
        if (cut == p) {  // not even one character fits: take one whole UTF-8 character
            ++cut;
            while (cut < end && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80) ++cut;
        }
        if (!out.empty()) out += '\n';
        const char* line_end = cut;
        while (line_end > p && line_end[-1] == ' ') --line_end;
        out.append(p, line_end);
        p = cut;
        while (p < end && (*p == ' ' || *p == '\n')) ++p;
    }
    return out;
}

namespace {

// Wrapped in logical order, then shaped line by line, aligned by its direction (a right-to-left
// passage's, or the text's own).
void LaidOutText(ImFont* font, const ImVec4& color, const std::string& text, float wrap_width, float line_height) {
    const RichContext plain;
    RichText("wrapped", Inline{TextRun(text)}, SingleFontStyle(font, color, line_height), plain,
             wrap_width > 0 ? wrap_width : ImGui::GetContentRegionAvail().x);
}

}  // namespace

void WrappedText(ImFont* font, const ImVec4& color, const std::string& text, float wrap_width) {
    if ((ShapedText::Current() && ShapedText::Current()->Wants(text)) || CurrentDirection() == text::Direction::RightToLeft) {
        LaidOutText(font, color, text, wrap_width, 1.15f);
        return;
    }
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    float x = ImGui::GetCursorPosX();
    ImGui::PushTextWrapPos(wrap_width > 0 ? x + wrap_width : 0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void WrappedTextOneRule(ImFont* font, const ImVec4& color, const std::string& text, float wrap_width) {
    LaidOutText(font, color, text, wrap_width, 1.0f);
}

}  // namespace lectern::ui
