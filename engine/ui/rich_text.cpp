#include "ui/rich_text.h"

#include <cfloat>
#include <cstring>

namespace lectern::ui {

namespace {

ImFont* FaceFor(const RichStyle& s, bool bold, bool italic) {
    ImFont* f = bold && italic ? s.bold_italic : bold ? s.bold : italic ? s.italic : s.regular;
    return f ? f : s.regular;
}

// A fragment: a stretch of one run with no space in it. A word is one or more fragments with no
// space between them ("<term>Leahy</term>," is one word of two fragments), so a line never
// breaks between a term and the comma after it.
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
};

struct Piece {
    int run;
    const char* begin;
    const char* end;
    ImFont* font;
    ImVec2 pos;
    float width;
};

struct Layout {
    std::vector<Piece> pieces;
    float height = 0;
    float line_height = 0;
};

float TextWidth(ImFont* font, const char* b, const char* e) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, b, e).x;
}

Layout Build(const Inline& runs, const RichStyle& style, float wrap) {
    std::vector<Frag> frags;
    std::vector<Word> words;
    bool word_open = false;
    for (int ri = 0; ri < static_cast<int>(runs.size()); ++ri) {
        const Run& run = runs[static_cast<size_t>(ri)];
        ImFont* font = FaceFor(style, run.bold, run.italic);
        const char* p = run.text.c_str();
        const char* end = p + run.text.size();
        while (p < end) {
            if (*p == ' ') {
                const char* s = p;
                while (p < end && *p == ' ') ++p;
                if (word_open) {
                    words.back().space_after += TextWidth(font, s, p);
                    word_open = false;
                }
                continue;
            }
            const char* w = p;
            while (p < end && *p != ' ') ++p;
            float width = TextWidth(font, w, p);
            frags.push_back({ri, w, p, font, width});
            if (!word_open) {
                words.push_back({static_cast<int>(frags.size()) - 1, 0, 0, 0});
                word_open = true;
            }
            words.back().frag_count++;
            words.back().width += width;
        }
    }

    Layout out;
    float size = style.regular->FontSize;
    out.line_height = size * style.line_height;
    float x = 0, y = 0;
    for (const Word& word : words) {
        if (x > 0 && x + word.width > wrap) {
            x = 0;
            y += out.line_height;
        }
        for (int k = 0; k < word.frag_count; ++k) {
            const Frag& f = frags[static_cast<size_t>(word.first_frag + k)];
            const char* b = f.begin;
            float fw = f.width;
            // A single fragment wider than the whole line (a long URL): break it by characters.
            while (x == 0 && fw > wrap && word.frag_count == 1) {
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
            // Extend the previous piece when it is the same run on the same line: fewer draw
            // calls, and a wrapped term becomes one focusable item per line.
            if (last && last->run == f.run && last->pos.y == y && last->font == f.font) {
                last->end = f.end;
                last->width = x + fw - last->pos.x;
            } else {
                out.pieces.push_back({f.run, b, f.end, f.font, ImVec2(x, y), fw});
            }
            x += fw;
        }
        x += word.space_after;
    }
    out.height = words.empty() ? 0 : y + out.line_height;
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

void Tooltip(const Run& run, const RichContext& ctx, ImVec2 anchor, bool from_keyboard) {
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
            title = "Source";
            body = &r->text;
        }
    } else if (run.kind == InlineKind::Link) {
        int target = ctx.course->LinkTarget(run.ref);
        if (target >= 0) {
            title = "Go to";
            fallback.push_back({InlineKind::Text, ctx.course->PageAt(target).title, false, false, {}});
            body = &fallback;
        }
    }
    if (!body) return;
    const Fonts& f = *ctx.fonts;
    if (from_keyboard) ImGui::SetNextWindowPos(anchor);
    ImGui::BeginTooltip();
    float width = f.body_px * 24.0f;
    ImGui::PushFont(f.ui_bold);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopFont();
    RichStyle style = BodyStyle(f, *ctx.theme);
    style.interactive = false;
    style.line_height = 1.35f;
    RichText("tip", *body, style, ctx, width);
    if (run.kind == InlineKind::Term) {
        ImGui::PushFont(f.small);
        ImGui::TextDisabled("Enter: open in the glossary");
        ImGui::PopFont();
    } else if (run.kind == InlineKind::Link) {
        ImGui::PushFont(f.small);
        ImGui::TextDisabled("Enter or click: go there");
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

float RichTextHeight(const Inline& runs, const RichStyle& style, float wrap_width) {
    return Build(runs, style, wrap_width).height;
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
        dl->AddText(p.font, p.font->FontSize, pos, col, p.begin, p.end);
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
        bool hovered = ImGui::IsItemHovered();
        bool focused = ImGui::IsItemFocused() && ImGui::GetIO().NavVisible;
        ImGui::PopID();
        if (focused) {
            ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            dl->AddRect(ImVec2(a.x - 3, a.y), ImVec2(b.x + 3, b.y), ImGui::GetColorU32(ImGuiCol_NavHighlight), 3.0f, 0,
                        2.0f);
        }
        if (hovered || focused) Tooltip(run, ctx, ImVec2(pos.x, origin.y + p.pos.y + layout.line_height + 4), focused && !hovered);
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

void WrappedText(ImFont* font, const ImVec4& color, const std::string& text, float wrap_width) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    float x = ImGui::GetCursorPosX();
    ImGui::PushTextWrapPos(wrap_width > 0 ? x + wrap_width : 0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

}  // namespace lectern::ui
